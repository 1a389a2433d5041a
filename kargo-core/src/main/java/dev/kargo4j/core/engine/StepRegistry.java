package dev.kargo4j.core.engine;

import dev.kargo4j.core.internal.KindRegistry;
import dev.kargo4j.core.spi.StepRunner;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The step runners an engine can use, keyed by {@link StepRunner#kind()}. Built by the host,
 * never global: {@link #discover(ClassLoader)} finds runners through {@link
 * java.util.ServiceLoader}, {@link #of} takes them explicitly. A duplicate kind fails naming both
 * classes. Immutable and thread-safe.
 */
public final class StepRegistry {
  private final KindRegistry<StepRunner> runners;

  private StepRegistry(KindRegistry<StepRunner> runners) {
    this.runners = runners;
  }

  /** The runners {@link java.util.ServiceLoader} finds through {@code loader}. */
  public static StepRegistry discover(ClassLoader loader) {
    return of(KindRegistry.load(StepRunner.class, loader));
  }

  /** Exactly these runners. */
  public static StepRegistry of(StepRunner... runners) {
    return of(List.of(runners));
  }

  /** Exactly these runners. */
  public static StepRegistry of(List<? extends StepRunner> runners) {
    return new StepRegistry(KindRegistry.of("step kind", runners, StepRunner::kind));
  }

  /** A copy with {@code runner} added; fails if its kind is already registered. */
  public StepRegistry with(StepRunner runner) {
    return new StepRegistry(runners.with(runner, StepRunner::kind));
  }

  /** The runner for {@code kind}, if any. */
  public Optional<StepRunner> find(String kind) {
    return runners.find(kind);
  }

  /** The runner for {@code kind}; an unknown kind fails naming the known kinds. */
  public StepRunner runner(String kind) {
    return runners.get(kind);
  }

  /** The registered kinds, sorted. */
  public Set<String> kinds() {
    return runners.kinds();
  }
}
