package dev.kargo4j.core.spi;

import java.nio.file.Path;

/**
 * The promotion's work directory, shared by all of its steps. Every path a step takes from
 * its config is resolved here, so that nothing is read or written outside the directory.
 * Implementations are thread-safe.
 */
public interface WorkDir {

  /** The absolute, real path of the directory. */
  Path root();

  /**
   * Resolves {@code relative} (a path from a step's config, e.g. {@code ./out/env/dev}) inside
   * the directory. Refused with a {@link PathEscapeException}: absolute paths, paths whose
   * {@code ..} segments leave the directory, and paths that leave it through a symbolic link
   * (checked on the longest existing prefix).
   *
   * @param field the config field the path came from, named in the error (e.g. {@code outPath})
   */
  Path resolve(String relative, String field);

  /**
   * A work directory rooted at {@code root}, which must exist. The root's real path is taken
   * once, so a symbolic link above the work directory (e.g. /tmp on macOS) is fine.
   */
  static WorkDir of(Path root) {
    return new dev.kargo4j.core.internal.SecureWorkDir(root);
  }
}
