package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The builtin function library of expr-lang v1.17.8 (the version Kargo embeds), with Go's
 * formatting, JSON and time semantics, for the evaluator of this module.
 *
 * <p>Values follow the expression value model: {@link Long} (Go int), {@link Double}
 * (float64), {@link String}, {@link Boolean}, {@code null} (nil), {@link List} (array),
 * {@link Map} (map), {@link ZonedDateTime} (time.Time), {@link Duration} (time.Duration),
 * {@link ZoneId} (*time.Location, as {@code timezone()} returns it), {@link ExprObject} and
 * {@link ExprFunction}. Go's {@code time.Month} and {@code time.Weekday} are plain ints.
 * {@code fromPairs} returns a map whose keys keep their types.
 *
 * <p>Failures caused by the arguments throw {@link IllegalArgumentException} with expr's
 * wording (for example "invalid argument for len (type int)" or "not enough arguments to call
 * upper"); the evaluator adds the position. Everything here is stateless and thread-safe; the
 * maps returned by {@link #functions()} are unmodifiable.
 */
public final class Builtins {
  private Builtins() {}

  /**
   * The predicate builtins, which take a closure and therefore belong to the evaluator, not to
   * {@link #functions()}.
   */
  public static final List<String> PREDICATES =
      List.of(
          "all", "none", "any", "one", "filter", "map", "find", "findIndex", "findLast",
          "findLastIndex", "count", "sum", "groupBy", "sortBy", "reduce");

  /** Every builtin that is not a predicate, with {@code now()} reading the system clock. */
  public static Map<String, ExprFunction> functions() {
    return functions(Clock.systemUTC());
  }

  /**
   * Every builtin that is not a predicate.
   *
   * @param clock the clock {@code now()} reads; its zone is ignored (Go's Local is UTC)
   */
  public static Map<String, ExprFunction> functions(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    Map<String, ExprFunction> raw = new LinkedHashMap<>();
    CollectionFunctions.register(raw);
    NumberFunctions.register(raw);
    StringFunctions.register(raw);
    EncodingFunctions.register(raw);
    TimeFunctions.register(raw, clock);
    Map<String, ExprFunction> out = new LinkedHashMap<>();
    raw.forEach((name, fn) -> out.put(name, guarded(fn)));
    return Collections.unmodifiableMap(out);
  }

  /** Turns JDK exceptions that escape a builtin into IllegalArgumentException. */
  private static ExprFunction guarded(ExprFunction fn) {
    return args -> {
      try {
        return fn.call(args);
      } catch (DateTimeException | ArithmeticException | IndexOutOfBoundsException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      } catch (StackOverflowError e) {
        throw new IllegalArgumentException("recursion depth exceeded", e);
      }
    };
  }

  /**
   * A member of a time value without calling it: {@code t.Year} gives a function that, called
   * with no arguments, returns the year.
   *
   * @return an {@link ExprFunction} bound to the target, or {@link ExprObject#NO_SUCH_MEMBER}
   *     when the target is not a time value or has no such method
   */
  public static Object member(Object target, String name) {
    Object m = TimeFunctions.member(target, name);
    return m instanceof ExprFunction f ? guarded(f) : m;
  }

  /**
   * Calls a method of a {@link ZonedDateTime} (time.Time: Year, Month, Day, Hour, Minute,
   * Second, Nanosecond, Weekday, YearDay, Unix, UnixMilli, UnixMicro, UnixNano, Format, String,
   * Add, Sub, AddDate, After, Before, Equal, Compare, Truncate, Round, In, Location, UTC, Local,
   * IsZero, IsDST), a {@link Duration} (Hours, Minutes, Seconds, Milliseconds, Microseconds,
   * Nanoseconds, String, Round, Truncate, Abs) or a {@link ZoneId} (String). Duration
   * parameters also accept an int count of nanoseconds, as expr converts int literals.
   *
   * @return the result, or {@link ExprObject#NO_SUCH_MEMBER} when the target is not one of
   *     these types or has no such method
   * @throws IllegalArgumentException when the arguments do not fit the method
   */
  public static Object invoke(Object target, String method, List<Object> args) {
    try {
      return TimeFunctions.invoke(target, method, args);
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * How many strings {@code split(s, sep, n)} returns at most, counted without building them, so
   * that the evaluator can refuse a split its memory budget cannot hold before it runs.
   */
  public static long splitPieces(String s, String sep, long n) {
    return StringFunctions.pieces(s, sep, n);
  }

  /** Go's {@code fmt.Sprintf("%v", v)}: what {@code string(v)} returns. */
  public static String formatV(Object v) {
    return GoFormat.formatV(v);
  }

  /**
   * Go's {@code json.Marshal} (indent null or empty) or {@code json.MarshalIndent(v, "",
   * indent)}: keys sorted, {@code <>&} and U+2028/U+2029 escaped, floats in Go's form, host
   * objects as their {@link ExprObject#jsonValue()}.
   *
   * @throws IllegalArgumentException for values JSON cannot hold (NaN, infinities, functions,
   *     fromPairs maps)
   */
  public static String toJson(Object v, String indent) {
    return GoJson.encode(v, indent);
  }

  /**
   * Go's {@code json.Unmarshal} into {@code interface{}}: numbers are doubles, objects are
   * insertion-ordered maps.
   *
   * @throws IllegalArgumentException with Go's message when the text is not JSON
   */
  public static Object fromJson(String s) {
    return GoJson.decode(s);
  }

  /**
   * expr's {@code +}, {@code -} and {@code *} where a time value is involved: time + duration,
   * duration + time, time - time (a saturating Duration), time - duration, duration ± duration
   * (wrapping like int64), duration * int and int * duration (a Duration), duration * float and
   * float * duration (a float of nanoseconds), duration * duration.
   *
   * @return the result, or null when the operands are not such a combination
   */
  public static Object timeArithmetic(String op, Object left, Object right) {
    try {
      return TimeFunctions.arithmetic(op, left, right);
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /**
   * Orders two times (by instant) or two durations.
   *
   * @return -1, 0 or 1, or null when the operands are not two times or two durations
   */
  public static Integer compareTime(Object a, Object b) {
    return TimeFunctions.compare(a, b);
  }

  /**
   * The predicate-less {@code sum(array)}: adds the elements with expr's {@code +} starting
   * from int 0, so ints stay ints (wrapping) and one float makes the sum a float.
   *
   * @throws IllegalArgumentException with "invalid operation: string + int" and the like
   */
  public static Object sumArray(List<?> array) {
    return NumberFunctions.sum(array);
  }

  /** expr's {@code runtime.Equal}: ints equal floats of the same value, times by instant. */
  public static boolean equal(Object a, Object b) {
    return GoValues.equal(a, b);
  }

  /** Go's {@code %T} name of a value's type, for error messages ("int", "[]interface {}"). */
  public static String goType(Object v) {
    return GoValues.typeName(v);
  }
}
