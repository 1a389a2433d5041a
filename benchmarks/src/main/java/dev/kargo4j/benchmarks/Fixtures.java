package dev.kargo4j.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared sample pipelines, read from the folder named by the system property
 * {@code kargo4j.fixtures} (JMH passes the launching JVM's {@code -D} options to its forks).
 * Stateless.
 */
final class Fixtures {
  private Fixtures() {}

  /** The kargo-advanced sample repository folder. */
  static Path kargoAdvanced() {
    String root = System.getProperty("kargo4j.fixtures");
    if (root == null || root.isBlank()) {
      throw new IllegalStateException("this benchmark needs the shared fixtures: run it with"
          + " java -Dkargo4j.fixtures=<folder with kargo-advanced/> -jar benchmarks.jar ...");
    }
    Path dir = Path.of(root, "kargo-advanced");
    if (!Files.isRegularFile(dir.resolve("env/dev/kustomization.yaml"))
        || !Files.isRegularFile(dir.resolve("base/guestbook-svc.yaml"))) {
      throw new IllegalStateException("kargo4j.fixtures=" + root + " has no kargo-advanced sample"
          + " (expected kargo-advanced/env/dev/kustomization.yaml and kargo-advanced/base/guestbook-svc.yaml)");
    }
    return dir;
  }
}
