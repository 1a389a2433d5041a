package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.steps.internal.GitIgnore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code copy} step: copies a file, or a directory recursively, inside the work directory,
 * as Kargo does: symbolic links are skipped, {@code .git} and the {@code ignore} patterns are
 * left out, existing files at the destination are overwritten and file permissions are kept.
 * No output.
 *
 * <p>Config: {@link FileCopierConfig}. Stateless and thread-safe.
 */
public final class FileCopier implements StepRunner {
  /** The step kind, {@code copy}. */
  public static final String KIND = "copy";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    FileCopierConfig cfg = context.config(FileCopierConfig.class);
    Path in = context.workDir().resolve(cfg.inPath(), "inPath");
    Path out = context.workDir().resolve(cfg.outPath(), "outPath");
    if (!Files.exists(in, LinkOption.NOFOLLOW_LINKS)) {
      throw new KargoException("failed to copy \"" + cfg.inPath() + "\" to \"" + cfg.outPath()
          + "\": inPath does not exist");
    }
    boolean dir = Files.isDirectory(in, LinkOption.NOFOLLOW_LINKS);
    Path base = dir ? in : in.getParent();
    GitIgnore ignore = GitIgnore.of(List.of(".git"), cfg.ignore());
    if (dir && out.startsWith(in)) {
      throw new KargoException("failed to copy \"" + cfg.inPath() + "\" to \"" + cfg.outPath()
          + "\": the destination is inside the source");
    }
    if (!dir && Files.isDirectory(out)) {
      throw new KargoException("failed to copy \"" + cfg.inPath() + "\" to \"" + cfg.outPath()
          + "\": outPath is a directory; name the destination file");
    }
    Path root = context.workDir().root();
    try {
      if (dir) {
        copyTree(in, out, base, ignore, context);
      } else if (!Files.isSymbolicLink(in) && !ignore.isIgnored(segments(base, in), false)) {
        Files.createDirectories(out.getParent());
        copyFile(in, out, root);
      }
    } catch (IOException e) {
      throw new KargoException("failed to copy \"" + cfg.inPath() + "\" to \"" + cfg.outPath()
          + "\": " + describe(e, context.workDir().root()));
    }
    return StepResult.succeeded(Map.of());
  }

  private static void copyTree(Path in, Path out, Path base, GitIgnore ignore, StepContext context)
      throws IOException {
    Files.walkFileTree(in, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(in) && ignore.isIgnored(segments(base, dir), true)) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Path target = out.resolve(in.relativize(dir).toString());
        requireNotReserved(target, context);
        Files.createDirectories(target);
        requireInside(target, context.workDir().root());
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        if (attrs.isSymbolicLink()) {
          context.logger().trace("copy: skipping symbolic link {}", in.relativize(file));
          return FileVisitResult.CONTINUE;
        }
        if (!attrs.isRegularFile() || ignore.isIgnored(segments(base, file), false)) {
          return FileVisitResult.CONTINUE;
        }
        Path target = out.resolve(in.relativize(file).toString());
        requireNotReserved(target, context);
        copyFile(file, target, context.workDir().root());
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        copyPermissions(dir, out.resolve(in.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Nothing is copied into the engine's private state (e.g. a git store's hooks). */
  private static void requireNotReserved(Path target, StepContext context) {
    if (context.workDir().isReserved(target)) {
      throw new KargoException("failed to copy: the destination \"" + context.workDir().root().relativize(target)
          + "\" is inside '" + dev.kargo4j.core.spi.WorkDir.RESERVED_DIR + "', which is reserved for kargo4j's own state");
    }
  }

  /** A destination directory reached through a symbolic link must still be in the work directory. */
  private static void requireInside(Path dir, Path root) throws IOException {
    if (!dir.toRealPath().startsWith(root)) {
      throw new KargoException("failed to copy: the destination \"" + root.relativize(dir)
          + "\" leads out of the work directory through a symbolic link");
    }
  }

  private static void copyFile(Path from, Path to, Path root) throws IOException {
    requireInside(to.getParent(), root);
    if (Files.isSymbolicLink(to)) {
      Files.delete(to); // never write through a link at the destination
    }
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    copyPermissions(from, to);
  }

  private static void copyPermissions(Path from, Path to) throws IOException {
    PosixFileAttributeView src = Files.getFileAttributeView(from, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributeView dst = Files.getFileAttributeView(to, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    if (src != null && dst != null) {
      dst.setPermissions(src.readAttributes().permissions());
    }
  }

  private static List<String> segments(Path base, Path p) {
    List<String> out = new ArrayList<>();
    for (Path s : base.relativize(p)) {
      out.add(s.toString());
    }
    return out;
  }

  /** An I/O failure described without the host's absolute paths. */
  static String describe(IOException e, Path root) {
    String kind = e instanceof NoSuchFileException ? "no such file or directory"
        : e.getClass().getSimpleName();
    String file = e instanceof java.nio.file.FileSystemException fse && fse.getFile() != null
        ? fse.getFile() : null;
    if (file != null) {
      String shown = file.startsWith(root.toString()) ? root.relativize(Path.of(file)).toString() : "";
      return kind + (shown.isEmpty() ? "" : " (" + shown + ")");
    }
    return kind;
  }
}
