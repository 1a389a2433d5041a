package dev.kargo4j.core.verification;

import dev.kargo4j.core.spi.MetricMeasurement;
import java.time.Instant;
import java.util.Objects;

/**
 * One measurement of a metric as an AnalysisRun keeps it.
 *
 * @param phase Successful, Failed, Inconclusive or Error
 * @param value the measured value as text (JSON for structured values; empty when none)
 * @param message why it failed or errored; empty otherwise
 * @param startedAt when it was taken
 * @param finishedAt when it finished
 */
public record Measurement(
    MetricMeasurement.Phase phase, String value, String message, Instant startedAt, Instant finishedAt) {
  /** Validates. */
  public Measurement {
    Objects.requireNonNull(phase, "phase");
    value = value == null ? "" : value;
    message = message == null ? "" : message;
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }
}
