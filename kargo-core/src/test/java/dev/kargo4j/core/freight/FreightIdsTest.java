package dev.kargo4j.core.freight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The vectors of KARGO-REFERENCE §1.3 and the alias generator. */
class FreightIdsTest {
  private static final FreightOrigin W = FreightOrigin.warehouse("my-warehouse");
  private static final GitCommit COMMIT = GitCommit.of("https://github.com/example/repo.git", "abc123");
  private static final Image IMAGE = Image.of("public.ecr.aws/nginx/nginx", "1.27.0", "sha256:deadbeef");

  @Test
  void vectorA() {
    assertThat(FreightIds.preimage(W, List.of(COMMIT), List.of(IMAGE), List.of(), List.of())).isEqualTo(
        "Warehouse/my-warehouse:https://github.com/example/repo:abc123|public.ecr.aws/nginx/nginx:1.27.0@sha256:deadbeef");
    assertThat(FreightIds.generate(W, List.of(COMMIT), List.of(IMAGE), List.of(), List.of()))
        .isEqualTo("a6b7cc55ed7a8f392e42b2ccc78576d9d1192a3d");
  }

  @Test
  void vectorB() {
    assertThat(FreightIds.generate(W, List.of(), List.of(IMAGE.withSubscriptionName("frontend")), List.of(), List.of()))
        .isEqualTo("80dbf72dfda9f5f1eebcc989e0dd6ad163ba54aa");
  }

  @Test
  void collectionOfVectorA() {
    String id = FreightIds.generate(W, List.of(COMMIT), List.of(IMAGE), List.of(), List.of());
    assertThat(FreightIds.collectionId(List.of(id))).isEqualTo("d080b3f9394823ef55b4725a9c37d39ab4400a8d");
    FreightCollection c = FreightCollection.of(List.of(new FreightReference(id, W, List.of(COMMIT), List.of(IMAGE), null, null)));
    assertThat(c.id()).isEqualTo("d080b3f9394823ef55b4725a9c37d39ab4400a8d");
    assertThat(c.items()).containsOnlyKeys("Warehouse/my-warehouse");
  }

  @Test
  void aliasesAreAdjectiveAnimalAndDeterministic() {
    FreightAliases a = new FreightAliases(new SplittableRandom(7));
    FreightAliases b = new FreightAliases(new SplittableRandom(7));
    for (int i = 0; i < 20; i++) {
      String alias = a.next();
      assertThat(alias).isEqualTo(b.next()).matches("[a-z]+-[a-z]+");
      String[] parts = alias.split("-");
      assertThat(FreightAliases.ADJECTIVES).contains(parts[0]);
      assertThat(FreightAliases.ANIMALS).contains(parts[1]);
    }
  }

  @Test
  void aliasesAreUniqueAgainstTakenOnes() {
    FreightAliases aliases = new FreightAliases(new SplittableRandom(1));
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      assertThat(taken.add(aliases.generate(taken::contains))).isTrue();
    }
    FreightAliases fixed = new FreightAliases(new FixedRandom());
    Set<String> one = new HashSet<>(Set.of(FreightAliases.ADJECTIVES.get(0) + "-" + FreightAliases.ANIMALS.get(0)));
    assertThat(fixed.generate(one::contains)).isEqualTo(FreightAliases.ADJECTIVES.get(0) + "-" + FreightAliases.ANIMALS.get(0) + "-2");
  }

  /** Always picks the first words. */
  private static final class FixedRandom implements java.util.random.RandomGenerator {
    @Override
    public long nextLong() {
      return 0;
    }

    @Override
    public int nextInt(int bound) {
      return 0;
    }
  }
}
