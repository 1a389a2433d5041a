package dev.kargo4j.core.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.testpeers.HostileHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 for OCI registries, as the attacks: a token realm on plain http of another host, a
 * {@code Link} next page on another host, a trickling tag list, an endless tag list (one huge
 * page, or pages without end).
 */
class OciRegistrySecurityTest {
  HostileHttpServer server;

  @BeforeEach
  void start() {
    server = HostileHttpServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OciClient client(Duration timeout) {
    return OciClient.builder().rateLimit(RateLimit.UNLIMITED).requestTimeout(timeout).build();
  }

  private String repo() {
    return "127.0.0.1:" + server.port() + "/team/app";
  }

  private static void json(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws java.io.IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  @Test
  void credentialsAreNotSentToAPlainHttpTokenRealmOnAnotherHost() {
    server.on("/v2/team/app/tags/list", ex -> {
      ex.getResponseHeaders().add("WWW-Authenticate",
          "Bearer realm=\"" + server.url("127.0.0.2", "/token") + "\",service=\"reg\"");
      json(ex, 401, "{}");
    });
    server.answer("/token", 200, "application/json", "{\"token\": \"t\"}");
    OciRepository r = client(Duration.ofSeconds(5)).repository(repo(), Credentials.basic("ci", "s3cr3t"), false);
    assertThatThrownBy(r::listTags).isInstanceOf(OciException.class)
        .hasMessageContaining("plain http")
        .hasMessageNotContaining("s3cr3t");
    assertThat(server.hits("/token")).allSatisfy(h -> assertThat(h.header("Authorization")).isNull());
  }

  @Test
  void aNextPageOnAnotherHostGetsNoCredentials() {
    server.on("/v2/team/app/tags/list", ex -> {
      boolean otherHost = ex.getLocalAddress().getAddress().getHostAddress().equals("127.0.0.2");
      if (otherHost) {
        json(ex, 200, "{\"name\": \"team/app\", \"tags\": [\"b\"]}");
        return;
      }
      if (ex.getRequestHeaders().getFirst("Authorization") == null) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"reg\"");
        json(ex, 401, "{}");
        return;
      }
      ex.getResponseHeaders().add("Link",
          "<" + server.url("127.0.0.2", "/v2/team/app/tags/list?last=a") + ">; rel=\"next\"");
      json(ex, 200, "{\"name\": \"team/app\", \"tags\": [\"a\"]}");
    });
    OciRepository r = client(Duration.ofSeconds(5)).repository(repo(), Credentials.basic("ci", "s3cr3t"), false);
    try {
      r.listTags();
    } catch (OciException e) {
      // refusing the foreign page is as good as not sending it credentials
      assertThat(e.getMessage()).doesNotContain("s3cr3t");
    }
    assertThat(server.hits("/v2/team/app/tags/list").stream().filter(h -> h.host().equals("127.0.0.2")))
        .allSatisfy(h -> assertThat(h.header("Authorization")).isNull());
    assertThat(server.hits("/v2/team/app/tags/list").stream().filter(h -> h.host().equals("127.0.0.1")))
        .anySatisfy(h -> assertThat(h.header("Authorization")).startsWith("Basic "));
  }

  @Test
  void aTricklingTagListEndsAtTheRequestTimeout() {
    server.trickle("/v2/team/app/tags/list", 200, "application/json", "{\"tags\": [\"", 'x',
        Duration.ofSeconds(1), Duration.ofSeconds(60));
    OciRepository r = client(Duration.ofSeconds(2)).repository(repo(), null, false);
    long start = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(15), () -> assertThatThrownBy(r::listTags)
        .isInstanceOf(OciException.class).hasMessageContaining("within 2s"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  @Test
  void aHugeTagListPageStopsAtThePageLimit() {
    server.flood("/v2/team/app/tags/list", 200, "application/json", "{\"tags\": [\"", 'x', 400L << 20);
    OciRepository r = client(Duration.ofSeconds(60)).repository(repo(), null, false);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(r::listTags)
        .isInstanceOf(OciException.class).hasMessageContaining("exceeds limit of 16777216 bytes"));
    assertThat(server.floodedBytes()).isLessThan(64L << 20);
  }

  @Test
  void endlessTagListPagesStopAtTheTotalLimit() {
    AtomicInteger pages = new AtomicInteger();
    String tag = "t".repeat(100);
    server.on("/v2/team/app/tags/list", ex -> {
      int page = pages.incrementAndGet();
      StringBuilder sb = new StringBuilder("{\"name\": \"team/app\", \"tags\": [");
      for (int i = 0; i < 10_000; i++) {
        sb.append(i == 0 ? "" : ",").append('"').append(tag, 0, 90).append(String.format("%05d%05d", page, i)).append('"');
      }
      ex.getResponseHeaders().add("Link", "</v2/team/app/tags/list?last=" + page + ">; rel=\"next\"");
      json(ex, 200, sb.append("]}").toString());
    });
    OciRepository r = client(Duration.ofSeconds(10)).repository(repo(), null, false);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(r::listTags)
        .isInstanceOf(OciException.class).hasMessageContaining("more than 16777216 bytes"));
    assertThat(pages.get()).isLessThan(40);
  }
}
