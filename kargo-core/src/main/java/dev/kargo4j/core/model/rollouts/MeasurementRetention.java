package dev.kargo4j.core.model.rollouts;

import static dev.kargo4j.core.model.internal.Checks.required;

/**
 * How many measurements of a metric to keep.
 *
 * <p>Immutable and thread-safe.
 */
public record MeasurementRetention(String metricName, long limit) {
  /** Validates. */
  public MeasurementRetention {
    required("metricName", metricName);
  }
}
