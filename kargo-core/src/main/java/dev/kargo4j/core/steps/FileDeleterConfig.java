package dev.kargo4j.core.steps;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.steps.internal.ConfigChecks;
import java.util.List;

/**
 * The config of the {@code delete} step (Kargo's {@code DeleteConfig}). Exactly one of
 * {@code path} and {@code paths} is set.
 *
 * @param path one file or directory to delete (a glob when {@code pathsAreGlobs})
 * @param paths several of them; at least one, none empty
 * @param pathsAreGlobs whether the paths are doublestar globs; default false
 * @param strict whether a missing path, or a glob that matches nothing, fails the step;
 *     default false
 */
public record FileDeleterConfig(String path, List<String> paths, boolean pathsAreGlobs, boolean strict) {
  public FileDeleterConfig {
    ConfigRules.exactlyOne("path, paths", path, paths);
    if (paths != null) {
      paths = ConfigChecks.requiredList(paths, 1, "paths");
      for (int i = 0; i < paths.size(); i++) {
        if (paths.get(i).isEmpty()) {
          throw new InvalidConfigException("paths[" + i + "]: must not be empty");
        }
      }
    }
  }

  /** The paths to delete, {@code path} or {@code paths}. */
  public List<String> all() {
    return path != null ? List.of(path) : paths;
  }
}
