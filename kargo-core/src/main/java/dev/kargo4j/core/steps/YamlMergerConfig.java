package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.steps.internal.ConfigChecks;
import java.util.List;

/**
 * The config of the {@code yaml-merge} step (Kargo's {@code YAMLMergeConfig}).
 *
 * @param inFiles the YAML files to merge, later ones over earlier ones; at least one
 * @param outFile the file to write the result to (created or replaced); required
 * @param ignoreMissingFiles whether a missing input file is skipped rather than an error;
 *     default false
 */
public record YamlMergerConfig(List<String> inFiles, String outFile, boolean ignoreMissingFiles) {
  public YamlMergerConfig {
    inFiles = ConfigChecks.requiredList(inFiles, 1, "inFiles");
    ConfigRules.required(outFile, "outFile");
  }
}
