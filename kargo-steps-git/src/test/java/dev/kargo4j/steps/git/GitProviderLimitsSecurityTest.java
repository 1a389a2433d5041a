package dev.kargo4j.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.testpeers.HostileHttpServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, findings 9 and 13, follow-up: the host's {@link GitProviderLimits}, supplied as a
 * capability, reach the forge API client of the pull-request steps (no JVM-wide setting).
 */
class GitProviderLimitsSecurityTest {
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final String PR = "{\"number\": 1, \"state\": \"open\", \"html_url\": \"https://github.example/o/r/pull/1\","
      + " \"head\": {\"sha\": \"abc\"}, \"mergeable_state\": \"clean\"}";

  @TempDir Path work;
  HostileHttpServer server;

  @BeforeEach
  void start() {
    server = HostileHttpServer.start();
    server.answer("/api/v3/repos/o/r/pulls/1", 200, "application/json", PR);
    server.trickle("/api/v3/repos/o/slow/pulls/1", 200, "application/json", "{\"title\": \"", 'x',
        Duration.ofSeconds(1), Duration.ofSeconds(90));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private StepTestKit kit(StepRunner runner, String repo) {
    CredentialsProvider none = TestRepos.credentials(null, new ArrayList<>());
    return TestRepos.kit(runner, work, none).capability(Capability.HTTP_CLIENT, HTTP)
        .config(Map.of("repoURL", server.url("/o/" + repo + ".git"), "prNumber", 1, "provider", "github"));
  }

  @Test
  void theStepsDeclareTheLimitsWithTheDefaultsAsDefault() {
    for (StepRunner r : new StepRunner[] {new GitPullRequestOpener(), new GitPullRequestWaiter(),
        new GitPullRequestMerger()}) {
      assertThat(r.capabilities()).as(r.kind()).contains(GitProviderLimits.CAPABILITY);
    }
    assertThat(GitProviderLimits.CAPABILITY.defaultValue()).contains(GitProviderLimits.DEFAULTS);
    // without the capability the defaults apply and a normal answer is read
    assertThat(kit(new GitPullRequestWaiter(), "r").run().output()).containsKey("pr");
  }

  @Test
  void theHostsTimeoutEndsATricklingForge() {
    StepTestKit kit = kit(new GitPullRequestWaiter(), "slow")
        .capability(GitProviderLimits.CAPABILITY, GitProviderLimits.DEFAULTS.withTimeout(Duration.ofSeconds(1)));
    long start = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(kit::run)
        .isInstanceOf(KargoException.class).hasMessageContaining("within 1s"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void theHostsBodyLimitRefusesALargerAnswer() {
    GitProviderLimits small = GitProviderLimits.DEFAULTS.withMaxResponseBytes(64);
    assertThatThrownBy(() -> kit(new GitPullRequestMerger(), "r").capability(GitProviderLimits.CAPABILITY, small).run())
        .isInstanceOf(TerminalStepException.class).hasMessageContaining("exceeds limit of 64 bytes");
    assertThatThrownBy(() -> kit(new GitPullRequestWaiter(), "r").capability(GitProviderLimits.CAPABILITY, small).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("exceeds limit of 64 bytes");
    assertThat(kit(new GitPullRequestWaiter(), "r").capability(GitProviderLimits.CAPABILITY,
        small.withMaxResponseBytes(PR.length())).run().output()).containsKey("pr");
  }
}
