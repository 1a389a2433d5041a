package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.steps.internal.ConfigChecks;
import java.util.List;

/**
 * The config of the {@code yaml-update} step (Kargo's {@code YAMLUpdateConfig}).
 *
 * @param path the YAML file, relative to the work directory; required
 * @param updates at least one update, applied in order
 */
public record YamlUpdaterConfig(String path, List<Update> updates) {
  public YamlUpdaterConfig {
    ConfigRules.required(path, "path");
    updates = ConfigChecks.requiredList(updates, 1, "updates");
  }

  /**
   * One change.
   *
   * @param key a dot-notation key path, e.g. {@code image.tag}, {@code containers.0.image} or
   *     {@code annotations.example\.com/version}; required
   * @param value the new value (string, number, boolean, null, or a map or list); the key is
   *     required in the config even when its value is null
   */
  public record Update(String key, Object value) {
    public Update {
      ConfigRules.required(key, "key");
    }
  }
}
