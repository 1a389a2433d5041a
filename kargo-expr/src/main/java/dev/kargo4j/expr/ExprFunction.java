package dev.kargo4j.expr;

/**
 * A function callable from an expression, such as a builtin ({@code upper}) or a function a
 * host registers ({@code commitFrom}).
 *
 * <p>Arguments and the result use the expression value model: {@link Long} (Go int),
 * {@link Double} (float64), {@link String}, {@link Boolean}, {@code null} (nil),
 * {@link java.util.List} (array), {@link java.util.Map} with string keys (map),
 * {@link java.time.ZonedDateTime} (time.Time), {@link java.time.Duration} (time.Duration),
 * {@link ExprObject} (host objects) and {@link ExprFunction} (functions).
 *
 * <p>Implementations must be thread-safe when the expression is evaluated concurrently.
 * A call with wrong arguments throws {@link IllegalArgumentException} with a message in
 * expr's wording.
 */
@FunctionalInterface
public interface ExprFunction {
  /**
   * Calls the function.
   *
   * @param args the evaluated arguments, never {@code null} (elements may be {@code null})
   * @return the result, {@code null} for nil
   */
  Object call(java.util.List<Object> args);
}
