package dev.kargo4j.expr.internal.eval;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The value model: normalisation of host values and Go type names for messages. */
public final class Values {
  private Values() {}

  /**
   * Brings a host value into the value model: other integer types become {@link Long}, other
   * floating types {@link Double}, object arrays {@link List}s. Everything else is returned as
   * is.
   */
  public static Object norm(Object v) {
    if (v == null) {
      return null;
    }
    Class<?> type = v.getClass();
    if (type == String.class || type == Long.class || type == Boolean.class
        || type == Double.class) {
      return v;
    }
    if (v instanceof Map || v instanceof List || v instanceof ExprObject) {
      return v;
    }
    if (v instanceof Integer i) {
      return (long) i;
    }
    if (v instanceof Short s) {
      return (long) s;
    }
    if (v instanceof Byte b) {
      return (long) b;
    }
    if (v instanceof Float f) {
      return (double) f;
    }
    if (v instanceof BigInteger bi) {
      return bi.bitLength() < 64 ? (Object) bi.longValue() : (Object) bi.doubleValue();
    }
    if (v instanceof BigDecimal bd) {
      return bd.doubleValue();
    }
    if (v instanceof java.util.concurrent.atomic.AtomicLong al) {
      return al.get();
    }
    if (v instanceof java.util.concurrent.atomic.AtomicInteger ai) {
      return (long) ai.get();
    }
    if (v instanceof Character c) {
      return (long) c.charValue();
    }
    if (v instanceof Object[] arr) {
      return Arrays.asList(arr);
    }
    return v;
  }

  /** Go's {@code %T} of a value, as expr's runtime messages print it. */
  public static String typeName(Object v) {
    if (v == null) {
      return "<nil>";
    }
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
    if (v instanceof List) {
      return "[]interface {}";
    }
    if (v instanceof Map) {
      return "map[string]interface {}";
    }
    if (v instanceof ZonedDateTime) {
      return "time.Time";
    }
    if (v instanceof Duration) {
      return "time.Duration";
    }
    if (v instanceof ExprFunction) {
      return "func(...interface {}) (interface {}, error)";
    }
    if (v instanceof ExprObject) {
      return v.getClass().getSimpleName();
    }
    Object n = norm(v);
    if (n != v) {
      return typeName(n);
    }
    return Lib.goType(v);
  }

  /** Go's {@code %v} of a key or index, for messages. */
  static String show(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String || v instanceof Long || v instanceof Boolean) {
      return v.toString();
    }
    if (v instanceof Double d) {
      return Lib.formatV(d);
    }
    return typeName(v);
  }
}
