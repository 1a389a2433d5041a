package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.steps.internal.ConfigChecks;
import java.util.List;

/**
 * The config of the {@code json-update} step (Kargo's {@code JSONUpdateConfig}).
 *
 * @param path the JSON file, relative to the work directory; required
 * @param updates at least one update, applied in order
 */
public record JsonUpdaterConfig(String path, List<Update> updates) {
  public JsonUpdaterConfig {
    ConfigRules.required(path, "path");
    updates = ConfigChecks.requiredList(updates, 1, "updates");
  }

  /**
   * One change.
   *
   * @param key an sjson key path: {@code .} separates parts, {@code \.} escapes a dot, a numeric
   *     part indexes an array, {@code -1} appends to one, a leading {@code :} forces an object
   *     key; required
   * @param value a string, number or boolean; anything else fails the step
   */
  public record Update(String key, Object value) {
    public Update {
      ConfigRules.required(key, "key");
    }
  }
}
