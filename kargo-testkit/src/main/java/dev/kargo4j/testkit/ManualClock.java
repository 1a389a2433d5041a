package dev.kargo4j.testkit;

import dev.kargo4j.core.pipeline.ProjectRuntime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to, for tests of timeouts, soak times and retries without
 * sleeping. Give it to a {@link ProjectRuntime} built with {@code manualTimers()} and let time
 * pass with {@link #runUntilIdle(ProjectRuntime, Duration)}. Thread-safe.
 */
public final class ManualClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /** A clock at {@code start}, in UTC. */
  public static ManualClock at(Instant start) {
    return new ManualClock(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /** Moves the clock forward by {@code d}; returns the new instant. */
  public Instant advance(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("a manual clock only moves forward: " + d);
    }
    return now.updateAndGet(t -> t.plus(d));
  }

  /** Sets the clock to {@code t}. */
  public void set(Instant t) {
    now.set(Objects.requireNonNull(t, "t"));
  }

  /**
   * Lets {@code horizon} pass on this clock for {@code runtime} (which must run on this clock,
   * with manual timers), running everything on the way: runs what is due now, then moves the
   * clock to each pending timer in turn ({@link ProjectRuntime#nextTimer()}) and runs what
   * became due (which may add timers), and finally moves it to now + {@code horizon} and runs
   * once more. Timers due after the horizon stay pending. Call from one thread at a time per
   * runtime.
   *
   * @param horizon how long to let pass; not negative
   * @return this clock's instant at the end (the start plus {@code horizon})
   * @throws dev.kargo4j.KargoException as {@link ProjectRuntime#runUntilIdle()} does
   */
  public Instant runUntilIdle(ProjectRuntime runtime, Duration horizon) {
    Objects.requireNonNull(runtime, "runtime");
    if (horizon.isNegative()) {
      throw new IllegalArgumentException("a manual clock only moves forward: " + horizon);
    }
    Instant end = instant().plus(horizon);
    runtime.runUntilIdle();
    while (true) {
      Optional<Instant> next = runtime.nextTimer();
      if (next.isEmpty() || next.get().isAfter(end)) {
        break;
      }
      if (next.get().isAfter(instant())) {
        set(next.get());
      }
      runtime.runUntilIdle();
    }
    if (end.isAfter(instant())) {
      set(end);
      runtime.runUntilIdle();
    }
    return instant();
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new ManualClock(now, newZone);
  }
}
