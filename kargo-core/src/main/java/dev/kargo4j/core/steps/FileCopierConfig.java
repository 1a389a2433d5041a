package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.steps.internal.ConfigChecks;

/**
 * The config of the {@code copy} step (Kargo's {@code CopyConfig}).
 *
 * @param inPath the file or directory to copy, relative to the work directory; required
 * @param outPath the destination file or directory; required
 * @param ignore gitignore-syntax patterns (one a line) of what not to copy, relative to
 *     {@code inPath} (or to its directory when it is a file); {@code .git} is always ignored
 *     unless re-included with {@code !.git/}; optional, not empty when set
 */
public record FileCopierConfig(String inPath, String outPath, String ignore) {
  public FileCopierConfig {
    ConfigRules.required(inPath, "inPath");
    ConfigRules.required(outPath, "outPath");
    ConfigChecks.optionalNonEmpty(ignore, "ignore");
  }
}
