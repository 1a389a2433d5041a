package dev.kargo4j.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writing to a {@link DirectoryStore} in a loop is killed with SIGKILL again and
 * again; after every kill the store opens, nothing is unreadable, and every object is at the
 * last version the child reported committed or at the one it was writing.
 */
class DirectoryStoreCrashTest {
  private static final int KILLS = 20;

  @TempDir Path dir;

  @Test
  void everyObjectIsAtItsOldOrNewVersionAfterSigkill() throws Exception {
    Path root = dir.resolve("store");
    Path stderr = dir.resolve("child-stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Random random = new Random(20260501L);
    Map<String, String> committed = new HashMap<>();
    Map<String, String> committedVersion = new HashMap<>();
    for (String key : CrashWriter.KEYS) {
      committed.put(key, "-");
    }
    int interrupted = 0;
    for (int run = 0; run < KILLS; run++) {
      Path log = dir.resolve("child-" + run + ".log");
      Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
          "-cp", childClassPath(), CrashWriter.class.getName(), root.toString(),
          Integer.toString(run), log.toString())
          .redirectError(stderr.toFile())
          .start();
      Map<String, String> pending = new HashMap<>();
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String ready = out.readLine();
        assertThat(ready).as("child output; stderr: %s", stderr(stderr)).isEqualTo("READY");
        int commitsBeforeKill = 1 + random.nextInt(40);
        for (int commits = 0; commits < commitsBeforeKill && out.readLine() != null; commits++) {
          // pace the kill: the child has committed that many writes
        }
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      } catch (IOException e) {
        // the pipe may be closed under us once the child is gone; the log file is what counts
      } finally {
        child.destroyForcibly();
      }
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        apply(line, committed, committedVersion, pending);
      }
      if (!pending.isEmpty()) {
        interrupted++;
      }
      try (DirectoryStore store = DirectoryStore.open(root)) {
        for (String key : CrashWriter.KEYS) {
          String[] actual = CrashWriter.read(store, key);
          String old = committed.get(key);
          String inFlight = pending.get(key);
          assertThat(actual[0]).as("run %d, %s: old %s, in flight %s", run, key, old, inFlight)
              .isIn(inFlight == null ? List.of(old) : List.of(old, inFlight));
          if (actual[0].equals(old) && !old.equals("-") && committedVersion.containsKey(key)) {
            assertThat(actual[1]).as("run %d, %s version", run, key).isEqualTo(committedVersion.get(key));
          }
          committed.put(key, actual[0]);
          committedVersion.put(key, actual[1]);
        }
      }
      try (var files = Files.walk(root)) {
        assertThat(files.filter(p -> p.getFileName().toString().contains(".tmp-"))).isEmpty();
      }
    }
    System.out.println("DirectoryStoreCrashTest: " + KILLS + " SIGKILLs, " + interrupted
        + " of them during a write");
  }

  /** Applies a child line; returns true for a commit. Partial last lines are ignored. */
  private static boolean apply(String line, Map<String, String> committed, Map<String, String> versions,
      Map<String, String> pending) {
    String[] parts = line.split(" ");
    if (parts.length >= 3 && parts[0].equals("W")) {
      pending.clear();
      pending.put(parts[1], parts[2]);
      return false;
    }
    if (parts.length >= 3 && parts[0].equals("C") && parts[2].equals(pending.get(parts[1]))) {
      committed.put(parts[1], parts[2]);
      versions.put(parts[1], parts.length > 3 ? parts[3] : "");
      pending.clear();
      return true;
    }
    return false;
  }

  /** The jars and folders the child needs, found from the classes themselves (runner-independent). */
  private static String childClassPath() throws Exception {
    java.util.LinkedHashSet<String> entries = new java.util.LinkedHashSet<>();
    for (Class<?> c : List.of(CrashWriter.class, DirectoryStore.class, dev.kargo4j.KargoException.class,
        org.yaml.snakeyaml.Yaml.class, org.slf4j.LoggerFactory.class)) {
      entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static String stderr(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }
}
