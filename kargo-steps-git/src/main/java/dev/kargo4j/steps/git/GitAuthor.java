package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;

/**
 * Commit authorship in a step config ({@code author: {name, email, signingKey}}).
 *
 * @param name required
 * @param email required
 * @param signingKey a GPG key; signing is not supported by kargo4j, so a key is refused
 */
public record GitAuthor(String name, String email, String signingKey) {
  public GitAuthor {
    ConfigRules.required(name, "name");
    ConfigRules.required(email, "email");
    if (signingKey != null && !signingKey.isBlank()) {
      throw new InvalidConfigException("signingKey: commit signing is not supported by kargo4j; "
          + "remove the key (commits are made unsigned)");
    }
  }
}
