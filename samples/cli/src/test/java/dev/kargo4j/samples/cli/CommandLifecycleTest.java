package dev.kargo4j.samples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Queue-only promotions, reconcile, abort, and verification with its exit codes. */
class CommandLifecycleTest {
  @TempDir Path tmp;
  HttpServer scores;
  CliRun cli;

  @BeforeEach
  void setUp() throws Exception {
    // a local metric endpoint: /score/<name> answers {"score": N}
    scores = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    scores.createContext("/score/", ex -> {
      String name = ex.getRequestURI().getPath().substring("/score/".length());
      byte[] body = ("{\"score\": " + (name.equals("good") ? 90 : 300) + "}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    });
    scores.start();
    cli = new CliRun(tmp.resolve("state"), Map.of());
    Path manifests = Path.of(getClass().getResource("/simple").toURI());
    Path verified = tmp.resolve("verified.yaml");
    Files.writeString(verified, """
        apiVersion: argoproj.io/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: score, namespace: demo}
        spec:
          args: [{name: who}]
          metrics:
          - name: score
            successCondition: result < 200
            provider:
              web:
                url: http://127.0.0.1:%d/score/{{args.who}}
                jsonPath: "{$.score}"
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: qa-good, namespace: demo}
        spec:
          requestedFreight: [{origin: {kind: Warehouse, name: app}, sources: {direct: true}}]
          promotionTemplate: {spec: {steps: [{task: {name: write}}]}}
          verification:
            analysisTemplates: [{name: score}]
            args: [{name: who, value: good}]
        ---
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: qa-bad, namespace: demo}
        spec:
          requestedFreight: [{origin: {kind: Warehouse, name: app}, sources: {direct: true}}]
          promotionTemplate: {spec: {steps: [{task: {name: write}}]}}
          verification:
            analysisTemplates: [{name: score}]
            args: [{name: who, value: bad}]
        """.formatted(scores.getAddress().getPort()));
    assertThat(cli.run("apply", "-f", manifests.toString(), "-f", verified.toString()).code()).isZero();
  }

  @AfterEach
  void tearDown() {
    scores.stop(0);
  }

  private String freight(String tag) {
    CliRun.Result r = cli.run("create", "freight", "--warehouse", "app", "--image", "registry.example.com/team/app:" + tag,
        "--alias", "release-" + tag.replace('.', '-'));
    assertThat(r.code()).as(r.toString()).isZero();
    return "release-" + tag.replace('.', '-');
  }

  @Test
  void verificationDecidesTheExitCode() {
    String alias = freight("1.0.0");
    CliRun.Result good = cli.run("promote", "--stage", "qa-good", "--freight-alias", alias);
    assertThat(good.code()).as(good.toString()).isZero();
    assertThat(good.out()).contains("verification Successful", "is now in qa-good and verified");

    CliRun.Result bad = cli.run("promote", "--stage", "qa-bad", "--freight-alias", alias);
    assertThat(bad.code()).as(bad.toString()).isEqualTo(1);
    assertThat(bad.err()).contains("verification of " + alias + " in qa-bad Failed");

    CliRun.Result again = cli.run("verify", "stage", "qa-good");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("verification of qa-good: Successful");
    assertThat(cli.run("verify", "stage", "qa-bad").code()).isEqualTo(1);
    assertThat(cli.run("get", "stages").out()).containsPattern("qa-bad\\s+app\\s+" + alias + "\\s+\\S+\\s+Healthy\\s+Failed");
  }

  @Test
  void noWaitQueuesAndReconcileRunsWhatIsQueued() {
    String alias = freight("2.0.0");
    CliRun.Result queued = cli.run("promote", "--stage", "dev", "--freight-alias", alias, "--no-wait");
    assertThat(queued.code()).as(queued.toString()).isZero();
    assertThat(queued.out()).containsPattern("promotion dev\\.\\S+ queued");

    CliRun.Result reconciled = cli.run("reconcile");
    assertThat(reconciled.code()).as(reconciled.toString()).isZero();
    assertThat(reconciled.out()).containsPattern("dev\\s+app\\s+" + alias + "\\s+\\S+\\s+Healthy\\s+Successful\\s+Succeeded");
    assertThat(cli.run("get", "promotions").out()).containsPattern("dev\\.\\S+\\s+dev\\s+" + alias + "\\s+Succeeded");
  }

  @Test
  void abortNamesThePromotionsItKnows() {
    String alias = freight("3.0.0");
    assertThat(cli.run("promote", "--stage", "dev", "--freight-alias", alias).code()).isZero();
    String name = cli.run("get", "promotions").out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];

    CliRun.Result done = cli.run("abort", "promotion", name);
    assertThat(done.code()).as(done.toString()).isZero();
    assertThat(done.out()).contains("promotion " + name + " Succeeded"); // already over: unchanged

    CliRun.Result unknown = cli.run("abort", "promotion", "dev.nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Promotion \"dev.nope\" not found; known: " + name);
  }
}
