package dev.kargo4j.benchmarks;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.steps.git.GitCloner;
import dev.kargo4j.testpeers.GitHttpServer;
import dev.kargo4j.testpeers.TestPeers;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of cloning a repository with a long history ({@value #DEFAULT_COMMITS} commits on
 * {@code main}, each changing one of {@value #FILES} small YAML files; made with
 * {@code git fast-import} and repacked with a bitmap, as a maintained server keeps it) from a
 * real smart-HTTP git server with basic auth ({@link GitHttpServer}).
 *
 * <ul>
 *   <li>{@link #kargo4j()}: {@link GitCloner} with one checkout of {@code main}: it fetches
 *       every branch and tag into a bare store and adds a linked worktree;
 *   <li>{@link #gitCli()}: {@code git clone} (every branch, then a checkout of {@code main}),
 *       credentials in the URL.
 * </ul>
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar GitCloneBenchmark</pre>
 *
 * <p>Not thread-safe: run with one benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class GitCloneBenchmark {
  static final int DEFAULT_COMMITS = 10_000;
  static final int FILES = 50;
  private static final String REPO = "history";

  /** How many commits the repository has. */
  @Param({"10000"})
  public int commits;

  private GitHttpServer server;
  private Path scratch;
  private String url;
  private String head;
  private Map<String, String> cliEnv;
  private CredentialsProvider credentials;
  private Path work;

  /** Starts the server and creates the repository with {@link #commits} commits. */
  @Setup(Level.Trial)
  public void startServer() throws IOException {
    server = GitHttpServer.start();
    try {
      prepare();
    } catch (IOException | RuntimeException | Error e) {
      server.close(); // a failed setup gets no teardown: stop the server we started
      throw e;
    }
  }

  private void prepare() throws IOException {
    scratch = Files.createTempDirectory("kargo4j-clone-bench-");
    url = server.createRepo(REPO);
    Path gitDir = server.repoDir(REPO);
    fastImport(gitDir, commits);
    TestPeers.run(gitDir, "git", "--git-dir=" + gitDir, "repack", "-a", "-d", "-q", "--write-bitmap-index");
    head = server.head(REPO, "main").orElseThrow();
    String count = server.git(REPO, "rev-list", "--count", "main").trim();
    if (!count.equals(String.valueOf(commits))) {
      throw new IllegalStateException("the repository has " + count + " commits, expected " + commits);
    }
    Credentials creds = Credentials.basic(server.username(), server.password());
    credentials = (type, repoUrl) -> type == CredentialType.GIT ? Optional.of(creds) : Optional.empty();
    Map<String, String> env = new HashMap<>(Shell.gitEnv(Files.createDirectories(scratch.resolve("home"))));
    env.put("URL", url.replace("http://", "http://" + server.username() + ":" + server.password() + "@"));
    cliEnv = Map.copyOf(env);
  }

  /** Writes a fast-import stream of {@code n} commits on main into the bare repository. */
  private static void fastImport(Path gitDir, int n) {
    ProcessBuilder pb = new ProcessBuilder("git", "--git-dir=" + gitDir, "fast-import", "--quiet");
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      Process p = pb.start();
      try (OutputStream out = new BufferedOutputStream(p.getOutputStream(), 1 << 16)) {
        long time = 1_700_000_000L;
        for (int i = 1; i <= n; i++) {
          String msg = "Change " + i + "\n";
          String path = "env/app-" + (i % FILES) + "/values.yaml";
          String content = "app: app-" + (i % FILES) + "\nrevision: " + i + "\nimage:\n  tag: 1." + (i / 100) + "."
              + (i % 100) + "\n";
          StringBuilder c = new StringBuilder()
              .append("commit refs/heads/main\n")
              .append("committer History <history@example.invalid> ").append(time + i * 60L).append(" +0000\n")
              .append("data ").append(msg.getBytes(StandardCharsets.UTF_8).length).append('\n').append(msg)
              .append("M 100644 inline ").append(path).append('\n')
              .append("data ").append(content.getBytes(StandardCharsets.UTF_8).length).append('\n').append(content)
              .append('\n');
          out.write(c.toString().getBytes(StandardCharsets.UTF_8));
        }
        out.write("done\n".getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("git fast-import failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run git fast-import", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A fresh, empty work directory. */
  @Setup(Level.Invocation)
  public void newWorkDir() throws IOException {
    work = Files.createTempDirectory(scratch, "clone-");
  }

  /** Checks the clone, then deletes the work directory. */
  @TearDown(Level.Invocation)
  public void checkAndDelete() {
    try {
      String cloned = TestPeers.run(work.resolve("repo"), "git", "rev-parse", "HEAD").trim();
      if (!cloned.equals(head)) {
        throw new IllegalStateException("the clone is at " + cloned + ", expected " + head);
      }
      if (!Files.isRegularFile(work.resolve("repo/env/app-1/values.yaml"))) {
        throw new IllegalStateException("the clone has no checked-out files");
      }
    } finally {
      TestPeers.deleteRecursively(work);
    }
  }

  /** Stops the server. */
  @TearDown(Level.Trial)
  public void stopServer() {
    server.close();
    TestPeers.deleteRecursively(scratch);
  }

  /** kargo4j's git-clone of main. */
  @Benchmark
  public Object kargo4j() {
    StepResult r = StepTestKit.forRunner(new GitCloner()).workDir(work)
        .capability(Capability.CREDENTIALS, credentials)
        .config(Map.of("repoURL", url, "checkout", List.of(Map.of("branch", "main", "path", "repo"))))
        .run();
    if (r.status() != PromotionStepStatus.SUCCEEDED) {
      throw new IllegalStateException("git-clone did not succeed: " + r);
    }
    return r.output();
  }

  /** {@code git clone}. */
  @Benchmark
  public void gitCli() {
    Shell.run(work, cliEnv, "git clone -q \"$URL\" repo");
  }
}
