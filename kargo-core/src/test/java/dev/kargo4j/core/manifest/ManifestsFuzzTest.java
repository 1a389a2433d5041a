package dev.kargo4j.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.internal.HostileDocuments;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Issue 13, finding 10: hostile manifests (alias bombs, scalar amplification, deep nesting,
 * huge scalars, custom tags, bad UTF-8, random Kargo-ish trees) either load or fail with a
 * {@link KargoException}, within ten seconds (minutes before the fix), and whatever loads can be written back out
 * just as quickly (the fuzz JVM runs with -Xmx192m and exits on OutOfMemoryError).
 */
class ManifestsFuzzTest {
  private static final String HEADER = """
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Promotion
      metadata: {name: p, namespace: demo}
      spec:
        stage: dev
        freight: f1
        steps:
        - uses: fail
          config:
      """;

  @Provide
  Arbitrary<byte[]> manifests() {
    // hostile documents alone, and as the free-form config of a step of a valid Promotion
    Arbitrary<byte[]> inPromotion = HostileDocuments.text().map(doc -> {
      StringBuilder sb = new StringBuilder(HEADER);
      doc.lines().forEach(l -> sb.append("      ").append(l).append('\n'));
      return sb.toString().getBytes(StandardCharsets.UTF_8);
    });
    return Arbitraries.oneOf(HostileDocuments.bytes(), inPromotion);
  }

  @Property(tries = 250)
  void everyManifestLoadsOrFailsWithAKargoException(@ForAll("manifests") byte[] manifest) {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        ManifestSet set = Manifests.defaults().read("fuzz.yaml", new ByteArrayInputStream(manifest));
        for (Object o : set.all()) {
          // writing out is where an amplified manifest used to blow up
          assertThat(Manifests.toYaml(o)).isNotEmpty();
        }
      } catch (KargoException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
      try {
        Manifests.loadString("fuzz.yaml", new String(manifest, StandardCharsets.UTF_8));
      } catch (KargoException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    });
  }
}
