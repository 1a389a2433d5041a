package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

import java.time.Instant;

/**
 * One verification of a Freight collection in a Stage: {@code id}, {@code actor},
 * {@code startTime}, {@code phase}, {@code message}, the {@code analysisRun} and
 * {@code finishTime}. {@code phase}, {@code analysisRun} and the times may be null.
 *
 * <p>Immutable and thread-safe.
 */
public record VerificationInfo(
    String id,
    String actor,
    Instant startTime,
    VerificationPhase phase,
    String message,
    AnalysisRunReference analysisRun,
    Instant finishTime) {

  /** Null strings become empty. */
  public VerificationInfo {
    id = str(id);
    actor = str(actor);
    message = str(message);
  }

  /** Whether the verification has finished; a missing phase counts as not finished. */
  public boolean isTerminal() {
    return phase != null && phase.isTerminal();
  }
}
