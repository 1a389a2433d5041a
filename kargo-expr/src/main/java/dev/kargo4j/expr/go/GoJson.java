package dev.kargo4j.expr.go;

import dev.kargo4j.expr.internal.builtins.Builtins;

/**
 * Go's {@code encoding/json} for the expression value model (see {@link dev.kargo4j.expr}):
 * {@code json.Marshal}, {@code json.MarshalIndent} and {@code json.Unmarshal} into
 * {@code interface{}}.
 *
 * <p>Encoding sorts map keys by their bytes, escapes {@code <}, {@code >}, {@code &}, U+2028
 * and U+2029 as {@code \\u003c}-style escapes (Go's HTML-safe default), writes floats as
 * {@link GoFloat#formatJson(double)}, times as RFC 3339 strings, durations as nanoseconds and
 * host objects as their {@link dev.kargo4j.expr.ExprObject#jsonValue()}. Decoding gives
 * {@code Double} for every number, insertion-ordered maps and lists.
 *
 * <p>Stateless and thread-safe.
 */
public final class GoJson {
  private GoJson() {}

  /**
   * {@code json.Marshal(v)}: compact.
   *
   * @param v a value of the expression value model, or null
   * @throws IllegalArgumentException with Go's message for values JSON cannot hold (NaN,
   *     infinities, functions, maps with non-string keys)
   */
  public static String marshal(Object v) {
    return Builtins.toJson(v, null);
  }

  /**
   * {@code json.MarshalIndent(v, "", indent)}; a null or empty indent gives {@link #marshal}.
   *
   * @throws IllegalArgumentException as {@link #marshal} does
   */
  public static String marshalIndent(Object v, String indent) {
    return Builtins.toJson(v, indent);
  }

  /**
   * {@code json.Unmarshal(text, &v)} with {@code v interface{}}.
   *
   * @param text the JSON text, not null
   * @return null, a {@code Boolean}, {@code Double}, {@code String}, {@code List} or {@code Map}
   * @throws IllegalArgumentException with Go's message ({@code invalid character 'x' looking
   *     for beginning of value}, {@code unexpected end of JSON input}) when the text is not one
   *     JSON value
   */
  public static Object unmarshal(String text) {
    return Builtins.fromJson(text);
  }
}
