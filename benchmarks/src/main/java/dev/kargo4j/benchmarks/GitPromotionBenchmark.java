package dev.kargo4j.benchmarks;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.steps.git.GitCloner;
import dev.kargo4j.steps.git.GitCommitter;
import dev.kargo4j.steps.git.GitPusher;
import dev.kargo4j.steps.git.GitTreeClearer;
import dev.kargo4j.testpeers.GitHttpServer;
import dev.kargo4j.testpeers.TestPeers;
import java.io.IOException;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The git work of the kargo-advanced {@code promote} task, start to finish, against a real
 * smart-HTTP git server with basic auth (lighttpd + git-http-backend, {@link GitHttpServer}):
 * clone with two checkouts (the Freight's commit into {@code ./src}, branch {@code env/dev}
 * with {@code create: true} into {@code ./out}), clear {@code ./out}, write the rendered files,
 * commit, push.
 *
 * <ul>
 *   <li>{@link #kargo4j()}: kargo4j's step runners ({@link GitCloner}, {@link GitTreeClearer},
 *       {@link GitCommitter}, {@link GitPusher}) run through {@link StepTestKit} with the
 *       credentials capability, the rendered files written by Java;
 *   <li>{@link #gitCli()}: one bash script doing the same with the git CLI, as Kargo itself
 *       does it: {@code git clone --bare}, one {@code git worktree add} per checkout,
 *       {@code git rm -r}, the files written by the shell, {@code git add}, {@code git commit},
 *       {@code git push}. The credentials are in the URL (the cheapest way for the CLI).
 * </ul>
 *
 * <p>The repository holds the kargo-advanced sample (read from the folder named by the system
 * property {@code kargo4j.fixtures}); {@code env/dev} exists from the start, so every
 * invocation does the steady-state work and pushes one new commit. Each invocation gets a fresh
 * work directory (made and deleted outside the measured time). The trial checks that every
 * push landed.
 *
 * <pre>java -Dkargo4j.fixtures=/path/to/fixtures -jar benchmarks/target/benchmarks.jar GitPromotionBenchmark</pre>
 *
 * <p>Not thread-safe: run with one benchmark thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(1)
public class GitPromotionBenchmark {
  private static final String REPO = "kargo-advanced";
  private static final String IMAGE = "ghcr.io/akuity/guestbook";

  private GitHttpServer server;
  private Path scratch;
  private String url;
  private String cliUrl;
  private String freightCommit;
  private CredentialsProvider credentials;
  private Map<String, String> cliEnv;
  private int pushes;
  private int invocation;
  private Path work;

  /** Starts the server and seeds the repository with the sample and a rendered {@code env/dev}. */
  @Setup(Level.Trial)
  public void startServer() throws IOException {
    Path sample = Fixtures.kargoAdvanced();
    server = GitHttpServer.start();
    try {
      prepare(sample);
    } catch (IOException | RuntimeException | Error e) {
      server.close(); // a failed setup gets no teardown: stop the server we started
      throw e;
    }
  }

  private void prepare(Path sample) throws IOException {
    scratch = Files.createTempDirectory("kargo4j-git-bench-");
    url = server.createRepo(REPO, sample);
    freightCommit = server.head(REPO, "main").orElseThrow();
    Path rendered = Files.createDirectories(scratch.resolve("seed-env-dev"));
    Files.writeString(rendered.resolve("guestbook-deployment.yaml"), "image: " + IMAGE + ":0.0.0\n");
    server.commit(REPO, "env/dev", rendered, "Initial rendered env/dev");
    cliUrl = url.replace("http://", "http://" + server.username() + ":" + server.password() + "@");
    Credentials creds = Credentials.basic(server.username(), server.password());
    credentials = (type, repoUrl) -> type == CredentialType.GIT ? Optional.of(creds) : Optional.empty();
    Path home = Files.createDirectories(scratch.resolve("home"));
    Map<String, String> env = new HashMap<>(Shell.gitEnv(home));
    env.put("URL", cliUrl);
    env.put("COMMIT", freightCommit);
    cliEnv = Map.copyOf(env);
    pushes = 0;
  }

  /** A fresh, empty promotion work directory. */
  @Setup(Level.Invocation)
  public void newWorkDir() throws IOException {
    invocation++;
    work = Files.createTempDirectory(scratch, "promotion-");
  }

  /** Deletes the work directory. */
  @TearDown(Level.Invocation)
  public void deleteWorkDir() {
    TestPeers.deleteRecursively(work);
  }

  /** Checks that every push landed, then stops the server. */
  @TearDown(Level.Trial)
  public void stopServer() {
    try {
      long commits = Long.parseLong(server.git(REPO, "rev-list", "--count", "env/dev").trim());
      if (commits != pushes + 1) {
        throw new IllegalStateException("env/dev has " + commits + " commits, expected " + (pushes + 1));
      }
      String deployment = server.git(REPO, "show", "env/dev:guestbook-deployment.yaml");
      if (!deployment.startsWith("image: " + IMAGE + ":1.0." + invocation)) {
        throw new IllegalStateException("the last push is not on env/dev: " + deployment.lines().findFirst());
      }
    } finally {
      server.close();
      TestPeers.deleteRecursively(scratch);
    }
  }

  /** The promote task's git work through kargo4j's step runners. */
  @Benchmark
  public String kargo4j() throws IOException {
    run(new GitCloner(), Map.of("repoURL", url, "checkout", List.of(
        Map.of("commit", freightCommit, "path", "./src"),
        Map.of("branch", "env/dev", "path", "./out", "create", true))));
    run(new GitTreeClearer(), Map.of("path", "./out"));
    // what kustomize-set-image and kustomize-build would write
    String tag = "1.0." + invocation;
    Files.writeString(work.resolve("out/guestbook-deployment.yaml"), "image: " + IMAGE + ":" + tag + "\n# from\n"
        + Files.readString(work.resolve("src/env/dev/kustomization.yaml")));
    Files.copy(work.resolve("src/base/guestbook-svc.yaml"), work.resolve("out/guestbook-service.yaml"));
    run(new GitCommitter(), Map.of("path", "./out",
        "message", "Updated env/dev to use new image\n\n- " + IMAGE + ":" + tag));
    StepResult pushed = run(new GitPusher(), Map.of("path", "./out"));
    pushes++;
    return (String) pushed.output().get("commit");
  }

  /** The same work as one bash script with the git CLI. */
  @Benchmark
  public void gitCli() {
    Map<String, String> env = new HashMap<>(cliEnv);
    env.put("TAG", "1.0." + invocation);
    Shell.run(work, env, """
        git clone -q --bare "$URL" .repo.git
        git -C .repo.git worktree add -q --detach ../src "$COMMIT"
        git -C .repo.git worktree add -q ../out env/dev
        cd out
        git rm -q -r --ignore-unmatch .
        { printf 'image: ghcr.io/akuity/guestbook:%s\\n# from\\n' "$TAG"; cat ../src/env/dev/kustomization.yaml; } > guestbook-deployment.yaml
        cp ../src/base/guestbook-svc.yaml guestbook-service.yaml
        git add -A .
        git commit -q -m 'Updated env/dev to use new image' -m "- ghcr.io/akuity/guestbook:$TAG"
        git push -q origin env/dev
        """);
    pushes++;
  }

  private StepResult run(StepRunner runner, Map<String, ?> config) {
    StepResult r = StepTestKit.forRunner(runner).workDir(work)
        .capability(Capability.CREDENTIALS, credentials).config(config).run();
    if (r.status() != PromotionStepStatus.SUCCEEDED) {
      throw new IllegalStateException(runner.kind() + " did not succeed: " + r);
    }
    return r;
  }
}
