package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;

import dev.kargo4j.core.model.internal.JsonTrees;
import java.util.Map;

/**
 * A health check registered by a promotion step ({@code status.healthChecks[]}): the checker
 * kind it {@code uses} (e.g. {@code argocd-update}) and its JSON-like {@code config}.
 *
 * <p>Immutable and thread-safe.
 */
public record HealthCheckStep(String uses, Map<String, Object> config) {
  /** Validates and copies. */
  public HealthCheckStep {
    required("uses", uses);
    config = JsonTrees.object("config", config);
  }
}
