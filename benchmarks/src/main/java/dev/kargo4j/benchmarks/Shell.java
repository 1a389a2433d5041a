package dev.kargo4j.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the peers' shell scripts (bash, {@code set -euo pipefail}) as a user would from a
 * terminal: one {@code bash -c} process, standard output discarded, standard error kept in a
 * file and shown when the script fails. Stateless and thread-safe.
 */
final class Shell {
  private Shell() {}

  /**
   * Runs {@code script} in {@code dir} with {@code env} added to the environment; returns
   * normally when it exits 0.
   *
   * @throws IllegalStateException naming the script and its standard error when it fails
   */
  static void run(Path dir, Map<String, String> env, String script) {
    Path err = dir.resolve(".stderr");
    ProcessBuilder pb = new ProcessBuilder(List.of("bash", "-c", "set -euo pipefail\n" + script));
    pb.directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(err.toFile());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    try {
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("script timed out after 5 minutes:\n" + script);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("script failed (exit " + p.exitValue() + "):\n" + script
            + "\nstderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run bash", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running a script", e);
    }
  }

  /**
   * The environment that makes the git CLI repeatable: no user or system config, no prompts,
   * a fixed author and committer.
   */
  static Map<String, String> gitEnv(Path home) {
    return Map.of(
        "HOME", home.toString(),
        "GIT_CONFIG_NOSYSTEM", "1",
        "GIT_TERMINAL_PROMPT", "0",
        "GIT_AUTHOR_NAME", "Kargo Benchmark",
        "GIT_AUTHOR_EMAIL", "bench@example.invalid",
        "GIT_COMMITTER_NAME", "Kargo Benchmark",
        "GIT_COMMITTER_EMAIL", "bench@example.invalid");
  }
}
