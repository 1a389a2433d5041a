package dev.kargo4j.core.spi;

import java.util.Set;

/**
 * Evaluates one kind of health check that steps register (e.g. {@code argocd-update}); the
 * Stage runs the checks of its last successful promotion and its health is the worst result.
 * Found like step runners, through {@link java.util.ServiceLoader} or explicit registration.
 * Implementations are thread-safe and must not throw for an unhealthy target: they return
 * {@link HealthStatus#UNHEALTHY} or {@link HealthStatus#UNKNOWN} with issues instead.
 */
public interface HealthChecker {

  /** The health-check kind, equal to the {@link HealthCheck#uses()} steps register. */
  String kind();

  /** The capabilities this checker needs. */
  default Set<Capability<?>> capabilities() {
    return Set.of();
  }

  /** Evaluates the check described by {@link HealthCheckContext#config()}. */
  HealthResult check(HealthCheckContext context);
}
