package dev.kargo4j.steps.kustomize.internal;

import dev.kargo4j.core.spi.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs several {@link dev.kargo4j.core.spi.ConfigRules} checks and reports every broken one in
 * a single {@link InvalidConfigException}, as Kargo's JSON-schema validation does. Stateless.
 */
public final class ConfigChecks {
  private ConfigChecks() {}

  /** Runs every check; throws one exception listing all failures, separated by {@code "; "}. */
  public static void all(Runnable... checks) {
    List<String> problems = new ArrayList<>();
    for (Runnable check : checks) {
      try {
        check.run();
      } catch (InvalidConfigException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(String.join("; ", problems));
    }
  }
}
