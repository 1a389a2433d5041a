package dev.kargo4j.core.model.rollouts;

import static dev.kargo4j.core.model.internal.Checks.list;

import dev.kargo4j.core.model.InvalidModelException;
import java.util.List;

/**
 * An AnalysisTemplate's spec: {@code args}, {@code metrics} (at least one), {@code dryRun} and
 * {@code measurementRetention}.
 *
 * <p>Immutable and thread-safe.
 */
public record AnalysisTemplateSpec(
    List<AnalysisArgument> args,
    List<Metric> metrics,
    List<DryRun> dryRun,
    List<MeasurementRetention> measurementRetention) {
  /** Validates. */
  public AnalysisTemplateSpec {
    args = list("args", args);
    metrics = list("metrics", metrics);
    if (metrics.isEmpty()) {
      throw new InvalidModelException("metrics", "at least one metric is required");
    }
    dryRun = list("dryRun", dryRun);
    measurementRetention = list("measurementRetention", measurementRetention);
  }
}
