package dev.kargo4j.core.engine.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One inflated step as the orchestrator runs it.
 *
 * @param alias never null (inflation assigns {@code step-N} / {@code task-N::...})
 * @param uses the step kind
 * @param ifExpression the {@code if} template, or null
 * @param config the unrendered config tree, or null
 * @param vars the step's own vars in order
 * @param continueOnError whether a failure is ignored
 * @param timeout {@code retry.timeout}, or null for the runner's default
 * @param errorThreshold {@code retry.errorThreshold}; 0 means the runner's default
 */
public record EngineStep(
    String alias,
    String uses,
    String ifExpression,
    Map<String, Object> config,
    List<NamedValue> vars,
    boolean continueOnError,
    Duration timeout,
    int errorThreshold) {

  public EngineStep {
    vars = List.copyOf(vars);
  }

  /** A variable: its name and unrendered value. */
  public record NamedValue(String name, String value) {}
}
