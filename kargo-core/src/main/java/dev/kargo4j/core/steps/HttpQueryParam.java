package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;

/**
 * A query parameter of the {@code http} and {@code http-download} steps, added to those of the
 * URL (the query is then encoded sorted by name, as Go does).
 *
 * @param name the parameter name; required
 * @param value the value; required
 */
public record HttpQueryParam(String name, String value) {
  public HttpQueryParam {
    ConfigRules.required(name, "name");
    ConfigRules.required(value, "value");
  }
}
