package dev.kargo4j.core.model.rollouts;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.str;

/**
 * An HTTP header of the web metric provider: {@code key} and {@code value}.
 *
 * <p>Immutable and thread-safe.
 */
public record WebMetricHeader(String key, String value) {
  /** Validates. */
  public WebMetricHeader {
    required("key", key);
    value = str(value);
  }
}
