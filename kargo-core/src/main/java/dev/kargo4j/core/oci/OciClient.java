package dev.kargo4j.core.oci;

import dev.kargo4j.core.oci.internal.LruCache;
import dev.kargo4j.core.oci.internal.OciContent;
import dev.kargo4j.core.oci.internal.RegistryTransport;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.Sleeper;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of OCI distribution registries (Docker Hub, GHCR, ECR, Harbor, the CNCF
 * distribution registry, ...) for discovery: tag listing with pagination, manifests and image
 * indexes, config blobs, digests.
 *
 * <pre>{@code
 * OciClient oci = OciClient.builder().clock(clock).build();
 * OciRepository repo = oci.repository(ImageReference.parse("ghcr.io/org/app"), credentials, false);
 * List<String> tags = repo.listTags();
 * OciImage image = repo.image("1.2.3");
 * }</pre>
 *
 * <p>Costs as few requests as possible: manifests, indexes and configs are cached by digest
 * (they are immutable); a tag seen before costs one {@code HEAD} to check that it did not move,
 * a new tag one {@code GET} of its manifest (plus whatever of its config or platforms is not
 * cached);
 * tokens are cached until they expire and each repository's authentication scheme is
 * remembered, so authenticated requests need no extra round trip; each registry host has its
 * own token-bucket rate limit on the injected clock. {@link #stats()} counts every request.
 * Plain HTTP is used for loopback registries, and for others only when TLS verification is
 * skipped and the registry does not speak TLS. Credentials are never logged or put in messages.
 *
 * <p>Immutable configuration, thread-safe; one instance should be shared by all discoveries so
 * that its caches are.
 */
public final class OciClient {
  /** The default limit of one repository's tag list, all pages together: 16 MiB (some 500,000 tags). */
  public static final long DEFAULT_MAX_TAG_LIST_BYTES = 16L << 20;

  private final RegistryTransport transport;
  private final int tagPageSize;
  private final long maxTagListBytes;
  private final LruCache<String, OciImage> imagesByDigest;
  private final LruCache<String, OciContent.ImageConfig> configsByDigest;
  private final LruCache<String, OciImage> imagesByTag;
  private final LruCache<String, String> tagDigests;
  private final AtomicLong cacheHits = new AtomicLong();

  private OciClient(Builder b) {
    HttpClient http = b.httpClient != null ? b.httpClient
        : HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.transport = new RegistryTransport(http, b.connectTimeout, b.clock, b.sleeper, b.rateLimit,
        b.requestTimeout, b.userAgent);
    this.tagPageSize = b.tagPageSize;
    this.maxTagListBytes = b.maxTagListBytes;
    this.imagesByDigest = new LruCache<>(b.cacheSize);
    this.configsByDigest = new LruCache<>(b.cacheSize);
    this.imagesByTag = new LruCache<>(b.cacheSize);
    this.tagDigests = new LruCache<>(b.cacheSize);
  }

  /** A builder with Kargo's defaults (20 requests per second per registry, 30 s timeout). */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A handle on one repository, used with {@code credentials} (null for anonymous access) and,
   * when {@code insecureSkipTlsVerify}, without certificate checks (plain HTTP allowed).
   */
  public OciRepository repository(ImageReference reference, Credentials credentials, boolean insecureSkipTlsVerify) {
    Objects.requireNonNull(reference, "reference");
    return new OciRepository(this, new RegistryTransport.Target(reference, credentials, insecureSkipTlsVerify));
  }

  /** {@link #repository(ImageReference, Credentials, boolean)} of a parsed repository URL. */
  public OciRepository repository(String repoUrl, Credentials credentials, boolean insecureSkipTlsVerify) {
    return repository(ImageReference.parse(repoUrl), credentials, insecureSkipTlsVerify);
  }

  /** Counters since this client was built. */
  public OciStats stats() {
    return new OciStats(transport.requests(), cacheHits.get(), transport.throttled());
  }

  /** Empties the digest and tag caches and forgets tokens (the next discovery is cold). */
  public void invalidateCaches() {
    imagesByDigest.clear();
    configsByDigest.clear();
    imagesByTag.clear();
    tagDigests.clear();
    transport.forgetAuth();
  }

  RegistryTransport transport() {
    return transport;
  }

  int tagPageSize() {
    return tagPageSize;
  }

  long maxTagListBytes() {
    return maxTagListBytes;
  }

  LruCache<String, OciImage> imagesByDigest() {
    return imagesByDigest;
  }

  LruCache<String, OciContent.ImageConfig> configsByDigest() {
    return configsByDigest;
  }

  LruCache<String, OciImage> imagesByTag() {
    return imagesByTag;
  }

  /** The digest each tag pointed to when last seen (a hint, re-checked with a HEAD). */
  LruCache<String, String> tagDigests() {
    return tagDigests;
  }

  void hit() {
    cacheHits.incrementAndGet();
  }

  /** Builds an {@link OciClient}. Not thread-safe; {@link #build()} validates. */
  public static final class Builder {
    private HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private RateLimit rateLimit = RateLimit.DEFAULT;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int cacheSize = 10_000;
    private int tagPageSize = 0;
    private long maxTagListBytes = DEFAULT_MAX_TAG_LIST_BYTES;
    private String userAgent = "kargo4j";

    private Builder() {}

    /**
     * The HTTP client for registries with verified TLS (default: a new one that follows no
     * redirects, since this client follows them itself and drops credentials across hosts).
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The clock for token expiry and the rate limit (default: the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The per-registry rate limit (default {@link RateLimit#DEFAULT}). */
    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
      return this;
    }

    /** How long one exchange may take, redirects and the whole body included (default 30 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /** How long connecting may take, for clients this builder creates (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** The capacity of each cache (images and configs by digest, images by tag); 0 disables caching. Default 10,000. */
    public Builder cacheSize(int entries) {
      if (entries < 0) {
        throw new IllegalArgumentException("cacheSize must not be negative, was " + entries);
      }
      this.cacheSize = entries;
      return this;
    }

    /** The {@code n} asked for per tag-list page; 0 (the default) lets the registry choose. */
    public Builder tagPageSize(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("tagPageSize must not be negative, was " + n);
      }
      this.tagPageSize = n;
      return this;
    }

    /**
     * The most a repository's tag list may take, all pages together (default
     * {@link #DEFAULT_MAX_TAG_LIST_BYTES}); reading stops there and listing fails naming the
     * limit.
     */
    public Builder maxTagListBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxTagListBytes must be positive, was " + bytes);
      }
      this.maxTagListBytes = bytes;
      return this;
    }

    /** How the rate limit waits (tests avoid real sleeping). */
    Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The User-Agent header (default {@code kargo4j}). */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /** Builds the client. */
    public OciClient build() {
      return new OciClient(this);
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
