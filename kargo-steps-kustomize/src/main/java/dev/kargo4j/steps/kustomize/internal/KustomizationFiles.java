package dev.kargo4j.steps.kustomize.internal;

import dev.kargo4j.steps.kustomize.KustomizeException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the Kustomization file of a directory as kustomize and Kargo do
 * ({@code konfig.RecognizedKustomizationFileNames}, {@code findKustomization}). Stateless and
 * thread-safe.
 */
public final class KustomizationFiles {

  /** The file names kustomize recognises, in its order. */
  public static final List<String> NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

  private KustomizationFiles() {}

  /**
   * The one Kustomization file in {@code dir}; only regular files count (a symbolic link does
   * not, as in Kargo).
   *
   * @param dir the directory, already resolved inside the work directory
   * @param path the directory as the config names it, for messages
   * @throws KustomizeException when there is none or more than one
   */
  public static Path find(Path dir, String path) {
    List<Path> found = new ArrayList<>();
    for (String name : NAMES) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate, LinkOption.NOFOLLOW_LINKS)) {
        found.add(candidate);
      }
    }
    if (found.isEmpty()) {
      throw new KustomizeException("could not discover kustomization file: could not find any Kustomization files in \""
          + path + "\"; expected exactly one of " + String.join(", ", NAMES));
    }
    if (found.size() > 1) {
      throw new KustomizeException("could not discover kustomization file: ambiguous result: found multiple"
          + " Kustomization files in \"" + path + "\": "
          + String.join(", ", found.stream().map(p -> p.getFileName().toString()).toList())
          + "; keep exactly one of them");
    }
    return found.get(0);
  }

  /**
   * Checks that {@code dir} holds a Kustomization file for a build (a symbolic link counts;
   * several are left to kustomize to report).
   *
   * @throws KustomizeException when there is none
   */
  public static void requireAny(Path dir, String path) {
    for (String name : NAMES) {
      if (Files.exists(dir.resolve(name))) {
        return;
      }
    }
    throw new KustomizeException("could not find any Kustomization files in \"" + path
        + "\"; expected one of " + String.join(", ", NAMES)
        + (Files.isDirectory(dir) ? "" : " (the directory does not exist)"));
  }
}
