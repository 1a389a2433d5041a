package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.testpeers.HostileHttpServer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, findings 8, 9 and 13 for the {@code http} and {@code http-download} steps, as the
 * attacks: a server that redirects the step's credentials to another host or to the cloud
 * metadata endpoint, trickles its body, or sends an endless one.
 */
class HttpStepSecurityTest {
  /** What the engine supplies by default: a client that follows redirects. */
  static final HttpClient FOLLOWING = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  HostileHttpServer server;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    server = HostileHttpServer.start();
    server.answer("/landing", 200, "application/json", "{\"ok\": true}");
    server.redirect("/to-other-host", 302, ex -> server.url("127.0.0.2", "/landing"));
    server.redirect("/to-metadata", 302, ex -> "http://169.254.169.254/latest/meta-data/iam/");
    server.redirect("/to-mapped-metadata", 307, ex -> "http://[::ffff:169.254.169.254]/latest/");
    server.redirect("/to-file", 302, ex -> "file:///etc/passwd");
    server.redirect("/loop", 302, ex -> server.url("/loop"));
    server.trickle("/trickle", 200, "application/json", "{\"a\": \"", 'x', Duration.ofSeconds(1), Duration.ofSeconds(60));
    server.flood("/flood", 200, "text/plain", "", 'x', 1L << 30);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Map<String, Object> cfg(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private StepTestKit http(Map<String, ?> config) {
    return StepTestKit.forRunner(new HttpRequester()).workDir(dir).alias("h")
        .capability(Capability.HTTP_CLIENT, FOLLOWING).config(config);
  }

  private StepTestKit download(Map<String, ?> config) {
    return StepTestKit.forRunner(new HttpDownloader()).workDir(dir).alias("d")
        .capability(Capability.HTTP_CLIENT, FOLLOWING).config(config);
  }

  private static final List<Map<String, String>> SECRETS = List.of(
      Map.of("name", "Authorization", "value", "Bearer s3cr3t"),
      Map.of("name", "X-Api-Key", "value", "k3y"),
      Map.of("name", "Cookie", "value", "session=c00kie"));

  @Test
  void aRedirectToAnotherHostReceivesNoneOfTheUsersHeaders() {
    StepResult r = http(cfg("url", server.url("/to-other-host"), "headers", SECRETS)).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(server.hits("/to-other-host").get(0).header("Authorization")).isEqualTo("Bearer s3cr3t");
    HostileHttpServer.Hit landed = server.hits("/landing").get(0);
    assertThat(landed.host()).isEqualTo("127.0.0.2");
    assertThat(landed.header("Authorization")).isNull();
    assertThat(landed.header("X-Api-Key")).isNull();
    assertThat(landed.header("Cookie")).isNull();
  }

  @Test
  void aDownloadRedirectedToAnotherHostSendsItNoneOfTheUsersHeaders() {
    StepResult r = download(cfg("url", server.url("/to-other-host"), "outPath", "out.json", "headers", SECRETS)).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    HostileHttpServer.Hit landed = server.hits("/landing").get(0);
    assertThat(landed.host()).isEqualTo("127.0.0.2");
    assertThat(landed.header("Authorization")).isNull();
    assertThat(landed.header("X-Api-Key")).isNull();
  }

  @Test
  void aRedirectToTheMetadataEndpointIsRefused() {
    for (String path : List.of("/to-metadata", "/to-mapped-metadata")) {
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(
          () -> http(cfg("url", server.url(path), "timeout", "15s")).run())
          .as(path)
          .isInstanceOf(KargoException.class)
          .hasMessageContaining("link-local"));
    }
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(
        () -> download(cfg("url", server.url("/to-metadata"), "outPath", "m", "timeout", "15s")).run())
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("link-local"));
  }

  @Test
  void redirectsToOtherSchemesAndEndlessRedirectsAreRefused() {
    assertThatThrownBy(() -> http(cfg("url", server.url("/to-file"))).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("http or https");
    assertThatThrownBy(() -> http(cfg("url", server.url("/loop"))).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("stopped after 10 redirects");
    assertThat(server.hits("/loop")).hasSize(11);
  }

  @Test
  void aTricklingBodyEndsAtTheStepsTimeout() {
    long start = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(
        () -> http(cfg("url", server.url("/trickle"), "timeout", "2s")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("within 2s"));
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(
        () -> download(cfg("url", server.url("/trickle"), "outPath", "t", "timeout", "2s")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("within 2s"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void anEndlessBodyStopsAtTheLimit() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(
        () -> http(cfg("url", server.url("/flood"), "timeout", "20s")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("exceeds limit of 2097152 bytes"));
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(
        () -> download(cfg("url", server.url("/flood"), "outPath", "big", "timeout", "50s")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("exceeds limit of 104857600 bytes"));
    assertThat(Files.exists(dir.resolve("big"))).isFalse();
    assertThat(server.floodedBytes()).isLessThan(200L << 20);
  }
}
