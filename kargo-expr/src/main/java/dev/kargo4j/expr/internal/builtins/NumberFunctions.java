package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.go.GoDuration;
import dev.kargo4j.expr.ExprFunction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.LongBinaryOperator;
import java.util.regex.Pattern;

/**
 * expr's number builtins: conversions, rounding, aggregates and bit operations, with Go's
 * int64 (wrapping) and float64 semantics. Stateless and thread-safe.
 */
final class NumberFunctions {
  private NumberFunctions() {}

  /** expr's builtin.MaxDepth for nested arrays. */
  static final int MAX_DEPTH = 10_000;

  static void register(Map<String, ExprFunction> into) {
    into.put("abs", NumberFunctions::abs);
    into.put("ceil", args -> rounding("ceil", args));
    into.put("floor", args -> rounding("floor", args));
    into.put("round", args -> rounding("round", args));
    into.put("int", NumberFunctions::toInt);
    into.put("float", NumberFunctions::toFloat);
    into.put("max", args -> minMax("max", args, GoValues::less));
    into.put("min", args -> minMax("min", args, GoValues::more));
    into.put("mean", NumberFunctions::mean);
    into.put("median", NumberFunctions::median);
    into.put("bitand", bit("bitand", (x, y) -> x & y));
    into.put("bitor", bit("bitor", (x, y) -> x | y));
    into.put("bitxor", bit("bitxor", (x, y) -> x ^ y));
    into.put("bitnand", bit("bitnand", (x, y) -> x & ~y));
    into.put("bitshl", shift("bitshl", (x, y) -> y >= 64 ? 0 : x << y));
    into.put("bitshr", shift("bitshr", (x, y) -> y >= 64 ? (x < 0 ? -1 : 0) : x >> y));
    into.put("bitushr", shift("bitushr", (x, y) -> y >= 64 ? 0 : x >>> y));
    into.put(
        "bitnot",
        args -> {
          Args.count("bitnot", args, 1, 1);
          return ~bitOperand("bitnot", args.get(0));
        });
  }

  private static Object abs(List<Object> args) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (GoValues.isInt(x)) {
      long v = ((Number) x).longValue();
      return v < 0 ? -v : v;
    }
    if (GoValues.isFloat(x)) {
      double v = ((Number) x).doubleValue();
      return v < 0 ? -v : v;
    }
    throw invalidArgument("abs", x);
  }

  private static IllegalArgumentException invalidArgument(String fn, Object x) {
    return new IllegalArgumentException(
        "invalid argument for " + fn + " (type " + GoValues.typeName(x) + ")");
  }

  private static Object rounding(String fn, List<Object> args) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (GoValues.isInt(x)) {
      return (double) ((Number) x).longValue();
    }
    if (!GoValues.isFloat(x)) {
      throw invalidArgument(fn, x);
    }
    double v = ((Number) x).doubleValue();
    return switch (fn) {
      case "ceil" -> Math.ceil(v);
      case "floor" -> Math.floor(v);
      default -> goRound(v);
    };
  }

  /** Go's math.Round: halfway cases away from zero. */
  static double goRound(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    double a = Math.abs(x);
    double t = Math.floor(a);
    if (a - t >= 0.5) {
      t += 1;
    }
    return Math.copySign(t, x);
  }

  private static final Pattern ATOI = Pattern.compile("[+-]?[0-9]+");

  private static Object toInt(List<Object> args) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (GoValues.isInt(x)) {
      return ((Number) x).longValue();
    }
    if (GoValues.isFloat(x)) {
      return GoValues.goFloatToInt(((Number) x).doubleValue());
    }
    if (x instanceof Duration d) {
      return GoDuration.nanos(d);
    }
    if (x instanceof String s) {
      if (ATOI.matcher(s).matches()) {
        try {
          return Long.parseLong(s);
        } catch (NumberFormatException e) {
          // out of range: the same error as Go's strconv.Atoi failure
        }
      }
      throw new IllegalArgumentException("invalid operation: int(" + s + ")");
    }
    throw new IllegalArgumentException("invalid operation: int(" + GoValues.typeName(x) + ")");
  }

  private static Object toFloat(List<Object> args) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (GoValues.isNumber(x)) {
      return ((Number) x).doubleValue();
    }
    if (x instanceof String s) {
      Double d = parseGoFloat(s);
      if (d == null) {
        throw new IllegalArgumentException("invalid operation: float(" + s + ")");
      }
      return d;
    }
    throw new IllegalArgumentException("invalid operation: float(" + GoValues.typeName(x) + ")");
  }

  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern HEX =
      Pattern.compile("[+-]?0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?[0-9]+");

  /** Go's strconv.ParseFloat(s, 64), or null when it fails (syntax or range). */
  static Double parseGoFloat(String s) {
    String body = s;
    double sign = 1;
    if (!body.isEmpty() && (body.charAt(0) == '+' || body.charAt(0) == '-')) {
      sign = body.charAt(0) == '-' ? -1 : 1;
      String rest = body.substring(1);
      if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
        return sign * Double.POSITIVE_INFINITY;
      }
    } else if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
      return Double.POSITIVE_INFINITY;
    } else if (body.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    if (!DECIMAL.matcher(s).matches() && !HEX.matcher(s).matches()) {
      return null;
    }
    double d = Double.parseDouble(s);
    if (Double.isInfinite(d)) {
      return null;
    }
    return d;
  }

  // ------------------------------------------------------------------ aggregates

  private static Object minMax(String fn, List<Object> args, BiPredicate<Object, Object> replace) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("not enough arguments to call " + fn);
    }
    return minMax(fn, args, replace, 0, true);
  }

  private static Object minMax(
      String fn, List<?> args, BiPredicate<Object, Object> replace, int depth, boolean topLevel) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("recursion depth exceeded");
    }
    Object val = null;
    for (Object arg : args) {
      if (arg instanceof List<?> arr) {
        for (Object e : arr) {
          Object candidate;
          if (GoValues.isNumber(e)) {
            candidate = e;
          } else if (e instanceof List<?> nested) {
            candidate = minMax(fn, List.of(nested), replace, depth + 1, false);
            if (candidate == null) {
              continue;
            }
          } else {
            throw invalidArgument(fn, e);
          }
          if (val == null || replace.test(val, candidate)) {
            val = candidate;
          }
        }
      } else if (GoValues.isNumber(arg) || (topLevel && arg instanceof Duration)) {
        if (val == null || replace.test(val, arg)) {
          val = arg;
        }
      } else {
        if (args.size() == 1) {
          return arg;
        }
        throw invalidArgument(fn, arg);
      }
    }
    return val;
  }

  private static Object mean(List<Object> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("not enough arguments to call mean");
    }
    List<Double> values = new ArrayList<>();
    collect("mean", args, values, 0);
    if (values.isEmpty()) {
      return 0.0;
    }
    double total = 0;
    for (double v : values) {
      total += v;
    }
    return total / values.size();
  }

  private static Object median(List<Object> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException("not enough arguments to call median");
    }
    List<Double> values = new ArrayList<>();
    collect("median", args, values, 0);
    int n = values.size();
    if (n == 0) {
      return 0.0;
    }
    // sort.Float64s: NaN first, then ascending.
    values.sort(
        (a, b) -> {
          boolean na = Double.isNaN(a);
          boolean nb = Double.isNaN(b);
          if (na || nb) {
            return Boolean.compare(!na, !nb);
          }
          return a < b ? -1 : (a > b ? 1 : 0);
        });
    if (n % 2 == 1) {
      return values.get(n / 2);
    }
    return (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  /** Flattens numbers (ints, floats, durations as int64) of nested arrays into values. */
  private static void collect(String fn, List<?> args, List<Double> values, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("recursion depth exceeded");
    }
    for (Object arg : args) {
      if (arg instanceof List<?> arr) {
        collect(fn, arr, values, depth + 1);
      } else if (GoValues.isNumber(arg)) {
        values.add(GoValues.isInt(arg) ? (double) ((Number) arg).longValue()
            : ((Number) arg).doubleValue());
      } else if (arg instanceof Duration d) {
        values.add((double) GoDuration.nanos(d));
      } else {
        throw invalidArgument(fn, arg);
      }
    }
  }

  /** The plain {@code sum(array)}: folds with expr's + from int 0. */
  static Object sum(List<?> array) {
    Object acc = 0L;
    for (Object e : array) {
      acc = add(e, acc);
    }
    return acc;
  }

  private static Object add(Object a, Object b) {
    if (GoValues.isInt(a) && GoValues.isInt(b)) {
      return ((Number) a).longValue() + ((Number) b).longValue();
    }
    if (GoValues.isNumber(a) && GoValues.isNumber(b)) {
      return ((Number) a).doubleValue() + ((Number) b).doubleValue();
    }
    throw new IllegalArgumentException(
        "invalid operation: " + GoValues.typeName(a) + " + " + GoValues.typeName(b));
  }

  // ------------------------------------------------------------------ bits

  private static long bitOperand(String fn, Object v) {
    if (GoValues.isInt(v)) {
      return ((Number) v).longValue();
    }
    throw new IllegalArgumentException(
        "cannot use " + GoValues.typeName(v) + " as argument (type int) to call " + fn);
  }

  private static ExprFunction bit(String fn, LongBinaryOperator op) {
    return args -> {
      Args.count(fn, args, 2, 2);
      long x = bitOperand(fn, args.get(0));
      long y = bitOperand(fn, args.get(1));
      return op.applyAsLong(x, y);
    };
  }

  private static ExprFunction shift(String fn, LongBinaryOperator op) {
    return args -> {
      Args.count(fn, args, 2, 2);
      long x = bitOperand(fn, args.get(0));
      long y = bitOperand(fn, args.get(1));
      if (y < 0) {
        throw new IllegalArgumentException(
            "invalid operation: negative shift count " + y + " (type int)");
      }
      return op.applyAsLong(x, y);
    };
  }
}
