package dev.kargo4j.steps.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building clients: the CLI's environment, TLS options and kubeconfig files. */
class ArgoCdClientsTest {
  static final String TOKEN = "argocd-token-clients-42";
  static final char[] PASS = "changeit".toCharArray();

  @TempDir static Path certs;
  static Path goodStore;
  static Path goodCa;
  static Path otherHostStore;
  static Path otherHostCa;

  MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  /** Self-signed certificates made by the JDK's keytool: one for 127.0.0.1, one for another host. */
  @BeforeAll
  static void certificates() throws Exception {
    goodStore = certs.resolve("good.p12");
    goodCa = certs.resolve("good.pem");
    keytool("-genkeypair", "-alias", "s", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=argocd-stand-in",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", goodStore.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit");
    keytool("-exportcert", "-rfc", "-alias", "s", "-keystore", goodStore.toString(), "-storepass", "changeit",
        "-file", goodCa.toString());
    otherHostStore = certs.resolve("other.p12");
    otherHostCa = certs.resolve("other.pem");
    keytool("-genkeypair", "-alias", "s", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=argocd.example.com",
        "-ext", "SAN=dns:argocd.example.com", "-validity", "2", "-keystore", otherHostStore.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit");
    keytool("-exportcert", "-rfc", "-alias", "s", "-keystore", otherHostStore.toString(), "-storepass", "changeit",
        "-file", otherHostCa.toString());
  }

  static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
  }

  static SSLContext serverContext(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, PASS);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASS);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  ArgoCdApiStandIn tlsStandIn(Path store) throws Exception {
    ArgoCdApiStandIn argo = ArgoCdApiStandIn.startTls(clock, serverContext(store)).token(TOKEN, "kargo", "get");
    argo.put(Apps.git("argocd", "guestbook", "https://git.example.com/a.git", "main", null, Map.of()));
    return argo;
  }

  @Test
  void fromEnvironmentFollowsTheArgoCdCli() {
    try (ArgoCdApiStandIn argo = ArgoCdApiStandIn.start(clock).token(TOKEN, "kargo", "get")) {
      argo.put(Apps.git("argocd", "guestbook", "https://git.example.com/a.git", "main", null, Map.of()));
      ArgoCdClient c = ArgoCdClients.fromEnvironment(Map.of("ARGOCD_SERVER", argo.address(),
          "ARGOCD_AUTH_TOKEN", TOKEN, "ARGOCD_OPTS", "--plaintext --grpc-web")::get);
      assertThat(c.get("argocd", "guestbook")).isPresent();
      // flags in ARGOCD_OPTS win over the variables
      ArgoCdClient viaOpts = ArgoCdClients.fromEnvironment(Map.of("ARGOCD_SERVER", "unused.invalid:1",
          "ARGOCD_OPTS", "--server=" + argo.address() + " --plaintext --auth-token '" + TOKEN + "'")::get);
      assertThat(viaOpts.get("argocd", "guestbook")).isPresent();
    }
    assertThatThrownBy(() -> ArgoCdClients.fromEnvironment(Map.of("ARGOCD_AUTH_TOKEN", TOKEN)::get))
        .isInstanceOf(KargoException.class).hasMessageStartingWith("ARGOCD_SERVER: not set");
    assertThatThrownBy(() -> ArgoCdClients.fromEnvironment(Map.of("ARGOCD_SERVER", "a:1")::get))
        .isInstanceOf(KargoException.class).hasMessageStartingWith("ARGOCD_AUTH_TOKEN: not set");
    assertThatThrownBy(() -> ArgoCdClients.fromEnvironment(Map.of("ARGOCD_SERVER", "a:1", "ARGOCD_AUTH_TOKEN", "t",
        "ARGOCD_OPTS", "--server")::get)).hasMessage("ARGOCD_OPTS: flag --server needs a value");
    assertThatThrownBy(() -> ArgoCdClients.apiServer().server("a:1").build())
        .hasMessage("Argo CD API server: authToken(...) is required");
  }

  @Test
  void httpsTrustsTheGivenCaAndChecksTheHostName() throws Exception {
    try (ArgoCdApiStandIn argo = tlsStandIn(goodStore)) {
      ArgoCdClient trusting = ArgoCdClients.apiServer().server(argo.address()).authToken(TOKEN)
          .caCertificates(goodCa).build();
      assertThat(trusting.get("argocd", "guestbook")).isPresent();

      ArgoCdClient viaEnv = ArgoCdClients.fromEnvironment(Map.of("ARGOCD_SERVER", argo.address(),
          "ARGOCD_AUTH_TOKEN", TOKEN, "ARGOCD_OPTS", "--server-crt " + goodCa)::get);
      assertThat(viaEnv.get("argocd", "guestbook")).isPresent();

      ArgoCdClient jdkTrust = ArgoCdClients.apiServer().server(argo.address()).authToken(TOKEN).build();
      assertThatThrownBy(() -> jdkTrust.get("argocd", "guestbook")).isInstanceOf(ArgoCdException.class)
          .hasMessageContaining("SSLHandshakeException");
    }
    try (ArgoCdApiStandIn argo = tlsStandIn(otherHostStore)) {
      ArgoCdClient wrongHost = ArgoCdClients.apiServer().server(argo.address()).authToken(TOKEN)
          .caCertificates(otherHostCa).build();
      assertThatThrownBy(() -> wrongHost.get("argocd", "guestbook")).isInstanceOf(ArgoCdException.class)
          .hasMessageContaining("SSLHandshakeException");
      ArgoCdClient insecure = ArgoCdClients.fromEnvironment(Map.of("ARGOCD_SERVER", argo.address(),
          "ARGOCD_AUTH_TOKEN", TOKEN, "ARGOCD_OPTS", "--insecure")::get);
      assertThat(insecure.get("argocd", "guestbook")).isPresent();
    }
  }

  @Test
  void kubeconfigSuppliesServerCaAndToken() throws Exception {
    try (ArgoCdApiStandIn argo = tlsStandIn(goodStore)) {
      // the stand-in speaks Argo CD's API, not Kubernetes', so this checks TLS and the token only
      String caData = Base64.getEncoder().encodeToString(Files.readAllBytes(goodCa));
      Path config = certs.resolve("kubeconfig");
      Files.writeString(config, """
          current-context: prod
          clusters:
          - {name: prod, cluster: {server: 'https://%s', certificate-authority-data: %s}}
          contexts:
          - {name: prod, context: {cluster: prod, user: kargo}}
          users:
          - {name: kargo, user: {tokenFile: token.txt}}
          """.formatted(argo.address(), caData));
      Files.writeString(certs.resolve("token.txt"), "wrong-token\n");
      ArgoCdClient kube = ArgoCdClients.kubernetes().kubeconfig(config).build();
      assertThatThrownBy(() -> kube.get("argocd", "guestbook")).isInstanceOf(ArgoCdException.class)
          .hasMessageContaining("401").hasMessageContaining("the token was rejected");
      assertThat(argo.requests()).containsExactly(
          "GET /apis/argoproj.io/v1alpha1/namespaces/argocd/applications/guestbook -> 401");
    }
  }

  @Test
  void kubeconfigProblemsNameTheFileAndField() throws Exception {
    Path config = certs.resolve("bad-kubeconfig");
    Files.writeString(config, """
        current-context: dev
        clusters: [{name: dev, cluster: {server: 'https://k:6443'}}]
        contexts: [{name: dev, context: {cluster: dev, user: sso}}]
        users: [{name: sso, user: {exec: {command: kubelogin}}}]
        """);
    assertThatThrownBy(() -> ArgoCdClients.kubernetes().kubeconfig(config))
        .isInstanceOf(KargoException.class)
        .hasMessage(config + ": users[sso].user.exec: not supported; the Kubernetes client of kargo4j "
            + "authenticates with a bearer token (token or tokenFile)");
    assertThatThrownBy(() -> ArgoCdClients.kubernetes().kubeconfig(config, "prod"))
        .hasMessage(config + ": contexts: no entry named 'prod'");
    Files.writeString(config, "clusters: []\n");
    assertThatThrownBy(() -> ArgoCdClients.kubernetes().kubeconfig(config))
        .hasMessage(config + ": current-context: not set and no context was given");
    Files.writeString(config, "current-context: x\ncontexts: [{name: x, context: {cluster: c}}]\n"
        + "clusters: [{name: c, cluster: {certificate-authority: missing.pem, server: 'https://k'}}]\n");
    assertThatThrownBy(() -> ArgoCdClients.kubernetes().kubeconfig(config))
        .hasMessageStartingWith(config + ": clusters[c].cluster.certificate-authority: cannot read "
            + certs.resolve("missing.pem"));
    assertThatThrownBy(() -> ArgoCdClients.kubernetes().caCertificatesPem("not a certificate"))
        .isInstanceOf(KargoException.class).hasMessageContaining("CA certificates");
  }
}
