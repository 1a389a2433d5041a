package dev.kargo4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, findings 6 and 7, as attacks: a regex that backtracks catastrophically in a
 * backtracking engine, and expressions that build more text than the memory budget allows.
 */
class ExprSecurityTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void matchesOnAShortInputDoesNotBacktrackForHours() {
    // under 16 chars the old engine skipped the time guard; nested stars make it n^k
    String evil = "aaaaaaaaaaaaaa!";
    String re = "^(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*(a*)*$";
    Object r = assertTimeoutPreemptively(SECOND,
        () -> ExprEngine.standard().evaluate("s matches r", Map.of("s", evil, "r", re)));
    assertThat(r).isEqualTo(false);
  }

  @Test
  void matchesOfTheClassicEvilPatternAnswersAtOnce() {
    String evil = "a".repeat(5_000) + "!";
    Object r = assertTimeoutPreemptively(SECOND,
        () -> ExprEngine.standard().evaluate("s matches '(a+)+$'", Map.of("s", evil)));
    assertThat(r).isEqualTo(false);
  }

  @Test
  void templateMatchesIsLinearToo() {
    String evil = "a".repeat(5_000) + "!";
    Object r = assertTimeoutPreemptively(SECOND, () -> ExprEngine.standard()
        .compileTemplate("${{ s matches '(a|aa)+$' }}").render(Map.of("s", evil)));
    assertThat(r).isEqualTo(false);
  }

  @Test
  void lookAroundAndBackReferencesFailAsInGo() {
    assertThatThrownBy(() -> ExprEngine.standard().compile("'ab' matches 'a(?=b)'"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("invalid or unsupported Perl syntax: `(?=`");
    assertThatThrownBy(() -> ExprEngine.standard().evaluate("s matches r",
        Map.of("s", "aa", "r", "(a)\\1")))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("invalid escape sequence: `\\1`");
  }

  @Test
  void stringConcatenationCountsAgainstTheMemoryBudget() {
    ExprEngine small = ExprEngine.builder()
        .limits(new EvalLimits(1_000, 64, 1_000, 5_000, Duration.ofSeconds(5), 2_000)).build();
    // each + stays under the 1,000-char limit; together they hold 90,000 chars
    assertThatThrownBy(() -> small.evaluate(
        "let s = repeat('x', 900); map(1..100, s + string(#))", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("memory budget exceeded");
  }

  @Test
  void doublingInAReduceIsStoppedByTheBudget() {
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> ExprEngine.standard().evaluate(
            "reduce(1..64, #acc + #acc, 'x')", Map.of())))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void toJsonOfASharedHugeValueFailsBeforeBuildingIt() {
    // 512 references to one 8 M-char string in three nested literals: 24 elements, 4 G chars
    String expr = "let s = repeat('x', 500000); let t = s + s; let u = t + t; let v = u + u; let w = v + v; let a = [w, w, w, w, w, w, w, w]; "
        + "let b = [a, a, a, a, a, a, a, a]; toJSON([b, b, b, b, b, b, b, b])";
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> ExprEngine.standard().evaluate(expr, Map.of())))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("memory budget exceeded");
  }

  @Test
  void stringOfASharedHugeValueFailsBeforeBuildingIt() {
    String expr = "let s = repeat('x', 500000); let t = s + s; let u = t + t; let v = u + u; let w = v + v; let a = [w, w, w, w, w, w, w, w]; "
        + "let b = [a, a, a, a, a, a, a, a]; string([b, b, b, b, b, b, b, b])";
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> ExprEngine.standard().evaluate(expr, Map.of())))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("memory budget exceeded");
  }

  @Test
  void joinOfManyReferencesFailsBeforeBuildingIt() {
    String expr = "let s = repeat('x', 500000); let t = s + s; let u = t + t; let v = u + u; let w = v + v; let a = [w, w, w, w, w, w, w, w]; "
        + "join(flatten([a, a, a, a, a, a, a, a]), ',')";
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> ExprEngine.standard().evaluate(expr, Map.of())))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("memory budget exceeded");
  }

  @Test
  void templateMarshallingOfASharedHugeValueFailsBeforeBuildingIt() {
    String text = "${{ let s = repeat('x', 500000); let t = s + s; let u = t + t; let v = u + u; let w = v + v; let a = [w, w, w, w, w, w, w, w]; "
        + "[a, a, a, a, a, a, a, a] }}";
    assertThatThrownBy(() -> assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> ExprEngine.standard().compileTemplate("x" + text).render(Map.of())))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("memory budget exceeded");
  }

  @Test
  void splitIntoMillionsOfPiecesIsRefusedBeforeThePiecesExist() {
    ExprEngine small = ExprEngine.builder()
        .limits(new EvalLimits(1_000, 64, 100_000, 5_000, Duration.ofSeconds(5), 2_000)).build();
    assertThatThrownBy(() -> small.evaluate("split(repeat('ab', 40000), '')", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("memory budget exceeded");
    assertThat(small.evaluate("len(split(repeat('a,', 2000), ','))", Map.of())).isEqualTo(2001L);
  }

  @Test
  void replaceThatWouldGrowPastTheLimitIsRefusedBeforeBuilding() {
    ExprEngine small = ExprEngine.builder()
        .limits(new EvalLimits(1_000, 64, 100_000, 5_000, Duration.ofSeconds(5), 2_000)).build();
    assertThatThrownBy(() -> small.evaluate(
        "let s = repeat('x', 50000); replace(s, 'x', s)", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("memory budget exceeded");
  }
}
