package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.list;
import static dev.kargo4j.core.model.internal.Checks.str;

import dev.kargo4j.core.model.internal.JsonTrees;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Promotion's status: {@code phase} (null until processed), {@code message}, the target
 * {@code freight} and {@code freightCollection} (null until set), {@code healthChecks}
 * registered by its steps, {@code startedAt}/{@code finishedAt}, the {@code currentStep}
 * index, {@code stepExecutionMetadata} and {@code state} (the JSON-like step outputs keyed by
 * alias). {@code lastHandledRefresh} is kept for fidelity.
 *
 * <p>Immutable and thread-safe.
 */
public record PromotionStatus(
    String lastHandledRefresh,
    PromotionPhase phase,
    String message,
    FreightReference freight,
    FreightCollection freightCollection,
    List<HealthCheckStep> healthChecks,
    Instant startedAt,
    Instant finishedAt,
    long currentStep,
    List<StepExecutionMetadata> stepExecutionMetadata,
    Map<String, Object> state) {

  /** The empty status. */
  public static final PromotionStatus EMPTY =
      new PromotionStatus("", null, "", null, null, null, null, null, 0, null, null);

  /** Copies. */
  public PromotionStatus {
    lastHandledRefresh = str(lastHandledRefresh);
    message = str(message);
    healthChecks = list("healthChecks", healthChecks);
    if (currentStep < 0) {
      throw new InvalidModelException("currentStep", "must not be negative");
    }
    stepExecutionMetadata = list("stepExecutionMetadata", stepExecutionMetadata);
    state = JsonTrees.object("state", state);
  }

  /** Whether the phase is terminal. */
  public boolean isTerminal() {
    return phase != null && phase.isTerminal();
  }

  /** A copy with another phase and message. */
  public PromotionStatus withPhase(PromotionPhase newPhase, String newMessage) {
    return new PromotionStatus(lastHandledRefresh, newPhase, newMessage, freight, freightCollection, healthChecks, startedAt, finishedAt, currentStep, stepExecutionMetadata, state);
  }

  /** A copy with other target Freight. */
  public PromotionStatus withFreight(FreightReference newFreight) {
    return new PromotionStatus(lastHandledRefresh, phase, message, newFreight, freightCollection, healthChecks, startedAt, finishedAt, currentStep, stepExecutionMetadata, state);
  }

  /** A copy with another Freight collection. */
  public PromotionStatus withFreightCollection(FreightCollection collection) {
    return new PromotionStatus(lastHandledRefresh, phase, message, freight, collection, healthChecks, startedAt, finishedAt, currentStep, stepExecutionMetadata, state);
  }

  /** A copy with other health checks. */
  public PromotionStatus withHealthChecks(List<HealthCheckStep> checks) {
    return new PromotionStatus(lastHandledRefresh, phase, message, freight, freightCollection, checks, startedAt, finishedAt, currentStep, stepExecutionMetadata, state);
  }

  /** A copy with another start time. */
  public PromotionStatus withStartedAt(Instant at) {
    return new PromotionStatus(lastHandledRefresh, phase, message, freight, freightCollection, healthChecks, at, finishedAt, currentStep, stepExecutionMetadata, state);
  }

  /** A copy with another finish time. */
  public PromotionStatus withFinishedAt(Instant at) {
    return new PromotionStatus(lastHandledRefresh, phase, message, freight, freightCollection, healthChecks, startedAt, at, currentStep, stepExecutionMetadata, state);
  }

  /** A copy with another current step. */
  public PromotionStatus withCurrentStep(long step) {
    return new PromotionStatus(lastHandledRefresh, phase, message, freight, freightCollection, healthChecks, startedAt, finishedAt, step, stepExecutionMetadata, state);
  }

  /** A copy with other step metadata. */
  public PromotionStatus withStepExecutionMetadata(List<StepExecutionMetadata> metadata) {
    return new PromotionStatus(lastHandledRefresh, phase, message, freight, freightCollection, healthChecks, startedAt, finishedAt, currentStep, metadata, state);
  }

  /** A copy with another state (step outputs by alias). */
  public PromotionStatus withState(Map<String, Object> newState) {
    return new PromotionStatus(lastHandledRefresh, phase, message, freight, freightCollection, healthChecks, startedAt, finishedAt, currentStep, stepExecutionMetadata, newState);
  }
}
