package dev.kargo4j.expr;

import dev.kargo4j.KargoException;

/**
 * The one exception an expression or a template raises: lexing, parsing, type checking, runtime
 * type errors, exceeded {@link EvalLimits} and failures of host functions all end here.
 *
 * <p>It carries the expression (or template) text, the 1-based line and column of the offending
 * token (columns count Unicode code points) and a short description of what was expected there.
 * The message reads like {@code unexpected token ')' at 1:8 in "a + (b))": expected an
 * operator or the end of the expression}.
 *
 * <p>Instances are immutable. Messages never contain environment values other than those the
 * expression text itself spells out.
 */
public class ExpressionException extends KargoException {
  private static final long serialVersionUID = 1L;

  private final String expression;
  private final int line;
  private final int column;
  private final String expected;
  private final String reason;

  /**
   * Creates an exception.
   *
   * @param reason what went wrong, without position (e.g. {@code cannot fetch y from <nil>})
   * @param expression the expression or template text, never {@code null}
   * @param line the 1-based line
   * @param column the 1-based column, in code points
   * @param expected what would have been accepted there, never {@code null}
   * @param cause the underlying failure (a host function's exception), or {@code null}
   */
  public ExpressionException(
      String reason, String expression, int line, int column, String expected, Throwable cause) {
    super(format(reason, expression, line, column, expected), cause);
    this.reason = reason;
    this.expression = expression;
    this.line = line;
    this.column = column;
    this.expected = expected;
  }

  private static String format(
      String reason, String expression, int line, int column, String expected) {
    StringBuilder sb = new StringBuilder(reason.length() + expression.length() + 48);
    sb.append(reason).append(" at ").append(line).append(':').append(column).append(" in \"");
    String shown = expression.length() > 200 ? expression.substring(0, 200) + "..." : expression;
    sb.append(shown).append('"');
    if (!expected.isEmpty()) {
      sb.append(": expected ").append(expected);
    }
    return sb.toString();
  }

  /** The expression or template text the failure is in. */
  public String expression() {
    return expression;
  }

  /** The 1-based line of the failure. */
  public int line() {
    return line;
  }

  /** The 1-based column of the failure, counted in Unicode code points. */
  public int column() {
    return column;
  }

  /** What would have been accepted at the failing position; never {@code null}. */
  public String expected() {
    return expected;
  }

  /** The failure without position and expression, e.g. {@code cannot fetch y from <nil>}. */
  public String reason() {
    return reason;
  }
}
