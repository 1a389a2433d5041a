package dev.kargo4j.core.verification;

import dev.kargo4j.core.model.VerificationPhase;
import java.util.List;
import java.util.Objects;

/**
 * A metric's result so far, as Argo Rollouts keeps it in {@code status.metricResults[]}.
 *
 * @param name the metric's name
 * @param phase Pending, Running, or a terminal phase
 * @param message the last measurement's message when the phase changed
 * @param count measurements that were not errors
 * @param successful successful measurements
 * @param failed failed measurements
 * @param inconclusive inconclusive measurements
 * @param error erroneous measurements
 * @param consecutiveError errors since the last non-error measurement
 * @param consecutiveSuccess successes since the last other measurement
 * @param dryRun whether the metric runs in dry-run mode (its outcome does not count)
 * @param measurements the newest measurements, oldest first (at most the retention limit)
 */
public record MetricStatus(
    String name,
    VerificationPhase phase,
    String message,
    int count,
    int successful,
    int failed,
    int inconclusive,
    int error,
    int consecutiveError,
    int consecutiveSuccess,
    boolean dryRun,
    List<Measurement> measurements) {
  /** Validates and copies. */
  public MetricStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(phase, "phase");
    message = message == null ? "" : message;
    measurements = List.copyOf(measurements);
  }
}
