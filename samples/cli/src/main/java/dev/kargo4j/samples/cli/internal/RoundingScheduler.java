package dev.kargo4j.samples.cli.internal;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A one-thread scheduler (daemon) for {@code ProjectRuntime.Builder.scheduler(...)} that never
 * runs a task early: every delay is rounded up to whole milliseconds plus one.
 *
 * <p>Why: kargo-core's pipeline timer queue computes its delays with
 * {@code Duration.toMillis()}, which truncates, so a timer could fire up to a millisecond before
 * it is due, find nothing due and never fire again (a verification then stays Running). Remove
 * this class once the runtime rounds up itself. Thread-safe; shut it down when the runtime is
 * closed.
 */
public final class RoundingScheduler extends ScheduledThreadPoolExecutor {
  /** A scheduler with one daemon thread named {@code name}. */
  public RoundingScheduler(String name) {
    super(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return super.schedule(command, roundUp(delay, unit), TimeUnit.MILLISECONDS);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return super.schedule(callable, roundUp(delay, unit), TimeUnit.MILLISECONDS);
  }

  private static long roundUp(long delay, TimeUnit unit) {
    long nanos = Math.max(0, unit.toNanos(delay));
    return (nanos + 999_999) / 1_000_000 + 1;
  }
}
