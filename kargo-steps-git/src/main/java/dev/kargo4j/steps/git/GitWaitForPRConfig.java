package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;

/**
 * The config of {@code git-wait-for-pr}.
 *
 * @param repoURL the repository; required
 * @param prNumber the pull request; required, at least 1
 * @param pollInterval how often to look again, Go syntax (default {@code 30s})
 * @param provider the provider name; detected from the host when null
 * @param insecureSkipTLSVerify accept any TLS certificate
 */
public record GitWaitForPRConfig(String repoURL, Long prNumber, String pollInterval, String provider,
    boolean insecureSkipTLSVerify) {
  public GitWaitForPRConfig {
    ConfigRules.required(repoURL, "repoURL");
    ConfigRules.required(prNumber, "prNumber");
    if (prNumber < 1) {
      throw new InvalidConfigException("prNumber: must be at least 1, was " + prNumber);
    }
    ConfigRules.oneOf(provider, GitPushConfig.PROVIDERS, "provider");
  }
}
