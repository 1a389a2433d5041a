package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.model.HealthCheckStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable execution state of one promotion during a pass of the orchestrator: the current
 * step, per-step metadata, the shared state (outputs by alias) and the health checks collected.
 * Confined to the thread running the pass.
 */
public final class RunState {
  int currentStep;
  final List<StepMeta> metas;
  final Map<String, Object> state;
  final List<HealthCheckStep> healthChecks = new ArrayList<>();

  public RunState(int currentStep, List<StepMeta> metas, Map<String, Object> state) {
    this.currentStep = currentStep;
    this.metas = new ArrayList<>(metas);
    this.state = new LinkedHashMap<>(state);
  }

  public int currentStep() { return currentStep; }
  public List<StepMeta> metas() { return metas; }
  public Map<String, Object> state() { return state; }
  public List<HealthCheckStep> healthChecks() { return healthChecks; }

  /** The metadata of {@code step}, created on first use (Kargo's {@code SetCurrentStep}). */
  StepMeta meta(EngineStep step) {
    for (StepMeta m : metas) {
      if (m.alias.equals(step.alias())) {
        return m;
      }
    }
    StepMeta m = new StepMeta(step.alias(), null, null, 0, null, null, step.continueOnError());
    metas.add(m);
    return m;
  }

  /** Whether an earlier step that lacks continueOnError is Failed or Errored. */
  boolean hasFailures() {
    for (StepMeta m : metas) {
      if (m.isFailure()) {
        return true;
      }
    }
    return false;
  }
}
