package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;

/**
 * The config of {@code git-tag}.
 *
 * @param path the checkout; required
 * @param tag the tag name; required
 * @param message the annotation; required
 * @param force move an existing tag
 */
public record GitTagConfig(String path, String tag, String message, boolean force) {
  public GitTagConfig {
    ConfigRules.required(path, "path");
    ConfigRules.required(tag, "tag");
    ConfigRules.required(message, "message");
  }
}
