package dev.kargo4j.core.freight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A Freight ID does not depend on the order of the artifacts, and it is 40 hex characters. */
class FreightIdProperties {

  private static Arbitrary<String> s() {
    return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(8),
        Arbitraries.of("https://github.com/a/b.git", "git@github.com:a/b", "oci://ghcr.io/x/y", "nginx", "v1.0.0", ""));
  }

  @Provide
  Arbitrary<Freight> freight() {
    Arbitrary<GitCommit> commit = Combinators.combine(s(), s(), s(), s()).as((u, id, tag, sub) ->
        new GitCommit(u, id, "", tag, "", "", "", sub));
    Arbitrary<Image> image = Combinators.combine(s(), s(), s(), s()).as((u, t, d, sub) -> new Image(u, t, d, null, sub));
    Arbitrary<Chart> chart = Combinators.combine(s(), s(), s(), s()).as(Chart::new);
    Arbitrary<ArtifactReference> artifact = Combinators.combine(s(), s(), s()).as((t, sub, v) -> new ArtifactReference(t, sub, v, null));
    return Combinators.combine(s(), commit.list().ofMaxSize(4), image.list().ofMaxSize(4),
        chart.list().ofMaxSize(3), artifact.list().ofMaxSize(3))
        .as((w, c, i, ch, a) -> new Object[] {w, c, i, ch, a})
        .filter(x -> ((List<?>) x[1]).size() + ((List<?>) x[2]).size() + ((List<?>) x[3]).size() + ((List<?>) x[4]).size() > 0)
        .map(x -> new Freight(ObjectMeta.of("p", "f"), "", null, FreightOrigin.warehouse((String) x[0]),
            cast(x[1]), cast(x[2]), cast(x[3]), cast(x[4]), null));
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> cast(Object o) {
    return (List<T>) o;
  }

  private static <T> List<T> shuffled(List<T> in, Random r) {
    List<T> out = new ArrayList<>(in);
    Collections.shuffle(out, r);
    return out;
  }

  @Property(tries = 300)
  void idDoesNotDependOnArtifactOrder(@ForAll("freight") Freight f, @ForAll long seed) {
    Random r = new Random(seed);
    Freight reordered = new Freight(f.metadata(), f.alias(), f.discoveredAt(), f.origin(),
        shuffled(f.commits(), r), shuffled(f.images(), r), shuffled(f.charts(), r), shuffled(f.artifacts(), r), f.status());
    String id = FreightIds.generate(f);
    assertThat(FreightIds.generate(reordered)).isEqualTo(id);
    assertThat(id).matches("[0-9a-f]{40}");
  }

  @Property(tries = 200)
  void collectionIdDoesNotDependOnOrder(@ForAll List<@net.jqwik.api.constraints.AlphaChars String> names, @ForAll long seed) {
    assertThat(FreightIds.collectionId(shuffled(names, new Random(seed)))).isEqualTo(FreightIds.collectionId(names));
  }
}
