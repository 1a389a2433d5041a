package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.steps.internal.ConfigChecks;
import java.util.List;

/**
 * The config of the {@code yaml-parse} and {@code json-parse} steps (Kargo's
 * {@code YAMLParseConfig} and {@code JSONParseConfig}, which are alike).
 *
 * @param path the file to parse, relative to the work directory; required
 * @param outputs at least one output to extract
 */
public record DocumentParserConfig(String path, List<DocumentOutput> outputs) {
  public DocumentParserConfig {
    ConfigRules.required(path, "path");
    outputs = ConfigChecks.requiredList(outputs, 1, "outputs");
  }
}
