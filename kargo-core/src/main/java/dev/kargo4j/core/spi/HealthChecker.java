package dev.kargo4j.core.spi;

import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.model.HealthState;
import java.util.Set;

/**
 * Evaluates one kind of health check that steps register (e.g. {@code argocd-update}); the
 * Stage runs the checks of its last successful promotion and its health is the worst result.
 * Found like step runners, through {@link java.util.ServiceLoader} or explicit registration.
 * Implementations are thread-safe and must not throw for an unhealthy target: they return
 * {@link HealthState#UNHEALTHY} or {@link HealthState#UNKNOWN} with issues instead.
 */
public interface HealthChecker {

  /** The health-check kind, equal to the {@link HealthCheckStep#uses()} steps register. */
  String kind();

  /** The capabilities this checker needs. */
  default Set<Capability<?>> capabilities() {
    return Set.of();
  }

  /** Evaluates the check described by {@link HealthCheckContext#config()}. */
  HealthResult check(HealthCheckContext context);
}
