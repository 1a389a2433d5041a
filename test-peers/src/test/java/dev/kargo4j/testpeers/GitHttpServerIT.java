package dev.kargo4j.testpeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class GitHttpServerIT {
  @RegisterExtension static final GitHttpServerExtension GIT = new GitHttpServerExtension();

  private static final Map<String, String> NO_PROMPT = Map.of("GIT_TERMINAL_PROMPT", "0",
      "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@t", "GIT_COMMITTER_NAME", "t",
      "GIT_COMMITTER_EMAIL", "t@t");

  private static String withUser(String url, String user, String password) {
    return url.replace("http://", "http://" + user + ":" + password + "@");
  }

  @Test
  void clonesAndPushesWithTheRightPassword(GitHttpServer git, @TempDir Path tmp) throws Exception {
    Path seed = Files.createDirectories(tmp.resolve("seed"));
    Files.writeString(seed.resolve("a.txt"), "hello\n");
    String url = git.createRepo("team/demo", seed);
    assertThat(url).isEqualTo("http://127.0.0.1:" + git.port() + "/git/team/demo.git");

    String auth = withUser(url, git.username(), git.password());
    TestPeers.run(tmp, NO_PROMPT, List.of("git", "clone", "-q", auth, "c1"));
    assertThat(tmp.resolve("c1/a.txt")).hasContent("hello");
    Files.writeString(tmp.resolve("c1/b.txt"), "b\n");
    TestPeers.run(tmp.resolve("c1"), NO_PROMPT, List.of("git", "add", "-A"));
    TestPeers.run(tmp.resolve("c1"), NO_PROMPT, List.of("git", "commit", "-qm", "second"));
    TestPeers.run(tmp.resolve("c1"), NO_PROMPT, List.of("git", "push", "-q", "origin", "HEAD:main"));

    assertThat(git.git("team/demo", "log", "--format=%s", "main")).isEqualTo("second\nInitial commit\n");
    assertThat(git.head("team/demo", "main")).isPresent();
    assertThat(git.head("team/demo", "nope")).isEmpty();
  }

  @Test
  void refusesAWrongPassword(GitHttpServer git, @TempDir Path tmp) {
    String url = git.createRepo("locked");
    assertThatThrownBy(() -> TestPeers.run(tmp, NO_PROMPT,
        List.of("git", "ls-remote", withUser(url, git.username(), "WRONG"))))
        .hasMessageContaining("Authentication failed");
  }

  @Test
  void commitsOnTheServerSide(GitHttpServer git, @TempDir Path tmp) throws Exception {
    git.createRepo("side");
    Path dir = Files.createDirectories(tmp.resolve("d"));
    Files.writeString(dir.resolve("x"), "1");
    String first = git.commit("side", "env/dev", dir, "one");
    Files.writeString(dir.resolve("x"), "2");
    String second = git.commit("side", "env/dev", dir, "two");
    assertThat(git.head("side", "env/dev")).contains(second);
    assertThat(git.git("side", "rev-parse", second + "^").trim()).isEqualTo(first);
  }

  @Test
  void rejectsRepositoryNamesThatLeaveTheRoot(GitHttpServer git) {
    assertThatThrownBy(() -> git.createRepo("../x")).isInstanceOf(IllegalArgumentException.class);
  }
}
