package dev.kargo4j.steps.git.internal.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.steps.git.GitProviderLimits;
import dev.kargo4j.steps.git.spi.GitProvider;
import dev.kargo4j.steps.git.spi.GitProviderException;
import dev.kargo4j.steps.git.spi.GitProviderOptions;
import dev.kargo4j.testpeers.HostileHttpServer;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, findings 8, 9 and 13 for the pull-request providers' REST client, as the attacks:
 * a forge that redirects the token to another host, trickles its answer, or sends an endless one.
 */
class ProviderApiSecurityTest {
  /** What the engine supplies by default: a client that follows redirects. */
  static final HttpClient FOLLOWING = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  HostileHttpServer server;

  @BeforeEach
  void start() {
    server = HostileHttpServer.start();
    String pr = "{\"number\": 1, \"state\": \"open\", \"html_url\": \"u\", \"head\": {\"sha\": \"abc\"}}";
    server.answer("/api/v3/repos/o/moved/pulls/1", 200, "application/json", pr);
    server.redirect("/api/v3/repos/o/r/pulls/1", 301,
        ex -> server.url("127.0.0.2", "/api/v3/repos/o/moved/pulls/1"));
    server.trickle("/api/v3/repos/o/slow/pulls/1", 200, "application/json", "{\"title\": \"", 'x',
        Duration.ofSeconds(1), Duration.ofSeconds(90));
    server.flood("/api/v3/repos/o/big/pulls/1", 200, "application/json", "{\"title\": \"", 'x', 192L << 20);
    server.redirect("/api/v3/repos/o/meta/pulls/1", 302, ex -> "http://169.254.169.254/latest/meta-data/");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A provider made as a third-party caller would, without naming limits: the defaults apply. */
  private GitProvider github(String repo) {
    return new GitHubProvider.Factory().create(
        new GitProviderOptions(server.url("/o/" + repo + ".git"), "t0ken", false, FOLLOWING));
  }

  private GitProvider github(String repo, GitProviderLimits limits) {
    return new GitHubProvider.Factory().create(
        new GitProviderOptions(server.url("/o/" + repo + ".git"), "t0ken", false, FOLLOWING, limits));
  }

  @Test
  void aRedirectToAnotherHostGetsNoToken() {
    assertThat(github("r").getPullRequest(1).number()).isEqualTo(1);
    assertThat(server.hits("/api/v3/repos/o/r/pulls/1").get(0).header("Authorization")).isEqualTo("Bearer t0ken");
    HostileHttpServer.Hit landed = server.hits("/api/v3/repos/o/moved/pulls/1").get(0);
    assertThat(landed.host()).isEqualTo("127.0.0.2");
    assertThat(landed.header("Authorization")).isNull();
  }

  @Test
  void aRedirectToTheMetadataEndpointIsRefused() {
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> github("meta").getPullRequest(1))
        .isInstanceOf(GitProviderException.class).hasMessageContaining("link-local"));
  }

  @Test
  void aTricklingAnswerEndsAtTheTimeout() {
    GitProviderLimits limits = GitProviderLimits.DEFAULTS.withTimeout(Duration.ofSeconds(2));
    long start = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> github("slow", limits).getPullRequest(1))
        .isInstanceOf(GitProviderException.class).hasMessageContaining("within 2s"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void anAnswerOverTheHostsLimitIsRefused() {
    GitProviderLimits limits = GitProviderLimits.DEFAULTS.withMaxResponseBytes(32);
    assertThatThrownBy(() -> github("moved", limits).getPullRequest(1))
        .isInstanceOf(GitProviderException.class).hasMessageContaining("exceeds limit of 32 bytes");
    assertThat(github("moved", GitProviderLimits.DEFAULTS.withMaxResponseBytes(1024)).getPullRequest(1).number())
        .isEqualTo(1);
  }

  /** Without a host setting the default (16 MiB) applies. */
  @Test
  void anEndlessAnswerIsCutAtTheLimit() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> github("big").getPullRequest(1))
        .isInstanceOf(GitProviderException.class).hasMessageContaining("exceeds limit of 16777216 bytes"));
    assertThat(server.floodedBytes()).isLessThan(64L << 20);
  }
}
