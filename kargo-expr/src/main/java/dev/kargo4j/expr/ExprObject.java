package dev.kargo4j.expr;

/**
 * A host object an expression can read members from ({@code obj.Name}) and call methods on
 * ({@code obj.Method(args)}), such as a Freight commit or a parsed semantic version.
 *
 * <p>Values use the same model as {@link ExprFunction}. Implementations must be thread-safe
 * when the expression is evaluated concurrently.
 */
public interface ExprObject {
  /**
   * Returns the value of a member.
   *
   * @param name the member name as written in the expression
   * @return the value ({@code null} for nil), or {@link #NO_SUCH_MEMBER} when there is none
   */
  Object member(String name);

  /**
   * Calls a method. The default looks the name up with {@link #member(String)} and calls it
   * when it is an {@link ExprFunction}.
   *
   * @param method the method name as written in the expression
   * @param args the evaluated arguments, never {@code null}
   * @return the result, {@code null} for nil
   * @throws IllegalArgumentException when there is no such method or the arguments are wrong
   */
  default Object invoke(String method, java.util.List<Object> args) {
    Object m = member(method);
    if (m instanceof ExprFunction f) {
      return f.call(args);
    }
    throw new IllegalArgumentException("type has no method " + method);
  }

  /**
   * The value this object is marshalled to when a template embeds it or {@code toJSON},
   * {@code asJSON}, {@code asYAML} or {@code quote} print it: what Go's {@code encoding/json}
   * makes of the struct, i.e. a map keyed by the JSON tags with empty fields omitted (for
   * example {@code {"kind": "Warehouse", "name": "w"}} for a FreightOrigin). The default is an
   * empty map, as for a struct without exported fields.
   *
   * @return a value of the value model (maps, lists, strings, numbers, booleans, nil)
   */
  default Object jsonValue() {
    return java.util.Map.of();
  }

  /** Returned by {@link #member(String)} when the object has no such member. */
  Object NO_SUCH_MEMBER =
      new Object() {
        @Override
        public String toString() {
          return "<no such member>";
        }
      };
}
