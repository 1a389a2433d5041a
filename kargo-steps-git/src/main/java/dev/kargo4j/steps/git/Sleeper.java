package dev.kargo4j.steps.git;

import java.time.Duration;

/**
 * Waits between retries. Tests inject one that records the waits instead of sleeping.
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /** Blocks the calling thread for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep}. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
  }
}
