package dev.kargo4j.core.oci;

/**
 * Counters of an {@link OciClient} since it was built: HTTP {@code requests} sent (including
 * token requests, authentication retries and redirects), lookups answered from the digest or
 * tag {@code cacheHits}, and requests that had to wait for the rate limit ({@code throttled}).
 *
 * <p>Immutable and thread-safe.
 */
public record OciStats(long requests, long cacheHits, long throttled) {

  /** The difference {@code this - earlier}, e.g. the cost of one discovery. */
  public OciStats minus(OciStats earlier) {
    return new OciStats(requests - earlier.requests, cacheHits - earlier.cacheHits, throttled - earlier.throttled);
  }
}
