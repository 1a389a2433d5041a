package dev.kargo4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every failure is an ExpressionException that names the text, the position and what fits. */
class ErrorPositionTest {
  private final ExprEngine engine = ExprEngine.standard();

  private ExpressionException failure(String source, Map<String, ?> env) {
    return catchThrowableOfType(ExpressionException.class,
        () -> engine.compile(source).evaluate(env));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "a + (b))|1|8|unexpected token ')'|an operator or the end of the expression",
        "1 +* 2|1|4|unexpected token '*'|an operand",
        "(1 + 2|1|6|unexpected end of expression|')'",
        "'unterminated|1|14|literal not terminated|a closing '",
        "{-}|1|2|a map key must be|a map key",
        "1 @ 2|1|3|unrecognized character: U+0040 '@'|an operator",
        "\"1\" == 1|1|5|mismatched types string and int|comparable types",
        "1 && true|1|3|mismatched types int and bool|bool operands",
        "len()|1|1|invalid number of arguments (expected 1, got 0)|1 argument",
        "upper(1)|1|1|cannot use int as argument (type string) to call upper|a string",
        "map(ls, 1; 2)|1|10|wrap predicate with brackets|'{' ... '}'",
        "'a' matches '('|1|13|error parsing regexp|a valid RE2 regular expression",
        "1 % 0|1|3|integer divide by zero|a non-zero divisor",
        "foo.|1|4|unexpected end of expression|a member name",
      })
  void compileErrorsArePositioned(
      String source, int line, int column, String reason, String expected) {
    ExpressionException e =
        catchThrowableOfType(ExpressionException.class,
        () -> engine.compile(source));
    assertThat(e).as(source).isNotNull();
    assertThat(e.expression()).isEqualTo(source);
    assertThat(e.line()).as("line of " + e.getMessage()).isEqualTo(line);
    assertThat(e.column()).as("column of " + e.getMessage()).isEqualTo(column);
    assertThat(e.reason()).contains(reason);
    assertThat(e.expected()).contains(expected);
    assertThat(e.getMessage())
        .contains(" at " + line + ":" + column + " in \"" + source + "\": expected ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "n.a|1|3|cannot fetch a from <nil>",
        "x.y.z.w|1|7|cannot fetch w from <nil>",
        "[1, 2, 3][5]|1|10|index out of range: 5 (array length is 3)",
        "x < 'a'|1|3|invalid operation: int < string",
        "x % zero|1|3|integer divide by zero",
        "reduce([], # + #acc)|1|1|reduce of empty array with no initial value",
        "missing(1)|1|1|cannot call nil",
        "x && true|1|3|is map[string]interface {}, not bool",
      })
  void runtimeErrorsArePositioned(String source, int line, int column, String reason) {
    Map<String, Object> env = new java.util.HashMap<>();
    env.put("n", null);
    env.put("x", Map.of("y", Map.of()));
    if (source.startsWith("x <") || source.startsWith("x %")) {
      env.put("x", 1L);
    }
    env.put("zero", 0L);
    env.put("s", "abc");
    ExpressionException e = failure(source, env);
    assertThat(e).as(source).isNotNull();
    assertThat(e.reason()).contains(reason);
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
    assertThat(e.expected()).isNotEmpty();
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> templates() {
    return java.util.stream.Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(
            "abc\n  ${{ x.y }}", 2, 9, "cannot fetch y from <nil>"),
        org.junit.jupiter.params.provider.Arguments.of(
            "a ${{ 1 + }} b", 1, 10, "unexpected end of expression"),
        org.junit.jupiter.params.provider.Arguments.of(
            "ok ${{ 1 }} ${{ 2", 1, 13, "unclosed expression"));
  }

  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("templates")
  void templateErrorsArePositionedInTheTemplate(
      String template, int line, int column, String reason) {
    ExpressionException e =
        catchThrowableOfType(ExpressionException.class,
        () -> engine.render(template, Map.of()));
    assertThat(e).isNotNull();
    assertThat(e.expression()).isEqualTo(template);
    assertThat(e.reason()).contains(reason);
    assertThat(e.line()).isEqualTo(line);
    assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
  }
}
