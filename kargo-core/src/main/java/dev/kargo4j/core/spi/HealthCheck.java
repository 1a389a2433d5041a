package dev.kargo4j.core.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A health check a step asks the Stage to run after a successful promotion, as Kargo stores it
 * in {@code promotion.status.healthChecks}: the {@link HealthChecker} kind (e.g.
 * {@code argocd-update}) and its JSON-like input.
 */
public record HealthCheck(String uses, Map<String, Object> config) {
  public HealthCheck {
    Objects.requireNonNull(uses, "uses");
    config = JsonTree.copyOf(config == null ? Map.of() : config);
  }
}
