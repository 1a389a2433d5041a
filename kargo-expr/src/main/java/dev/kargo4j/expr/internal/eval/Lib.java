package dev.kargo4j.expr.internal.eval;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.internal.builtins.Builtins;
import java.util.List;
import java.util.Map;

/**
 * The evaluator's single door to the builtin library ({@link Builtins}): the non-predicate
 * functions, methods of time values, Go formatting and JSON.
 */
public final class Lib {
  private Lib() {}

  private static final Map<String, ExprFunction> FUNCTIONS = Builtins.functions();

  /** The builtin functions by name, with {@code now()} on the system clock. */
  public static Map<String, ExprFunction> functions() {
    return FUNCTIONS;
  }

  /** The builtin functions by name, with {@code now()} on {@code clock}. */
  public static Map<String, ExprFunction> functions(java.time.Clock clock) {
    return Builtins.functions(clock);
  }

  /** A field-style member of a time value, or {@code ExprObject.NO_SUCH_MEMBER}. */
  public static Object member(Object target, String name) {
    return Builtins.member(target, name);
  }

  /** A method call on a time value, or {@code ExprObject.NO_SUCH_MEMBER}. */
  public static Object invoke(Object target, String method, List<Object> args) {
    return Builtins.invoke(target, method, args);
  }

  /** Go's {@code %v}. */
  public static String formatV(Object v) {
    return Builtins.formatV(v);
  }

  /** How many strings {@code split(s, sep, n)} returns at most, without building them. */
  public static long splitPieces(String s, String sep, long n) {
    return Builtins.splitPieces(s, sep, n);
  }

  /** Go's encoding/json; a {@code null} indent is the compact {@code json.Marshal}. */
  public static String toJson(Object v, String indent) {
    return Builtins.toJson(v, indent);
  }

  /** Go's {@code json.Unmarshal} into {@code interface{}}: numbers are doubles. */
  public static Object fromJson(String text) {
    return Builtins.fromJson(text);
  }

  /** Time arithmetic, or {@code null} when it does not apply. */
  public static Object timeArithmetic(String op, Object left, Object right) {
    return Builtins.timeArithmetic(op, left, right);
  }

  /** Go's {@code %T} of values the value model does not name itself. */
  public static String goType(Object v) {
    return Builtins.goType(v);
  }
}
