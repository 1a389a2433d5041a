package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.go.GoDuration;
import java.time.Duration;
import java.util.List;

/**
 * Argument checks with expr's wording. Arity is known when expr compiles a call, so arity
 * errors use the type checker's words ("not enough arguments to call upper" for functions
 * declared with Go signatures, "invalid number of arguments (expected 1, got 2)" for functions
 * with a validator). Stateless and thread-safe.
 */
final class Args {
  private Args() {}

  /** For builtins declared with Go signatures: between min and max arguments. */
  static void count(String fn, List<Object> args, int min, int max) {
    if (args.size() < min) {
      throw new IllegalArgumentException("not enough arguments to call " + fn);
    }
    if (args.size() > max) {
      throw new IllegalArgumentException("too many arguments to call " + fn);
    }
  }

  /** For builtins with a validator: exactly n arguments. */
  static void exactly(List<Object> args, int n) {
    if (args.size() != n) {
      throw new IllegalArgumentException(
          "invalid number of arguments (expected " + n + ", got " + args.size() + ")");
    }
  }

  static IllegalArgumentException cannotUse(String fn, Object v, String goType) {
    return new IllegalArgumentException(
        "cannot use "
            + GoValues.checkerTypeName(v)
            + " as argument (type "
            + goType
            + ") to call "
            + fn);
  }

  static String string(String fn, List<Object> args, int i) {
    Object v = args.get(i);
    if (v instanceof String s) {
      return s;
    }
    throw cannotUse(fn, v, "string");
  }

  /** An int parameter: Go ints, and floats truncated as expr's runtime.ToInt does. */
  static long integer(String fn, List<Object> args, int i) {
    Object v = args.get(i);
    if (GoValues.isInt(v)) {
      return ((Number) v).longValue();
    }
    if (GoValues.isFloat(v)) {
      return GoValues.goFloatToInt(((Number) v).doubleValue());
    }
    throw cannotUse(fn, v, "int");
  }

  /** A time.Duration parameter: a Duration, or an int count of nanoseconds. */
  static long durationNanos(String fn, List<Object> args, int i) {
    Object v = args.get(i);
    if (v instanceof Duration d) {
      return GoDuration.nanos(d);
    }
    if (GoValues.isInt(v)) {
      return ((Number) v).longValue();
    }
    throw cannotUse(fn, v, "time.Duration");
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object v) {
    return (List<Object>) v;
  }
}
