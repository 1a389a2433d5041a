package dev.kargo4j.core.model;

import java.time.Duration;

/**
 * A step's {@code retry}: {@code timeout} (null means the step's default; zero or negative
 * means none) and {@code errorThreshold} (consecutive errors allowed; 0 means the step's
 * default, which is 1). {@code errorThreshold} is a uint32 in Kargo.
 *
 * <p>Immutable and thread-safe.
 */
public record PromotionStepRetry(Duration timeout, long errorThreshold) {
  /** Validates the threshold range. */
  public PromotionStepRetry {
    dev.kargo4j.core.model.internal.Checks.goDuration("timeout", timeout);
    if (errorThreshold < 0 || errorThreshold > 0xFFFF_FFFFL) {
      throw new InvalidModelException(
          "errorThreshold", "value " + errorThreshold + " is out of range; allowed: 0..4294967295");
    }
  }

  /** The timeout, or {@code fallback} when not set. */
  public Duration timeoutOr(Duration fallback) {
    return timeout == null ? fallback : timeout;
  }

  /** The threshold, or {@code fallback} when 0. */
  public long errorThresholdOr(long fallback) {
    return errorThreshold == 0 ? fallback : errorThreshold;
  }
}
