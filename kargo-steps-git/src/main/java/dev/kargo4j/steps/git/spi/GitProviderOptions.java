package dev.kargo4j.steps.git.spi;

import dev.kargo4j.steps.git.GitProviderLimits;
import java.net.http.HttpClient;
import java.util.Objects;

/**
 * What a provider is made from. Immutable; thread-safe when the HTTP client is.
 *
 * @param repoUrl the repository's clone URL; never null
 * @param token the API token (Kargo uses the password of the repository's git credentials), or
 *     null for anonymous access; never shown by {@link #toString()}
 * @param insecureSkipTlsVerify accept any TLS certificate (the caller's HTTP client must be built
 *     accordingly)
 * @param httpClient the client for API calls, or null when only {@link GitProvider#commitUrl}
 *     will be used
 * @param limits the bounds on each API call (the host's {@link GitProviderLimits#CAPABILITY});
 *     never null
 */
public record GitProviderOptions(String repoUrl, String token, boolean insecureSkipTlsVerify,
    HttpClient httpClient, GitProviderLimits limits) {
  public GitProviderOptions {
    Objects.requireNonNull(repoUrl, "repoUrl");
    Objects.requireNonNull(limits, "limits");
  }

  /** Options with {@link GitProviderLimits#DEFAULTS}. */
  public GitProviderOptions(String repoUrl, String token, boolean insecureSkipTlsVerify, HttpClient httpClient) {
    this(repoUrl, token, insecureSkipTlsVerify, httpClient, GitProviderLimits.DEFAULTS);
  }

  /** Options for building commit URLs only: no token, no HTTP client, default limits. */
  public static GitProviderOptions urlOnly(String repoUrl) {
    return new GitProviderOptions(repoUrl, null, false, null);
  }

  /** These options with {@link #limits()} changed. */
  public GitProviderOptions withLimits(GitProviderLimits value) {
    return new GitProviderOptions(repoUrl, token, insecureSkipTlsVerify, httpClient, value);
  }

  @Override
  public String toString() {
    return "GitProviderOptions[repoUrl=" + repoUrl + ", token=" + (token == null ? "none" : "***")
        + ", insecureSkipTlsVerify=" + insecureSkipTlsVerify + ", limits=" + limits + "]";
  }
}
