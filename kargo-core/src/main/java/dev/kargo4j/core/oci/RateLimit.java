package dev.kargo4j.core.oci;

/**
 * A per-registry request rate limit: a token bucket refilled with {@code permitsPerSecond} up to
 * {@code burst} tokens. Kargo's default is 20 requests per second per registry.
 *
 * <p>Immutable and thread-safe.
 *
 * @param permitsPerSecond the sustained rate; positive, or {@link Double#POSITIVE_INFINITY} for none
 * @param burst how many requests may go at once after a quiet period; at least 1
 */
public record RateLimit(double permitsPerSecond, int burst) {

  /** No limit at all. */
  public static final RateLimit UNLIMITED = new RateLimit(Double.POSITIVE_INFINITY, Integer.MAX_VALUE);

  /** Kargo's default: 20 requests per second, bursts of 20. */
  public static final RateLimit DEFAULT = new RateLimit(20, 20);

  /** Validates. */
  public RateLimit {
    if (!(permitsPerSecond > 0)) {
      throw new IllegalArgumentException("permitsPerSecond must be positive, was " + permitsPerSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("burst must be at least 1, was " + burst);
    }
  }

  /** {@code permitsPerSecond} with bursts of the same size (at least 1). */
  public static RateLimit perSecond(double permitsPerSecond) {
    return new RateLimit(permitsPerSecond, (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(permitsPerSecond))));
  }

  /** Whether this is {@link #UNLIMITED}. */
  public boolean isUnlimited() {
    return Double.isInfinite(permitsPerSecond);
  }
}
