package dev.kargo4j.expr;

import java.util.Map;

/**
 * A compiled Kargo template string: text with embedded expressions delimited by {@code ${{ }}},
 * {@code ${% %}} or {@code $<< >>}. Compile once with {@link ExprEngine#compileTemplate(String)}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Template {
  /** The template text this was compiled from. */
  String text();

  /** Whether the text contains at least one opening delimiter. */
  boolean hasExpressions();

  /**
   * Renders the template with Kargo's typing of the result: a text without delimiters comes
   * back unchanged; otherwise the expressions' results are concatenated (strings raw, other
   * values as compact JSON) and the whole text is typed as a quoted string, a number (as a
   * {@link Double}), a boolean, a JSON value or a plain string.
   *
   * @param env the variables, never {@code null}
   * @return the typed result, {@code null} for JSON null
   * @throws ExpressionException for every failure, positioned in {@link #text()}
   */
  Object render(Map<String, ?> env);
}
