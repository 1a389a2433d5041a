package dev.kargo4j.expr.internal.eval;

import dev.kargo4j.expr.ExprObject;
import dev.kargo4j.expr.internal.ExprError;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * expr's runtime operations (vm/runtime) on the value model: arithmetic with Go's int64 and
 * float64 rules, equality, ordering, membership, fetching and slicing. Failures are
 * {@link ExprError}s positioned at the operator.
 */
public final class Ops {
  private Ops() {}

  /** How deep {@link #equal} and friends walk nested values before refusing. */
  static final int MAX_VALUE_DEPTH = 1000;

  static ExprError invalid(int pos, Object a, String op, Object b, String expected) {
    return new ExprError(pos, "invalid operation: " + Values.typeName(a) + " " + op + " "
        + Values.typeName(b), expected);
  }

  // ---- arithmetic ------------------------------------------------------------------------

  static Object add(int pos, Frame f, Object a, Object b) {
    if (a instanceof Long x) {
      if (b instanceof Long y) {
        return x + y;
      }
      if (b instanceof Double y) {
        return x + y;
      }
    } else if (a instanceof Double x) {
      if (b instanceof Long y) {
        return x + y;
      }
      if (b instanceof Double y) {
        return x + y;
      }
    } else if (a instanceof String x && b instanceof String y) {
      if (f != null) {
        // the result is new text: counted against the budget before it is built
        f.allocateChars(pos, (long) x.length() + y.length());
      }
      return x.concat(y);
    }
    Object t = time(pos, "+", a, b);
    if (t != null) {
      return t;
    }
    throw invalid(pos, a, "+", b, "two numbers, two strings, or a time and a duration");
  }

  static Object sub(int pos, Object a, Object b) {
    if (a instanceof Long x) {
      if (b instanceof Long y) {
        return x - y;
      }
      if (b instanceof Double y) {
        return x - y;
      }
    } else if (a instanceof Double x) {
      if (b instanceof Long y) {
        return x - y;
      }
      if (b instanceof Double y) {
        return x - y;
      }
    }
    Object t = time(pos, "-", a, b);
    if (t != null) {
      return t;
    }
    throw invalid(pos, a, "-", b, "numbers, times or durations");
  }

  static Object mul(int pos, Object a, Object b) {
    if (a instanceof Long x) {
      if (b instanceof Long y) {
        return x * y;
      }
      if (b instanceof Double y) {
        return x * y;
      }
    } else if (a instanceof Double x) {
      if (b instanceof Long y) {
        return x * y;
      }
      if (b instanceof Double y) {
        return x * y;
      }
    }
    Object t = time(pos, "*", a, b);
    if (t != null) {
      return t;
    }
    throw invalid(pos, a, "*", b, "numbers or durations");
  }

  static double div(int pos, Object a, Object b) {
    if ((a instanceof Long || a instanceof Double) && (b instanceof Long || b instanceof Double)) {
      return ((Number) a).doubleValue() / ((Number) b).doubleValue();
    }
    throw invalid(pos, a, "/", b, "numbers");
  }

  static long mod(int pos, Object a, Object b) {
    if (a instanceof Long x && b instanceof Long y) {
      if (y == 0) {
        throw new ExprError(pos, "runtime error: integer divide by zero", "a non-zero divisor");
      }
      return x % y;
    }
    throw invalid(pos, a, "%", b, "integers");
  }

  static double pow(int pos, Object a, Object b) {
    return Math.pow(toFloat(pos, a), toFloat(pos, b));
  }

  static Object negate(int pos, Object v) {
    if (v instanceof Long x) {
      return -x;
    }
    if (v instanceof Double x) {
      return -x;
    }
    throw new ExprError(pos, "invalid operation: - " + Values.typeName(v), "a number");
  }

  static double toFloat(int pos, Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d) {
      return d;
    }
    throw new ExprError(pos, "invalid operation: float(" + Values.typeName(v) + ")", "a number");
  }

  /** Go's int(x) of a number: floats truncate toward zero (and saturate like amd64 does). */
  static long toInt(int pos, Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Double d) {
      if (Double.isNaN(d) || d >= 9.223372036854775807E18 || d < -9.223372036854775808E18) {
        return Long.MIN_VALUE;
      }
      return (long) (double) d;
    }
    throw new ExprError(pos, "invalid operation: int(" + Values.typeName(v) + ")", "an integer");
  }

  private static Object time(int pos, String op, Object a, Object b) {
    if (a instanceof ZonedDateTime || a instanceof Duration
        || b instanceof ZonedDateTime || b instanceof Duration) {
      try {
        return Lib.timeArithmetic(op, a, b);
      } catch (ExprError e) {
        throw e.at(pos);
      } catch (RuntimeException e) {
        throw new ExprError(pos, String.valueOf(e.getMessage()), "a valid time operation", e);
      }
    }
    return null;
  }

  // ---- equality and order ------------------------------------------------------------------

  /** expr's runtime.Equal: numbers by value, arrays element-wise, maps deeply and strictly. */
  public static boolean equal(Object a, Object b) {
    return equal(a, b, 0);
  }

  private static boolean equal(Object a, Object b, int depth) {
    if (a == b) {
      return !(a instanceof Double d) || !d.isNaN();
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof Long x) {
      if (b instanceof Long y) {
        return x.longValue() == y.longValue();
      }
      if (b instanceof Double y) {
        return (double) x == y;
      }
      return false;
    }
    if (a instanceof Double x) {
      if (b instanceof Double y) {
        return x.doubleValue() == y.doubleValue();
      }
      if (b instanceof Long y) {
        return x == (double) y;
      }
      return false;
    }
    if (a instanceof String) {
      return a.equals(b);
    }
    if (a instanceof Boolean) {
      return a.equals(b);
    }
    if (a instanceof List<?> x) {
      if (!(b instanceof List<?> y) || x.size() != y.size()) {
        return false;
      }
      guard(depth);
      for (int i = 0; i < x.size(); i++) {
        if (!equal(Values.norm(x.get(i)), Values.norm(y.get(i)), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x) {
      return b instanceof Map<?, ?> y && deepEqual(x, y, depth);
    }
    if (a instanceof ZonedDateTime x) {
      return b instanceof ZonedDateTime y && x.toInstant().equals(y.toInstant());
    }
    Object na = Values.norm(a);
    Object nb = Values.norm(b);
    if (na != a || nb != b) {
      return equal(na, nb, depth);
    }
    return a.equals(b);
  }

  private static void guard(int depth) {
    if (depth > MAX_VALUE_DEPTH) {
      throw new ExprError(-1, "value is nested too deeply (more than " + MAX_VALUE_DEPTH
          + " levels)", "a value nested at most " + MAX_VALUE_DEPTH + " levels deep");
    }
  }

  /** reflect.DeepEqual on interface values: same dynamic types all the way down. */
  private static boolean deepEqual(Object a, Object b, int depth) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    a = Values.norm(a);
    b = Values.norm(b);
    if (a instanceof Map<?, ?> x) {
      if (!(b instanceof Map<?, ?> y) || x.size() != y.size()) {
        return false;
      }
      guard(depth);
      for (Map.Entry<?, ?> e : x.entrySet()) {
        if (!y.containsKey(e.getKey())) {
          return false;
        }
        if (!deepEqual(e.getValue(), y.get(e.getKey()), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x) {
      if (!(b instanceof List<?> y) || x.size() != y.size()) {
        return false;
      }
      guard(depth);
      for (int i = 0; i < x.size(); i++) {
        if (!deepEqual(x.get(i), y.get(i), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Double x && b instanceof Double y) {
      return x.doubleValue() == y.doubleValue();
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  /** Comparison operators: 0 {@code <}, 1 {@code >}, 2 {@code <=}, 3 {@code >=}. */
  static boolean compare(int pos, int op, Object a, Object b) {
    if (a instanceof Long x) {
      if (b instanceof Long y) {
        long l = x;
        long r = y;
        return op == 0 ? l < r : op == 1 ? l > r : op == 2 ? l <= r : l >= r;
      }
      if (b instanceof Double y) {
        return cmpDouble(op, (double) x, y);
      }
    } else if (a instanceof Double x) {
      if (b instanceof Double y) {
        return cmpDouble(op, x, y);
      }
      if (b instanceof Long y) {
        return cmpDouble(op, x, (double) y);
      }
    } else if (a instanceof String x && b instanceof String y) {
      int c = compareStrings(x, y);
      return op == 0 ? c < 0 : op == 1 ? c > 0 : op == 2 ? c <= 0 : c >= 0;
    } else if (a instanceof ZonedDateTime x && b instanceof ZonedDateTime y) {
      int c = x.toInstant().compareTo(y.toInstant());
      return op == 0 ? c < 0 : op == 1 ? c > 0 : op == 2 ? c <= 0 : c >= 0;
    } else if (a instanceof Duration x && b instanceof Duration y) {
      int c = x.compareTo(y);
      return op == 0 ? c < 0 : op == 1 ? c > 0 : op == 2 ? c <= 0 : c >= 0;
    }
    Object na = Values.norm(a);
    Object nb = Values.norm(b);
    if (na != a || nb != b) {
      return compare(pos, op, na, nb);
    }
    String sym = op == 0 ? "<" : op == 1 ? ">" : op == 2 ? "<=" : ">=";
    throw invalid(pos, a, sym, b, "two numbers, two strings, two times or two durations");
  }

  private static boolean cmpDouble(int op, double l, double r) {
    return op == 0 ? l < r : op == 1 ? l > r : op == 2 ? l <= r : l >= r;
  }

  /** Go's string order: byte-wise on UTF-8, which is code-point order. */
  public static int compareStrings(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        boolean sx = Character.isSurrogate(x);
        boolean sy = Character.isSurrogate(y);
        if (sx == sy) {
          return x - y;
        }
        // a surrogate (code point >= 0x10000) sorts after every BMP char
        return sx ? 1 : -1;
      }
    }
    return a.length() - b.length();
  }

  /** Sorting order for sort/sortBy: {@code Less} semantics, failing on mixed types. */
  static int order(int pos, Object a, Object b) {
    if (compare(pos, 0, a, b)) {
      return -1;
    }
    if (compare(pos, 0, b, a)) {
      return 1;
    }
    return 0;
  }

  // ---- membership, fetch and slice ---------------------------------------------------------

  static boolean in(int pos, Object needle, Object haystack) {
    if (haystack == null) {
      return false;
    }
    if (haystack instanceof List<?> list) {
      for (int i = 0, n = list.size(); i < n; i++) {
        if (equal(Values.norm(list.get(i)), needle)) {
          return true;
        }
      }
      return false;
    }
    if (haystack instanceof Map<?, ?> map) {
      if (needle == null && !(map instanceof AnyKeyMap)) {
        return map.containsKey("");
      }
      return map.containsKey(needle);
    }
    if (haystack instanceof ExprObject obj) {
      if (!(needle instanceof String s)) {
        throw new ExprError(pos, "cannot use " + Values.typeName(needle) + " as field name of "
            + Values.typeName(haystack), "a field name");
      }
      return member(pos, obj, s) != ExprObject.NO_SUCH_MEMBER;
    }
    throw new ExprError(pos, "operator \"in\" not defined on " + Values.typeName(haystack),
        "an array, a map or an object on the right");
  }

  private static Object member(int pos, ExprObject obj, String name) {
    try {
      return obj.member(name);
    } catch (ExprError e) {
      throw e.at(pos);
    } catch (RuntimeException e) {
      throw new ExprError(pos, "cannot fetch " + name + " from " + Values.typeName(obj) + ": "
          + e.getMessage(), "a readable member", e);
    }
  }

  /** runtime.Fetch: {@code from.key} and {@code from[key]}. */
  static Object fetch(int pos, Object from, Object key) {
    if (from instanceof Map<?, ?> map) {
      if (key instanceof String) {
        return Values.norm(map.get(key));
      }
      return Values.norm(map.get(key == null && !(map instanceof AnyKeyMap) ? "" : key));
    }
    if (from instanceof List<?> list) {
      return Values.norm(list.get(index(pos, key, list.size())));
    }
    if (from instanceof ExprObject obj && key instanceof String name) {
      Object v = member(pos, obj, name);
      if (v == ExprObject.NO_SUCH_MEMBER) {
        throw new ExprError(pos, "cannot fetch " + name + " from " + Values.typeName(from),
            "a member of " + Values.typeName(from));
      }
      return Values.norm(v);
    }
    if (from instanceof String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      return (long) (bytes[index(pos, key, bytes.length)] & 0xFF);
    }
    if (from != null && key instanceof String name) {
      Object v;
      try {
        v = Lib.member(from, name);
      } catch (ExprError e) {
        throw e.at(pos);
      } catch (RuntimeException e) {
        throw new ExprError(pos, String.valueOf(e.getMessage()), "a member of "
            + Values.typeName(from), e);
      }
      if (v != ExprObject.NO_SUCH_MEMBER) {
        return Values.norm(v);
      }
    }
    if (from != null) {
      Object n = Values.norm(from);
      if (n != from) {
        return fetch(pos, n, key);
      }
    }
    throw new ExprError(pos, "cannot fetch " + Values.show(key) + " from "
        + Values.typeName(from), "a map, an array or an object");
  }

  private static int index(int pos, Object key, int length) {
    long i = toInt(pos, key);
    if (i < 0) {
      i += length;
    }
    if (i < 0 || i >= length) {
      long shown = i;
      throw new ExprError(pos, "index out of range: " + shown + " (array length is " + length
          + ")", "an index between " + (-length) + " and " + (length - 1));
    }
    return (int) i;
  }

  /** runtime.Slice, with Go's clamping of out-of-range bounds. */
  static Object slice(int pos, Object base, Object fromKey, Object toKey) {
    if (base instanceof List<?> list) {
      int n = list.size();
      int[] ab = bounds(pos, fromKey, toKey, n);
      List<Object> out = new ArrayList<>(ab[1] - ab[0]);
      for (int i = ab[0]; i < ab[1]; i++) {
        out.add(Values.norm(list.get(i)));
      }
      return out;
    }
    if (base instanceof String s) {
      if (isAscii(s)) {
        int[] ab = bounds(pos, fromKey, toKey, s.length());
        return s.substring(ab[0], ab[1]);
      }
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      int[] ab = bounds(pos, fromKey, toKey, bytes.length);
      return new String(Arrays.copyOfRange(bytes, ab[0], ab[1]), StandardCharsets.UTF_8);
    }
    Object n = Values.norm(base);
    if (n != base && n != null) {
      return slice(pos, n, fromKey, toKey);
    }
    throw new ExprError(pos, "cannot slice " + Values.typeName(base), "a string or an array");
  }

  private static int[] bounds(int pos, Object fromKey, Object toKey, int length) {
    long a = fromKey == null ? 0 : toInt(pos, fromKey);
    long b = toKey == null ? length : toInt(pos, toKey);
    if (a < 0) {
      a += length;
    }
    if (a < 0) {
      a = 0;
    }
    if (b < 0) {
      b += length;
    }
    if (b < 0) {
      b = 0;
    }
    if (b > length) {
      b = length;
    }
    if (a > b) {
      a = b;
    }
    return new int[] {(int) a, (int) b};
  }

  static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  /** runtime.Len for the slice operator's implicit upper bound. */
  static long length(int pos, Object v) {
    if (v instanceof List<?> l) {
      return l.size();
    }
    if (v instanceof String s) {
      return isAscii(s) ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
    }
    if (v instanceof Map<?, ?> m) {
      return m.size();
    }
    throw new ExprError(pos, "invalid argument for len (type " + Values.typeName(v) + ")",
        "an array, a map or a string");
  }

  static boolean truth(int pos, Object v, String what) {
    if (v instanceof Boolean b) {
      return b;
    }
    throw new ExprError(pos, "interface conversion: interface {} is " + Values.typeName(v)
        + ", not bool", "a bool " + what);
  }

  static String string(int pos, Object v, String what) {
    if (v instanceof String s) {
      return s;
    }
    throw new ExprError(pos, "interface conversion: interface {} is " + Values.typeName(v)
        + ", not string", "a string " + what);
  }
}
