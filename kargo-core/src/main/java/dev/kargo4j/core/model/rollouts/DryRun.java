package dev.kargo4j.core.model.rollouts;

import static dev.kargo4j.core.model.internal.Checks.required;

/**
 * A metric run in dry-run mode: its results do not affect the verification.
 *
 * <p>Immutable and thread-safe.
 */
public record DryRun(String metricName) {
  /** Validates. */
  public DryRun {
    required("metricName", metricName);
  }
}
