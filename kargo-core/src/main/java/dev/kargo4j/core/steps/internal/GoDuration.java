package dev.kargo4j.core.steps.internal;

import java.math.BigDecimal;
import java.time.Duration;

/** Go's {@code time.ParseDuration}: e.g. {@code 300ms}, {@code -1.5h}, {@code 2h45m}. Thread-safe. */
public final class GoDuration {
  private GoDuration() {}

  /**
   * Parses a Go duration string.
   *
   * @throws IllegalArgumentException when {@code s} is not one
   */
  public static Duration parse(String s) {
    String in = s;
    boolean neg = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      neg = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("invalid duration " + in);
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) && s.charAt(i) < 128 || s.charAt(i) == '.')) {
        i++;
      }
      String num = s.substring(start, i);
      if (num.isEmpty() || num.equals(".") || num.chars().filter(c -> c == '.').count() > 1) {
        throw new IllegalArgumentException("invalid duration " + in);
      }
      int u = i;
      while (i < s.length() && !(Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String unit = s.substring(u, i);
      long scale = switch (unit) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        case "h" -> 3_600_000_000_000L;
        default -> throw new IllegalArgumentException(
            unit.isEmpty() ? "missing unit in duration " + in : "unknown unit " + unit + " in duration " + in);
      };
      nanos = nanos.add(new BigDecimal(num.startsWith(".") ? "0" + num : num).multiply(BigDecimal.valueOf(scale)));
    }
    if (nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new IllegalArgumentException("invalid duration " + in);
    }
    long n = nanos.longValue();
    return Duration.ofNanos(neg ? -n : n);
  }
}
