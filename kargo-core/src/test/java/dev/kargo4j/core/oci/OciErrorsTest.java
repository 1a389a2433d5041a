package dev.kargo4j.core.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How registry failures become OciExceptions: statuses, bad content, wrong digests, unreachable hosts. */
class OciErrorsTest {
  private HttpServer server;
  private final AtomicReference<Object[]> answer = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      Object[] a = answer.get();
      byte[] body = ((String) a[1]).getBytes(StandardCharsets.UTF_8);
      if (a.length > 2) {
        ex.getResponseHeaders().add("Docker-Content-Digest", (String) a[2]);
      }
      ex.sendResponseHeaders((Integer) a[0], body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        ex.getResponseBody().write(body);
      }
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OciRepository repo() {
    return OciClient.builder().rateLimit(RateLimit.UNLIMITED).requestTimeout(Duration.ofSeconds(5)).build()
        .repository("localhost:" + server.getAddress().getPort() + "/team/app", null, false);
  }

  @Test
  void statusesBecomeReasons() {
    answer.set(new Object[] {403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"});
    assertThatThrownBy(() -> repo().listTags()).isInstanceOf(OciException.class)
        .hasMessageContaining("HTTP 403").hasMessageContaining("DENIED: requested access")
        .hasMessageContaining("not allowed to read")
        .satisfies(e -> assertThat(((OciException) e).reason()).isEqualTo(OciException.Reason.DENIED));
    answer.set(new Object[] {429, ""});
    assertThatThrownBy(() -> repo().listTags()).hasMessageContaining("rate limit")
        .satisfies(e -> assertThat(((OciException) e).statusCode()).isEqualTo(429));
    answer.set(new Object[] {500, "oops"});
    assertThatThrownBy(() -> repo().image("1.0.0")).hasMessageContaining("HTTP 500")
        .satisfies(e -> assertThat(((OciException) e).reason()).isEqualTo(OciException.Reason.HTTP_STATUS));
  }

  @Test
  void badContentIsRefused() {
    answer.set(new Object[] {200, "not json"});
    assertThatThrownBy(() -> repo().listTags()).hasMessageContaining("tag list").hasMessageContaining("invalid JSON");
    answer.set(new Object[] {200, "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:abc\"}}",
        "sha256:0000000000000000000000000000000000000000000000000000000000000000"});
    // the tag's manifest is fetched with a GET; a digest header that does not match is not trusted,
    // and the config blob then does not match its digest
    assertThatThrownBy(() -> repo().image("1.0.0")).isInstanceOf(OciException.class)
        .satisfies(e -> assertThat(((OciException) e).reason()).isEqualTo(OciException.Reason.INVALID_CONTENT));
    assertThatThrownBy(() -> repo().image("../etc")).hasMessageContaining("invalid tag");
    assertThatThrownBy(() -> repo().image("sha256:" + "a".repeat(300))).hasMessageContaining("invalid digest");
  }

  @Test
  void unreachableRegistriesSaySo() {
    int port = server.getAddress().getPort();
    server.stop(0);
    assertThatThrownBy(() -> OciClient.builder().connectTimeout(Duration.ofSeconds(2)).build()
        .repository("localhost:" + port + "/team/app", null, false).listTags())
        .isInstanceOf(OciException.class).hasMessageContaining("could not reach registry localhost:" + port)
        .satisfies(e -> assertThat(((OciException) e).reason()).isEqualTo(OciException.Reason.IO));
  }
}
