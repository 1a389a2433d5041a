package dev.kargo4j.expr.go;

import dev.kargo4j.expr.internal.builtins.GoStrings;

import java.time.Duration;
import java.util.Map;

/**
 * Go's {@code time.Duration} on {@link Duration}: an int64 count of nanoseconds. Parsing follows
 * {@code time.ParseDuration} exactly ({@code "90m"}, {@code "1h30m"}, {@code "-1.5h"},
 * {@code "0"}, units {@code ns us \u00b5s ms s m h}), printing follows {@code Duration.String()}
 * ({@code "5m0s"}, {@code "1h30m0s"}, {@code "1.5s"}, {@code "300ms"}), and arithmetic wraps
 * around like Go's int64. Java {@link Duration}s outside the int64 nanosecond range are clamped
 * to it.
 *
 * <p>Stateless and thread-safe. Arguments must not be null.
 */
public final class GoDuration {
  private GoDuration() {}

  public static final long NANOSECOND = 1L;
  public static final long MICROSECOND = 1_000L;
  public static final long MILLISECOND = 1_000_000L;
  public static final long SECOND = 1_000_000_000L;
  public static final long MINUTE = 60 * SECOND;
  public static final long HOUR = 60 * MINUTE;

  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", NANOSECOND,
          "us", MICROSECOND,
          "\u00b5s", MICROSECOND,
          "\u03bcs", MICROSECOND,
          "ms", MILLISECOND,
          "s", SECOND,
          "m", MINUTE,
          "h", HOUR);

  /** The nanoseconds of a duration, clamped to Go's int64 range. */
  public static long nanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The duration of {@code nanos} nanoseconds (Go's {@code time.Duration(nanos)}). */
  public static Duration of(long nanos) {
    return Duration.ofNanos(nanos);
  }

  /**
   * {@code time.ParseDuration}.
   *
   * @throws IllegalArgumentException with Go's message ({@code time: invalid duration "5"},
   *     {@code time: missing unit in duration "5"}, {@code time: unknown unit "d" in duration
   *     "1d"}) when the text is not a Go duration or does not fit int64 nanoseconds
   */
  public static Duration parse(String orig) {
    String s = orig;
    // Go works on the unsigned 64-bit magnitude; Long.compareUnsigned keeps that exact.
    long d = 0;
    boolean neg = false;
    if (!s.isEmpty()) {
      char c = s.charAt(0);
      if (c == '-' || c == '+') {
        neg = c == '-';
        s = s.substring(1);
      }
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    final long limit = Long.MIN_VALUE; // 1<<63 as an unsigned value
    while (!s.isEmpty()) {
      char c0 = s.charAt(0);
      if (!(c0 == '.' || (c0 >= '0' && c0 <= '9'))) {
        throw invalid(orig);
      }
      // leading integer
      int i = 0;
      long v = 0;
      for (; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        if (Long.compareUnsigned(v, Long.divideUnsigned(limit, 10)) > 0) {
          throw invalid(orig);
        }
        v = v * 10 + (c - '0');
        if (Long.compareUnsigned(v, limit) > 0) {
          throw invalid(orig);
        }
      }
      boolean pre = i != 0;
      s = s.substring(i);
      // fraction
      long f = 0;
      double scale = 1;
      boolean post = false;
      if (!s.isEmpty() && s.charAt(0) == '.') {
        s = s.substring(1);
        int j = 0;
        boolean overflow = false;
        for (; j < s.length(); j++) {
          char c = s.charAt(j);
          if (c < '0' || c > '9') {
            break;
          }
          if (overflow) {
            continue;
          }
          if (Long.compareUnsigned(f, Long.MAX_VALUE / 10) > 0) {
            overflow = true;
            continue;
          }
          long y = f * 10 + (c - '0');
          if (Long.compareUnsigned(y, limit) > 0) {
            overflow = true;
            continue;
          }
          f = y;
          scale *= 10;
        }
        post = j != 0;
        s = s.substring(j);
      }
      if (!pre && !post) {
        throw invalid(orig);
      }
      // unit
      int u = 0;
      for (; u < s.length(); u++) {
        char c = s.charAt(u);
        if (c == '.' || (c >= '0' && c <= '9')) {
          break;
        }
      }
      if (u == 0) {
        throw new IllegalArgumentException(
            "time: missing unit in duration " + GoStrings.timeQuote(orig));
      }
      String unitName = s.substring(0, u);
      s = s.substring(u);
      Long unit = UNITS.get(unitName);
      if (unit == null) {
        throw new IllegalArgumentException(
            "time: unknown unit "
                + GoStrings.timeQuote(unitName)
                + " in duration "
                + GoStrings.timeQuote(orig));
      }
      if (Long.compareUnsigned(v, Long.divideUnsigned(limit, unit)) > 0) {
        throw invalid(orig);
      }
      v *= unit;
      if (f > 0) {
        double frac = (double) f * ((double) unit / scale);
        v += (long) frac;
        if (Long.compareUnsigned(v, limit) > 0) {
          throw invalid(orig);
        }
      }
      d += v;
      if (Long.compareUnsigned(d, limit) > 0) {
        throw invalid(orig);
      }
    }
    if (neg) {
      return Duration.ofNanos(-d);
    }
    if (d < 0) {
      // d == 1<<63 does not fit a positive int64
      throw invalid(orig);
    }
    return Duration.ofNanos(d);
  }

  private static IllegalArgumentException invalid(String orig) {
    return new IllegalArgumentException("time: invalid duration " + GoStrings.timeQuote(orig));
  }

  /** {@code Duration.String()}: {@code "1h30m0s"}, {@code "1.5s"}, {@code "250ms"}, {@code "0s"}. */
  public static String format(Duration duration) {
    long d = nanos(duration);
    if (d == 0) {
      return "0s";
    }
    boolean neg = d < 0;
    long u = neg ? -d : d; // unsigned magnitude; MIN_VALUE stays 1<<63 unsigned
    StringBuilder sb = new StringBuilder();
    if (Long.compareUnsigned(u, SECOND) < 0) {
      int prec;
      String unit;
      if (u < MICROSECOND) {
        prec = 0;
        unit = "ns";
      } else if (u < MILLISECOND) {
        prec = 3;
        unit = "\u00b5s";
      } else {
        prec = 6;
        unit = "ms";
      }
      String[] frac = fraction(u, prec);
      sb.append(frac[0]).append(frac[1]).append(unit);
    } else {
      String[] frac = fraction(u, 9);
      long secs = Long.parseUnsignedLong(frac[0]);
      StringBuilder tail = new StringBuilder();
      tail.append(Long.remainderUnsigned(secs, 60)).append(frac[1]).append('s');
      long mins = Long.divideUnsigned(secs, 60);
      if (mins > 0) {
        tail.insert(0, "m").insert(0, mins % 60);
        long hours = mins / 60;
        if (hours > 0) {
          tail.insert(0, "h").insert(0, hours);
        }
      }
      sb.append(tail);
    }
    if (neg) {
      sb.insert(0, '-');
    }
    return sb.toString();
  }

  /**
   * Splits an unsigned value into its integer part (as an unsigned decimal string) and the
   * fraction of {@code 10^prec} without trailing zeros (".5", or "" when zero).
   */
  private static String[] fraction(long u, int prec) {
    long pow = 1;
    for (int i = 0; i < prec; i++) {
      pow *= 10;
    }
    long integer = Long.divideUnsigned(u, pow);
    long frac = Long.remainderUnsigned(u, pow);
    String fracText = "";
    if (frac != 0) {
      StringBuilder digits = new StringBuilder(Long.toString(frac));
      while (digits.length() < prec) {
        digits.insert(0, '0');
      }
      int end = digits.length();
      while (end > 0 && digits.charAt(end - 1) == '0') {
        end--;
      }
      fracText = "." + digits.substring(0, end);
    }
    return new String[] {Long.toUnsignedString(integer), fracText};
  }

  /** {@code Duration.Hours()}: the duration as a floating-point number of hours. */
  public static double hours(Duration duration) {
    long d = nanos(duration);
    long hour = d / HOUR;
    long nsec = d % HOUR;
    return (double) hour + (double) nsec / (60 * 60 * 1e9);
  }

  /** {@code Duration.Minutes()}: the duration as a floating-point number of minutes. */
  public static double minutes(Duration duration) {
    long d = nanos(duration);
    long min = d / MINUTE;
    long nsec = d % MINUTE;
    return (double) min + (double) nsec / (60 * 1e9);
  }

  /** {@code Duration.Seconds()}: the duration as a floating-point number of seconds. */
  public static double seconds(Duration duration) {
    long d = nanos(duration);
    long sec = d / SECOND;
    long nsec = d % SECOND;
    return (double) sec + (double) nsec / 1e9;
  }

  /** {@code Duration.Round}: halfway values round away from zero; saturates on overflow. */
  public static Duration round(Duration duration, long m) {
    long d = nanos(duration);
    if (m <= 0) {
      return of(d);
    }
    long r = d % m;
    if (d < 0) {
      r = -r;
      if (lessThanHalf(r, m)) {
        return of(d + r);
      }
      long d1 = d - m + r;
      if (d1 < d) {
        return of(d1);
      }
      return of(Long.MIN_VALUE);
    }
    if (lessThanHalf(r, m)) {
      return of(d - r);
    }
    long d1 = d + m - r;
    if (d1 > d) {
      return of(d1);
    }
    return of(Long.MAX_VALUE);
  }

  private static boolean lessThanHalf(long x, long y) {
    return Long.compareUnsigned(x + x, y) < 0;
  }

  /** {@code Duration.Truncate}: rounds toward zero to a multiple of m. */
  public static Duration truncate(Duration duration, long m) {
    long d = nanos(duration);
    if (m <= 0) {
      return of(d);
    }
    return of(d - d % m);
  }

  /** {@code Duration.Abs}: the minimum duration saturates to the maximum. */
  public static Duration abs(Duration duration) {
    long d = nanos(duration);
    if (d >= 0) {
      return of(d);
    }
    if (d == Long.MIN_VALUE) {
      return of(Long.MAX_VALUE);
    }
    return of(-d);
  }
}
