package dev.kargo4j.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git steps against local (file) repositories; the HTTP and auth paths are in the ITs. */
class GitStepsTest {
  @TempDir Path tmp;
  Path remote;
  String url;
  Path work;
  final CredentialsProvider none = CredentialsProvider.NONE;

  @BeforeEach
  void setUp() throws Exception {
    remote = tmp.resolve("remote.git");
    url = TestRepos.bare(remote, Map.of("base/app.yaml", "kind: App\n", "env/dev/kustomization.yaml", "resources: []\n",
        "README.md", "hi\n"));
    work = Files.createDirectories(tmp.resolve("work"));
  }

  private StepResult clone(Map<String, ?> config) {
    return TestRepos.kit(new GitCloner(), work, none).config(config).run();
  }

  @Test
  void clonesTwoCheckoutsWithOneFetchAndCreatesAnOrphanBranch() throws Exception {
    String main = TestRepos.head(remote, "refs/heads/main").orElseThrow();
    StepResult r = clone(Map.of("repoURL", url, "checkout", List.of(
        Map.of("commit", main, "path", "./src"),
        Map.of("branch", "env/dev", "path", "./out", "create", true, "as", "out"))));

    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    @SuppressWarnings("unchecked")
    Map<String, Object> commits = (Map<String, Object>) r.output().get("commits");
    assertThat(commits).containsEntry("./src", main).containsKey("out");
    assertThat(work.resolve("src/base/app.yaml")).hasContent("kind: App\n");
    assertThat(work.resolve("out")).isDirectory();
    try (var s = Files.list(work.resolve("out"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly(".git");
    }
    // the orphan branch was pushed at once with Kargo's empty initial commit
    assertThat(TestRepos.log(remote, "refs/heads/env/dev")).containsExactly("Initial commit");
    assertThat(TestRepos.files(remote, "refs/heads/env/dev")).isEmpty();
    assertThat(commits.get("out")).isEqualTo(TestRepos.head(remote, "refs/heads/env/dev").orElseThrow());
    // one bare store holds the objects; checkouts are linked worktrees
    assertThat(Files.readString(work.resolve("src/.git"))).startsWith("gitdir: ");
    try (var s = Files.list(work.resolve(dev.kargo4j.steps.git.internal.BareRepo.STORE_DIR))) {
      assertThat(s.count()).isEqualTo(1);
    }
  }

  @Test
  void renderedBranchFlowClearsCommitsAndPushes() throws Exception {
    clone(Map.of("repoURL", url, "checkout", List.of(
        Map.of("branch", "main", "path", "./src"),
        Map.of("branch", "env/dev", "path", "./out", "create", true))));
    Files.writeString(work.resolve("out/old.yaml"), "stale\n");
    TestRepos.kit(new GitCommitter(), work, none).config(Map.of("path", "./out", "message", "old")).run();

    StepResult cleared = TestRepos.kit(new GitTreeClearer(), work, none).config(Map.of("path", "./out")).run();
    assertThat(cleared.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(work.resolve("out/old.yaml")).doesNotExist();
    assertThat(work.resolve("out/.git")).exists();

    Files.createDirectories(work.resolve("out/apps"));
    Files.writeString(work.resolve("out/apps/app.yaml"), "rendered: true\n");
    StepResult commit = TestRepos.kit(new GitCommitter(), work, none)
        .config(Map.of("path", "./out", "message", "Updated env/dev\n\n- image: 1.2.3")).run();
    assertThat(commit.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    String sha = (String) commit.output().get("commit");

    StepResult push = TestRepos.kit(new GitPusher(), work, none).config(Map.of("path", "./out")).run();
    assertThat(push.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(push.output()).containsEntry("commit", sha).containsEntry("branch", "env/dev")
        .doesNotContainKey("commitURL");
    assertThat(TestRepos.head(remote, "refs/heads/env/dev")).contains(sha);
    assertThat(TestRepos.files(remote, "refs/heads/env/dev")).containsExactly("apps/app.yaml");
    assertThat(TestRepos.log(remote, "refs/heads/env/dev")).containsExactly("Updated env/dev", "old", "Initial commit");
  }

  @Test
  void parallelPromotionsCreatingBranchesInOneRepositoryAllSucceed() throws Exception {
    // the orphan branches' empty initial commits are identical, so the packs the parallel pushes
    // send are too: the receiving side must not fail on the second copy of the same pack
    int n = 4;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
    List<java.util.concurrent.Future<StepResult>> results = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      Path dir = Files.createDirectories(tmp.resolve("work-" + i));
      String branch = "env/prod-" + i;
      results.add(pool.submit(() -> {
        start.await();
        return TestRepos.kit(new GitCloner(), dir, none).config(Map.of("repoURL", url, "checkout",
            List.of(Map.of("branch", branch, "path", "./out", "create", true)))).run();
      }));
    }
    try {
      for (var r : results) {
        assertThat(r.get().status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int i = 0; i < n; i++) {
      assertThat(TestRepos.head(remote, "refs/heads/env/prod-" + i)).isPresent();
    }
  }

  @Test
  void commitWithoutChangesIsSkippedWithHead() {
    clone(Map.of("repoURL", url, "checkout", List.of(Map.of("path", "repo"))));
    StepResult r = TestRepos.kit(new GitCommitter(), work, none).config(Map.of("path", "repo", "message", "x")).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SKIPPED);
    assertThat(r.output().get("commit")).isEqualTo(
        ((Map<?, ?>) clone2().output().get("commits")).values().iterator().next());
  }

  private StepResult clone2() {
    Path other = tmp.resolve("work2");
    try {
      Files.createDirectories(other);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return TestRepos.kit(new GitCloner(), other, none)
        .config(Map.of("repoURL", url, "checkout", List.of(Map.of("path", "repo")))).run();
  }

  @Test
  void theDefaultBranchIsCheckedOutAttached() throws Exception {
    clone(Map.of("repoURL", url, "checkout", List.of(Map.of("path", "repo"))));
    Files.writeString(work.resolve("repo/README.md"), "changed\n");
    TestRepos.kit(new GitCommitter(), work, none).config(Map.of("path", "repo", "message", "change")).run();
    StepResult push = TestRepos.kit(new GitPusher(), work, none).config(Map.of("path", "repo")).run();
    assertThat(push.output()).containsEntry("branch", "main");
    assertThat(TestRepos.log(remote, "refs/heads/main")).containsExactly("change", "Initial commit");
  }

  @Test
  void pushRebasesOntoRemoteChanges() throws Exception {
    clone(Map.of("repoURL", url, "checkout", List.of(Map.of("branch", "main", "path", "repo"))));
    TestRepos.commit(url, "main", Map.of("other.txt", "x"), "someone else", tmp.resolve("scratch"));
    Files.writeString(work.resolve("repo/mine.txt"), "mine\n");
    TestRepos.kit(new GitCommitter(), work, none).config(Map.of("path", "repo", "message", "mine")).run();
    List<java.time.Duration> waits = new ArrayList<>();
    StepResult push = TestRepos.kit(GitPusher.builder().sleeper(waits::add).build(), work, none)
        .config(Map.of("path", "repo")).run();
    assertThat(push.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(waits).isEmpty();
    assertThat(TestRepos.log(remote, "refs/heads/main")).containsExactly("mine", "someone else", "Initial commit");
    assertThat(push.output().get("commit")).isEqualTo(TestRepos.head(remote, "refs/heads/main").orElseThrow());
  }

  @Test
  void aConflictingRemoteChangeFailsTerminally() throws Exception {
    clone(Map.of("repoURL", url, "checkout", List.of(Map.of("branch", "main", "path", "repo"))));
    TestRepos.commit(url, "main", Map.of("README.md", "theirs\n"), "theirs", tmp.resolve("scratch"));
    Files.writeString(work.resolve("repo/README.md"), "mine\n");
    TestRepos.kit(new GitCommitter(), work, none).config(Map.of("path", "repo", "message", "mine")).run();
    assertThatThrownBy(() -> TestRepos.kit(new GitPusher(), work, none).config(Map.of("path", "repo")).run())
        .isInstanceOf(dev.kargo4j.core.spi.TerminalStepException.class)
        .hasMessageContaining("conflict");
  }

  @Test
  void generateTargetBranchForcePushesToThePromotionBranch() throws Exception {
    clone(Map.of("repoURL", url, "checkout", List.of(Map.of("branch", "main", "path", "repo"))));
    Files.writeString(work.resolve("repo/x"), "1");
    TestRepos.kit(new GitCommitter(), work, none).config(Map.of("path", "repo", "message", "x")).run();
    StepResult push = TestRepos.kit(new GitPusher(), work, none).promotion("dev.01abc.f00")
        .config(Map.of("path", "repo", "generateTargetBranch", true)).run();
    assertThat(push.output()).containsEntry("branch", "kargo/promotion/dev.01abc.f00");
    assertThat(TestRepos.log(remote, "refs/heads/kargo/promotion/dev.01abc.f00")).containsExactly("x", "Initial commit");
    assertThat(TestRepos.log(remote, "refs/heads/main")).containsExactly("Initial commit");
  }

  @Test
  void tagsArePushed() throws Exception {
    clone(Map.of("repoURL", url, "checkout", List.of(Map.of("branch", "main", "path", "repo"))));
    StepResult tag = TestRepos.kit(new GitTagger(), work, none)
        .config(Map.of("path", "repo", "tag", "v1.0.0", "message", "release 1.0.0")).run();
    String head = (String) tag.output().get("commit");
    assertThatThrownBy(() -> TestRepos.kit(new GitTagger(), work, none)
        .config(Map.of("path", "repo", "tag", "v1.0.0", "message", "again")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("already exists");
    StepResult push = TestRepos.kit(new GitPusher(), work, none).config(Map.of("path", "repo", "tag", "v1.0.0")).run();
    assertThat(push.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(TestRepos.tagTarget(remote, "v1.0.0")).isEqualTo(head);
  }

  @Test
  void checksOutTagsAndSparsePaths() throws Exception {
    clone(Map.of("repoURL", url, "checkout", List.of(Map.of("branch", "main", "path", "repo"))));
    TestRepos.kit(new GitTagger(), work, none).config(Map.of("path", "repo", "tag", "v1", "message", "m")).run();
    TestRepos.kit(new GitPusher(), work, none).config(Map.of("path", "repo", "tag", "v1")).run();

    Path w2 = Files.createDirectories(tmp.resolve("w2"));
    StepResult r = TestRepos.kit(new GitCloner(), w2, none).config(Map.of("repoURL", url, "checkout", List.of(
        Map.of("tag", "v1", "path", "tagged"),
        Map.of("branch", "main", "path", "sparse", "sparse", List.of("env/dev"))))).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(w2.resolve("tagged/base/app.yaml")).exists();
    assertThat(w2.resolve("sparse/env/dev/kustomization.yaml")).exists();
    assertThat(w2.resolve("sparse/README.md")).exists(); // cone mode keeps root files
    assertThat(w2.resolve("sparse/base")).doesNotExist();
    // a commit in a sparse checkout keeps the files it did not check out
    Files.writeString(w2.resolve("sparse/env/dev/new.yaml"), "n\n");
    TestRepos.kit(new GitCommitter(), w2, none).config(Map.of("path", "sparse", "message", "sparse change")).run();
    TestRepos.kit(new GitPusher(), w2, none).config(Map.of("path", "sparse")).run();
    assertThat(TestRepos.files(remote, "refs/heads/main")).contains("base/app.yaml", "env/dev/new.yaml");
  }

  @Test
  void aMissingBranchWithoutCreateFails() {
    assertThatThrownBy(() -> clone(Map.of("repoURL", url, "checkout", List.of(Map.of("branch", "nope", "path", "x")))))
        .isInstanceOf(KargoException.class).hasMessageContaining("remote branch 'nope'")
        .hasMessageContaining("create: true");
  }

  @Test
  void invalidConfigsNameTheField() {
    assertThatThrownBy(() -> clone(Map.of("repoURL", url, "checkout", List.of(
        Map.of("path", "a", "as", "x"), Map.of("path", "b", "as", "x")))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("checkout[1].as");
    assertThatThrownBy(() -> clone(Map.of("repoURL", url, "checkout", List.of(
        Map.of("path", "a", "branch", "main", "tag", "v1")))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("branch, commit, tag");
    assertThatThrownBy(() -> clone(Map.of("repoURL", url, "checkout", List.of())))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("checkout");
    assertThatThrownBy(() -> TestRepos.kit(new GitPusher(), work, none)
        .config(Map.of("path", "a", "tag", "v1", "force", true)).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("force");
    assertThatThrownBy(() -> TestRepos.kit(new GitPusher(), work, none)
        .config(Map.of("path", "a", "targetBranch", "x", "generateTargetBranch", true)).run())
        .isInstanceOf(InvalidConfigException.class);
    assertThatThrownBy(() -> clone(Map.of("repoURL", url, "checkout", List.of(Map.of("path", "../outside")))))
        .isInstanceOf(InvalidConfigException.class);
  }
}
