package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;

/**
 * One named output of {@code yaml-parse}, {@code json-parse} and {@code http}: the value of a raw
 * expression (not a {@code ${{ }}} template) evaluated against the parsed document or response.
 *
 * @param name the output's name; required
 * @param fromExpression an expr-lang expression, e.g. {@code image.tag} or
 *     {@code response.body.items[0].id}; required
 */
public record DocumentOutput(String name, String fromExpression) {
  public DocumentOutput {
    ConfigRules.required(name, "name");
    ConfigRules.required(fromExpression, "fromExpression");
  }
}
