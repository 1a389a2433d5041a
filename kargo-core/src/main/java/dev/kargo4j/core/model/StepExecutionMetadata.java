package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

import java.time.Instant;

/**
 * What happened to one step of a Promotion: {@code alias}, {@code startedAt},
 * {@code finishedAt}, consecutive {@code errorCount}, {@code status} (null before it ran),
 * {@code message} and whether it had {@code continueOnError}.
 *
 * <p>Immutable and thread-safe.
 */
public record StepExecutionMetadata(
    String alias,
    Instant startedAt,
    Instant finishedAt,
    long errorCount,
    PromotionStepStatus status,
    String message,
    boolean continueOnError) {

  /** Validates. */
  public StepExecutionMetadata {
    alias = str(alias);
    message = str(message);
    if (errorCount < 0 || errorCount > 0xFFFF_FFFFL) {
      throw new InvalidModelException("errorCount", "value " + errorCount + " is out of range");
    }
  }

  /** A copy with another status and message. */
  public StepExecutionMetadata withStatus(PromotionStepStatus newStatus, String newMessage) {
    return new StepExecutionMetadata(alias, startedAt, finishedAt, errorCount, newStatus, newMessage, continueOnError);
  }

  /** A copy with another start time. */
  public StepExecutionMetadata withStartedAt(Instant at) {
    return new StepExecutionMetadata(alias, at, finishedAt, errorCount, status, message, continueOnError);
  }

  /** A copy with another finish time. */
  public StepExecutionMetadata withFinishedAt(Instant at) {
    return new StepExecutionMetadata(alias, startedAt, at, errorCount, status, message, continueOnError);
  }

  /** A copy with another error count. */
  public StepExecutionMetadata withErrorCount(long count) {
    return new StepExecutionMetadata(alias, startedAt, finishedAt, count, status, message, continueOnError);
  }
}
