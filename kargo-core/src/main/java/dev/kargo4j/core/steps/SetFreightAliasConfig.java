package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;

/**
 * Config of {@code set-freight-alias}.
 *
 * @param name the Freight's name (its stable identifier, not an alias)
 * @param alias the new alias, unique within the Project
 */
public record SetFreightAliasConfig(String name, String alias) {
  public SetFreightAliasConfig {
    ConfigRules.required(name, "name");
    ConfigRules.required(alias, "alias");
  }
}
