package dev.kargo4j.core.pipeline;

import dev.kargo4j.core.internal.KindRegistry;
import dev.kargo4j.core.spi.HealthChecker;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The health checkers a {@link ProjectRuntime} can run, keyed by {@link HealthChecker#kind()}
 * (the {@code uses} that steps register, e.g. {@code argocd-update}). Built by the host, never
 * global: {@link #discover(ClassLoader)} uses {@link java.util.ServiceLoader}, {@link #of} takes
 * checkers explicitly. A duplicate kind fails naming both classes. Immutable and thread-safe.
 */
public final class HealthCheckerRegistry {
  private static final HealthCheckerRegistry EMPTY = of(List.of());

  private final KindRegistry<HealthChecker> checkers;

  private HealthCheckerRegistry(KindRegistry<HealthChecker> checkers) {
    this.checkers = checkers;
  }

  /** No checkers: a Promotion that registered health checks leaves its Stage Unknown. */
  public static HealthCheckerRegistry empty() {
    return EMPTY;
  }

  /** The checkers {@link java.util.ServiceLoader} finds through {@code loader}. */
  public static HealthCheckerRegistry discover(ClassLoader loader) {
    return of(KindRegistry.load(HealthChecker.class, loader));
  }

  /** Exactly these checkers. */
  public static HealthCheckerRegistry of(HealthChecker... checkers) {
    return of(List.of(checkers));
  }

  /** Exactly these checkers. */
  public static HealthCheckerRegistry of(List<? extends HealthChecker> checkers) {
    return new HealthCheckerRegistry(KindRegistry.of("health check kind", checkers, HealthChecker::kind));
  }

  /** A copy with {@code checker} added; fails if its kind is already registered. */
  public HealthCheckerRegistry with(HealthChecker checker) {
    return new HealthCheckerRegistry(checkers.with(checker, HealthChecker::kind));
  }

  /** The checker for {@code kind}, if any. */
  public Optional<HealthChecker> find(String kind) {
    return checkers.find(kind);
  }

  /** The registered kinds, sorted. */
  public Set<String> kinds() {
    return checkers.kinds();
  }
}
