package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.internal.Failures;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.expr.go.GoDuration;
import java.time.Clock;
import java.time.Duration;
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
    boolean shouldSkip(EngineStep step, RunState run);

    /** The runner for {@code step.uses()}, or empty when none is registered. */
    Optional<StepRunner> runner(String kind);

    /** The registered step kinds, sorted, named when a step uses an unknown one. */
    Set<String> knownKinds();

    /** Renders the step's config and runs one attempt; exceptions are the runner's errors. */
    StepResult run(EngineStep step, StepRunner runner, RunState run) throws Exception;

    /** Masks secrets in a message. */
    String redact(String message);

    /** Masks secrets in an output. */
    Map<String, Object> redact(Map<String, Object> output);

    /** Called after each step changed its metadata, so the promotion can be saved. */
    void stepFinishedOrPaused(EngineStep step, StepMeta meta, RunState run);

    Clock clock();

    BooleanSupplier cancelled();
  }

  private Orchestrator() {}

  /** Runs {@code steps} from {@code run.currentStep()}. */
  public static Outcome execute(List<EngineStep> steps, RunState run, Pass pass) {
    Clock clock = pass.clock();
    for (int i = run.currentStep; i < steps.size(); i++) {
      EngineStep step = steps.get(i);
      run.currentStep = i;
      StepMeta meta = run.meta(step);

      if (pass.cancelled().getAsBoolean()) {
        if (meta.startedAt != null && meta.finishedAt == null) {
          meta.status = PromotionStepStatus.ABORTED;
          meta.message = "step \"" + step.alias() + "\" was aborted";
          meta.finishedAt = clock.instant();
        }
        pass.stepFinishedOrPaused(step, meta, run);
        return new Outcome(PromotionPhase.ABORTED, "promotion aborted", null);
      }

      if (meta.startedAt == null) {
        boolean skip;
        try {
          skip = pass.shouldSkip(step, run);
        } catch (RuntimeException | StackOverflowError e) {
          meta.status = PromotionStepStatus.ERRORED;
          meta.message = pass.redact("error checking if step \"" + step.alias()
              + "\" should be skipped: " + Failures.describe(e));
          pass.stepFinishedOrPaused(step, meta, run);
          continue;
        }
        if (skip) {
          meta.status = PromotionStepStatus.SKIPPED;
          pass.stepFinishedOrPaused(step, meta, run);
          continue;
        }
      }

      Optional<StepRunner> runner = pass.runner(step.uses());
      if (runner.isEmpty()) {
        meta.status = PromotionStepStatus.ERRORED;
        meta.message = "no promotion step runner found for kind \"" + step.uses() + "\"; known: "
            + String.join(", ", pass.knownKinds());
        pass.stepFinishedOrPaused(step, meta, run);
        continue;
      }

      if (meta.startedAt == null) {
        meta.startedAt = clock.instant();
        meta.errorCount = 0;
      }

      StepResult result;
      Exception error = null;
      try {
        result = pass.run(step, runner.get(), run);
      } catch (ContextBuildException e) {
        meta.status = PromotionStepStatus.ERRORED;
        meta.message = pass.redact("failed to build step context: " + e.getMessage());
        meta.finishedAt = clock.instant();
        pass.stepFinishedOrPaused(step, meta, run);
        continue;
      } catch (Throwable e) {
        // a runner's unexpected failure is its step's error, never the runtime's: an Error
        // (NoClassDefFoundError, AssertionError, OutOfMemoryError, ...) would recur on every
        // retry, so it ends the step; only a broken JVM's errors go on up (Failures)
        Failures.rethrowIfFatal(e);
        error = e instanceof Exception ex ? ex : new TerminalStepException("step \"" + step.alias() + "\" ("
            + step.uses() + "): plug-in " + runner.get().getClass().getName() + " threw " + Failures.describe(e), e);
        result = new StepResult(PromotionStepStatus.ERRORED, null, Map.of(), Optional.empty(), null);
      }
      if (result == null) {
        error = new IllegalStateException("step runner for \"" + step.uses() + "\" returned no result");
        result = new StepResult(PromotionStepStatus.ERRORED, null, Map.of(), Optional.empty(), null);
      }

      // the output is stored whatever the status, so later attempts can read it
      run.state.put(step.alias(), pass.redact(result.output()));
      if (runner.get().propagatesOutputToTask()) {
        propagateToTask(step.alias(), result.output(), run, pass);
      }

      error = reconcile(step, meta, result, error, pass);
      boolean done = complete(step, runner.get(), meta, error, clock, pass);
      if (!done) {
        pass.stepFinishedOrPaused(step, meta, run);
        Duration retry = error != null ? null : result.retryAfter();
        return new Outcome(PromotionPhase.RUNNING, null, retryInterval(step, runner.get(), meta, retry, clock));
      }
      if (meta.status == PromotionStepStatus.SUCCEEDED) {
        result.healthCheck().ifPresent(run.healthChecks::add);
      }
      pass.stepFinishedOrPaused(step, meta, run);
    }
    return finalPhase(steps, run);
  }

  /** Kargo's {@code reconcileResultWithMetadata}: the status and message after an attempt. */
  private static Exception reconcile(EngineStep step, StepMeta meta, StepResult result, Exception error, Pass pass) {
    meta.status = result.status();
    meta.message = pass.redact(result.message());
    if (error != null) {
      if (meta.status != PromotionStepStatus.FAILED) {
        meta.status = PromotionStepStatus.ERRORED;
      }
      meta.message = pass.redact(messageOf(error));
      return error;
    }
    if (result.status() == PromotionStepStatus.ERRORED || result.status() == PromotionStepStatus.ABORTED) {
      String message = meta.message == null || meta.message.isEmpty() ? "no details provided" : meta.message;
      meta.status = PromotionStepStatus.ERRORED;
      return new IllegalStateException("step \"" + step.alias() + "\" errored: " + message);
    }
    if (result.status() == PromotionStepStatus.FAILED) {
      // a runner's Failed result is a business failure: terminal, as Kargo's built-ins make it
      return new TerminalStepException(meta.message == null ? "step failed" : meta.message);
    }
    return null;
  }

  /** Kargo's {@code determineStepCompletion}: true when the step is done for good. */
  private static boolean complete(EngineStep step, StepRunner runner, StepMeta meta, Exception error,
      Clock clock, Pass pass) {
    if (meta.status == PromotionStepStatus.SUCCEEDED || meta.status == PromotionStepStatus.SKIPPED) {
      meta.finishedAt = clock.instant();
      return true;
    }
    if (error instanceof TerminalStepException) {
      if (meta.status != PromotionStepStatus.FAILED) {
        meta.status = PromotionStepStatus.ERRORED;
        meta.message = pass.redact("an unrecoverable error occurred: " + messageOf(error));
      }
      meta.finishedAt = clock.instant();
      return true;
    }
    if (error != null) {
      meta.errorCount++;
      int threshold = step.errorThreshold() > 0 ? step.errorThreshold() : runner.defaultErrorThreshold();
      if (meta.errorCount >= threshold) {
        if (meta.status != PromotionStepStatus.FAILED) {
          meta.status = PromotionStepStatus.ERRORED;
        }
        meta.message = "step \"" + step.alias() + "\" met error threshold of " + threshold + ": " + meta.message;
        meta.finishedAt = clock.instant();
        return true;
      }
    }
    Duration timeout = timeout(step, runner);
    if (timeout != null && Duration.between(meta.startedAt, clock.instant()).compareTo(timeout) > 0) {
      meta.status = PromotionStepStatus.ERRORED;
      meta.message = "step \"" + step.alias() + "\" timed out after " + GoDuration.format(timeout);
      meta.finishedAt = clock.instant();
      return true;
    }
    if (error != null) {
      meta.status = PromotionStepStatus.RUNNING;
      meta.message = meta.message + "; step will be retried";
    }
    return false;
  }

  private static Duration timeout(EngineStep step, StepRunner runner) {
    Duration t = step.timeout() != null ? step.timeout() : runner.defaultTimeout().orElse(null);
    return t == null || t.isZero() || t.isNegative() ? null : t;
  }

  /**
   * When to run a Running step again: its retryAfter (default 5m, floor 10s), never past its
   * timeout; after an error, a short backoff growing with the error count.
   */
  private static Duration retryInterval(EngineStep step, StepRunner runner, StepMeta meta, Duration asked, Clock clock) {
    Duration interval;
    if (asked == null && meta.errorCount > 0) {
      long seconds = Math.min(300, 5L << Math.min(6, meta.errorCount - 1));
      interval = Duration.ofSeconds(seconds);
    } else {
      interval = asked == null || asked.isZero() ? DEFAULT_RETRY : asked;
    }
    Duration timeout = timeout(step, runner);
    if (timeout != null) {
      Duration left = timeout.minus(Duration.between(meta.startedAt, clock.instant()));
      if (!left.isNegative() && left.compareTo(interval) < 0) {
        interval = left;
      }
    }
    return interval;
  }

  /** Kargo's {@code DetermineFinalPhase}: the worst status of steps without continueOnError. */
  static Outcome finalPhase(List<EngineStep> steps, RunState run) {
    PromotionStepStatus worst = PromotionStepStatus.SUCCEEDED;
    StepMeta worstMeta = null;
    for (StepMeta m : run.metas) {
      if (m.continueOnError || m.status == null) {
        continue;
      }
      if (m.status.ordinal() > worst.ordinal()) {
        worst = m.status;
        worstMeta = m;
      }
    }
    run.currentStep = Math.max(0, steps.size() - 1);
    return switch (worst) {
      case SUCCEEDED, SKIPPED -> new Outcome(PromotionPhase.SUCCEEDED, "All steps completed", null);
      case ABORTED -> new Outcome(PromotionPhase.ABORTED, worstMeta.message, null);
      case FAILED -> new Outcome(PromotionPhase.FAILED, stepMessage(worstMeta), null);
      case ERRORED -> new Outcome(PromotionPhase.ERRORED, stepMessage(worstMeta), null);
      case RUNNING -> new Outcome(PromotionPhase.RUNNING, null, DEFAULT_RETRY);
    };
  }

  private static String stepMessage(StepMeta m) {
    return "step \"" + m.alias + "\" " + m.status.wireName().toLowerCase() + (m.message == null ? "" : ": " + m.message);
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
