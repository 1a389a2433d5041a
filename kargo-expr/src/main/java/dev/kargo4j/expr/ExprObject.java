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

  /** Returned by {@link #member(String)} when the object has no such member. */
  Object NO_SUCH_MEMBER =
      new Object() {
        @Override
        public String toString() {
          return "<no such member>";
        }
      };
}
