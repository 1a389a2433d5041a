package dev.kargo4j.core.pipeline;

import dev.kargo4j.core.model.Promotion;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A queued Promotion: the Promotion as it was created (Pending) and a future that completes
 * with the Promotion once it reaches a terminal phase (Succeeded, Failed, Errored or Aborted).
 * The future never completes exceptionally for a failed promotion: look at its phase.
 *
 * <p>Immutable and thread-safe.
 */
public final class PromotionHandle {
  private final Promotion created;
  private final CompletableFuture<Promotion> done;

  PromotionHandle(Promotion created, CompletableFuture<Promotion> done) {
    this.created = Objects.requireNonNull(created, "created");
    this.done = Objects.requireNonNull(done, "done");
  }

  /** The Promotion's name. */
  public String name() {
    return created.name();
  }

  /** The Promotion as queued. */
  public Promotion created() {
    return created;
  }

  /** Completes with the terminal Promotion; a read-only view. */
  public CompletableFuture<Promotion> done() {
    return done.copy();
  }

  /**
   * Waits (in real time) for the Promotion to end. With a runtime driven by a manual clock, call
   * {@link ProjectRuntime#runUntilIdle()} first.
   *
   * @throws IllegalStateException when it has not ended within {@code timeout} or the wait
   *     was interrupted
   */
  public Promotion await(Duration timeout) {
    try {
      return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Promotion " + name(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Promotion " + name() + " did not end within " + timeout, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Promotion " + name() + " could not be followed: " + e.getCause(), e);
    }
  }

  @Override
  public String toString() {
    return "PromotionHandle[" + name() + "]";
  }
}
