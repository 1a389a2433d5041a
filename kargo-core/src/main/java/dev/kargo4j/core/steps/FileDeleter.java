package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.core.steps.internal.Glob;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The {@code delete} step: deletes files and directories (recursively) in the work directory,
 * as Kargo does. A symbolic link is removed itself, never what it points to. Missing paths are
 * fine unless {@code strict}. Globs are matched against the whole work directory. The work
 * directory itself cannot be deleted. No output.
 *
 * <p>Config: {@link FileDeleterConfig}. Stateless and thread-safe.
 */
public final class FileDeleter implements StepRunner {
  /** The step kind, {@code delete}. */
  public static final String KIND = "delete";

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    FileDeleterConfig cfg = context.config(FileDeleterConfig.class);
    String field = cfg.path() != null ? "path" : "paths";
    Set<Path> targets = new LinkedHashSet<>();
    List<String> all = cfg.all();
    for (int i = 0; i < all.size(); i++) {
      String p = all.get(i);
      String f = cfg.path() != null ? field : field + "[" + i + "]";
      if (cfg.pathsAreGlobs()) {
        targets.addAll(glob(context, p, f, cfg.strict()));
      } else {
        Path t = literal(context, p, f);
        if (t == null) {
          if (cfg.strict()) {
            throw new KargoException("path \"" + p + "\" does not exist");
          }
          continue;
        }
        targets.add(t);
      }
    }
    for (Path t : targets) {
      try {
        remove(t);
      } catch (IOException e) {
        throw new KargoException("failed to delete: " + FileCopier.describe(e, context.workDir().root()));
      }
    }
    return StepResult.succeeded(Map.of());
  }

  /** The path to delete (its last segment not followed), or null when it does not exist. */
  private static Path literal(StepContext context, String p, String field) {
    Path rel;
    try {
      rel = Path.of(p).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new InvalidConfigException(field + ": '" + p + "' is not a valid path");
    }
    if (rel.isAbsolute() || rel.startsWith("..")) {
      context.workDir().resolve(p, field); // refuses it with the standard message
    }
    if (rel.toString().isEmpty() || rel.toString().equals(".")) {
      throw new InvalidConfigException(field + ": '" + p
          + "' is the work directory itself; allowed: a path inside it");
    }
    Path parent = rel.getParent() == null
        ? context.workDir().root() : context.workDir().resolve(rel.getParent().toString(), field);
    if (!Files.isDirectory(parent)) {
      return null;
    }
    Path target = parent.resolve(rel.getFileName().toString());
    return Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? target : null;
  }

  private static Set<Path> glob(StepContext context, String pattern, String field, boolean strict) {
    Glob glob;
    try {
      glob = Glob.compile(pattern);
    } catch (IllegalArgumentException e) {
      throw new TerminalStepException(field + ": " + e.getMessage());
    }
    Path root = context.workDir().root();
    Set<Path> matches = new LinkedHashSet<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> !p.equals(root))
          .sorted()
          .forEach(p -> {
            String rel = root.relativize(p).toString().replace('\\', '/');
            if (glob.matches(rel)) {
              matches.add(p);
            }
          });
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new KargoException("could not list the work directory for pattern \"" + pattern + "\"");
    }
    if (matches.isEmpty() && strict) {
      throw new KargoException("no paths matched pattern \"" + pattern + "\"");
    }
    return matches;
  }

  private static void remove(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return; // already gone with a deleted parent
    }
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      Files.delete(p);
      return;
    }
    Files.walkFileTree(p, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
