package dev.kargo4j.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.steps.git.spi.GitProvider;
import dev.kargo4j.steps.git.spi.GitProviderException;
import dev.kargo4j.steps.git.spi.GitProviderFactory;
import dev.kargo4j.steps.git.spi.GitProviderOptions;
import dev.kargo4j.steps.git.spi.MergeOutcome;
import dev.kargo4j.steps.git.spi.NewPullRequest;
import dev.kargo4j.steps.git.spi.PullRequest;
import dev.kargo4j.steps.git.spi.PullRequestQuery;
import dev.kargo4j.steps.git.spi.PullRequestState;
import dev.kargo4j.steps.git.standin.ForgeStandIn;
import dev.kargo4j.steps.git.standin.GitHubStandIn;
import dev.kargo4j.steps.git.standin.GitLabStandIn;
import dev.kargo4j.steps.git.standin.GiteaStandIn;
import java.net.http.HttpClient;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each built-in provider against a stateful stand-in of its service's REST API. */
class GitProvidersTest {
  static final String TOKEN = "tok-" + "s3cr3t-value";
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static Stream<Arguments> services() {
    Supplier<ForgeStandIn> gh = () -> new GitHubStandIn(TOKEN, null);
    Supplier<ForgeStandIn> gl = () -> new GitLabStandIn(TOKEN, null);
    Supplier<ForgeStandIn> gt = () -> new GiteaStandIn(TOKEN, null, List.of("kargo", "promotion"));
    return Stream.of(Arguments.of("github", gh), Arguments.of("gitlab", gl), Arguments.of("gitea", gt));
  }

  private static GitProvider provider(String name, ForgeStandIn s, String token) {
    GitProviderFactory f = GitProviders.builtIn().require(null, name);
    return f.create(new GitProviderOptions(s.baseUrl() + "/acme/gitops.git", token, false, HTTP));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void createsReadsListsAndMerges(String name, Supplier<ForgeStandIn> make) {
    try (ForgeStandIn s = make.get()) {
      s.branchHead("kargo/promotion/p1", "a".repeat(40));
      GitProvider p = provider(name, s, TOKEN);
      PullRequest pr = p.createPullRequest(new NewPullRequest("Promote dev", "body", "kargo/promotion/p1", "main",
          List.of("kargo", "promotion")));
      assertThat(pr.number()).isEqualTo(1);
      assertThat(pr.open()).isTrue();
      assertThat(pr.merged()).isFalse();
      assertThat(pr.url()).isNotEmpty();
      assertThat(s.pr(1).labels).containsExactly("kargo", "promotion");
      assertThat(s.pr(1).title).isEqualTo("Promote dev");

      assertThat(p.getPullRequest(1)).isEqualTo(pr);
      assertThat(p.listPullRequests(new PullRequestQuery(PullRequestState.OPEN, "kargo/promotion/p1",
          "a".repeat(40), "main"))).extracting(PullRequest::number).containsExactly(1L);
      assertThat(p.listPullRequests(new PullRequestQuery(PullRequestState.OPEN, "kargo/promotion/p1",
          "b".repeat(40), "main"))).isEmpty();
      assertThat(p.listPullRequests(new PullRequestQuery(PullRequestState.OPEN, "other", null, "main"))).isEmpty();

      MergeOutcome merged = p.mergePullRequest(1, null);
      assertThat(merged.merged()).isTrue();
      assertThat(merged.pullRequest().mergeCommitSha()).hasSize(40).isEqualTo(s.pr(1).mergeCommitSha);
      assertThat(merged.pullRequest().open()).isFalse();
      // merging again reports the earlier merge
      assertThat(p.mergePullRequest(1, null).pullRequest().mergeCommitSha()).isEqualTo(s.pr(1).mergeCommitSha);
      assertThat(p.listPullRequests(new PullRequestQuery(PullRequestState.OPEN, null, null, null))).isEmpty();
      assertThat(p.listPullRequests(new PullRequestQuery(PullRequestState.CLOSED, null, null, null))).hasSize(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void notMergeableYetClosedAndConflicts(String name, Supplier<ForgeStandIn> make) {
    try (ForgeStandIn s = make.get()) {
      s.branchHead("feature", "c".repeat(40));
      GitProvider p = provider(name, s, TOKEN);
      p.createPullRequest(new NewPullRequest("t", "", "feature", "main", List.of()));
      s.pr(1).mergeable = false;
      s.pr(1).mergeableState = "unknown";
      assertThat(p.mergePullRequest(1, null)).isEqualTo(MergeOutcome.notReady());
      s.close(1);
      assertThatThrownBy(() -> p.mergePullRequest(1, null)).isInstanceOf(GitProviderException.class)
          .hasMessageContaining("closed but not merged");
      assertThat(p.getPullRequest(1).open()).isFalse();
      assertThat(p.getPullRequest(1).merged()).isFalse();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void aWrongTokenAndAMissingPullRequestFailClearly(String name, Supplier<ForgeStandIn> make) {
    try (ForgeStandIn s = make.get()) {
      String wrong = "wr0ng-t0ken-value";
      assertThatThrownBy(() -> provider(name, s, wrong).getPullRequest(1))
          .isInstanceOf(GitProviderException.class)
          .hasMessageContaining("401").hasMessageContaining("token was refused")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong))
          .satisfies(e -> assertThat(((GitProviderException) e).status()).isEqualTo(401));
      assertThatThrownBy(() -> provider(name, s, TOKEN).getPullRequest(42))
          .isInstanceOf(GitProviderException.class).hasMessageContaining("404");
    }
  }

  @Test
  void githubDuplicatesAndValidationAre422() {
    try (GitHubStandIn s = new GitHubStandIn(TOKEN, null)) {
      s.branchHead("f", "d".repeat(40));
      GitProvider p = provider("github", s, TOKEN);
      p.createPullRequest(new NewPullRequest("t", "", "f", "main", List.of()));
      assertThatThrownBy(() -> p.createPullRequest(new NewPullRequest("t", "", "f", "main", List.of())))
          .isInstanceOf(GitProviderException.class).hasMessageContaining("422")
          .hasMessageContaining("already exists");
      assertThat(s.requests).anyMatch(r -> r.startsWith("POST /api/v3/repos/acme/gitops/pulls"));
    }
  }

  @Test
  void mergeMethods() {
    try (GitLabStandIn gl = new GitLabStandIn(TOKEN, null); GiteaStandIn gt = new GiteaStandIn(TOKEN, null, List.of())) {
      GitProvider lab = provider("gitlab", gl, TOKEN);
      lab.createPullRequest(new NewPullRequest("t", "", "f", "main", List.of()));
      assertThatThrownBy(() -> lab.mergePullRequest(1, "rebase")).hasMessageContaining("unsupported merge method");
      lab.mergePullRequest(1, "squash");
      assertThat(gl.pr(1).mergeMethod).isEqualTo("squash");
      assertThat(gl.requests).anyMatch(r -> r.equals("PUT /api/v4/projects/acme%2Fgitops/merge_requests/1/merge"));

      GitProvider tea = provider("gitea", gt, TOKEN);
      tea.createPullRequest(new NewPullRequest("t", "", "f", "main", List.of()));
      assertThatThrownBy(() -> tea.createPullRequest(new NewPullRequest("t", "", "g", "main", List.of("nope"))))
          .hasMessageContaining("labels not found").hasMessageContaining("nope");
      assertThatThrownBy(() -> tea.mergePullRequest(1, "octopus")).hasMessageContaining("unsupported merge method");
      tea.mergePullRequest(1, "rebase");
      assertThat(gt.pr(1).mergeMethod).isEqualTo("rebase");
    }
  }

  @Test
  void detectionAndCommitUrlsFollowKargo() {
    GitProviders all = GitProviders.builtIn();
    assertThat(all.names()).containsExactly("github", "gitlab", "gitea");
    assertThat(all.find("https://github.com/akuity/kargo-advanced.git", null)).get()
        .extracting(GitProviderFactory::name).isEqualTo("github");
    assertThat(all.find("https://acme.ghe.com/a/b", null).get().name()).isEqualTo("github");
    assertThat(all.find("https://gitlab.example.com/group/sub/repo.git", null).get().name()).isEqualTo("gitlab");
    assertThat(all.find("https://gitea.example.com/o/r", null).get().name()).isEqualTo("gitea");
    assertThat(all.find("https://example.com/o/r", null)).isEmpty();
    assertThatThrownBy(() -> all.require("https://example.com/o/r", null)).isInstanceOf(KargoException.class)
        .hasMessageContaining("set 'provider'");
    assertThatThrownBy(() -> all.require("https://example.com/o/r", "azure")).hasMessageContaining("no git provider is named 'azure'");
    assertThatThrownBy(() -> GitProviders.of(all.require(null, "github"), all.require(null, "github")))
        .hasMessageContaining("two git providers are named 'github'");

    String sha = "0123456789abcdef0123456789abcdef01234567";
    assertThat(commitUrl("github", "https://github.com/Akuity/Kargo.git", sha))
        .isEqualTo("https://github.com/akuity/kargo/commit/" + sha);
    assertThat(commitUrl("gitlab", "https://gitlab.com/group/sub/repo.git", sha))
        .isEqualTo("https://gitlab.com/group/sub/repo/-/commit/" + sha);
    assertThat(commitUrl("gitea", "http://gitea.local:3000/o/r", sha))
        .isEqualTo("https://gitea.local:3000/o/r/commit/" + sha);
  }

  private static String commitUrl(String name, String url, String sha) {
    return GitProviders.builtIn().require(url, name).create(GitProviderOptions.urlOnly(url)).commitUrl(url, sha);
  }
}
