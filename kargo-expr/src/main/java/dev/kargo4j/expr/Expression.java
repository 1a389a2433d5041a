package dev.kargo4j.expr;

import java.util.Map;

/**
 * A compiled expr-lang expression. Compile once with {@link ExprEngine#compile(String)}, then
 * evaluate many times against different environments.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Expression {
  /** The source text this expression was compiled from. */
  String source();

  /**
   * Evaluates the expression. An unknown name evaluates to nil, as in expr compiled without a
   * typed environment.
   *
   * @param env the variables, never {@code null}; values follow the value model of
   *     {@link dev.kargo4j.expr}; the map is only read
   * @return the result in the value model, {@code null} for nil
   * @throws ExpressionException for every failure, with the position in {@link #source()}
   */
  Object evaluate(Map<String, ?> env);
}
