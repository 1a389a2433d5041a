package dev.kargo4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.testpeers.HostileHttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redirect rules of {@link BoundedHttpClient} that every HTTP caller relies on, as attacks
 * against real servers: a downgrade from https to http on the same host, a detour through
 * another host and back, method and body changes, the address forms of the metadata endpoint.
 */
class BoundedHttpClientSecurityTest {
  HostileHttpServer server;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    server = HostileHttpServer.start();
    server.answer("/landing", 200, "text/plain", "ok");
    server.answer("/sixteen", 200, "text/plain", "0123456789abcdef");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer s3cr3t")
        .header("X-Api-Key", "k3y").header("Accept", "text/plain");
  }

  private static SSLContext selfSigned(Path dir) throws Exception {
    Path ks = dir.resolve("ks.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
        "-keypass", "changeit", "-alias", "s", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    return tls;
  }

  @Test
  void aRedirectFromHttpsToHttpOnTheSameHostCarriesNoCredentials() throws Exception {
    try (HostileHttpServer tls = HostileHttpServer.startTls(selfSigned(dir))) {
      tls.redirect("/start", 302, ex -> server.url("/landing"));
      HttpClient trusting = HttpClient.newBuilder().sslContext(InsecureTls.sslContext()).build();
      BoundedHttpClient.Response r = BoundedHttpClient.of(trusting).send(get(tls.url("/start")).build());
      assertThat(r.status()).isEqualTo(200);
      assertThat(tls.hits("/start").get(0).header("Authorization")).isEqualTo("Bearer s3cr3t");
      HostileHttpServer.Hit landed = server.hits("/landing").get(0);
      assertThat(landed.header("Authorization")).isNull();
      assertThat(landed.header("X-Api-Key")).isNull();
      assertThat(landed.header("Accept")).isEqualTo("text/plain");
    }
  }

  @Test
  void credentialsDroppedOnADetourThroughAnotherHostStayDropped() {
    server.redirect("/a", 302, ex -> server.url("127.0.0.2", "/b"));
    server.redirect("/b", 302, ex -> server.url("127.0.0.1", "/landing"));
    BoundedHttpClient.of(HttpClient.newHttpClient()).send(get(server.url("/a")).build());
    assertThat(server.hits("/b").get(0).header("Authorization")).isNull();
    HostileHttpServer.Hit back = server.hits("/landing").get(0);
    assertThat(back.host()).isEqualTo("127.0.0.1");
    assertThat(back.header("Authorization")).isNull();
    assertThat(back.header("X-Api-Key")).isNull();
  }

  @Test
  void theSameHostOnAnotherPortKeepsCredentialsAsInGo() {
    try (HostileHttpServer other = HostileHttpServer.start()) {
      other.answer("/landing", 200, "text/plain", "ok");
      server.redirect("/a", 307, ex -> other.url("/landing"));
      BoundedHttpClient.of(HttpClient.newHttpClient()).send(get(server.url("/a")).build());
      assertThat(other.hits("/landing").get(0).header("Authorization")).isEqualTo("Bearer s3cr3t");
    }
  }

  @Test
  void methodsAndBodiesChangeAsGosClientChangesThem() {
    server.redirect("/see-other", 303, ex -> "/landing");
    server.redirect("/temporary", 307, ex -> "/landing");
    HttpRequest post = HttpRequest.newBuilder(URI.create(server.url("/see-other")))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8)).build();
    BoundedHttpClient client = BoundedHttpClient.of(HttpClient.newHttpClient());
    client.send(post);
    assertThat(server.hits("/landing").get(0).method()).isEqualTo("GET");
    assertThat(server.hits("/landing").get(0).header("Content-Type")).isNull();
    client.send(HttpRequest.newBuilder(post, (k, v) -> true).uri(URI.create(server.url("/temporary"))).build());
    assertThat(server.hits("/landing").get(1).method()).isEqualTo("POST");
    assertThat(server.hits("/landing").get(1).header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void withoutRedirectsTheRedirectIsTheAnswer() {
    server.redirect("/a", 302, ex -> server.url("127.0.0.2", "/landing"));
    BoundedHttpClient.Response r = BoundedHttpClient.of(HttpClient.newHttpClient()).withMaxRedirects(0)
        .send(get(server.url("/a")).build());
    assertThat(r.status()).isEqualTo(302);
    assertThat(server.hits("/landing")).isEmpty();
  }

  @Test
  void everyFormOfTheMetadataAddressIsLinkLocal() throws Exception {
    for (String a : new String[] {"169.254.169.254", "::ffff:169.254.169.254", "::a9fe:a9fe", "64:ff9b::a9fe:a9fe",
        "fe80::1", "169.254.0.1"}) {
      assertThat(BoundedHttpClient.isLinkLocal(InetAddress.getByName(a))).as(a).isTrue();
    }
    for (String a : new String[] {"127.0.0.1", "::1", "10.0.0.1", "::ffff:10.0.0.1", "2001:db8::a9fe:a9fe"}) {
      assertThat(BoundedHttpClient.isLinkLocal(InetAddress.getByName(a))).as(a).isFalse();
    }
    for (String url : new String[] {"http://169.254.169.254/", "http://[::ffff:169.254.169.254]/",
        "http://[fe80::1]/"}) {
      assertThatThrownBy(() -> BoundedHttpClient.of(HttpClient.newHttpClient())
          .send(HttpRequest.newBuilder(URI.create(url)).build()))
          .as(url).isInstanceOf(BoundedHttpClient.Failure.class).hasMessageContaining("link-local");
    }
  }

  @Test
  void subdomainsMatchAsInGo() {
    assertThat(BoundedHttpClient.isDomainOrSubdomain("api.example.com", "example.com")).isTrue();
    assertThat(BoundedHttpClient.isDomainOrSubdomain("example.com", "example.com")).isTrue();
    assertThat(BoundedHttpClient.isDomainOrSubdomain("evilexample.com", "example.com")).isFalse();
    assertThat(BoundedHttpClient.isDomainOrSubdomain("example.com", "api.example.com")).isFalse();
    assertThat(BoundedHttpClient.isDomainOrSubdomain("127.0.0.2", "127.0.0.1")).isFalse();
    assertThat(BoundedHttpClient.isDomainOrSubdomain("1.127.0.0.1", "127.0.0.1")).isFalse();
    assertThat(BoundedHttpClient.isDomainOrSubdomain("::1", "1")).isFalse();
  }

  @Test
  void bodiesAreLimitedToTheByte() {
    BoundedHttpClient client = BoundedHttpClient.of(HttpClient.newHttpClient());
    HttpRequest req = HttpRequest.newBuilder(URI.create(server.url("/sixteen"))).build();
    assertThat(new String(client.withMaxBodyBytes(16).send(req).body(), StandardCharsets.UTF_8))
        .isEqualTo("0123456789abcdef");
    assertThatThrownBy(() -> client.withMaxBodyBytes(15).send(req))
        .isInstanceOf(BoundedHttpClient.Failure.class).hasMessageContaining("exceeds limit of 15 bytes")
        .extracting(e -> ((BoundedHttpClient.Failure) e).reason()).isEqualTo(BoundedHttpClient.Reason.BODY_TOO_LARGE);
  }
}
