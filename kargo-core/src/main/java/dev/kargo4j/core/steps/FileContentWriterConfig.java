package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.steps.internal.ConfigChecks;

/**
 * The config of the {@code file-write} step (Kargo's {@code FileWriteConfig}).
 *
 * @param path the file to write, relative to the work directory; required
 * @param contents the text to write; required, may be empty
 * @param permissions an octal mode {@code 0NNN}; default {@code 0600}; no executable and no
 *     world-writable bits
 * @param overwrite whether an existing file may be replaced; default false
 */
public record FileContentWriterConfig(String path, String contents, String permissions, boolean overwrite) {
  public FileContentWriterConfig {
    ConfigRules.required(path, "path");
    ConfigChecks.present(contents, "contents");
    if (permissions != null && !permissions.matches("0[0-7]{3}")) {
      throw new InvalidConfigException("permissions: '" + permissions
          + "' is not allowed; allowed: an octal mode such as 0600 or 0644 (pattern ^0[0-7]{3}$)");
    }
  }

  /** The mode bits to apply (default {@code 0600}). */
  public int mode() {
    return permissions == null ? 0600 : Integer.parseInt(permissions, 8);
  }
}
