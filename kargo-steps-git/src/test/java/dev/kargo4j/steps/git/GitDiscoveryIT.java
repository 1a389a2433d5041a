package dev.kargo4j.steps.git;

import dev.kargo4j.core.model.CommitSelectionStrategy;
import dev.kargo4j.core.model.DiscoveredCommit;
import dev.kargo4j.core.model.DiscoveredRef;
import dev.kargo4j.core.model.GitDiscoveryResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.testpeers.GitHttpServer;
import dev.kargo4j.testpeers.GitHttpServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Git discovery against a real smart-HTTP git server. */
class GitDiscoveryIT {
  @RegisterExtension static final GitHttpServerExtension GIT = new GitHttpServerExtension();

  @TempDir Path tmp;

  private Path dir(Map<String, String> files) throws Exception {
    Path d = Files.createTempDirectory(tmp, "tree");
    for (Map.Entry<String, String> f : files.entrySet()) {
      Files.createDirectories(d.resolve(f.getKey()).getParent());
      Files.writeString(d.resolve(f.getKey()), f.getValue());
    }
    return d;
  }

  private GitDiscovery discovery(GitHttpServer git) {
    CredentialsProvider creds = TestRepos.credentials(Credentials.basic(git.username(), git.password()), new ArrayList<>());
    return GitDiscovery.builder().cacheDir(tmp.resolve("cache")).credentials(creds).build();
  }

  @Test
  void newestFromBranchAndNoFetchWhenRefsAreUnchanged(GitHttpServer git) throws Exception {
    String url = git.createRepo("app", dir(Map.of("src/a.txt", "1", "docs/readme.md", "r")));
    git.commit("app", "main", dir(Map.of("src/a.txt", "2", "docs/readme.md", "r")), "change src");
    git.commit("app", "main", dir(Map.of("src/a.txt", "2", "docs/readme.md", "r2")), "change docs");
    GitDiscovery d = discovery(git);

    GitDiscoveryResult first = d.discover(GitDiscoveryRequest.builder(url).build(), null);
    assertThat(first.commits()).extracting(DiscoveredCommit::subject)
        .containsExactly("change docs", "change src", "Initial commit");
    assertThat(first.commits().get(0).id()).isEqualTo(git.head("app", "main").orElseThrow());
    assertThat(first.commits().get(0).author()).isEqualTo("Test Peer <peer@example.invalid>");
    assertThat(first.commits().get(0).branch()).isEmpty();
    assertThat(first.observedRefs().branchHead()).isEqualTo(git.head("app", "main").orElseThrow());
    assertThat(d.fetchCount()).isEqualTo(1);

    GitDiscoveryResult again = d.discover(GitDiscoveryRequest.builder(url).build(), first);
    assertThat(again).isEqualTo(first);
    assertThat(d.fetchCount()).isEqualTo(1);

    git.commit("app", "main", dir(Map.of("src/a.txt", "3", "docs/readme.md", "r2")), "change src again");
    GitDiscoveryResult third = d.discover(GitDiscoveryRequest.builder(url).build(), again);
    assertThat(third.commits()).hasSize(4);
    assertThat(d.fetchCount()).isEqualTo(2);

    // path filters, expression filter, limit, since
    GitDiscoveryResult src = d.discover(GitDiscoveryRequest.builder(url).branch("main")
        .includePaths(List.of("src")).excludePaths(List.of("glob:**/*.md")).build(), null);
    assertThat(src.commits()).extracting(DiscoveredCommit::subject)
        .containsExactly("change src again", "change src", "Initial commit");
    assertThat(src.commits().get(0).branch()).isEqualTo("main");
    GitDiscoveryResult docs = d.discover(GitDiscoveryRequest.builder(url)
        .includePaths(List.of("regex:\\.md$")).discoveryLimit(1).build(), null);
    assertThat(docs.commits()).extracting(DiscoveredCommit::subject).containsExactly("change docs");
    GitDiscoveryResult expr = d.discover(GitDiscoveryRequest.builder(url)
        .expressionFilter("subject contains 'again' || author == 'nobody'").build(), null);
    assertThat(expr.commits()).extracting(DiscoveredCommit::subject).containsExactly("change src again");
    GitDiscoveryResult recent = d.discover(GitDiscoveryRequest.builder(url).since(Instant.now().plusSeconds(3600)).build(), null);
    assertThat(recent.commits()).isEmpty();
    assertThat(d.fetchCount()).isEqualTo(2);
  }

  @Test
  void twoWarehousesOnOneRepositoryFetchOnce(GitHttpServer git) throws Exception {
    String url = git.createRepo("shared", dir(Map.of("a", "1")));
    git.git("shared", "tag", "v1.0.0", "main");
    GitDiscovery d = discovery(git);
    d.discover(GitDiscoveryRequest.builder(url).build(), null);
    GitDiscoveryResult tags = d.discover(GitDiscoveryRequest.builder(url).strategy(CommitSelectionStrategy.SEMVER).build(), null);
    assertThat(tags.commits()).extracting(DiscoveredCommit::tag).containsExactly("v1.0.0");
    assertThat(d.fetchCount()).isEqualTo(1);
  }

  @Test
  void tagStrategies(GitHttpServer git) throws Exception {
    String url = git.createRepo("tags", dir(Map.of("a", "1")));
    String c1 = git.head("tags", "main").orElseThrow();
    String c2 = git.commit("tags", "main", dir(Map.of("a", "2")), "second");
    String c3 = git.commit("tags", "main", dir(Map.of("a", "3")), "third");
    git.git("tags", "tag", "v1.0.0", c1);
    git.git("tags", "tag", "v1.2.0", c2);
    git.git("tags", "tag", "v2.0.0-rc.1", c3);
    git.git("tags", "tag", "not-a-version", c3);
    git.git("tags", "-c", "user.name=Releaser", "-c", "user.email=rel@example.invalid",
        "tag", "-a", "-m", "Release 1.3.0", "v1.3", c3);
    GitDiscovery d = discovery(git);

    GitDiscoveryResult semver = d.discover(GitDiscoveryRequest.builder(url).strategy(CommitSelectionStrategy.SEMVER)
        .strictSemvers(false).semverConstraint("^1.0.0").build(), null);
    assertThat(semver.commits()).extracting(DiscoveredCommit::tag).containsExactly("v1.3", "v1.2.0", "v1.0.0");
    assertThat(semver.commits().get(0).id()).isEqualTo(c3);
    assertThat(semver.commits().get(0).subject()).isEqualTo("third");
    assertThat(semver.observedRefs().tags()).extracting(DiscoveredRef::name).containsExactly("v1.0.0", "v1.2.0", "v1.3");

    GitDiscoveryResult strict = d.discover(GitDiscoveryRequest.builder(url).strategy(CommitSelectionStrategy.SEMVER)
        .build(), null);
    assertThat(strict.commits()).extracting(DiscoveredCommit::tag).containsExactly("v2.0.0-rc.1", "v1.2.0", "v1.0.0");

    GitDiscoveryResult lexical = d.discover(GitDiscoveryRequest.builder(url).strategy(CommitSelectionStrategy.LEXICAL)
        .ignoreTagsRegexes(List.of("^not")).build(), null);
    assertThat(lexical.commits()).extracting(DiscoveredCommit::tag)
        .containsExactly("v2.0.0-rc.1", "v1.3", "v1.2.0", "v1.0.0");

    GitDiscoveryResult annotated = d.discover(GitDiscoveryRequest.builder(url).strategy(CommitSelectionStrategy.NEWEST_TAG)
        .expressionFilter("tagger startsWith 'Releaser' && annotation == 'Release 1.3.0'").build(), null);
    assertThat(annotated.commits()).extracting(DiscoveredCommit::tag).containsExactly("v1.3");

    GitDiscoveryResult newest = d.discover(GitDiscoveryRequest.builder(url).strategy(CommitSelectionStrategy.NEWEST_TAG)
        .allowTagsRegexes(List.of("^v")).discoveryLimit(2).build(), null);
    assertThat(newest.commits()).hasSize(2);
    assertThat(d.fetchCount()).isEqualTo(1);
  }

  @Test
  void badSubscriptionsAndCredentialsFailClearly(GitHttpServer git) throws Exception {
    String url = git.createRepo("bad", dir(Map.of("a", "1")));
    GitDiscovery d = discovery(git);
    assertThatThrownBy(() -> d.discover(GitDiscoveryRequest.builder(url).strategy(CommitSelectionStrategy.SEMVER)
        .semverConstraint(">= nope").build(), null)).isInstanceOf(KargoException.class)
        .hasMessageContaining("semverConstraint");
    assertThatThrownBy(() -> d.discover(GitDiscoveryRequest.builder(url).branch("nope").build(), null))
        .hasMessageContaining("branch 'nope' does not exist");
    assertThatThrownBy(() -> GitDiscoveryRequest.builder(url).discoveryLimit(101).build())
        .hasMessageContaining("discoveryLimit");
    String wrong = "not-the-" + "password-123";
    GitDiscovery refused = GitDiscovery.builder().cacheDir(tmp.resolve("c2"))
        .credentials(TestRepos.credentials(Credentials.basic(git.username(), wrong), new ArrayList<>())).build();
    assertThatThrownBy(() -> refused.discover(GitDiscoveryRequest.builder(url).build(), null))
        .isInstanceOf(KargoException.class).hasMessageContaining("authentication failed")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
  }
}
