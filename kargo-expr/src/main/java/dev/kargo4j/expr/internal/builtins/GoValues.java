package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * Go's view of the expression value model: type names as {@code %T} and {@code reflect.Kind}
 * print them, expr's {@code runtime.Equal} and {@code runtime.Less}, and int/float coercions.
 * Stateless and thread-safe.
 */
final class GoValues {
  private GoValues() {}

  /** The name {@code %T} prints for a value ({@code <nil>} for nil). */
  static String typeName(Object v) {
    if (v == null) {
      return "<nil>";
    }
    return staticTypeName(v);
  }

  /**
   * The name expr's type checker prints for a value's type ({@code nil} for nil), as in
   * "cannot use nil as argument".
   */
  static String checkerTypeName(Object v) {
    return v == null ? "nil" : staticTypeName(v);
  }

  private static String staticTypeName(Object v) {
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof InterfaceKeyedMap) {
      return "map[interface {}]interface {}";
    }
    if (v instanceof Map) {
      return "map[string]interface {}";
    }
    if (v instanceof List) {
      return "[]interface {}";
    }
    if (v instanceof ZonedDateTime) {
      return "time.Time";
    }
    if (v instanceof Duration) {
      return "time.Duration";
    }
    if (v instanceof ZoneId) {
      return "*time.Location";
    }
    if (v instanceof ExprFunction) {
      return "func(...interface {}) (interface {}, error)";
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return "int";
    }
    if (v instanceof Float || v instanceof java.math.BigDecimal) {
      return "float64";
    }
    if (v instanceof java.math.BigInteger) {
      return "int";
    }
    return v.getClass().getSimpleName();
  }

  /** The name {@code reflect.Kind} prints for a value ({@code invalid} for nil). */
  static String kindName(Object v) {
    if (v == null) {
      return "invalid";
    }
    if (v instanceof Long || v instanceof Integer) {
      return "int";
    }
    if (v instanceof Double) {
      return "float64";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof Map) {
      return "map";
    }
    if (v instanceof List) {
      return "slice";
    }
    if (v instanceof ZonedDateTime) {
      return "struct";
    }
    if (v instanceof Duration) {
      return "int64";
    }
    if (v instanceof ZoneId) {
      return "ptr";
    }
    if (v instanceof ExprFunction) {
      return "func";
    }
    if (v instanceof ExprObject) {
      return "ptr";
    }
    return "struct";
  }

  /** expr's {@code type()} builtin. */
  static String exprTypeName(Object v) {
    if (v == null) {
      return "nil";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (isInt(v)) {
      return "int";
    }
    if (isFloat(v)) {
      return "float";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof Map) {
      return "map";
    }
    if (v instanceof ExprFunction) {
      return "func";
    }
    if (v instanceof ZonedDateTime) {
      return "time.Time";
    }
    if (v instanceof Duration) {
      return "time.Duration";
    }
    // *time.Location and Kargo's host objects are pointers: reflect names them "unknown".
    return "unknown";
  }

  static boolean isInt(Object v) {
    return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
  }

  static boolean isFloat(Object v) {
    return v instanceof Double || v instanceof Float;
  }

  static boolean isNumber(Object v) {
    return isInt(v) || isFloat(v);
  }

  /** Go's {@code runtime.ToInt}: ints as they are, floats truncated. */
  static long toInt(Object v) {
    if (isInt(v)) {
      return ((Number) v).longValue();
    }
    if (isFloat(v)) {
      return goFloatToInt(((Number) v).doubleValue());
    }
    if (v instanceof Duration d) {
      return d.toNanos();
    }
    throw new IllegalArgumentException("invalid operation: int(" + typeName(v) + ")");
  }

  /** Go's {@code float64 -> int} conversion as amd64 performs it (out of range gives MinInt64). */
  static long goFloatToInt(double d) {
    if (Double.isNaN(d) || d >= 0x1p63 || d < -0x1p63) {
      return Long.MIN_VALUE;
    }
    return (long) d;
  }

  static double toFloat(Object v) {
    if (isNumber(v)) {
      return ((Number) v).doubleValue();
    }
    throw new IllegalArgumentException("invalid operation: float(" + typeName(v) + ")");
  }

  /** expr's {@code runtime.Equal}. */
  static boolean equal(Object a, Object b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    if (isNumber(a) && isNumber(b)) {
      if (isInt(a) && isInt(b)) {
        return ((Number) a).longValue() == ((Number) b).longValue();
      }
      return ((Number) a).doubleValue() == ((Number) b).doubleValue();
    }
    if (a instanceof ZonedDateTime x && b instanceof ZonedDateTime y) {
      return x.toInstant().equals(y.toInstant());
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!equal(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return deepEqual(x, y);
    }
    return a.equals(b);
  }

  /** {@code reflect.DeepEqual} on values of the model: no int/float mixing. */
  private static boolean deepEqual(Object a, Object b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey()) || !deepEqual(e.getValue(), y.get(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!deepEqual(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof ZonedDateTime x && b instanceof ZonedDateTime y) {
      return x.equals(y);
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  /** expr's {@code runtime.Less}; throws for operands it does not order. */
  static boolean less(Object a, Object b) {
    if (isNumber(a) && isNumber(b)) {
      if (isInt(a) && isInt(b)) {
        return ((Number) a).longValue() < ((Number) b).longValue();
      }
      return ((Number) a).doubleValue() < ((Number) b).doubleValue();
    }
    if (a instanceof String x && b instanceof String y) {
      return GoStrings.compareBytes(x, y) < 0;
    }
    if (a instanceof ZonedDateTime x && b instanceof ZonedDateTime y) {
      return x.toInstant().isBefore(y.toInstant());
    }
    if (a instanceof Duration x && b instanceof Duration y) {
      return x.compareTo(y) < 0;
    }
    throw new IllegalArgumentException(
        "invalid operation: " + typeName(a) + " < " + typeName(b));
  }

  /** expr's {@code runtime.More}. */
  static boolean more(Object a, Object b) {
    if (isNumber(a) && isNumber(b)) {
      if (isInt(a) && isInt(b)) {
        return ((Number) a).longValue() > ((Number) b).longValue();
      }
      return ((Number) a).doubleValue() > ((Number) b).doubleValue();
    }
    if (a instanceof String x && b instanceof String y) {
      return GoStrings.compareBytes(x, y) > 0;
    }
    if (a instanceof ZonedDateTime x && b instanceof ZonedDateTime y) {
      return x.toInstant().isAfter(y.toInstant());
    }
    if (a instanceof Duration x && b instanceof Duration y) {
      return x.compareTo(y) > 0;
    }
    throw new IllegalArgumentException(
        "invalid operation: " + typeName(a) + " > " + typeName(b));
  }
}
