package dev.kargo4j.core.spi;

import java.nio.file.Path;

/**
 * The promotion's work directory, shared by all of its steps. Every path a step takes from
 * its config is resolved here, so that nothing is read or written outside the directory.
 * Implementations are thread-safe.
 */
public interface WorkDir {

  /**
   * The folder (directly below the root) where the engine's plug-ins keep private state, e.g.
   * the git module's object stores, whose hooks and config must never be content a Stage
   * author controls. {@link #resolve} refuses it and everything below it, also when reached
   * through a symbolic link; a step that writes a tree must refuse it too (see
   * {@link #isReserved}).
   */
  String RESERVED_DIR = ".kargo4j";

  /**
   * True when {@code path} (absolute; its real path is checked, so symbolic links count) is the
   * {@link #RESERVED_DIR} of this work directory or below it. A path that does not exist is
   * checked through its longest existing prefix.
   */
  default boolean isReserved(Path path) {
    Path reserved = root().resolve(RESERVED_DIR);
    Path p = path.toAbsolutePath().normalize();
    Path existing = p;
    while (existing != null && !java.nio.file.Files.exists(existing, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing != null) {
      try {
        p = existing.toRealPath().resolve(existing.relativize(p)).normalize();
      } catch (java.io.IOException e) {
        return true; // a broken link: refuse rather than guess
      }
    }
    return p.startsWith(reserved);
  }

  /** The absolute, real path of the directory. */
  Path root();

  /**
   * Resolves {@code relative} (a path from a step's config, e.g. {@code ./out/env/dev}) inside
   * the directory. Refused with a {@link PathEscapeException}: absolute paths, paths whose
   * {@code ..} segments leave the directory, and paths that leave it through a symbolic link
   * (checked on the longest existing prefix), and the engine's private {@link #RESERVED_DIR}.
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
