package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;

/**
 * The config of {@code git-clear}.
 *
 * @param path the checkout to empty, relative to the work directory; required
 */
public record GitClearConfig(String path) {
  public GitClearConfig {
    ConfigRules.required(path, "path");
  }
}
