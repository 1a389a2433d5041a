package dev.kargo4j.core.spi;

import dev.kargo4j.expr.go.GoDuration;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;

/**
 * Checks for the compact constructors of step config records. Each failure is an
 * {@link InvalidConfigException} naming the field (relative to the config; the engine prefixes
 * the step's alias) and what is allowed.
 */
public final class ConfigRules {
  private ConfigRules() {}

  /** {@code value} must be present (non-null, and non-blank for strings). */
  public static <T> T required(T value, String field) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new InvalidConfigException(field + ": required field is missing");
    }
    return value;
  }

  /** {@code values} must have at least {@code min} elements. */
  public static <C extends Collection<?>> C minItems(C values, int min, String field) {
    if (values == null || values.size() < min) {
      throw new InvalidConfigException(
          field + ": must have at least " + min + " item" + (min == 1 ? "" : "s"));
    }
    return values;
  }

  /** Exactly one of the named fields may be set (non-null and, for strings, non-empty). */
  public static void exactlyOne(String fields, Object... values) {
    int set = countSet(values);
    if (set != 1) {
      throw new InvalidConfigException(
          fields + ": exactly one must be set, " + (set == 0 ? "none is" : set + " are"));
    }
  }

  /** At most one of the named fields may be set. */
  public static void atMostOne(String fields, Object... values) {
    int set = countSet(values);
    if (set > 1) {
      throw new InvalidConfigException(fields + ": at most one may be set, " + set + " are");
    }
  }

  /** {@code value}, when present, must be one of {@code allowed}. */
  public static String oneOf(String value, Set<String> allowed, String field) {
    if (value != null && !allowed.contains(value)) {
      throw new InvalidConfigException(
          field + ": '" + value + "' is not allowed; allowed: " + String.join(", ", allowed.stream().sorted().toList()));
    }
    return value;
  }

  /**
   * An optional Go duration ({@code 30s}, {@code 1m30s}, {@code 1.5h}) as Go's
   * {@code time.ParseDuration} reads it; null when absent or empty.
   */
  public static Duration duration(String value, String field) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(field + ": '" + value + "' is not a duration; allowed:"
          + " a Go duration such as 30s, 5m or 1h30m (units ns, us, ms, s, m, h)");
    }
  }

  private static int countSet(Object... values) {
    int set = 0;
    for (Object v : values) {
      if (v != null && !(v instanceof String s && s.isEmpty()) && !Boolean.FALSE.equals(v)) {
        set++;
      }
    }
    return set;
  }
}
