package dev.kargo4j.core.internal;

import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.core.spi.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * {@link WorkDir} that refuses absolute paths, {@code ..} escapes, symlink escapes and the
 * reserved {@link WorkDir#RESERVED_DIR}.
 */
public final class SecureWorkDir implements WorkDir {
  private final Path root;

  public SecureWorkDir(Path root) {
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("work directory " + root + " is not usable", e);
    }
    if (!Files.isDirectory(this.root)) {
      throw new IllegalArgumentException("work directory " + root + " is not a directory");
    }
  }

  @Override
  public Path root() {
    return root;
  }

  @Override
  public Path resolve(String relative, String field) {
    if (relative == null) {
      throw new PathEscapeException(field + ": a path is required");
    }
    Path rel;
    try {
      rel = Path.of(relative);
    } catch (InvalidPathException e) {
      throw new PathEscapeException(field + ": '" + relative + "' is not a valid path");
    }
    if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
      throw new PathEscapeException(field + ": '" + relative
          + "' is absolute; allowed: a path relative to the promotion's work directory");
    }
    Path resolved = root.resolve(rel).normalize();
    if (!resolved.startsWith(root)) {
      throw new PathEscapeException(field + ": '" + relative
          + "' leaves the promotion's work directory; allowed: a path inside it");
    }
    // the longest prefix that exists must really be inside the root: no symlink escapes
    Path existing = resolved;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing != null) {
      Path real;
      try {
        real = existing.toRealPath();
      } catch (IOException e) {
        // a dangling symlink: its target does not exist; refuse rather than guess
        throw new PathEscapeException(field + ": '" + relative
            + "' goes through a broken symbolic link; allowed: a path inside the work directory");
      }
      if (!real.startsWith(root)) {
        throw new PathEscapeException(field + ": '" + relative
            + "' leads out of the promotion's work directory through a symbolic link");
      }
      return notReserved(real.resolve(existing.relativize(resolved)).normalize(), relative, field);
    }
    return notReserved(resolved, relative, field);
  }

  private Path notReserved(Path resolved, String relative, String field) {
    // the engine's private state (e.g. git object stores with their hooks and config) is never
    // a step's to read or write
    if (resolved.startsWith(root.resolve(RESERVED_DIR))) {
      throw new PathEscapeException(field + ": '" + relative + "' is inside '" + RESERVED_DIR
          + "', which is reserved for kargo4j's own state; allowed: any other path in the work directory");
    }
    return resolved;
  }

  @Override
  public String toString() {
    return "WorkDir[" + root + "]";
  }
}
