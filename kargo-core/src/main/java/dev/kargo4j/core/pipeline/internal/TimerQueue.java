package dev.kargo4j.core.pipeline.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Wake-ups due at instants of the runtime's clock, keyed by name (a Stage, or a Warehouse to
 * discover: the controller tells them apart). With a scheduler, each new timer arms
 * a real-time callback for its delay (as the clock sees it) that fires whatever is due; without
 * one, timers fire only when {@link #fireDue()} is called. Thread-safe.
 */
final class TimerQueue {
  private record Timer(Instant due, long seq, String stage) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Consumer<String> wake;
  private final TreeSet<Timer> timers = new TreeSet<>();
  private long seq;
  private volatile boolean closed;

  TimerQueue(Clock clock, ScheduledExecutorService scheduler, Consumer<String> wake) {
    this.clock = clock;
    this.scheduler = scheduler;
    this.wake = wake;
  }

  /** Wakes {@code stage} at {@code due} (at once when it is not in the future). */
  void schedule(String stage, Instant due) {
    synchronized (this) {
      for (Timer t : timers) {
        if (t.stage.equals(stage) && t.due.equals(due)) {
          return;
        }
      }
      timers.add(new Timer(due, seq++, stage));
    }
    arm(due);
  }

  /** Arms a real-time callback for {@code due} (rounded up to the next millisecond). */
  private void arm(Instant due) {
    if (scheduler == null || closed) {
      return;
    }
    Duration left = Duration.between(clock.instant(), due);
    long delay = left.isNegative() ? 0 : left.toMillis() + (left.toNanosPart() % 1_000_000 == 0 ? 0 : 1);
    try {
      scheduler.schedule(this::fireDue, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the scheduler was shut down: the runtime is closing
    }
  }

  /** Wakes the Stages of every timer that is due; returns how many fired. */
  int fireDue() {
    List<String> due = new ArrayList<>();
    Instant now = clock.instant();
    Instant next;
    synchronized (this) {
      while (!timers.isEmpty() && !timers.first().due.isAfter(now)) {
        due.add(timers.pollFirst().stage);
      }
      next = timers.isEmpty() ? null : timers.first().due;
    }
    if (next != null && due.isEmpty()) {
      // a callback that came early (clock granularity, or a clock that moves on its own): try again
      arm(next);
    }
    if (!closed) {
      for (String stage : due) {
        try {
          wake.accept(stage);
        } catch (Throwable e) {
          // the timer is already taken off the queue: one failing wake must not drop the others
          dev.kargo4j.core.internal.Failures.rethrowIfFatal(e);
          org.slf4j.LoggerFactory.getLogger(TimerQueue.class).warn("waking Stage {} failed: {}", stage,
              dev.kargo4j.core.internal.Failures.describe(e));
        }
      }
    }
    return due.size();
  }

  /** Whether a timer is due now. */
  synchronized boolean hasDue() {
    return !timers.isEmpty() && !timers.first().due.isAfter(clock.instant());
  }

  /** The earliest pending timer. */
  synchronized Optional<Instant> next() {
    return timers.isEmpty() ? Optional.empty() : Optional.of(timers.first().due);
  }

  void close() {
    closed = true;
  }
}
