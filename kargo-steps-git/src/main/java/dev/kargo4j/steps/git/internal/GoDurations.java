package dev.kargo4j.steps.git.internal;

import dev.kargo4j.core.spi.InvalidConfigException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} for the durations step configs carry (e.g. {@code 1m30s}). */
public final class GoDurations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

  private GoDurations() {}

  /** Parses {@code text}; {@code field} is named in the error. */
  public static Duration parse(String text, String field) {
    String s = text.trim();
    boolean negative = s.startsWith("-");
    if (negative || s.startsWith("+")) {
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = PART.matcher(s);
    int pos = 0;
    double nanos = 0;
    while (pos < s.length()) {
      if (!m.find(pos) || m.start() != pos) {
        throw new InvalidConfigException(field + ": invalid duration '" + text
            + "'; expected Go syntax such as 30s, 1m30s, 500ms, 2h");
      }
      double v = Double.parseDouble(m.group(1));
      nanos += v * switch (m.group(2)) {
        case "ns" -> 1L;
        case "us", "µs", "μs" -> 1_000L;
        case "ms" -> 1_000_000L;
        case "s" -> 1_000_000_000L;
        case "m" -> 60_000_000_000L;
        default -> 3_600_000_000_000L;
      };
      pos = m.end();
    }
    if (pos == 0) {
      throw new InvalidConfigException(field + ": invalid duration '" + text + "'");
    }
    Duration d = Duration.ofNanos((long) nanos);
    return negative ? d.negated() : d;
  }
}
