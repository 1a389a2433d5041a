package dev.kargo4j.core.steps.internal;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Config checks the built-in steps need beyond {@link dev.kargo4j.core.spi.ConfigRules}: lists
 * without null elements, optional strings that must not be empty, Go durations, and keys that
 * must be present even when their value is null. Stateless and thread-safe.
 */
public final class ConfigChecks {
  private ConfigChecks() {}

  /** An unmodifiable copy of {@code list}; null becomes empty; a null element is refused. */
  public static <T> List<T> listOf(List<T> list, String field) {
    if (list == null) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new InvalidConfigException(field + "[" + i + "]: must not be null");
      }
    }
    return List.copyOf(list);
  }

  /** Like {@link #listOf} but the list is required and needs at least {@code min} items. */
  public static <T> List<T> requiredList(List<T> list, int min, String field) {
    if (list == null) {
      throw new InvalidConfigException(field + ": required field is missing");
    }
    if (list.size() < min) {
      throw new InvalidConfigException(
          field + ": must have at least " + min + " item" + (min == 1 ? "" : "s"));
    }
    return listOf(list, field);
  }

  /** An optional string that, when given, must not be empty (JSON schema {@code minLength: 1}). */
  public static String optionalNonEmpty(String value, String field) {
    if (value != null && value.isEmpty()) {
      throw new InvalidConfigException(field + ": must not be empty when set");
    }
    return value;
  }

  /** A required string that may be empty (present, but no {@code minLength}). */
  public static String present(String value, String field) {
    if (value == null) {
      throw new InvalidConfigException(field + ": required field is missing");
    }
    return value;
  }

  /** An optional Go duration; null when absent (see {@link ConfigRules#duration}). */
  public static Duration optionalDuration(String value, String field) {
    return ConfigRules.duration(value, field);
  }

  /**
   * Refuses a list element of the raw config that lacks {@code key} (JSON schema
   * {@code required}, which a null value satisfies but a missing key does not).
   *
   * @param where the config's path prefix, e.g. {@code steps[x].config}
   */
  public static void requireKeyInEach(Map<String, Object> raw, String list, String key, String where) {
    if (raw.get(list) instanceof List<?> items) {
      for (int i = 0; i < items.size(); i++) {
        if (items.get(i) instanceof Map<?, ?> m && !m.containsKey(key)) {
          throw new InvalidConfigException(
              where + "." + list + "[" + i + "]." + key + ": required field is missing");
        }
      }
    }
  }
}
