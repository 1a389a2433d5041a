package dev.kargo4j.testpeers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Small building blocks shared by the launchers of real peers: finding a binary (and skipping the
 * test when it is missing), picking a free loopback port, waiting for a port, running a command.
 * Stateless and thread-safe.
 */
public final class TestPeers {
  /** Where Debian puts daemons that are not on a normal user's PATH. */
  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin",
      "/usr/local/bin", "/usr/bin", "/bin");

  private TestPeers() {}

  /**
   * The executable {@code name} found on the PATH (or in the sbin directories), or empty.
   *
   * @param name a bare command name such as {@code lighttpd}, or an absolute path
   */
  public static Optional<Path> findBinary(String name) {
    Path direct = Path.of(name);
    if (direct.isAbsolute()) {
      return Files.isExecutable(direct) ? Optional.of(direct) : Optional.empty();
    }
    Set<String> dirs = new LinkedHashSet<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(java.io.File.pathSeparator)) {
        if (!d.isBlank()) {
          dirs.add(d);
        }
      }
    }
    dirs.addAll(EXTRA_DIRS);
    for (String d : dirs) {
      Path candidate = Path.of(d, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The executable {@code name}; when it is missing, the calling test is <em>skipped</em> (a
   * JUnit assumption fails) with a message naming the binary and what installs it.
   *
   * @param name the command, e.g. {@code lighttpd}
   * @param installHint how to get it, e.g. {@code apt-get install lighttpd}
   */
  public static Path requireBinary(String name, String installHint) {
    Optional<Path> found = findBinary(name);
    Assumptions.assumeTrue(found.isPresent(), () -> "skipped: the test peer needs '" + name
        + "', which is not installed here (" + installHint + "; .ci/run installs it)");
    return found.orElseThrow();
  }

  /** Like {@link #requireBinary(String, String)} with a generic hint. */
  public static Path requireBinary(String name) {
    return requireBinary(name, "install it with the system package manager");
  }

  /** A TCP port on 127.0.0.1 that was free a moment ago. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /**
   * Waits until something accepts connections on 127.0.0.1:{@code port}, or the process dies,
   * or {@code timeout} passes.
   *
   * @return true when the port accepted a connection
   */
  public static boolean awaitPort(int port, Process process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (process != null && !process.isAlive()) {
        return false;
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return true;
      } catch (IOException notYet) {
        // polling a socket that a child process is opening; there is nothing else to wait on
        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        if (Thread.currentThread().isInterrupted()) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Runs {@code command} in {@code dir} with extra environment variables, waits at most two
   * minutes and returns its standard output. A non-zero exit fails with the command's stderr.
   */
  public static String run(Path dir, Map<String, String> env, List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(env);
    Path err = null;
    try {
      err = Files.createTempFile("test-peer-", ".err");
      pb.redirectError(err.toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Process p = pb.start();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException("command failed (exit " + p.exitValue() + "): "
            + String.join(" ", command) + "\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    } finally {
      if (err != null) {
        try {
          Files.deleteIfExists(err);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }

  /** {@link #run(Path, Map, List)} without extra environment. */
  public static String run(Path dir, String... command) {
    return run(dir, Map.of(), new ArrayList<>(List.of(command)));
  }

  /**
   * Starts {@code pb} with its input from /dev/null and waits until it listens on {@code port}
   * of 127.0.0.1; empty (the process stopped again) when it did not within {@code timeout}.
   *
   * @param what the program, named in the error when it cannot start at all
   */
  public static Optional<Process> startListening(ProcessBuilder pb, int port, Duration timeout, String what) {
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + what, e);
    }
    if (awaitPort(port, p, timeout)) {
      return Optional.of(p);
    }
    stop(p);
    return Optional.empty();
  }

  /** Stops {@code p}: politely, then forcibly after five seconds. */
  public static void stop(Process p) {
    p.destroy();
    try {
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes {@code dir} and everything below it; missing is fine. */
  public static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
