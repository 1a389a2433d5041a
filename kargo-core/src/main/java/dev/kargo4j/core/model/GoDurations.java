package dev.kargo4j.core.model;

import java.math.BigInteger;
import java.time.Duration;

/**
 * Durations in Go's {@code time.Duration} text form, as Kargo writes them: {@code "5m0s"},
 * {@code "1h30m0s"}, {@code "1.5s"}, {@code "300ms"}. Parsing accepts everything Go's
 * {@code time.ParseDuration} accepts ({@code "90m"}, {@code "1h30m"}, {@code "-1.5h"},
 * {@code "0"}); formatting reproduces Go's {@code Duration.String()} exactly.
 *
 * <p>Stateless and thread-safe.
 */
public final class GoDurations {
  private static final long NS = 1L;
  private static final long US = 1_000L;
  private static final long MS = 1_000_000L;
  private static final long SEC = 1_000_000_000L;
  private static final long MIN = 60 * SEC;
  private static final long HOUR = 60 * MIN;
  private static final BigInteger MAX_MAGNITUDE = BigInteger.ONE.shiftLeft(63);

  private GoDurations() {}

  /**
   * Parses a Go duration.
   *
   * @throws InvalidModelException (with an empty field) when {@code text} is not a Go duration
   *     or does not fit Go's int64 nanoseconds
   */
  public static Duration parse(String text) {
    if (text == null) {
      throw invalid("null");
    }
    String s = text;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(text);
    }
    BigInteger total = BigInteger.ZERO;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (!(c == '.' || (c >= '0' && c <= '9'))) {
        throw invalid(text);
      }
      int start = i;
      BigInteger v = BigInteger.ZERO;
      while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        v = v.multiply(BigInteger.TEN).add(BigInteger.valueOf(s.charAt(i) - '0'));
        i++;
      }
      if (v.compareTo(MAX_MAGNITUDE) > 0) {
        throw invalid(text);
      }
      boolean pre = i != start;
      boolean post = false;
      long f = 0;
      double scale = 1;
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fs = i;
        boolean overflow = false;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          if (!overflow) {
            if (f > (Long.MAX_VALUE - 9) / 10) {
              overflow = true;
            } else {
              f = f * 10 + (s.charAt(i) - '0');
              scale *= 10;
            }
          }
          i++;
        }
        post = i != fs;
      }
      if (!pre && !post) {
        throw invalid(text);
      }
      int us = i;
      while (i < s.length()) {
        char u = s.charAt(i);
        if (u == '.' || (u >= '0' && u <= '9')) {
          break;
        }
        i++;
      }
      if (us == i) {
        throw new InvalidModelException("", "missing unit in duration \"" + text + "\"" + ALLOWED);
      }
      long unit = unit(s.substring(us, i), text);
      BigInteger part = v.multiply(BigInteger.valueOf(unit));
      if (part.compareTo(MAX_MAGNITUDE) > 0) {
        throw invalid(text);
      }
      if (f > 0) {
        part = part.add(BigInteger.valueOf((long) ((double) f * ((double) unit / scale))));
        if (part.compareTo(MAX_MAGNITUDE) > 0) {
          throw invalid(text);
        }
      }
      total = total.add(part);
      if (total.compareTo(MAX_MAGNITUDE) > 0) {
        throw invalid(text);
      }
    }
    if (neg) {
      return Duration.ofNanos(total.negate().longValueExact());
    }
    if (total.compareTo(MAX_MAGNITUDE) >= 0) {
      throw invalid(text);
    }
    return Duration.ofNanos(total.longValueExact());
  }

  private static final String ALLOWED =
      "; allowed: a Go duration such as \"5m0s\", \"1h30m\", \"90s\" or \"300ms\""
          + " (units ns, us, ms, s, m, h)";

  private static InvalidModelException invalid(String text) {
    return new InvalidModelException("", "invalid duration \"" + text + "\"" + ALLOWED);
  }

  private static long unit(String u, String text) {
    switch (u) {
      case "ns":
        return NS;
      case "us":
      case "\u00b5s":
      case "\u03bcs":
        return US;
      case "ms":
        return MS;
      case "s":
        return SEC;
      case "m":
        return MIN;
      case "h":
        return HOUR;
      default:
        throw new InvalidModelException(
            "", "unknown unit \"" + u + "\" in duration \"" + text + "\"" + ALLOWED);
    }
  }

  /**
   * Formats like Go's {@code Duration.String()}.
   *
   * @throws InvalidModelException when the duration does not fit in int64 nanoseconds
   */
  public static String format(Duration d) {
    long nanos;
    try {
      nanos = d.toNanos();
    } catch (ArithmeticException e) {
      throw new InvalidModelException("", "duration " + d + " is too large for Kargo");
    }
    boolean neg = nanos < 0;
    // Go uses uint64 for the magnitude; Long.MIN_VALUE negated stays representable unsigned.
    long u = neg ? -nanos : nanos;
    StringBuilder sb = new StringBuilder();
    if (Long.compareUnsigned(u, SEC) < 0) {
      if (u == 0) {
        return "0s";
      }
      int prec;
      String unit;
      if (u < US) {
        prec = 0;
        unit = "ns";
      } else if (u < MS) {
        prec = 3;
        unit = "\u00b5s";
      } else {
        prec = 6;
        unit = "ms";
      }
      sb.append(Long.toUnsignedString(divPow10(u, prec)));
      sb.append(fraction(u, prec));
      sb.append(unit);
    } else {
      String frac = fraction(u, 9);
      long secs = Long.divideUnsigned(u, SEC);
      long s = secs % 60;
      long mins = secs / 60;
      if (mins > 0) {
        long m = mins % 60;
        long h = mins / 60;
        if (h > 0) {
          sb.append(h).append('h');
        }
        sb.append(m).append('m');
      }
      sb.append(s).append(frac).append('s');
    }
    return neg ? "-" + sb : sb.toString();
  }

  private static long divPow10(long u, int prec) {
    long p = 1;
    for (int i = 0; i < prec; i++) {
      p *= 10;
    }
    return Long.divideUnsigned(u, p);
  }

  private static String fraction(long u, int prec) {
    if (prec == 0) {
      return "";
    }
    long p = 1;
    for (int i = 0; i < prec; i++) {
      p *= 10;
    }
    long frac = Long.remainderUnsigned(u, p);
    if (frac == 0) {
      return "";
    }
    String digits = String.format("%0" + prec + "d", frac);
    int end = digits.length();
    while (end > 0 && digits.charAt(end - 1) == '0') {
      end--;
    }
    return "." + digits.substring(0, end);
  }
}
