package dev.kargo4j.core.verification;

import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.verification.internal.AnalysisEvaluation;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One evaluation of a set of AnalysisTemplates, as an Argo Rollouts AnalysisRun: Pending until
 * its first {@link #reconcile()}, then Running, then Successful, Failed, Error or Inconclusive
 * (the worst of its metrics). Each {@link #reconcile()} takes the measurements that are due on
 * the verifier's clock (blocking while a provider answers) and reassesses the run;
 * {@link #nextReconcileAt()} says when the next measurement is due. {@link #terminate()} asks
 * the run to stop: the next reconcile takes no new measurement and finishes it.
 *
 * <p>Thread-safe: calls are serialized.
 */
public final class AnalysisRun {
  private final String name;
  private final AnalysisEvaluation evaluation;

  AnalysisRun(String name, AnalysisEvaluation evaluation) {
    this.name = Objects.requireNonNull(name, "name");
    this.evaluation = evaluation;
  }

  /** The run's name. */
  public String name() {
    return name;
  }

  /** The phase: Pending, Running, or terminal. */
  public VerificationPhase phase() {
    synchronized (evaluation) {
      return evaluation.phase();
    }
  }

  /** Whether the run has finished. */
  public boolean isTerminal() {
    return phase().isTerminal();
  }

  /** Why the run ended as it did (Argo Rollouts' message); empty while running or when Successful. */
  public String message() {
    synchronized (evaluation) {
      return evaluation.message();
    }
  }

  /** When the first reconcile happened, or null before it. */
  public Instant startedAt() {
    synchronized (evaluation) {
      return evaluation.startedAt();
    }
  }

  /** When the run finished, or null while it runs. */
  public Instant completedAt() {
    synchronized (evaluation) {
      return evaluation.completedAt();
    }
  }

  /** Each metric's result so far, in template order (metrics not yet measured are absent). */
  public List<MetricStatus> metrics() {
    synchronized (evaluation) {
      return evaluation.metricStatuses();
    }
  }

  /**
   * When the next {@link #reconcile()} is due: now before the first one, the earliest pending
   * interval or delay while running, empty once finished.
   */
  public Optional<Instant> nextReconcileAt() {
    synchronized (evaluation) {
      return Optional.ofNullable(evaluation.nextReconcileAt());
    }
  }

  /** Takes the measurements that are due and reassesses the run; returns this run. */
  public AnalysisRun reconcile() {
    synchronized (evaluation) {
      evaluation.reconcile();
    }
    return this;
  }

  /** Asks the run to stop (Argo Rollouts' {@code spec.terminate}); the next reconcile ends it. */
  public void terminate() {
    synchronized (evaluation) {
      evaluation.terminate();
    }
  }

  @Override
  public String toString() {
    return "AnalysisRun[" + name + ", " + phase().wireName() + "]";
  }
}
