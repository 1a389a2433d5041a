package dev.kargo4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.Node;

class BoundedYamlTest {
  static final BoundedYaml.Limits LIMITS = new BoundedYaml.Limits(1 << 20, 100, 64, 100_000, 10_000);

  private static List<Node> compose(String text) {
    return BoundedYaml.compose(text, LIMITS, BoundedYaml.Options.STRICT, false);
  }

  @Test
  void aliasesWithinTheLimitsAreShared() {
    List<Node> docs = compose("a: &a {x: 1}\nb: *a\nc: [*a, *a]\n---\nd: 2\n");
    assertThat(docs).hasSize(2);
  }

  @Test
  void expansionCountsCharactersOfScalarAliases() {
    String text = "s: &s " + "x".repeat(1000) + "\nc: [" + "*s, ".repeat(20) + "*s]\n";
    assertThatThrownBy(() -> compose(text)).isInstanceOf(BoundedYaml.Problem.class)
        .hasMessageContaining("expands to more than").hasMessageContaining("plus 10000");
  }

  @Test
  void nestingIsCountedWithAliasesExpanded() {
    // each anchor is 20 deep in the text, but the last one is 20 * 5 deep once expanded
    StringBuilder sb = new StringBuilder("a0: &a0 " + "[".repeat(20) + "]".repeat(20) + "\n");
    for (int i = 1; i < 5; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(' ').append("[".repeat(20))
          .append("*a").append(i - 1).append("]".repeat(20)).append('\n');
    }
    assertThatThrownBy(() -> compose(sb.toString())).isInstanceOf(BoundedYaml.Problem.class)
        .hasMessageContaining("deeper than 64 levels (aliases expanded)");
  }

  @Test
  void aDocumentThatContainsItselfIsRefused() {
    assertThatThrownBy(() -> compose("a: &a {b: [*a]}\n")).isInstanceOf(BoundedYaml.Problem.class)
        .hasMessageContaining("contains itself").satisfies(e -> assertThat(((BoundedYaml.Problem) e).line()).isEqualTo(1));
  }

  @Test
  void snakeYamlLimitsAreReportedInOurWords() {
    assertThatThrownBy(() -> compose("a: " + "[".repeat(100) + "]".repeat(100)))
        .hasMessageContaining("deeper than 64 levels");
    StringBuilder aliases = new StringBuilder("a: &a [1]\nb: [");
    aliases.append("*a, ".repeat(150)).append("*a]\n");
    assertThatThrownBy(() -> compose(aliases.toString())).hasMessageContaining("more than 100 aliases");
    assertThatThrownBy(() -> BoundedYaml.compose("a: " + "x".repeat(200), new BoundedYaml.Limits(100, 1, 1, 1, 1),
        BoundedYaml.Options.STRICT, false)).hasMessageContaining("larger than the limit of 100 characters");
  }
}
