package dev.kargo4j.expr.go;

import dev.kargo4j.expr.internal.builtins.Builtins;

/**
 * The parts of Go's {@code fmt} that Kargo's output depends on: {@code %v} and {@code %T} of a
 * value ({@code %q} is {@link GoStrconv#quote}).
 *
 * <p>Values follow the expression value model described in {@link dev.kargo4j.expr}: ints
 * ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger}) print as
 * integers, floats ({@code Double}, {@code Float}, {@code BigDecimal}) as
 * {@link GoFloat#formatV(double)}, lists as {@code [a b]}, maps as {@code map[k:v]} with sorted
 * keys, null as {@code <nil>}, times and durations as Go prints them.
 *
 * <p>Stateless and thread-safe.
 */
public final class GoFmt {
  private GoFmt() {}

  /**
   * {@code fmt.Sprintf("%v", v)}.
   *
   * @param v any value of the expression value model, or null
   * @return the text, never null
   */
  public static String formatV(Object v) {
    return Builtins.formatV(v);
  }

  /**
   * {@code fmt.Sprintf("%T", v)} for the expression value model, as error messages print it:
   * {@code <nil>}, {@code int}, {@code float64}, {@code string}, {@code bool},
   * {@code []interface {}}, {@code map[string]interface {}}, {@code time.Time},
   * {@code time.Duration}; any other object by its simple class name.
   *
   * @param v any value, or null
   */
  public static String typeName(Object v) {
    return Builtins.goType(v);
  }
}
