package dev.kargo4j.steps.argocd.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.steps.argocd.ArgoCdException;
import dev.kargo4j.testpeers.HostileHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, findings 9 and 13 for the Argo CD API client behind {@code argocd-update} and
 * {@code argocd-wait}, as the attacks: a server that trickles its answer, or sends an endless one.
 */
class JsonHttpSecurityTest {
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  HostileHttpServer server;

  @BeforeEach
  void start() {
    server = HostileHttpServer.start();
    server.trickle("/api/v1/applications/trickle", 200, "application/json", "{\"metadata\": {\"name\": \"", 'x',
        Duration.ofSeconds(1), Duration.ofSeconds(60));
    server.flood("/api/v1/applications/flood", 200, "application/json", "{\"metadata\": {\"name\": \"", 'x',
        192L << 20);
    server.redirect("/api/v1/applications/moved", 302, ex -> server.url("127.0.0.2", "/api/v1/applications/x"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private JsonHttp http(Duration timeout) {
    return new JsonHttp(CLIENT, URI.create(server.url("")), "t0ken", Map.of("X-Api-Key", "k3y"), timeout,
        "Argo CD API server");
  }

  @Test
  void aTricklingAnswerEndsAtTheRequestTimeout() {
    long start = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(
        () -> http(Duration.ofSeconds(2)).send("GET", "/api/v1/applications/trickle", null, null))
        .isInstanceOf(ArgoCdException.class).hasMessageContaining("within 2s"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void anEndlessAnswerIsCutAtTheLimit() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(
        () -> http(Duration.ofSeconds(25)).send("GET", "/api/v1/applications/flood", null, null))
        .isInstanceOf(ArgoCdException.class).hasMessageContaining("exceeds limit of 33554432 bytes"));
    assertThat(server.floodedBytes()).isLessThan(100L << 20);
  }

  @Test
  void redirectsAreNotFollowedSoTheTokenStaysWithTheServer() {
    JsonHttp.Response r = http(Duration.ofSeconds(5)).send("GET", "/api/v1/applications/moved", null, null);
    assertThat(r.status()).isEqualTo(302);
    assertThat(server.hits("/api/v1/applications/x")).isEmpty();
  }
}
