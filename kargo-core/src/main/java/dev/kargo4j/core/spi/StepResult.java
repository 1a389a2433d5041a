package dev.kargo4j.core.spi;

import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.model.PromotionStepStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one attempt of a step. The output is stored under the step's alias whatever
 * the status, so a later attempt (and later steps, through {@code outputs}) can read it.
 *
 * @param status never null; Aborted and Errored are set by the engine, not by runners
 * @param message a human-readable reason, may be null
 * @param output a JSON-like map (strings, numbers, booleans, lists, maps, null); never null
 * @param healthCheck a health check the Stage should run after a successful promotion
 * @param retryAfter for {@link PromotionStepStatus#RUNNING}: when to try again; null otherwise
 */
public record StepResult(
    PromotionStepStatus status,
    String message,
    Map<String, Object> output,
    Optional<HealthCheckStep> healthCheck,
    Duration retryAfter) {

  public StepResult {
    Objects.requireNonNull(status, "status");
    output = JsonTree.copyOf(output == null ? Map.of() : output);
    healthCheck = healthCheck == null ? Optional.empty() : healthCheck;
    if (status == PromotionStepStatus.RUNNING && retryAfter == null) {
      throw new IllegalArgumentException("a Running result needs a retryAfter duration");
    }
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
  }

  /** The step did its work. */
  public static StepResult succeeded(Map<String, ?> output) {
    return new StepResult(PromotionStepStatus.SUCCEEDED, null, castOutput(output), Optional.empty(), null);
  }

  /** The step did its work and asks the Stage to run {@code check} from now on. */
  public static StepResult succeeded(Map<String, ?> output, HealthCheckStep check) {
    return new StepResult(
        PromotionStepStatus.SUCCEEDED, null, castOutput(output), Optional.of(check), null);
  }

  /** The step had nothing to do (e.g. git-commit without changes). */
  public static StepResult skipped(String reason, Map<String, ?> output) {
    return new StepResult(PromotionStepStatus.SKIPPED, reason, castOutput(output), Optional.empty(), null);
  }

  /** The step is still working; the engine runs it again after {@code retryAfter}. */
  public static StepResult running(Duration retryAfter, String message, Map<String, ?> output) {
    return new StepResult(PromotionStepStatus.RUNNING, message, castOutput(output), Optional.empty(), retryAfter);
  }

  /** The step failed for a business reason; not retried. */
  public static StepResult failed(String message, Map<String, ?> output) {
    return new StepResult(PromotionStepStatus.FAILED, message, castOutput(output), Optional.empty(), null);
  }

  /** The step failed for a business reason, without output; not retried. */
  public static StepResult failed(String message) {
    return failed(message, Map.of());
  }

  /** A copy with the given health check. */
  public StepResult withHealthCheck(HealthCheckStep check) {
    return new StepResult(status, message, output, Optional.of(check), retryAfter);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castOutput(Map<String, ?> output) {
    return (Map<String, Object>) output;
  }
}
