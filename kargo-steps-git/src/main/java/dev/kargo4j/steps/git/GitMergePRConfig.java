package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.beans.ConstructorProperties;
import java.util.Objects;

/**
 * The config of {@code git-merge-pr}. A value class rather than a record only because its JSON
 * field {@code wait} cannot be a record component name; immutable and thread-safe.
 */
public final class GitMergePRConfig {
  private final String repoURL;
  private final Long prNumber;
  private final String provider;
  private final boolean insecureSkipTLSVerify;
  private final boolean waitUntilMergeable;
  private final String pollInterval;
  private final String mergeMethod;

  /**
   * @param repoURL the repository; required
   * @param prNumber the pull request; required, at least 1
   * @param provider the provider name; detected from the host when null
   * @param insecureSkipTLSVerify accept any TLS certificate
   * @param wait when the pull request is not mergeable yet, keep trying (Running) instead of failing
   * @param pollInterval with {@code wait}: how often to try, Go syntax (default {@code 10s})
   * @param mergeMethod provider-specific, e.g. {@code squash}
   */
  @ConstructorProperties({"repoURL", "prNumber", "provider", "insecureSkipTLSVerify", "wait",
      "pollInterval", "mergeMethod"})
  public GitMergePRConfig(String repoURL, Long prNumber, String provider, boolean insecureSkipTLSVerify,
      boolean wait, String pollInterval, String mergeMethod) {
    ConfigRules.required(repoURL, "repoURL");
    ConfigRules.required(prNumber, "prNumber");
    if (prNumber < 1) {
      throw new InvalidConfigException("prNumber: must be at least 1, was " + prNumber);
    }
    ConfigRules.oneOf(provider, GitPushConfig.PROVIDERS, "provider");
    if (mergeMethod != null && mergeMethod.isEmpty()) {
      throw new InvalidConfigException("mergeMethod: must not be empty");
    }
    this.repoURL = repoURL;
    this.prNumber = prNumber;
    this.provider = provider;
    this.insecureSkipTLSVerify = insecureSkipTLSVerify;
    this.waitUntilMergeable = wait;
    this.pollInterval = pollInterval;
    this.mergeMethod = mergeMethod;
  }

  public String repoURL() {
    return repoURL;
  }

  public Long prNumber() {
    return prNumber;
  }

  public String provider() {
    return provider;
  }

  public boolean insecureSkipTLSVerify() {
    return insecureSkipTLSVerify;
  }

  /** The {@code wait} field. */
  public boolean waitUntilMergeable() {
    return waitUntilMergeable;
  }

  public String pollInterval() {
    return pollInterval;
  }

  public String mergeMethod() {
    return mergeMethod;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GitMergePRConfig c && c.repoURL.equals(repoURL) && c.prNumber.equals(prNumber)
        && Objects.equals(c.provider, provider) && c.insecureSkipTLSVerify == insecureSkipTLSVerify
        && c.waitUntilMergeable == waitUntilMergeable && Objects.equals(c.pollInterval, pollInterval)
        && Objects.equals(c.mergeMethod, mergeMethod);
  }

  @Override
  public int hashCode() {
    return Objects.hash(repoURL, prNumber, provider, insecureSkipTLSVerify, waitUntilMergeable, pollInterval,
        mergeMethod);
  }

  @Override
  public String toString() {
    return "GitMergePRConfig[repoURL=" + repoURL + ", prNumber=" + prNumber + ", provider=" + provider
        + ", insecureSkipTLSVerify=" + insecureSkipTLSVerify + ", wait=" + waitUntilMergeable
        + ", pollInterval=" + pollInterval + ", mergeMethod=" + mergeMethod + "]";
  }
}
