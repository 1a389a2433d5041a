package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;

/**
 * The config of {@code git-commit}.
 *
 * @param path the checkout; required
 * @param message the commit message; required
 * @param author deprecated in Kargo (configure it in git-clone); overrides the checkout's identity
 */
public record GitCommitConfig(String path, String message, GitAuthor author) {
  public GitCommitConfig {
    ConfigRules.required(path, "path");
    ConfigRules.required(message, "message");
  }
}
