package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.steps.internal.HttpExchange;

/**
 * A request header of the {@code http} and {@code http-download} steps. Values may hold
 * secrets; they are never logged or shown in messages.
 *
 * @param name the header name; required; not one the JDK client sets itself ({@code Host},
 *     {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Upgrade})
 * @param value the value; required
 */
public record HttpHeader(String name, String value) {
  public HttpHeader {
    ConfigRules.required(name, "name");
    ConfigRules.required(value, "value");
    if (HttpExchange.isRestricted(name)) {
      throw new InvalidConfigException("name: the header '" + name
          + "' is set by the HTTP client itself and cannot be configured");
    }
  }

  @Override
  public String toString() {
    return "HttpHeader[name=" + name + ", value=***]";
  }
}
