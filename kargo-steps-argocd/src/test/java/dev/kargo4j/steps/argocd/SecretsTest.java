package dev.kargo4j.steps.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.steps.argocd.internal.CliOptions;
import dev.kargo4j.steps.argocd.internal.Kubeconfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bearer tokens never appear in log output (captured from System.err, where slf4j-simple writes
 * at debug level for this library, see simplelogger.properties) nor in exception messages.
 */
class SecretsTest {
  static final String TOKEN = "s3cr3t-argocd-token-AAAA1111";
  static final String WRONG = "s3cr3t-wrong-token-BBBB2222";
  static final String KUBE_TOKEN = "s3cr3t-kube-token-CCCC3333";
  static final String OPTS_TOKEN = "s3cr3t-opts-token-DDDD4444";
  static final List<String> SECRETS = List.of(TOKEN, WRONG, KUBE_TOKEN, OPTS_TOKEN);

  @TempDir Path work;
  MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  PrintStream originalErr;
  ByteArrayOutputStream captured = new ByteArrayOutputStream();
  List<String> messages = new ArrayList<>();

  @BeforeEach
  void capture() {
    originalErr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(originalErr);
  }

  /** Runs {@code r} expecting a failure; keeps its whole message chain for the scan. */
  Throwable failure(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        messages.add(String.valueOf(t.getMessage()));
        messages.add(t.toString());
      }
      return e;
    }
    throw new AssertionError("expected a failure");
  }

  void assertNoSecretAnywhere() {
    System.err.flush();
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("DEBUG").contains("GET http://127.0.0.1"); // logging was really on
    for (String secret : SECRETS) {
      assertThat(logs).doesNotContain(secret);
      assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain(secret));
    }
  }

  @Test
  void tokensStayOutOfLogsAndMessages() throws Exception {
    try (ArgoCdApiStandIn argo = ArgoCdApiStandIn.start(clock).token(TOKEN, "kargo", "get", "update", "sync")) {
      argo.put(Apps.git("argocd", "guestbook", "https://git.example.com/a.git", "main", Apps.AUTHORIZED, Map.of()));
      ArgoCdClient good = ArgoCdClients.apiServer().server(argo.address()).plaintext(true).authToken(TOKEN).build();
      Map<String, Object> cfg = Map.of("apps", List.of(Map.of("name", "guestbook")));
      StepResult r = StepTestKit.forRunner(new ArgoCdUpdater("argocd")).workDir(work).project(Apps.PROJECT)
          .stage(Apps.STAGE).clock(clock).capability(ArgoCdClient.CAPABILITY, good).config(cfg).run();
      assertThat(r.status()).isEqualTo(PromotionStepStatus.RUNNING);
      messages.add(String.valueOf(r.message()));
      messages.add(good.toString());

      // no token at all: the stand-in answers 401 as Argo CD does
      HttpResponse<String> anonymous = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://" + argo.address() + "/api/v1/applications")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).contains("\"code\":16").contains("no session information");

      ArgoCdClient bad = ArgoCdClients.apiServer().server(argo.address()).plaintext(true).authToken(WRONG).build();
      Throwable e = failure(() -> StepTestKit.forRunner(new ArgoCdUpdater("argocd")).workDir(work)
          .project(Apps.PROJECT).stage(Apps.STAGE).clock(clock).capability(ArgoCdClient.CAPABILITY, bad)
          .config(cfg).run());
      assertThat(e).isInstanceOf(ArgoCdException.class)
          .hasMessageContaining("authentication failed (401 Unauthorized): invalid session: token signature is invalid")
          .hasMessageContaining("the token was rejected");
      assertThat(((ArgoCdException) e).statusCode()).isEqualTo(401);
      failure(() -> bad.list("argocd", ArgoCdAppSelector.ofLabels(Map.of("a", "b"))));
      failure(() -> bad.refresh("argocd", "guestbook"));
    }

    // a server that echoes the Authorization header back in its error message
    HttpServer echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    echo.createContext("/", ex -> {
      byte[] body = ("{\"error\":\"denied for " + ex.getRequestHeaders().getFirst("Authorization")
          + "\",\"code\":7}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(403, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    echo.start();
    try {
      ArgoCdClient echoing = ArgoCdClients.apiServer().server("127.0.0.1:" + echo.getAddress().getPort())
          .plaintext(true).authToken(TOKEN).build();
      Throwable e = failure(() -> echoing.get("argocd", "guestbook"));
      assertThat(e).hasMessageContaining("denied for Bearer ***");
      Throwable k = failure(() -> ArgoCdClients.kubernetes().server("http://127.0.0.1:" + echo.getAddress().getPort())
          .token(KUBE_TOKEN).build().list("argocd", ArgoCdAppSelector.ofLabels(Map.of("a", "b"))));
      assertThat(k).hasMessageContaining("denied for Bearer ***").hasMessageContaining("403");
    } finally {
      echo.stop(0);
    }

    // nothing listening
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = s.getLocalPort();
    }
    int port = closed;
    Throwable refused = failure(() -> ArgoCdClients.apiServer().server("127.0.0.1:" + port).plaintext(true)
        .authToken(TOKEN).build().get("argocd", "x"));
    assertThat(refused).isInstanceOf(ArgoCdException.class).hasMessageContaining("GET /api/v1/applications/x");

    // configuration errors and string forms
    Throwable opts = failure(() -> ArgoCdClients.fromEnvironment(Map.of(
        "ARGOCD_SERVER", "argocd.example.com", "ARGOCD_OPTS", "--auth-token " + OPTS_TOKEN + " --core")::get));
    assertThat(opts).isInstanceOf(KargoException.class).hasMessageContaining("flag '--core' is not supported");
    failure(() -> ArgoCdClients.fromEnvironment(Map.of("ARGOCD_OPTS", "--auth-token=" + OPTS_TOKEN)::get));
    messages.add(CliOptions.parse("--auth-token " + OPTS_TOKEN + " --header 'X-Api-Key: " + OPTS_TOKEN + "'").toString());
    Path kubeconfig = work.resolve("config");
    Files.writeString(kubeconfig, "current-context: c\nclusters: [{name: k, cluster: {server: 'https://k:6443'}}]\n"
        + "contexts: [{name: c, context: {cluster: k, user: u}}]\nusers: [{name: u, user: {token: " + KUBE_TOKEN + "}}]\n");
    messages.add(Kubeconfig.read(kubeconfig, null).toString());
    messages.add(ArgoCdClients.kubernetes().kubeconfig(kubeconfig).build().toString());

    assertNoSecretAnywhere();
  }
}
