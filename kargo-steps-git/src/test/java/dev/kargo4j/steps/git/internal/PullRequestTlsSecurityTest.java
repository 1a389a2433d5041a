package dev.kargo4j.steps.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.testpeers.HostileHttpServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 (lower items): the pull-request steps' {@code insecureSkipTLSVerify} client skips the
 * host name check as Kargo does (Go's InsecureSkipVerify), per client, and has a connect timeout.
 * The attack-free half: a forge on 127.0.0.1 whose self-signed certificate names another host.
 */
class PullRequestTlsSecurityTest {
  @TempDir static Path dir;
  static HostileHttpServer server;

  @BeforeAll
  static void start() throws Exception {
    Path ks = dir.resolve("ks.p12");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
        "-keypass", "changeit", "-alias", "forge", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=forge.other.example", "-ext", "SAN=dns:forge.other.example")
        .redirectErrorStream(true).start();
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
    server = HostileHttpServer.startTls(tls).answer("/api/v3/ok", 200, "application/json", "{}");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(HttpClient c) throws Exception {
    return c.send(HttpRequest.newBuilder(URI.create(server.url("/api/v3/ok"))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theInsecureClientAcceptsACertificateForAnotherHostName() throws Exception {
    assertThat(get(PullRequests.insecureClient()).statusCode()).isEqualTo(200);
  }

  @Test
  void theInsecureClientHasAConnectTimeoutAndLeavesOtherClientsVerifying() throws Exception {
    assertThat(PullRequests.insecureClient().connectTimeout()).isPresent();
    // per client, not JVM-wide: an ordinary client still refuses the certificate
    assertThatThrownBy(() -> get(HttpClient.newHttpClient())).isInstanceOf(javax.net.ssl.SSLException.class);
  }
}
