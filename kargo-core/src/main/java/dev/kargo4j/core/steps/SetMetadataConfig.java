package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Config of {@code set-metadata}: the metadata to upsert on Stages and Freight.
 *
 * @param updates at least one update
 */
public record SetMetadataConfig(List<Update> updates) {
  public SetMetadataConfig {
    ConfigRules.minItems(updates, 1, "updates");
    updates = List.copyOf(updates);
  }

  /**
   * One update.
   *
   * @param kind {@code Stage} or {@code Freight}
   * @param name the object's name (a Freight's name, not its alias)
   * @param values key/value pairs to set in its {@code status.metadata}; at least one
   */
  public record Update(String kind, String name, Map<String, Object> values) {
    public Update {
      ConfigRules.required(kind, "kind");
      ConfigRules.oneOf(kind, Set.of("Stage", "Freight"), "kind");
      ConfigRules.required(name, "name");
      if (values == null || values.isEmpty()) {
        throw new InvalidConfigException("values: must have at least 1 property");
      }
    }
  }
}
