package dev.kargo4j.core.spi;

import java.time.Duration;

/**
 * Waits: between promotion passes, between retries of a push, for a registry's rate limit.
 * Hosts and tests inject one that advances a manual clock or records the waits instead of
 * sleeping. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /** Blocks the calling thread for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** {@link Thread#sleep}, to the nanosecond the JDK offers. */
  static Sleeper system() {
    return d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
  }
}
