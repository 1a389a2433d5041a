package dev.kargo4j.core.engine.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.internal.Failures;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.expr.go.GoDuration;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Runs the steps of one promotion from its current step, as Kargo's local orchestrator does:
 * {@code if} evaluated before the first attempt, the default skip after a failure,
 * {@code continueOnError}, outputs stored whatever the status, error thresholds and timeouts,
 * terminal versus retryable errors, Running with a retry time, and the final phase as the
 * worst status of the steps without {@code continueOnError}.
 */
public final class Orchestrator {
  /** Kargo's default and floor for re-running a Running step. */
  static final Duration DEFAULT_RETRY = Duration.ofMinutes(5);

  /** What the orchestrator needs from the engine for one pass. */
  public interface Pass {
    /** Whether the step should be skipped (evaluates its {@code if}); throws on a bad {@code if}. */
    boolean shouldSkip(PromotionStep step, RunState run);

    /** The runner for {@code step.uses()}, or empty when none is registered. */
    Optional<StepRunner> runner(String kind);

    /** The registered step kinds, sorted, named when a step uses an unknown one. */
    Set<String> knownKinds();

    /** Renders the step's config and runs one attempt; exceptions are the runner's errors. */
    StepResult run(PromotionStep step, StepRunner runner, RunState run) throws Exception;

    /** Masks secrets in a message. */
    String redact(String message);

    /** Masks secrets in an output. */
    Map<String, Object> redact(Map<String, Object> output);

    /** Called after each step changed its metadata, so the promotion can be saved. */
    void stepFinishedOrPaused(PromotionStep step, StepExecutionMetadata meta, RunState run);

    Clock clock();

    BooleanSupplier cancelled();
  }

  private Orchestrator() {}

  /**
   * The steps of a Promotion as the orchestrator runs them: each with its alias ({@code as})
   * set to Kargo's {@code GetAlias}.
   *
   * @throws KargoException when a step still references a task (tasks are inflated by
   *     PromotionBuilder)
   */
  public static List<PromotionStep> aliased(List<PromotionStep> steps) {
    List<PromotionStep> out = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      PromotionStep s = steps.get(i);
      if (s.task() != null) {
        throw new KargoException("step " + s.alias(i) + " references task \"" + s.task().name()
            + "\": build Promotions with PromotionBuilder, which inflates tasks");
      }
      out.add(s.as().isEmpty() ? s.withAs(s.alias(i)) : s);
    }
    return out;
  }

  /** Runs {@code steps} (see {@link #aliased}) from {@code run.currentStep()}. */
  public static Outcome execute(List<PromotionStep> steps, RunState run, Pass pass) {
    Clock clock = pass.clock();
    for (int i = run.currentStep; i < steps.size(); i++) {
      PromotionStep step = steps.get(i);
      String alias = step.as();
      run.currentStep = i;
      StepExecutionMetadata meta = run.meta(step);

      if (pass.cancelled().getAsBoolean()) {
        if (meta.startedAt() != null && meta.finishedAt() == null) {
          meta = run.put(meta.withStatus(PromotionStepStatus.ABORTED, "step \"" + alias + "\" was aborted")
              .withFinishedAt(clock.instant()));
        }
        pass.stepFinishedOrPaused(step, meta, run);
        return new Outcome(PromotionPhase.ABORTED, "promotion aborted", null);
      }

      if (meta.startedAt() == null) {
        boolean skip;
        try {
          skip = pass.shouldSkip(step, run);
        } catch (RuntimeException | StackOverflowError e) {
          meta = run.put(meta.withStatus(PromotionStepStatus.ERRORED, pass.redact("error checking if step \""
              + alias + "\" should be skipped: " + Failures.describe(e))));
          pass.stepFinishedOrPaused(step, meta, run);
          continue;
        }
        if (skip) {
          meta = run.put(meta.withStatus(PromotionStepStatus.SKIPPED, meta.message()));
          pass.stepFinishedOrPaused(step, meta, run);
          continue;
        }
      }

      Optional<StepRunner> runner = pass.runner(step.uses());
      if (runner.isEmpty()) {
        meta = run.put(meta.withStatus(PromotionStepStatus.ERRORED, "no promotion step runner found for kind \""
            + step.uses() + "\"; known: " + String.join(", ", pass.knownKinds())));
        pass.stepFinishedOrPaused(step, meta, run);
        continue;
      }

      if (meta.startedAt() == null) {
        meta = run.put(meta.withStartedAt(clock.instant()).withErrorCount(0));
      }

      StepResult result;
      Exception error = null;
      try {
        result = pass.run(step, runner.get(), run);
      } catch (ContextBuildException e) {
        meta = run.put(meta.withStatus(PromotionStepStatus.ERRORED,
            pass.redact("failed to build step context: " + e.getMessage())).withFinishedAt(clock.instant()));
        pass.stepFinishedOrPaused(step, meta, run);
        continue;
      } catch (Throwable e) {
        // a runner's unexpected failure is its step's error, never the runtime's: an Error
        // (NoClassDefFoundError, AssertionError, OutOfMemoryError, ...) would recur on every
        // retry, so it ends the step; only a broken JVM's errors go on up (Failures)
        Failures.rethrowIfFatal(e);
        error = e instanceof Exception ex ? ex : new TerminalStepException("step \"" + alias + "\" ("
            + step.uses() + "): plug-in " + runner.get().getClass().getName() + " threw " + Failures.describe(e), e);
        result = new StepResult(PromotionStepStatus.ERRORED, null, Map.of(), Optional.empty(), null);
      }
      if (result == null) {
        error = new IllegalStateException("step runner for \"" + step.uses() + "\" returned no result");
        result = new StepResult(PromotionStepStatus.ERRORED, null, Map.of(), Optional.empty(), null);
      }

      // the output is stored whatever the status, so later attempts can read it
      run.state.put(alias, pass.redact(result.output()));
      if (runner.get().propagatesOutputToTask()) {
        propagateToTask(alias, result.output(), run, pass);
      }

      Attempt attempt = reconcile(step, meta, result, error, pass);
      error = attempt.error();
      Completion completion = complete(step, runner.get(), attempt.meta(), error, clock, pass);
      meta = run.put(completion.meta());
      if (!completion.done()) {
        pass.stepFinishedOrPaused(step, meta, run);
        Duration retry = error != null ? null : result.retryAfter();
        return new Outcome(PromotionPhase.RUNNING, null, retryInterval(step, runner.get(), meta, retry, clock));
      }
      if (meta.status() == PromotionStepStatus.SUCCEEDED) {
        result.healthCheck().ifPresent(run.healthChecks::add);
      }
      pass.stepFinishedOrPaused(step, meta, run);
    }
    return finalPhase(steps, run);
  }

  /** A step's metadata after an attempt, and the error that attempt ended in (or null). */
  private record Attempt(StepExecutionMetadata meta, Exception error) {}

  /** A step's metadata after an attempt was judged, and whether the step is done for good. */
  private record Completion(StepExecutionMetadata meta, boolean done) {}

  /** Kargo's {@code reconcileResultWithMetadata}: the status and message after an attempt. */
  private static Attempt reconcile(PromotionStep step, StepExecutionMetadata meta, StepResult result,
      Exception error, Pass pass) {
    meta = meta.withStatus(result.status(), pass.redact(result.message()));
    if (error != null) {
      PromotionStepStatus status = meta.status() == PromotionStepStatus.FAILED
          ? PromotionStepStatus.FAILED : PromotionStepStatus.ERRORED;
      return new Attempt(meta.withStatus(status, pass.redact(messageOf(error))), error);
    }
    if (result.status() == PromotionStepStatus.ERRORED || result.status() == PromotionStepStatus.ABORTED) {
      String message = meta.message().isEmpty() ? "no details provided" : meta.message();
      return new Attempt(meta.withStatus(PromotionStepStatus.ERRORED, meta.message()),
          new IllegalStateException("step \"" + step.as() + "\" errored: " + message));
    }
    if (result.status() == PromotionStepStatus.FAILED) {
      // a runner's Failed result is a business failure: terminal, as Kargo's built-ins make it
      return new Attempt(meta, new TerminalStepException(meta.message().isEmpty() ? "step failed" : meta.message()));
    }
    return new Attempt(meta, null);
  }

  /** Kargo's {@code determineStepCompletion}: whether the step is done for good. */
  private static Completion complete(PromotionStep step, StepRunner runner, StepExecutionMetadata meta,
      Exception error, Clock clock, Pass pass) {
    String alias = step.as();
    if (meta.status() == PromotionStepStatus.SUCCEEDED || meta.status() == PromotionStepStatus.SKIPPED) {
      return new Completion(meta.withFinishedAt(clock.instant()), true);
    }
    if (error instanceof TerminalStepException) {
      if (meta.status() != PromotionStepStatus.FAILED) {
        meta = meta.withStatus(PromotionStepStatus.ERRORED,
            pass.redact("an unrecoverable error occurred: " + messageOf(error)));
      }
      return new Completion(meta.withFinishedAt(clock.instant()), true);
    }
    if (error != null) {
      meta = meta.withErrorCount(meta.errorCount() + 1);
      long threshold = errorThreshold(step) > 0 ? errorThreshold(step) : runner.defaultErrorThreshold();
      if (meta.errorCount() >= threshold) {
        PromotionStepStatus status = meta.status() == PromotionStepStatus.FAILED
            ? PromotionStepStatus.FAILED : PromotionStepStatus.ERRORED;
        return new Completion(meta.withStatus(status, "step \"" + alias + "\" met error threshold of " + threshold
            + ": " + meta.message()).withFinishedAt(clock.instant()), true);
      }
    }
    Duration timeout = timeout(step, runner);
    if (timeout != null && Duration.between(meta.startedAt(), clock.instant()).compareTo(timeout) > 0) {
      return new Completion(meta.withStatus(PromotionStepStatus.ERRORED, "step \"" + alias + "\" timed out after "
          + GoDuration.format(timeout)).withFinishedAt(clock.instant()), true);
    }
    if (error != null) {
      meta = meta.withStatus(PromotionStepStatus.RUNNING, meta.message() + "; step will be retried");
    }
    return new Completion(meta, false);
  }

  /** {@code retry.errorThreshold}; 0 means the runner's default. */
  private static long errorThreshold(PromotionStep step) {
    return step.retry() == null ? 0 : step.retry().errorThreshold();
  }

  private static Duration timeout(PromotionStep step, StepRunner runner) {
    Duration asked = step.retry() == null ? null : step.retry().timeout();
    Duration t = asked != null ? asked : runner.defaultTimeout().orElse(null);
    return t == null || t.isZero() || t.isNegative() ? null : t;
  }

  /**
   * When to run a Running step again: its retryAfter (default 5m, floor 10s), never past its
   * timeout; after an error, a short backoff growing with the error count.
   */
  private static Duration retryInterval(PromotionStep step, StepRunner runner, StepExecutionMetadata meta,
      Duration asked, Clock clock) {
    Duration interval;
    if (asked == null && meta.errorCount() > 0) {
      long seconds = Math.min(300, 5L << (int) Math.min(6, meta.errorCount() - 1));
      interval = Duration.ofSeconds(seconds);
    } else {
      interval = asked == null || asked.isZero() ? DEFAULT_RETRY : asked;
    }
    Duration timeout = timeout(step, runner);
    if (timeout != null) {
      Duration left = timeout.minus(Duration.between(meta.startedAt(), clock.instant()));
      if (!left.isNegative() && left.compareTo(interval) < 0) {
        interval = left;
      }
    }
    return interval;
  }

  /** Kargo's {@code DetermineFinalPhase}: the worst status of steps without continueOnError. */
  static Outcome finalPhase(List<PromotionStep> steps, RunState run) {
    PromotionStepStatus worst = PromotionStepStatus.SUCCEEDED;
    StepExecutionMetadata worstMeta = null;
    for (StepExecutionMetadata m : run.metas()) {
      if (m.continueOnError() || m.status() == null) {
        continue;
      }
      if (m.status().ordinal() > worst.ordinal()) {
        worst = m.status();
        worstMeta = m;
      }
    }
    run.currentStep = Math.max(0, steps.size() - 1);
    return switch (worst) {
      case SUCCEEDED, SKIPPED -> new Outcome(PromotionPhase.SUCCEEDED, "All steps completed", null);
      case ABORTED -> new Outcome(PromotionPhase.ABORTED, worstMeta.message(), null);
      case FAILED -> new Outcome(PromotionPhase.FAILED, stepMessage(worstMeta), null);
      case ERRORED -> new Outcome(PromotionPhase.ERRORED, stepMessage(worstMeta), null);
      case RUNNING -> new Outcome(PromotionPhase.RUNNING, null, DEFAULT_RETRY);
    };
  }

  private static String stepMessage(StepExecutionMetadata m) {
    return "step \"" + m.alias() + "\" " + m.status().wireName().toLowerCase()
        + (m.message().isEmpty() ? "" : ": " + m.message());
  }

  @SuppressWarnings("unchecked")
  private static void propagateToTask(String alias, Map<String, Object> output, RunState run, Pass pass) {
    int sep = alias.indexOf("::");
    if (sep <= 0 || alias.indexOf("::", sep + 2) >= 0) {
      return;
    }
    String namespace = alias.substring(0, sep);
    Object existing = run.state.get(namespace);
    Map<String, Object> merged = existing instanceof Map<?, ?> m
        ? new java.util.LinkedHashMap<>((Map<String, Object>) m) : new java.util.LinkedHashMap<>();
    merged.putAll(pass.redact(output));
    run.state.put(namespace, merged);
  }

  private static String messageOf(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
