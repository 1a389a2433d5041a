package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.model.PromotionStepStatus;
import java.time.Instant;

/** Mutable execution metadata of one step (Kargo's {@code StepExecutionMetadata}). Not thread-safe. */
public final class StepMeta {
  final String alias;
  Instant startedAt;
  Instant finishedAt;
  int errorCount;
  PromotionStepStatus status;
  String message;
  boolean continueOnError;

  public StepMeta(String alias, Instant startedAt, Instant finishedAt, int errorCount,
      PromotionStepStatus status, String message, boolean continueOnError) {
    this.alias = alias;
    this.startedAt = startedAt;
    this.finishedAt = finishedAt;
    this.errorCount = errorCount;
    this.status = status;
    this.message = message;
    this.continueOnError = continueOnError;
  }

  public String alias() { return alias; }
  public Instant startedAt() { return startedAt; }
  public Instant finishedAt() { return finishedAt; }
  public int errorCount() { return errorCount; }
  public PromotionStepStatus status() { return status; }
  public String message() { return message; }
  public boolean continueOnError() { return continueOnError; }

  boolean isFailure() {
    return !continueOnError && (status == PromotionStepStatus.FAILED || status == PromotionStepStatus.ERRORED);
  }
}
