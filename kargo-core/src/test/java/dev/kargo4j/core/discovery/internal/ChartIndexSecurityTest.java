package dev.kargo4j.core.discovery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.testpeers.HostileHttpServer;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Issue 13, findings 8, 9 and 13 for Helm HTTP chart repositories' {@code index.yaml}, as the attacks. */
class ChartIndexSecurityTest {
  static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  HostileHttpServer server;

  @BeforeEach
  void start() {
    server = HostileHttpServer.start();
    server.answer("/other/index.yaml", 200, "application/x-yaml", "entries:\n  app:\n  - version: 1.0.0\n");
    server.redirect("/moved/index.yaml", 302, ex -> server.url("127.0.0.2", "/other/index.yaml"));
    server.trickle("/trickle/index.yaml", 200, "application/x-yaml", "entries:\n", ' ',
        Duration.ofSeconds(1), Duration.ofSeconds(60));
    server.flood("/flood/index.yaml", 200, "application/x-yaml", "entries: {}\n#", 'x', 400L << 20);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aRedirectToAnotherHostGetsNoCredentials() {
    ChartIndex index = new ChartIndex(CLIENT, Duration.ofSeconds(5));
    assertThat(index.versions(server.url("/moved"), "app", Credentials.basic("u", "s3cr3t"), false))
        .containsExactly("1.0.0");
    assertThat(server.hits("/moved/index.yaml").get(0).header("Authorization")).startsWith("Basic ");
    HostileHttpServer.Hit landed = server.hits("/other/index.yaml").get(0);
    assertThat(landed.host()).isEqualTo("127.0.0.2");
    assertThat(landed.header("Authorization")).isNull();
  }

  @Test
  void aTricklingIndexEndsAtTheTimeout() {
    ChartIndex index = new ChartIndex(CLIENT, Duration.ofSeconds(2));
    long start = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(
        () -> index.versions(server.url("/trickle"), "app", null, false))
        .isInstanceOf(KargoException.class).hasMessageContaining("within 2s").hasMessageContaining("/trickle/index.yaml"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void anEndlessIndexStopsAtTheDefaultLimit() {
    ChartIndex index = new ChartIndex(CLIENT, Duration.ofSeconds(60));
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(
        () -> index.versions(server.url("/flood"), "app", null, false))
        .isInstanceOf(KargoException.class).hasMessageContaining("exceeds limit of 33554432 bytes"));
    assertThat(server.floodedBytes()).isLessThan(128L << 20);
  }

  @Test
  void anIndexWhoseChartsAliasOneHugeListIsRefusedBeforeAnyListIsCopied() {
    // 90 charts share one list of 200,000 versions: 4 MiB of YAML that would become 18 million
    // list entries (an OutOfMemoryError under a small heap) if every chart copied the list
    StringBuilder yaml = new StringBuilder("apiVersion: v1\nshared: &v\n");
    for (int i = 0; i < 200_000; i++) {
      yaml.append("- {version: 1.0.").append(i).append("}\n");
    }
    yaml.append("entries:\n");
    for (int i = 0; i < 90; i++) {
      yaml.append("  chart").append(i).append(": *v\n");
    }
    server.answer("/aliased/index.yaml", 200, "application/x-yaml", yaml.toString());
    ChartIndex index = new ChartIndex(CLIENT, Duration.ofSeconds(30));
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(
        () -> index.versions(server.url("/aliased"), "chart0", null, false))
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("/aliased/index.yaml")
        .hasMessageContaining("alias"));
  }
}
