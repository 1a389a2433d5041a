package dev.kargo4j.core.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one kind of promotion step, e.g. {@code git-clone}. A runner is the logic; the step as
 * written in a manifest ({@code uses}, {@code config}, {@code if}, ...) is data handled by the
 * engine, which renders the config, binds it and hands it to {@link #run(StepContext)}.
 *
 * <p>Runners are found through {@link java.util.ServiceLoader} (declare them in
 * {@code META-INF/services/dev.kargo4j.core.spi.StepRunner}) or registered explicitly by the
 * host. Implementations must be thread-safe: one instance runs many steps of many promotions at
 * the same time; all per-step state lives in the {@link StepContext} and in the step's output.
 *
 * <p>Outcomes are values: return {@link StepResult#succeeded}, {@link StepResult#skipped},
 * {@link StepResult#running} or {@link StepResult#failed}. A thrown exception is an error:
 * {@link TerminalStepException} (and {@link InvalidConfigException}) are never retried, any
 * other exception counts against the step's {@code retry.errorThreshold}. A thrown {@link Error}
 * ({@code NoClassDefFoundError}, {@code AssertionError}, {@code OutOfMemoryError}, ...) would
 * recur on every retry, so it ends the step Errored at once, the message naming the step alias
 * and the runner's class; only a broken JVM's {@code InternalError} goes on up to the host.
 */
public interface StepRunner {

  /** The step kind this runner handles, as written in {@code uses}; kebab-case, never null. */
  String kind();

  /**
   * The capabilities this runner needs; the context hands out only these.
   * Defaults to none.
   */
  default Set<Capability<?>> capabilities() {
    return Set.of();
  }

  /**
   * The step's default {@code retry.timeout} when the manifest sets none; empty means no
   * timeout. Kargo gives {@code argocd-update} and {@code argocd-wait} five minutes.
   */
  default Optional<Duration> defaultTimeout() {
    return Optional.empty();
  }

  /**
   * The step's default {@code retry.errorThreshold} when the manifest sets none (or 0): the
   * number of consecutive errors after which the step is given up. Kargo uses 1 everywhere.
   */
  default int defaultErrorThreshold() {
    return 1;
  }

  /**
   * Whether the step's output is also merged into the output of the task it was inflated from
   * ({@code outputs.<taskAlias>}), Kargo's {@code task-output-propagation} capability; only
   * {@code compose-output} does this. Defaults to false.
   */
  default boolean propagatesOutputToTask() {
    return false;
  }

  /** Runs one attempt of the step. Never returns null. */
  StepResult run(StepContext context);
}
