package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TerminalStepException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code file-write} step: writes text to a file in the work directory, as Kargo does:
 * parent directories are created; an existing file is replaced only with {@code overwrite};
 * the {@code .git} directory, symbolic links on the way, executable and world-writable modes
 * are refused. No output.
 *
 * <p>Named to avoid {@link java.io.FileWriter}. Config: {@link FileContentWriterConfig}.
 * Stateless and thread-safe.
 */
public final class FileContentWriter implements StepRunner {
  /** The step kind, {@code file-write}. */
  public static final String KIND = "file-write";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    FileContentWriterConfig cfg = context.config(FileContentWriterConfig.class);
    int mode = cfg.mode();
    if ((mode & 0111) != 0) {
      throw new InvalidConfigException("permissions: \"" + cfg.permissions()
          + "\" must not include executable bits");
    }
    if ((mode & 0002) != 0) {
      throw new InvalidConfigException("permissions: \"" + cfg.permissions()
          + "\" must not be world-writable");
    }
    Path clean = Path.of(cfg.path()).normalize();
    if (clean.startsWith(".git")) {
      throw new InvalidConfigException("path: writing to the .git directory is forbidden: \""
          + cfg.path() + "\"");
    }
    Path root = context.workDir().root();
    Path file = context.workDir().resolve(cfg.path(), "path");
    if (!root.relativize(file).equals(clean)) {
      throw new TerminalStepException("path \"" + cfg.path() + "\" resolves to a different path \""
          + root.relativize(file) + "\" (symlinks are forbidden)");
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !cfg.overwrite()) {
      throw new TerminalStepException("file \"" + cfg.path()
          + "\" already exists; set overwrite to true to replace it");
    }
    Set<PosixFilePermission> perms = permissions(mode);
    try {
      Path parent = file.getParent();
      if (!Files.isDirectory(parent)) {
        Files.createDirectories(parent);
        setPermissions(parent, PosixFilePermissions.fromString("rwx------"));
      }
      Files.writeString(file, cfg.contents(), StandardCharsets.UTF_8);
      setPermissions(file, perms);
    } catch (IOException e) {
      throw new KargoException("error writing file \"" + cfg.path() + "\": "
          + FileCopier.describe(e, root));
    }
    return StepResult.succeeded(Map.of());
  }

  private static void setPermissions(Path p, Set<PosixFilePermission> perms) throws IOException {
    try {
      Files.setPosixFilePermissions(p, perms);
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the host's defaults apply
    }
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
    for (int i = 0; i < 9; i++) {
      if ((mode & (0400 >> i)) != 0) {
        set.add(order[i]);
      }
    }
    return set;
  }
}
