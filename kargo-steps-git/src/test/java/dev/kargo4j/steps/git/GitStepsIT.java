package dev.kargo4j.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testpeers.GitHttpServer;
import dev.kargo4j.testpeers.GitHttpServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The git steps against a real smart-HTTP git server with basic authentication. */
class GitStepsIT {
  @RegisterExtension static final GitHttpServerExtension GIT = new GitHttpServerExtension();

  @TempDir Path tmp;

  private CredentialsProvider creds(GitHttpServer git) {
    return TestRepos.credentials(Credentials.basic(git.username(), git.password()), new ArrayList<>());
  }

  private Path seed(Map<String, String> files) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "seed");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.createDirectories(dir.resolve(f.getKey()).getParent());
      Files.writeString(dir.resolve(f.getKey()), f.getValue());
    }
    return dir;
  }

  @Test
  void clonesOverHttpWithCredentialsAskedByUrl(GitHttpServer git) throws Exception {
    String url = git.createRepo("clone", seed(Map.of("a.txt", "a")));
    List<String> asked = new ArrayList<>();
    Path work = Files.createDirectories(tmp.resolve("w"));
    StepResult r = TestRepos.kit(new GitCloner(), work,
            TestRepos.credentials(Credentials.basic(git.username(), git.password()), asked))
        .config(Map.of("repoURL", url, "checkout", List.of(Map.of("branch", "main", "path", "repo"))))
        .run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(work.resolve("repo/a.txt")).hasContent("a");
    assertThat(asked).containsExactly(url);
    assertThat(((Map<?, ?>) r.output().get("commits")).get("repo")).isEqualTo(git.head("clone", "main").orElseThrow());
  }

  @Test
  void renderedBranchFlowOfTheKargoAdvancedPromoteTask(GitHttpServer git) throws Exception {
    String fixtures = System.getProperty("kargo4j.fixtures");
    Path sample = fixtures == null ? null : Path.of(fixtures, "kargo-advanced");
    Assumptions.assumeTrue(sample != null && Files.isDirectory(sample),
        "skipped: the shared fixtures (system property kargo4j.fixtures) are not available");
    String url = git.createRepo("kargo-advanced", sample);
    String main = git.head("kargo-advanced", "main").orElseThrow();

    for (String image : List.of("1.0.0", "1.1.0")) {
      Path work = Files.createDirectories(tmp.resolve("promotion-" + image));
      CredentialsProvider c = creds(git);
      // git-clone: the commit into ./src, the env branch (created when missing) into ./out
      StepResult cloned = TestRepos.kit(new GitCloner(), work, c).config(Map.of("repoURL", url, "checkout", List.of(
          Map.of("commit", main, "path", "./src"),
          Map.of("branch", "env/dev", "path", "./out", "create", true)))).run();
      assertThat(cloned.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      // the checkouts are ordinary linked worktrees for the git CLI too
      assertThat(dev.kargo4j.testpeers.TestPeers.run(work.resolve("src"), "git", "status", "--porcelain")).isEmpty();
      assertThat(dev.kargo4j.testpeers.TestPeers.run(work.resolve("src"), "git", "rev-parse", "HEAD").trim()).isEqualTo(main);
      assertThat(dev.kargo4j.testpeers.TestPeers.run(work.resolve("out"), "git", "branch", "--show-current").trim())
          .isEqualTo("env/dev");
      assertThat(TestRepos.kit(new GitTreeClearer(), work, c).config(Map.of("path", "./out")).run().status())
          .isEqualTo(PromotionStepStatus.SUCCEEDED);
      // what kustomize-set-image and kustomize-build would write
      String kustomization = Files.readString(work.resolve("src/env/dev/kustomization.yaml"));
      Files.writeString(work.resolve("out/guestbook-deployment.yaml"),
          "image: ghcr.io/akuity/guestbook:" + image + "\n# from\n" + kustomization);
      Files.copy(work.resolve("src/base/guestbook-svc.yaml"), work.resolve("out/guestbook-service.yaml"));
      StepResult commit = TestRepos.kit(new GitCommitter(), work, c).alias("task-1::commit")
          .config(Map.of("path", "./out", "message", "Updated env/dev to use new image\n\n- ghcr.io/akuity/guestbook:" + image))
          .run();
      assertThat(commit.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      StepResult push = TestRepos.kit(new GitPusher(), work, c).config(Map.of("path", "./out")).run();
      assertThat(push.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      assertThat(push.output()).containsEntry("branch", "env/dev").containsEntry("commit", commit.output().get("commit"));
      assertThat(git.head("kargo-advanced", "env/dev")).contains((String) commit.output().get("commit"));
    }
    assertThat(git.git("kargo-advanced", "log", "--format=%s", "env/dev"))
        .isEqualTo("Updated env/dev to use new image\nUpdated env/dev to use new image\nInitial commit\n");
    assertThat(git.git("kargo-advanced", "ls-tree", "--name-only", "env/dev"))
        .isEqualTo("guestbook-deployment.yaml\nguestbook-service.yaml\n");
    assertThat(git.git("kargo-advanced", "show", "env/dev:guestbook-deployment.yaml")).startsWith("image: ghcr.io/akuity/guestbook:1.1.0");
    assertThat(git.head("kargo-advanced", "main")).contains(main);
  }

  @Test
  void tagsAreCreatedAndPushed(GitHttpServer git) throws Exception {
    String url = git.createRepo("tags", seed(Map.of("a", "a")));
    Path work = Files.createDirectories(tmp.resolve("w"));
    CredentialsProvider c = creds(git);
    TestRepos.kit(new GitCloner(), work, c).config(Map.of("repoURL", url,
        "checkout", List.of(Map.of("branch", "main", "path", "repo")))).run();
    StepResult tag = TestRepos.kit(new GitTagger(), work, c)
        .config(Map.of("path", "repo", "tag", "v1.2.3", "message", "Release v1.2.3")).run();
    StepResult push = TestRepos.kit(new GitPusher(), work, c).config(Map.of("path", "repo", "tag", "v1.2.3")).run();
    assertThat(push.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(git.git("tags", "rev-parse", "v1.2.3^{commit}").trim()).isEqualTo(tag.output().get("commit"));
    assertThat(git.git("tags", "cat-file", "-t", "v1.2.3").trim()).isEqualTo("tag");
    assertThat(git.git("tags", "for-each-ref", "--format=%(contents:subject)", "refs/tags/v1.2.3").trim())
        .isEqualTo("Release v1.2.3");
  }

  @Test
  void aWrongPasswordIsRefusedClearlyAndNeverShown(GitHttpServer git) throws Exception {
    String url = git.createRepo("locked", seed(Map.of("a", "a")));
    String wrong = "Wr0ng-s3cret-" + System.nanoTime();
    Path work = Files.createDirectories(tmp.resolve("w"));
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Throwable thrown;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      thrown = org.junit.jupiter.api.Assertions.assertThrows(KargoException.class, () ->
          TestRepos.kit(new GitCloner(), work, TestRepos.credentials(Credentials.basic(git.username(), wrong),
              new ArrayList<>())).config(Map.of("repoURL", url,
              "checkout", List.of(Map.of("branch", "main", "path", "repo")))).run());
    } finally {
      System.setErr(originalErr);
    }
    assertThat(thrown).hasMessageContaining("authentication failed").hasMessageContaining(url)
        .hasMessageContaining("refused").hasMessageContaining("user '" + git.username() + "'");
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    assertThat(trace.toString()).doesNotContain(wrong);
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(wrong);

    // a push refused for a wrong password says so, without the password
    Path w3 = Files.createDirectories(tmp.resolve("w3"));
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    CredentialsProvider rightThenWrong = (type, u) -> java.util.Optional.of(calls.getAndIncrement() == 0
        ? Credentials.basic(git.username(), git.password()) : Credentials.basic(git.username(), wrong));
    TestRepos.kit(new GitCloner(), w3, rightThenWrong).config(Map.of("repoURL", url,
        "checkout", List.of(Map.of("branch", "main", "path", "repo")))).run();
    Files.writeString(w3.resolve("repo/b"), "b");
    TestRepos.kit(new GitCommitter(), w3, rightThenWrong).config(Map.of("path", "repo", "message", "b")).run();
    ByteArrayOutputStream pushLog = new ByteArrayOutputStream();
    System.setErr(new PrintStream(pushLog, true, StandardCharsets.UTF_8));
    Throwable pushFailure;
    try {
      pushFailure = org.junit.jupiter.api.Assertions.assertThrows(KargoException.class, () ->
          TestRepos.kit(new GitPusher(), w3, rightThenWrong).config(Map.of("path", "repo")).run());
    } finally {
      System.setErr(originalErr);
    }
    assertThat(pushFailure).hasMessageContaining("authentication failed");
    StringWriter pushTrace = new StringWriter();
    pushFailure.printStackTrace(new PrintWriter(pushTrace));
    assertThat(pushTrace.toString()).doesNotContain(wrong);
    assertThat(pushLog.toString(StandardCharsets.UTF_8)).doesNotContain(wrong);

    // and without any credentials
    assertThatThrownBy(() -> TestRepos.kit(new GitCloner(), Files.createDirectories(tmp.resolve("w2")),
        CredentialsProvider.NONE).config(Map.of("repoURL", url,
            "checkout", List.of(Map.of("branch", "main", "path", "repo")))).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("no git credentials");
  }

  @Test
  void twoPromotionsPushingToOneBranchAtOnceBothLand(GitHttpServer git) throws Exception {
    String url = git.createRepo("concurrent", seed(Map.of("a", "a")));
    git.commit("concurrent", "env/dev", seed(Map.of("rendered.yaml", "0")), "base");
    CredentialsProvider c = creds(git);
    List<Path> works = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Path work = Files.createDirectories(tmp.resolve("p" + i));
      TestRepos.kit(new GitCloner(), work, c).config(Map.of("repoURL", url,
          "checkout", List.of(Map.of("branch", "env/dev", "path", "./out")))).run();
      Files.writeString(work.resolve("out/file-" + i + ".yaml"), "from promotion " + i + "\n");
      TestRepos.kit(new GitCommitter(), work, c).config(Map.of("path", "./out", "message", "promotion " + i)).run();
      works.add(work);
    }
    List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    GitPusher pusher = GitPusher.builder().sleeper(waits::add).build();
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<StepResult>> results = new ArrayList<>();
      for (Path work : works) {
        results.add(pool.submit(() -> {
          go.await();
          return TestRepos.kit(pusher, work, c).config(Map.of("path", "./out")).run();
        }));
      }
      go.countDown();
      for (Future<StepResult> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS).status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(git.git("concurrent", "log", "--format=%s", "env/dev").lines().toList())
        .hasSize(3).contains("promotion 0", "promotion 1", "base");
    assertThat(git.git("concurrent", "ls-tree", "--name-only", "env/dev"))
        .contains("file-0.yaml").contains("file-1.yaml");
  }

  @Test
  void aNonFastForwardRejectionIsRetriedAfterABackoff(GitHttpServer git) throws Exception {
    String url = git.createRepo("racy", seed(Map.of("a", "a")));
    // the server moves main under the first push, exactly between our fetch and our ref update
    Path hook = git.repoDir("racy").resolve("hooks/pre-receive");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, """
        #!/bin/sh
        marker="$GIT_DIR/raced"
        [ -f "$marker" ] && exit 0
        touch "$marker"
        while read old new ref; do
          if [ "$ref" = "refs/heads/main" ]; then
            unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
            export GIT_AUTHOR_NAME=racer GIT_AUTHOR_EMAIL=racer@example.invalid
            export GIT_COMMITTER_NAME=racer GIT_COMMITTER_EMAIL=racer@example.invalid
            c=$(git commit-tree "$old^{tree}" -p "$old" -m "racing commit")
            git update-ref refs/heads/main "$c" "$old"
          fi
        done
        exit 0
        """);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path work = Files.createDirectories(tmp.resolve("w"));
    CredentialsProvider c = creds(git);
    TestRepos.kit(new GitCloner(), work, c).config(Map.of("repoURL", url,
        "checkout", List.of(Map.of("branch", "main", "path", "repo")))).run();
    Files.writeString(work.resolve("repo/mine.txt"), "mine");
    TestRepos.kit(new GitCommitter(), work, c).config(Map.of("path", "repo", "message", "mine")).run();

    List<Duration> waits = new ArrayList<>();
    StepResult push = TestRepos.kit(GitPusher.builder().sleeper(waits::add).jitter(() -> 0.0).build(), work, c)
        .config(Map.of("path", "repo", "maxAttempts", 3)).run();

    assertThat(push.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(waits).containsExactly(Duration.ofSeconds(1));
    assertThat(git.git("racy", "log", "--format=%s", "main")).isEqualTo("mine\nracing commit\nInitial commit\n");
    assertThat(push.output().get("commit")).isEqualTo(git.head("racy", "main").orElseThrow());
  }

  @Test
  void givesUpAfterMaxAttempts(GitHttpServer git) throws Exception {
    String url = git.createRepo("always-racy", seed(Map.of("a", "a")));
    Path hook = git.repoDir("always-racy").resolve("hooks/pre-receive");
    Files.createDirectories(hook.getParent());
    Files.writeString(hook, """
        #!/bin/sh
        while read old new ref; do
          unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES
          export GIT_AUTHOR_NAME=racer GIT_AUTHOR_EMAIL=r@example.invalid GIT_COMMITTER_NAME=racer GIT_COMMITTER_EMAIL=r@example.invalid
          c=$(git commit-tree "$old^{tree}" -p "$old" -m "racing")
          git update-ref "$ref" "$c" "$old"
        done
        exit 0
        """);
    Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path work = Files.createDirectories(tmp.resolve("w"));
    CredentialsProvider c = creds(git);
    TestRepos.kit(new GitCloner(), work, c).config(Map.of("repoURL", url,
        "checkout", List.of(Map.of("branch", "main", "path", "repo")))).run();
    Files.writeString(work.resolve("repo/mine.txt"), "mine");
    TestRepos.kit(new GitCommitter(), work, c).config(Map.of("path", "repo", "message", "mine")).run();
    List<Duration> waits = new ArrayList<>();
    assertThatThrownBy(() -> TestRepos.kit(GitPusher.builder().sleeper(waits::add).jitter(() -> 0.5).build(), work, c)
        .config(Map.of("path", "repo", "maxAttempts", 3)).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("non-fast-forward 3 times");
    assertThat(waits).containsExactly(Duration.ofMillis(1250), Duration.ofMillis(1875));
  }
}
