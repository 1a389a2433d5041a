package dev.kargo4j.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.steps.git.standin.GitHubStandIn;
import dev.kargo4j.testpeers.GitHttpServer;
import dev.kargo4j.testpeers.GitHttpServerExtension;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kargo's pull-request flow (git-push generateTargetBranch, git-open-pr, git-wait-for-pr,
 * git-merge-pr) against a real git server and a GitHub API stand-in on one host.
 */
class PullRequestStepsIT {
  @RegisterExtension static final GitHttpServerExtension GIT = new GitHttpServerExtension();

  @TempDir Path tmp;

  private StepTestKit kit(StepRunner r, Path work, CredentialsProvider c) {
    return TestRepos.kit(r, work, c).capability(Capability.HTTP_CLIENT, HttpClient.newHttpClient());
  }

  @Test
  void opensReusesWaitsForAndMergesAPullRequest(GitHttpServer git) throws Exception {
    Path seed = Files.createDirectories(tmp.resolve("seed"));
    Files.writeString(seed.resolve("app.yaml"), "v: 1\n");
    git.createRepo("gitops", seed);
    // the stand-in uses the git password as the API token, as Kargo does
    try (GitHubStandIn api = new GitHubStandIn(git.password(), git.baseUrl().replace("/git/", "/"))) {
      String url = api.baseUrl() + "/git/gitops.git";
      CredentialsProvider creds = TestRepos.credentials(Credentials.basic(git.username(), git.password()), new ArrayList<>());
      Path work = Files.createDirectories(tmp.resolve("w"));
      kit(new GitCloner(), work, creds).config(Map.of("repoURL", url,
          "checkout", List.of(Map.of("branch", "main", "path", "repo")))).run();
      Files.writeString(work.resolve("repo/app.yaml"), "v: 2\n");
      kit(new GitCommitter(), work, creds).config(Map.of("path", "repo",
          "message", "Promote v2 to prod\n\nImage 2.0.0")).run();
      StepResult push = kit(new GitPusher(), work, creds).promotion("prod.01xyz.abc")
          .config(Map.of("path", "repo", "generateTargetBranch", true, "provider", "github")).run();
      String branch = (String) push.output().get("branch");
      assertThat(branch).isEqualTo("kargo/promotion/prod.01xyz.abc");
      assertThat(push.output().get("commitURL")).isEqualTo("https://127.0.0.1:" + api.baseUrl().replaceAll(".*:", "")
          + "/git/gitops/commit/" + push.output().get("commit"));
      api.branchHead(branch, (String) push.output().get("commit"));

      Map<String, Object> openConfig = Map.of("repoURL", url, "sourceBranch", branch, "targetBranch", "main",
          "provider", "github", "labels", List.of("kargo"));
      StepResult opened = kit(new GitPullRequestOpener(), work, creds).config(openConfig).run();
      assertThat(opened.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      assertThat(opened.output()).isEqualTo(Map.of("pr", Map.of("id", 1L,
          "url", "https://github.example/git/gitops/pull/1")));
      assertThat(api.pr(1).title).isEqualTo("Promote v2 to prod");
      assertThat(api.pr(1).body).isEqualTo("\nImage 2.0.0");
      assertThat(api.pr(1).labels).containsExactly("kargo");

      // a second run (another attempt) finds the open PR instead of opening another
      StepResult again = kit(new GitPullRequestOpener(), work, creds).config(openConfig).run();
      assertThat(again.output()).isEqualTo(opened.output());
      assertThat(api.requests.stream().filter(r -> r.equals("POST /api/v3/repos/git/gitops/pulls")).count()).isEqualTo(1);
      // and a resumed step returns its own earlier output without asking anyone
      int before = api.requests.size();
      assertThat(kit(new GitPullRequestOpener(), work, creds).previousOutput(opened.output()).config(openConfig)
          .run().output()).isEqualTo(opened.output());
      assertThat(api.requests).hasSize(before);

      Map<String, Object> waitConfig = Map.of("repoURL", url, "prNumber", 1, "provider", "github", "pollInterval", "1m30s");
      StepResult waiting = kit(new GitPullRequestWaiter(), work, creds).config(waitConfig).run();
      assertThat(waiting.status()).isEqualTo(PromotionStepStatus.RUNNING);
      assertThat(waiting.retryAfter()).isEqualTo(Duration.ofSeconds(90));
      assertThat(waiting.output()).containsEntry("pr", Map.of("id", 1L, "url", "https://github.example/git/gitops/pull/1",
          "open", true, "merged", false));

      api.pr(1).mergeable = false;
      api.pr(1).mergeableState = "unknown";
      Map<String, Object> mergeConfig = Map.of("repoURL", url, "prNumber", 1, "provider", "github",
          "wait", true, "mergeMethod", "squash");
      StepResult notYet = kit(new GitPullRequestMerger(), work, creds).config(mergeConfig).run();
      assertThat(notYet.status()).isEqualTo(PromotionStepStatus.RUNNING);
      assertThat(notYet.retryAfter()).isEqualTo(Duration.ofSeconds(10));
      StepResult noWait = kit(new GitPullRequestMerger(), work, creds)
          .config(Map.of("repoURL", url, "prNumber", 1, "provider", "github")).run();
      assertThat(noWait.status()).isEqualTo(PromotionStepStatus.FAILED);
      assertThat(noWait.message()).contains("not ready to merge and wait is disabled");

      api.pr(1).mergeable = true;
      api.pr(1).mergeableState = "clean";
      StepResult merged = kit(new GitPullRequestMerger(), work, creds).config(mergeConfig).run();
      assertThat(merged.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      assertThat(merged.output()).containsEntry("commit", api.pr(1).mergeCommitSha);
      assertThat(api.pr(1).mergeMethod).isEqualTo("squash");

      StepResult done = kit(new GitPullRequestWaiter(), work, creds).config(waitConfig).run();
      assertThat(done.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
      assertThat(done.output()).containsEntry("commit", api.pr(1).mergeCommitSha);
    }
  }

  @Test
  void closedUnmergedFailsAndIdenticalBranchesSkip(GitHttpServer git) throws Exception {
    Path seed = Files.createDirectories(tmp.resolve("seed"));
    Files.writeString(seed.resolve("a"), "a");
    git.createRepo("same", seed);
    String main = git.head("same", "main").orElseThrow();
    git.git("same", "update-ref", "refs/heads/copy", main);
    try (GitHubStandIn api = new GitHubStandIn(git.password(), git.baseUrl().replace("/git/", "/"))) {
      String url = api.baseUrl() + "/git/same.git";
      CredentialsProvider creds = TestRepos.credentials(Credentials.basic(git.username(), git.password()), new ArrayList<>());
      Path work = Files.createDirectories(tmp.resolve("w"));
      StepResult skipped = kit(new GitPullRequestOpener(), work, creds).config(Map.of("repoURL", url,
          "sourceBranch", "copy", "targetBranch", "main", "provider", "github")).run();
      assertThat(skipped.status()).isEqualTo(PromotionStepStatus.SKIPPED);
      assertThatThrownBy(() -> kit(new GitPullRequestOpener(), work, creds).config(Map.of("repoURL", url,
          "sourceBranch", "copy", "targetBranch", "nope", "provider", "github")).run())
          .hasMessageContaining("target branch 'nope' does not exist");
      assertThatThrownBy(() -> kit(new GitPullRequestOpener(), work, creds).config(Map.of("repoURL", url,
          "sourceBranch", "missing", "targetBranch", "main", "provider", "github")).run())
          .hasMessageContaining("source branch 'missing' does not exist");

      api.branchHead("copy", main);
      api.branchHead("x", main);
      var pr = GitProviders.builtIn().require(url, "github").create(new dev.kargo4j.steps.git.spi.GitProviderOptions(
          url, git.password(), false, HttpClient.newHttpClient()))
          .createPullRequest(new dev.kargo4j.steps.git.spi.NewPullRequest("t", "", "x", "main", List.of()));
      api.close(pr.number());
      StepResult failed = kit(new GitPullRequestWaiter(), work, creds).config(Map.of("repoURL", url,
          "prNumber", pr.number(), "provider", "github")).run();
      assertThat(failed.status()).isEqualTo(PromotionStepStatus.FAILED);
      assertThat(failed.message()).contains("closed without being merged");
      assertThatThrownBy(() -> kit(new GitPullRequestMerger(), work, creds).config(Map.of("repoURL", url,
          "prNumber", pr.number(), "provider", "github")).run())
          .isInstanceOf(TerminalStepException.class).hasMessageContaining("closed but not merged");
      assertThatThrownBy(() -> kit(new GitPullRequestMerger(), work, creds).config(Map.of("repoURL", url,
          "prNumber", 0)).run()).isInstanceOf(InvalidConfigException.class).hasMessageContaining("prNumber");
      assertThatThrownBy(() -> kit(new GitPullRequestWaiter(), work, creds).config(Map.of("repoURL", url,
          "prNumber", 1, "provider", "github", "pollInterval", "soon")).run())
          .isInstanceOf(InvalidConfigException.class).hasMessageContaining("pollInterval");
    }
  }
}
