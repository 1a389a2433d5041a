package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.Capability;
import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on each call the pull-request steps ({@code git-open-pr}, {@code git-wait-for-pr},
 * {@code git-merge-pr}) make to a git hosting service's REST API, so that a slow or hostile forge
 * (or a repository URL pointing at one) cannot hold a step or fill the heap. A call beyond a bound
 * fails with a {@link dev.kargo4j.steps.git.spi.GitProviderException} that says which bound was
 * exceeded.
 *
 * <p>Supply them with {@code PromotionEngine.builder().capability(GitProviderLimits.CAPABILITY,
 * GitProviderLimits.DEFAULTS.withTimeout(Duration.ofMinutes(2)))} (or
 * {@code ProjectRuntime.builder().capability(...)}); without them {@link #DEFAULTS} apply. The
 * built-in providers receive them through
 * {@link dev.kargo4j.steps.git.spi.GitProviderOptions#limits()}; a third-party
 * {@link dev.kargo4j.steps.git.spi.GitProviderFactory} should honour them too.
 *
 * <p>Immutable and thread-safe; no component is null.
 *
 * @param timeout the longest one whole API exchange (connecting, redirects, reading the whole
 *     response) may take; positive; default 60 s
 * @param maxResponseBytes the largest API response body read, in bytes (it is held in memory);
 *     positive and below 2 GiB; default {@value #DEFAULT_MAX_RESPONSE_BYTES} (16 MiB)
 */
public record GitProviderLimits(Duration timeout, long maxResponseBytes) {

  /** Default of {@link #timeout()}: 60 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Default of {@link #maxResponseBytes()}: 16 MiB. */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  /** The defaults: 60 s and 16 MiB. */
  public static final GitProviderLimits DEFAULTS =
      new GitProviderLimits(DEFAULT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES);

  /** The capability key; its default is {@link #DEFAULTS}. */
  public static final Capability<GitProviderLimits> CAPABILITY =
      Capability.of("git-provider-limits", GitProviderLimits.class, DEFAULTS);

  /**
   * @throws NullPointerException when {@code timeout} is null
   * @throws IllegalArgumentException when a bound is not positive, or {@code maxResponseBytes}
   *     is 2 GiB or more (a response is read into one array)
   */
  public GitProviderLimits {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (maxResponseBytes <= 0) {
      throw new IllegalArgumentException("maxResponseBytes must be positive: " + maxResponseBytes);
    }
    if (maxResponseBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxResponseBytes must be below 2 GiB: " + maxResponseBytes);
    }
  }

  /** These limits with {@link #timeout()} changed. */
  public GitProviderLimits withTimeout(Duration value) {
    return new GitProviderLimits(value, maxResponseBytes);
  }

  /** These limits with {@link #maxResponseBytes()} changed. */
  public GitProviderLimits withMaxResponseBytes(long value) {
    return new GitProviderLimits(timeout, value);
  }
}
