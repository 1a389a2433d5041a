package dev.kargo4j.core.discovery;

import java.util.concurrent.ScheduledFuture;

/**
 * A periodic discovery started by {@link WarehouseDiscoverer#scheduleEvery}; {@link #close()}
 * stops it (a discovery in progress finishes). Thread-safe.
 */
public final class ScheduledDiscovery implements AutoCloseable {
  private final ScheduledFuture<?> future;
  private final Runnable tick;

  ScheduledDiscovery(ScheduledFuture<?> future, Runnable tick) {
    this.future = future;
    this.tick = tick;
  }

  /** Runs one round now, on the calling thread: every Warehouse that is due is discovered. */
  public void runNow() {
    tick.run();
  }

  /** Whether the schedule was stopped. */
  public boolean isStopped() {
    return future.isCancelled();
  }

  /** Stops the schedule. */
  @Override
  public void close() {
    future.cancel(false);
  }
}
