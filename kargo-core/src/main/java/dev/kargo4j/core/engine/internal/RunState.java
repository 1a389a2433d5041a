package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The execution state of one promotion during a pass of the orchestrator: the current step, the
 * model's {@link StepExecutionMetadata} of each step (replaced, never mutated, as a step moves
 * on), the shared state (outputs by alias) and the health checks collected. Confined to the
 * thread running the pass.
 */
public final class RunState {
  int currentStep;
  private final List<StepExecutionMetadata> metas;
  final Map<String, Object> state;
  final List<HealthCheckStep> healthChecks = new ArrayList<>();

  public RunState(int currentStep, List<StepExecutionMetadata> metas, Map<String, Object> state) {
    this.currentStep = currentStep;
    this.metas = new ArrayList<>(metas);
    this.state = new LinkedHashMap<>(state);
  }

  public int currentStep() { return currentStep; }
  /** The steps' metadata in the order they started; a read-only view. */
  public List<StepExecutionMetadata> metas() { return Collections.unmodifiableList(metas); }
  public Map<String, Object> state() { return state; }
  public List<HealthCheckStep> healthChecks() { return healthChecks; }

  /** The metadata of {@code step} (its alias set), created on first use (Kargo's {@code SetCurrentStep}). */
  StepExecutionMetadata meta(PromotionStep step) {
    for (StepExecutionMetadata m : metas) {
      if (m.alias().equals(step.as())) {
        return m;
      }
    }
    StepExecutionMetadata m = new StepExecutionMetadata(step.as(), null, null, 0, null, "", step.continueOnError());
    metas.add(m);
    return m;
  }

  /** Replaces the metadata of the step with {@code meta}'s alias; returns {@code meta}. */
  StepExecutionMetadata put(StepExecutionMetadata meta) {
    for (int i = 0; i < metas.size(); i++) {
      if (metas.get(i).alias().equals(meta.alias())) {
        metas.set(i, meta);
        return meta;
      }
    }
    metas.add(meta);
    return meta;
  }

  /** Whether an earlier step that lacks continueOnError is Failed or Errored. */
  boolean hasFailures() {
    for (StepExecutionMetadata m : metas) {
      if (!m.continueOnError()
          && (m.status() == PromotionStepStatus.FAILED || m.status() == PromotionStepStatus.ERRORED)) {
        return true;
      }
    }
    return false;
  }
}
