package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.go.GoDuration;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * expr's time builtins ({@code now}, {@code duration}, {@code date}, {@code timezone}), the
 * methods of {@code time.Time}, {@code time.Duration} and {@code *time.Location}, and the
 * time operators. Stateless apart from the injected clock; thread-safe.
 */
final class TimeFunctions {
  private TimeFunctions() {}

  /** The layouts {@code date(str)} tries, in order. */
  static final List<String> DATE_LAYOUTS =
      List.of(
          "2006-01-02",
          "15:04:05",
          "2006-01-02 15:04:05",
          GoTimes.RFC3339,
          GoTimes.RFC822,
          GoTimes.RFC850,
          GoTimes.RFC1123);

  static void register(Map<String, ExprFunction> into, Clock clock) {
    into.put(
        "now",
        args -> {
          ZonedDateTime now = clock.instant().atZone(GoTimes.LOCAL);
          if (args.isEmpty()) {
            return now;
          }
          if (args.size() == 1 && args.get(0) instanceof ZoneId zone) {
            return now.withZoneSameInstant(zone);
          }
          throw new IllegalArgumentException(
              "invalid number of arguments (expected 0, got " + args.size() + ")");
        });
    into.put(
        "duration",
        args -> {
          Args.count("duration", args, 1, 1);
          return GoDuration.parse(Args.string("duration", args, 0));
        });
    into.put("date", TimeFunctions::date);
    into.put(
        "timezone",
        args -> {
          Args.count("timezone", args, 1, 1);
          return GoTimes.loadLocation(Args.string("timezone", args, 0));
        });
  }

  private static Object date(List<Object> all) {
    if (all.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid number of arguments (expected at least 1, got 0)");
    }
    ZoneId tz = null;
    List<Object> args = all;
    if (args.get(0) instanceof ZoneId zone) {
      tz = zone;
      args = args.subList(1, args.size());
    }
    if (args.size() > 3) {
      throw new IllegalArgumentException(
          "invalid number of arguments (expected at most 3, got " + args.size() + ")");
    }
    if (args.isEmpty()) {
      throw new IllegalArgumentException("runtime error: index out of range [0] with length 0");
    }
    String date = dateString(args, 0);
    if (args.size() == 2) {
      String layout = dateString(args, 1);
      return tz != null
          ? GoTimes.parseInLocation(layout, date, tz)
          : GoTimes.parse(layout, date);
    }
    if (args.size() == 3) {
      String layout = dateString(args, 1);
      ZoneId zone = GoTimes.loadLocation(dateString(args, 2));
      return GoTimes.parseInLocation(layout, date, zone);
    }
    for (String layout : DATE_LAYOUTS) {
      try {
        return tz == null ? GoTimes.parse(layout, date) : GoTimes.parseInLocation(layout, date, tz);
      } catch (IllegalArgumentException e) {
        // try the next layout
      }
    }
    throw new IllegalArgumentException("invalid date " + date);
  }

  private static String dateString(List<Object> args, int i) {
    Object v = args.get(i);
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(
        "interface conversion: interface {} is "
            + GoValues.typeName(v).replace("<nil>", "nil")
            + ", not string");
  }

  // ------------------------------------------------------------------ members

  static final Set<String> TIME_METHODS =
      Set.of(
          "Year", "Month", "Day", "Hour", "Minute", "Second", "Nanosecond", "Weekday", "YearDay",
          "Unix", "UnixMilli", "UnixMicro", "UnixNano", "Format", "String", "Add", "Sub",
          "AddDate", "After", "Before", "Equal", "Compare", "Truncate", "Round", "In",
          "Location", "UTC", "Local", "IsZero", "IsDST", "GoString");

  static final Set<String> DURATION_METHODS =
      Set.of(
          "Hours", "Minutes", "Seconds", "Milliseconds", "Microseconds", "Nanoseconds", "String",
          "Round", "Truncate", "Abs");

  static Object member(Object target, String name) {
    boolean known =
        (target instanceof ZonedDateTime && TIME_METHODS.contains(name))
            || (target instanceof Duration && DURATION_METHODS.contains(name))
            || (target instanceof ZoneId && name.equals("String"));
    if (!known) {
      return ExprObject.NO_SUCH_MEMBER;
    }
    return (ExprFunction) args -> invoke(target, name, args);
  }

  static Object invoke(Object target, String method, List<Object> args) {
    if (target instanceof ZonedDateTime t) {
      return invokeTime(t, method, args);
    }
    if (target instanceof Duration d) {
      return invokeDuration(d, method, args);
    }
    if (target instanceof ZoneId z && method.equals("String")) {
      Args.count("String", args, 0, 0);
      return GoTimes.locationName(z);
    }
    return ExprObject.NO_SUCH_MEMBER;
  }

  private static ZonedDateTime timeArg(String fn, List<Object> args, int i) {
    Object v = args.get(i);
    if (v instanceof ZonedDateTime t) {
      return t;
    }
    throw Args.cannotUse(fn, v, "time.Time");
  }

  private static Object invokeTime(ZonedDateTime t, String m, List<Object> args) {
    switch (m) {
      case "Year", "Month", "Day", "Hour", "Minute", "Second", "Nanosecond", "Weekday",
          "YearDay", "Unix", "UnixMilli", "UnixMicro", "UnixNano", "String", "Location", "UTC",
          "Local", "IsZero", "IsDST", "GoString" -> {
        Args.count(m, args, 0, 0);
        return timeField(t, m);
      }
      case "Format" -> {
        Args.count(m, args, 1, 1);
        return GoTimes.format(t, Args.string(m, args, 0));
      }
      case "Add" -> {
        Args.count(m, args, 1, 1);
        return GoTimes.add(t, Args.durationNanos(m, args, 0));
      }
      case "Sub" -> {
        Args.count(m, args, 1, 1);
        return GoTimes.sub(t, timeArg(m, args, 0));
      }
      case "AddDate" -> {
        Args.count(m, args, 3, 3);
        return GoTimes.addDate(
            t, intArg(m, args, 0), intArg(m, args, 1), intArg(m, args, 2));
      }
      case "After" -> {
        Args.count(m, args, 1, 1);
        return t.toInstant().isAfter(timeArg(m, args, 0).toInstant());
      }
      case "Before" -> {
        Args.count(m, args, 1, 1);
        return t.toInstant().isBefore(timeArg(m, args, 0).toInstant());
      }
      case "Equal" -> {
        Args.count(m, args, 1, 1);
        return t.toInstant().equals(timeArg(m, args, 0).toInstant());
      }
      case "Compare" -> {
        Args.count(m, args, 1, 1);
        return (long) Integer.signum(t.toInstant().compareTo(timeArg(m, args, 0).toInstant()));
      }
      case "Truncate" -> {
        Args.count(m, args, 1, 1);
        return GoTimes.truncate(t, Args.durationNanos(m, args, 0));
      }
      case "Round" -> {
        Args.count(m, args, 1, 1);
        return GoTimes.round(t, Args.durationNanos(m, args, 0));
      }
      case "In" -> {
        Args.count(m, args, 1, 1);
        Object loc = args.get(0);
        if (loc == null) {
          throw new IllegalArgumentException("time: missing Location in call to Time.In");
        }
        if (!(loc instanceof ZoneId zone)) {
          throw Args.cannotUse(m, loc, "*time.Location");
        }
        return t.withZoneSameInstant(zone);
      }
      default -> {
        return ExprObject.NO_SUCH_MEMBER;
      }
    }
  }

  /** An int parameter of a Go method: only Go ints are accepted. */
  private static long intArg(String fn, List<Object> args, int i) {
    Object v = args.get(i);
    if (GoValues.isInt(v)) {
      return ((Number) v).longValue();
    }
    throw Args.cannotUse(fn, v, "int");
  }

  private static Object timeField(ZonedDateTime t, String m) {
    return switch (m) {
      case "Year" -> (long) t.getYear();
      case "Month" -> (long) t.getMonthValue();
      case "Day" -> (long) t.getDayOfMonth();
      case "Hour" -> (long) t.getHour();
      case "Minute" -> (long) t.getMinute();
      case "Second" -> (long) t.getSecond();
      case "Nanosecond" -> (long) t.getNano();
      case "Weekday" -> (long) GoTimes.weekday(t);
      case "YearDay" -> (long) t.getDayOfYear();
      case "Unix" -> t.toEpochSecond();
      case "UnixMilli" -> t.toEpochSecond() * 1_000L + t.getNano() / 1_000_000;
      case "UnixMicro" -> t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000;
      case "UnixNano" -> t.toEpochSecond() * 1_000_000_000L + t.getNano();
      case "String" -> GoTimes.string(t);
      case "GoString" -> goString(t);
      case "Location" -> t.getZone();
      case "UTC" -> t.withZoneSameInstant(ZoneOffset.UTC);
      case "Local" -> t.withZoneSameInstant(GoTimes.LOCAL);
      case "IsZero" -> GoTimes.isZero(t);
      case "IsDST" -> t.getZone().getRules().isDaylightSavings(t.toInstant());
      default -> throw new IllegalStateException(m);
    };
  }

  private static String goString(ZonedDateTime t) {
    String[] months = {
      "January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"
    };
    String loc = GoTimes.locationName(t.getZone());
    String where =
        t.getZone().equals(ZoneOffset.UTC) ? "time.UTC" : "time.Location(\"" + loc + "\")";
    return "time.Date(" + t.getYear() + ", time." + months[t.getMonthValue() - 1] + ", "
        + t.getDayOfMonth() + ", " + t.getHour() + ", " + t.getMinute() + ", " + t.getSecond()
        + ", " + t.getNano() + ", " + where + ")";
  }

  private static Object invokeDuration(Duration d, String m, List<Object> args) {
    switch (m) {
      case "Hours", "Minutes", "Seconds", "Milliseconds", "Microseconds", "Nanoseconds",
          "String", "Abs" -> {
        Args.count(m, args, 0, 0);
        long n = GoDuration.nanos(d);
        return switch (m) {
          case "Hours" -> GoDuration.hours(d);
          case "Minutes" -> GoDuration.minutes(d);
          case "Seconds" -> GoDuration.seconds(d);
          case "Milliseconds" -> n / 1_000_000L;
          case "Microseconds" -> n / 1_000L;
          case "Nanoseconds" -> n;
          case "String" -> GoDuration.format(d);
          default -> GoDuration.abs(d);
        };
      }
      case "Round" -> {
        Args.count(m, args, 1, 1);
        return GoDuration.round(d, Args.durationNanos(m, args, 0));
      }
      case "Truncate" -> {
        Args.count(m, args, 1, 1);
        return GoDuration.truncate(d, Args.durationNanos(m, args, 0));
      }
      default -> {
        return ExprObject.NO_SUCH_MEMBER;
      }
    }
  }

  // ------------------------------------------------------------------ operators

  static Object arithmetic(String op, Object left, Object right) {
    switch (op) {
      case "+" -> {
        if (left instanceof ZonedDateTime t && right instanceof Duration d) {
          return GoTimes.add(t, GoDuration.nanos(d));
        }
        if (left instanceof Duration d && right instanceof ZonedDateTime t) {
          return GoTimes.add(t, GoDuration.nanos(d));
        }
        if (left instanceof Duration a && right instanceof Duration b) {
          return GoDuration.of(GoDuration.nanos(a) + GoDuration.nanos(b));
        }
        return null;
      }
      case "-" -> {
        if (left instanceof ZonedDateTime t && right instanceof ZonedDateTime u) {
          return GoTimes.sub(t, u);
        }
        if (left instanceof ZonedDateTime t && right instanceof Duration d) {
          return GoTimes.add(t, -GoDuration.nanos(d));
        }
        if (left instanceof Duration a && right instanceof Duration b) {
          return GoDuration.of(GoDuration.nanos(a) - GoDuration.nanos(b));
        }
        return null;
      }
      case "*" -> {
        if (left instanceof Duration a && right instanceof Duration b) {
          return GoDuration.of(GoDuration.nanos(a) * GoDuration.nanos(b));
        }
        if (left instanceof Duration a && GoValues.isInt(right)) {
          return GoDuration.of(GoDuration.nanos(a) * ((Number) right).longValue());
        }
        if (GoValues.isInt(left) && right instanceof Duration b) {
          return GoDuration.of(((Number) left).longValue() * GoDuration.nanos(b));
        }
        if (left instanceof Duration a && GoValues.isFloat(right)) {
          return (double) GoDuration.nanos(a) * ((Number) right).doubleValue();
        }
        if (GoValues.isFloat(left) && right instanceof Duration b) {
          return ((Number) left).doubleValue() * (double) GoDuration.nanos(b);
        }
        return null;
      }
      default -> {
        return null;
      }
    }
  }

  static Integer compare(Object a, Object b) {
    if (a instanceof ZonedDateTime x && b instanceof ZonedDateTime y) {
      return Integer.signum(x.toInstant().compareTo(y.toInstant()));
    }
    if (a instanceof Duration x && b instanceof Duration y) {
      return Integer.signum(x.compareTo(y));
    }
    return null;
  }
}
