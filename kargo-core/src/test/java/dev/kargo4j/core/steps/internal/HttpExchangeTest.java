package dev.kargo4j.core.steps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.kargo4j.KargoException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpExchangeTest {
  @Test
  void bodiesOverTheLimitAreRefused() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      byte[] body = "0123456789abcdef".getBytes();
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      HttpClient client = HttpClient.newHttpClient();
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
      HttpExchange.MemorySink ok = new HttpExchange.MemorySink();
      HttpExchange.send(client, req, HttpExchange.limited(ok, 16), Duration.ofSeconds(10));
      assertThat(new String(ok.bytes())).isEqualTo("0123456789abcdef");
      assertThatThrownBy(() -> HttpExchange.send(client, req,
          HttpExchange.limited(new HttpExchange.MemorySink(), 15), Duration.ofSeconds(10)))
          .isInstanceOf(KargoException.class).hasMessageContaining("exceeds limit of 15 bytes");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void queryIsEncodedLikeGo() {
    assertThat(HttpExchange.withQuery("https://h/p?b=2&a=1#frag",
        List.of(Map.entry("c", "x/y z"), Map.entry("a", "0"))).toString())
        .isEqualTo("https://h/p?a=1&a=0&b=2&c=x%2Fy+z#frag");
    assertThat(HttpExchange.withQuery("https://h/p?keep=as%20is", List.of()).toString())
        .isEqualTo("https://h/p?keep=as%20is");
  }

  @Test
  void headerNamesAreCanonical() {
    assertThat(HttpExchange.canonicalHeader("content-TYPE")).isEqualTo("Content-Type");
    assertThat(HttpExchange.canonicalHeader("x-request-id")).isEqualTo("X-Request-Id");
    assertThat(HttpExchange.canonicalHeader("bad header")).isEqualTo("bad header");
  }
}
