package dev.kargo4j.core.verification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.core.spi.MetricMeasurement;
import dev.kargo4j.testpeers.HostileHttpServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 13, findings 8, 9 and 13 for the {@code web} metric provider, as the attacks. */
class WebMeasurerSecurityTest {
  static final HttpClient FOLLOWING = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
      .followRedirects(HttpClient.Redirect.NORMAL).build();

  HostileHttpServer server;

  @BeforeEach
  void start() {
    server = HostileHttpServer.start();
    server.answer("/landing", 200, "application/json", "{\"v\": 1}");
    server.redirect("/to-other-host", 302, ex -> server.url("127.0.0.2", "/landing"));
    server.redirect("/to-metadata", 302, ex -> "http://169.254.169.254/latest/meta-data/");
    server.trickle("/trickle", 200, "application/json", "{\"v\": \"", 'x', Duration.ofSeconds(1), Duration.ofSeconds(60));
    server.flood("/flood", 200, "application/json", "{\"v\": \"", 'x', 192L << 20);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static WebRequest get(String url, long timeoutSeconds) {
    return new WebRequest("GET", url, List.<String[]>of(new String[] {"Authorization", "Bearer s3cr3t"},
        new String[] {"X-Api-Key", "k3y"}), "", null, timeoutSeconds, "{$.v}", false);
  }

  @Test
  void aRedirectToAnotherHostReceivesNoneOfTheMetricsHeaders() {
    MetricMeasurement m = new WebMeasurer(FOLLOWING).measure(get(server.url("/to-other-host"), 5));
    assertThat(m.message()).as("no error").isNullOrEmpty();
    assertThat(String.valueOf(m.value())).startsWith("1");
    HostileHttpServer.Hit landed = server.hits("/landing").get(0);
    assertThat(landed.host()).isEqualTo("127.0.0.2");
    assertThat(landed.header("Authorization")).isNull();
    assertThat(landed.header("X-Api-Key")).isNull();
  }

  @Test
  void aRedirectToTheMetadataEndpointIsAnError() {
    MetricMeasurement m = assertTimeoutPreemptively(Duration.ofSeconds(20),
        () -> new WebMeasurer(FOLLOWING).measure(get(server.url("/to-metadata"), 15)));
    assertThat(m.message()).contains("link-local");
  }

  @Test
  void aTricklingBodyEndsAtTheMetricsTimeout() {
    long start = System.nanoTime();
    MetricMeasurement m = assertTimeoutPreemptively(Duration.ofSeconds(15),
        () -> new WebMeasurer(FOLLOWING).measure(get(server.url("/trickle"), 2)));
    assertThat(m.message()).contains("within 2s");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void anEndlessBodyIsCutAtTheLimitWhileStreaming() {
    MetricMeasurement m = assertTimeoutPreemptively(Duration.ofSeconds(30),
        () -> new WebMeasurer(FOLLOWING).measure(get(server.url("/flood"), 25)));
    assertThat(m.message()).contains("exceeds limit of 8388608 bytes");
    assertThat(server.floodedBytes()).isLessThan(64L << 20);
  }
}
