package dev.kargo4j.core.oci.internal;

import dev.kargo4j.core.oci.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket over an injected clock. {@link #reserve()} takes one token and returns how long
 * the caller must wait before using it (zero when a token was available); tokens may go into
 * debt, so concurrent callers queue up fairly instead of spinning. Thread-safe.
 */
public final class TokenBucket {
  private final RateLimit limit;
  private final Clock clock;
  private double tokens;
  private long lastNanos;

  /** A full bucket. */
  public TokenBucket(RateLimit limit, Clock clock) {
    this.limit = Objects.requireNonNull(limit, "limit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tokens = limit.burst();
    this.lastNanos = nanos();
  }

  private long nanos() {
    var i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  /** Takes a token; returns the time to wait before the request may be sent. */
  public synchronized Duration reserve() {
    if (limit.isUnlimited()) {
      return Duration.ZERO;
    }
    long now = nanos();
    if (now > lastNanos) {
      tokens = Math.min(limit.burst(), tokens + (now - lastNanos) / 1e9 * limit.permitsPerSecond());
      lastNanos = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / limit.permitsPerSecond() * 1e9));
  }
}
