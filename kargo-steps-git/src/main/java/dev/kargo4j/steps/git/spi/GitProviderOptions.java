package dev.kargo4j.steps.git.spi;

import java.net.http.HttpClient;
import java.util.Objects;

/**
 * What a provider is made from.
 *
 * @param repoUrl the repository's clone URL; never null
 * @param token the API token (Kargo uses the password of the repository's git credentials), or
 *     null for anonymous access; never shown by {@link #toString()}
 * @param insecureSkipTlsVerify accept any TLS certificate (the caller's HTTP client must be built
 *     accordingly)
 * @param httpClient the client for API calls, or null when only {@link GitProvider#commitUrl}
 *     will be used
 */
public record GitProviderOptions(String repoUrl, String token, boolean insecureSkipTlsVerify,
    HttpClient httpClient) {
  public GitProviderOptions {
    Objects.requireNonNull(repoUrl, "repoUrl");
  }

  /** Options for building commit URLs only: no token, no HTTP client. */
  public static GitProviderOptions urlOnly(String repoUrl) {
    return new GitProviderOptions(repoUrl, null, false, null);
  }

  @Override
  public String toString() {
    return "GitProviderOptions[repoUrl=" + repoUrl + ", token=" + (token == null ? "none" : "***")
        + ", insecureSkipTlsVerify=" + insecureSkipTlsVerify + "]";
  }
}
