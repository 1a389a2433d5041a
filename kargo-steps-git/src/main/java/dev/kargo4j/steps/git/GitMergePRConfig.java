package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;

/**
 * The config of {@code git-merge-pr}.
 *
 * @param repoURL the repository; required
 * @param prNumber the pull request; required, at least 1
 * @param provider the provider name; detected from the host when null
 * @param insecureSkipTLSVerify accept any TLS certificate
 * @param waitUntilMergeable the {@code wait} field: when the pull request is not mergeable yet,
 *     keep trying (Running) instead of failing
 * @param pollInterval with {@code wait}: how often to try, Go syntax (default {@code 10s})
 * @param mergeMethod provider-specific, e.g. {@code squash}
 */
public record GitMergePRConfig(String repoURL, Long prNumber, String provider, boolean insecureSkipTLSVerify,
    boolean waitUntilMergeable, String pollInterval, String mergeMethod) {
  /** The canonical constructor; {@code wait} is the JSON name of {@code waitUntilMergeable}. */
  @java.beans.ConstructorProperties({"repoURL", "prNumber", "provider", "insecureSkipTLSVerify", "wait",
      "pollInterval", "mergeMethod"})
  public GitMergePRConfig(String repoURL, Long prNumber, String provider, boolean insecureSkipTLSVerify,
      boolean waitUntilMergeable, String pollInterval, String mergeMethod) {
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
    this.waitUntilMergeable = waitUntilMergeable;
    this.pollInterval = pollInterval;
    this.mergeMethod = mergeMethod;
  }
}
