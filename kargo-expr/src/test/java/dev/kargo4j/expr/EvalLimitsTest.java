package dev.kargo4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hostile input is stopped by the limits, always with an ExpressionException. */
class EvalLimitsTest {
  private static final EvalLimits SMALL =
      new EvalLimits(1_000, 32, 1_000, 5_000, Duration.ofSeconds(30), 2_000);

  private final ExprEngine small = ExprEngine.builder().limits(SMALL).build();

  @Test
  void rangeLongerThanTheLimitIsRefused() {
    assertThat(small.evaluate("len(1..1000)", Map.of())).isEqualTo(1000L);
    assertThatThrownBy(() -> small.evaluate("1..1001", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("range of 1001 elements exceeds the limit of 1000");
    assertThatThrownBy(() -> small.compile("a..b").evaluate(Map.of("a", Long.MIN_VALUE,
        "b", Long.MAX_VALUE)))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void deepNestingIsRefusedWhileParsing() {
    String deep = "(".repeat(10_000) + "1" + ")".repeat(10_000);
    assertThatThrownBy(() -> ExprEngine.standard().compile(deep))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("nested too deeply");
    assertThatThrownBy(() -> small.compile("-".repeat(100) + "1"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("nested too deeply");
    assertThatThrownBy(() -> small.compile("[".repeat(40) + "]".repeat(40)))
        .isInstanceOf(ExpressionException.class);
    assertThatThrownBy(() -> small.compile("1" + " + 1".repeat(100)))
        .isInstanceOf(ExpressionException.class);
    assertThat(small.evaluate("1" + " + 1".repeat(20), Map.of())).isEqualTo(21L);
  }

  @Test
  void longChainsThatPassTheParserStillEvaluate() {
    String sum = "1" + " + 1".repeat(200);
    assertThat(ExprEngine.standard().evaluate(sum, Map.of())).isEqualTo(201L);
  }

  @Test
  void expressionLengthIsBounded() {
    assertThatThrownBy(() -> small.compile("1 + 1 ".repeat(500)))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("exceeds the limit of 2000");
  }

  @Test
  void stringsCannotGrowPastTheLimit() {
    assertThatThrownBy(() -> small.evaluate("reduce(1..20, #acc + #acc, 'ab')", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("exceeds the limit of 1000");
    assertThatThrownBy(() -> small.evaluate("repeat('abc', n)", Map.of("n", 1_000_000_000L)))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("exceeds the limit of 1000");
  }

  @Test
  void manyLargeStringsTogetherExceedTheBudget() {
    assertThat(small.evaluate("len(repeat('x', 900))", Map.of())).isEqualTo(900L);
    assertThatThrownBy(() -> small.evaluate("map(1..10, repeat('x', 900 + #))", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("memory budget exceeded");
  }

  @Test
  void collectionsCannotGrowPastTheLimit() {
    assertThatThrownBy(() -> small.evaluate("flatten(map(1..100, 1..100))", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("exceeds the limit of 5000");
    assertThatThrownBy(() -> small.evaluate("flatten(xs)", Map.of("xs", List.of(
        java.util.Collections.nCopies(3000, 1L), java.util.Collections.nCopies(3000, 2L)))))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("collection of 6000 elements exceeds the limit of 5000");
  }

  @Test
  void allCollectionsTogetherShareOneBudget() {
    // each inner list is small, but together they would hold a billion elements
    assertThatThrownBy(() -> ExprEngine.standard()
        .evaluate("map(1..1000, map(1..1000, map(1..1000, 0)))", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("memory budget exceeded");
    assertThat(small.evaluate("len(map(1..10, [#, #]))", Map.of())).isEqualTo(10L);
  }

  @Test
  void theTimeBudgetStopsLongLoops() {
    ExprEngine hasty =
        ExprEngine.builder().limits(EvalLimits.defaults().withTimeBudget(Duration.ofNanos(1)))
            .build();
    assertThatThrownBy(() -> hasty.evaluate("count(1..100000, # % 2 == 0)", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("time budget");
  }

  @Test
  void catastrophicRegexPatternsRunInLinearTimeWithoutNeedingTheTimeBudget() {
    // RE2 has no backtracking: what used to need the time budget now simply answers
    ExprEngine hasty =
        ExprEngine.builder().limits(EvalLimits.defaults().withTimeBudget(Duration.ofMillis(50)))
            .build();
    String evil = "a".repeat(30);
    assertThat(hasty.evaluate("s matches '(.*a){25}'", Map.of("s", evil))).isEqualTo(true);
    assertThat(hasty.evaluate("s matches '(.*a){25}b'", Map.of("s", evil))).isEqualTo(false);
  }

  @Test
  void cyclicValuesAreRefusedNotOverflowingTheStack() {
    Map<String, Object> cyclic = new HashMap<>();
    List<Object> list = new java.util.ArrayList<>();
    list.add(cyclic);
    cyclic.put("self", list);
    Map<String, Object> env = Map.of("a", cyclic, "b", cyclic);
    Map<String, Object> other = new HashMap<>();
    List<Object> list2 = new java.util.ArrayList<>();
    list2.add(other);
    other.put("self", list2);
    assertThatThrownBy(() -> small.evaluate("a == b2", Map.of("a", cyclic, "b2", other)))
        .isInstanceOf(ExpressionException.class);
    assertThatThrownBy(() -> small.evaluate("toJSON(a)", env))
        .isInstanceOf(ExpressionException.class);
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new EvalLimits(1, 0, 1, 1, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new EvalLimits(1, 1, 1, 1, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
