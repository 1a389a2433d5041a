package dev.kargo4j.steps.git.internal;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Kargo's git-push retry backoff ({@code wait.Backoff{Duration: 1s, Factor: 1.5, Jitter: 0.5,
 * Cap: 30s}}): the wait after attempt {@code n} (1-based) is {@code min(1s * 1.5^(n-1), 30s)}
 * plus a random share of up to half of it. Immutable and thread-safe.
 */
public record Backoff(Duration initial, double factor, double jitter, Duration cap) {
  /** The values git-push uses. */
  public static final Backoff KARGO_PUSH =
      new Backoff(Duration.ofSeconds(1), 1.5, 0.5, Duration.ofSeconds(30));

  /** The wait after the {@code attempt}-th failed attempt; {@code random} yields [0, 1). */
  public Duration delay(int attempt, DoubleSupplier random) {
    double base = initial.toNanos() * Math.pow(factor, Math.max(0, attempt - 1));
    base = Math.min(base, cap.toNanos());
    double withJitter = base + random.getAsDouble() * jitter * base;
    return Duration.ofNanos((long) withJitter);
  }
}
