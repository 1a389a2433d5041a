package dev.kargo4j.core.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kargo4j.KargoException;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.AnalysisRunArgument;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.model.rollouts.AnalysisTemplate;
import dev.kargo4j.core.spi.MetricContext;
import dev.kargo4j.core.spi.MetricMeasurement;
import dev.kargo4j.core.spi.MetricProvider;
import dev.kargo4j.testkit.ManualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VerifierTest {
  private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private final ManualClock clock = ManualClock.at(T0);
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private HttpServer server;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v2/pokemon/", ex -> {
      String name = ex.getRequestURI().getPath().substring("/api/v2/pokemon/".length());
      Integer xp = Map.of("pikachu", 112, "charizard", 267, "bulbasaur", 150).get(name);
      if (xp == null) {
        respond(ex, 404, "Not Found");
      } else {
        respond(ex, 200, "{\"name\":\"" + name + "\",\"base_experience\":" + xp + "}");
      }
    });
    server.createContext("/status/", ex -> respond(ex,
        Integer.parseInt(ex.getRequestURI().getPath().substring("/status/".length())), "{}"));
    server.createContext("/flaky", ex -> {
      int n = hits.computeIfAbsent("flaky", k -> new AtomicInteger()).incrementAndGet();
      respond(ex, n <= 2 ? 503 : 200, "{\"ok\": true}");
    });
    server.createContext("/text", ex -> respond(ex, 200, "ready"));
    server.createContext("/nested", ex -> respond(ex, 200,
        "{\"data\":{\"result\":[{\"value\":[1700000000,\"0.25\"]},{\"value\":[1700000001,\"0.75\"]}]}}"));
    server.createContext("/echo", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (requests) {
        requests.add(ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("Content-Type") + " "
            + ex.getRequestHeaders().getFirst("X-Token") + " " + body);
      }
      respond(ex, 200, "{\"received\": " + body.length() + "}");
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static void respond(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private List<AnalysisTemplate> templates(String... yaml) {
    StringBuilder sb = new StringBuilder();
    for (String y : yaml) {
      sb.append(y.replace("BASE", base)).append("\n---\n");
    }
    return Manifests.loadString("templates.yaml", sb.toString()).analysisTemplates();
  }

  private static String template(String name, String args, String metrics) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: %s, namespace: demo}
        spec:
        %s
          metrics:
        %s
        """.formatted(name, args.isEmpty() ? "" : args.indent(2).stripTrailing(), metrics.indent(2).stripTrailing());
  }

  private static final String POKEMON = template("pokemon-xp", "args:\n- name: pokemon", """
      - name: pokemon-xp
        interval: 5s
        count: 5
        successCondition: result < 200
        failureLimit: 3
        provider:
          web:
            url: BASE/api/v2/pokemon/{{args.pokemon}}
            jsonPath: "{$.base_experience}"
      """);

  private Verifier verifier() {
    return Verifier.builder().clock(clock).build();
  }

  private AnalysisRun start(List<AnalysisTemplate> templates, String... args) {
    List<AnalysisRunArgument> list = new ArrayList<>();
    for (int i = 0; i < args.length; i += 2) {
      list.add(new AnalysisRunArgument(args[i], args[i + 1]));
    }
    return verifier().start("demo", "dev", "dev.run.1", templates, list);
  }

  /** Reconciles at every due time until the run ends. */
  private AnalysisRun drive(AnalysisRun run) {
    for (int i = 0; i < 200 && !run.isTerminal(); i++) {
      Instant next = run.nextReconcileAt().orElseThrow();
      if (next.isAfter(clock.instant())) {
        clock.set(next);
      }
      run.reconcile();
    }
    return run;
  }

  @Test
  void pikachuPassesAfterFiveMeasurementsFiveSecondsApart() {
    AnalysisRun run = start(templates(POKEMON), "pokemon", "pikachu");
    assertThat(run.phase()).isEqualTo(VerificationPhase.PENDING);
    assertThat(run.nextReconcileAt()).contains(T0);
    run.reconcile();
    assertThat(run.phase()).isEqualTo(VerificationPhase.RUNNING);
    assertThat(run.startedAt()).isEqualTo(T0);
    assertThat(run.nextReconcileAt()).contains(T0.plusSeconds(5));
    clock.advance(Duration.ofSeconds(4));
    run.reconcile();
    assertThat(run.metrics().get(0).count()).isEqualTo(1);
    drive(run);
    assertThat(run.phase()).isEqualTo(VerificationPhase.SUCCESSFUL);
    assertThat(run.message()).isEmpty();
    assertThat(run.completedAt()).isEqualTo(T0.plusSeconds(20));
    MetricStatus m = run.metrics().get(0);
    assertThat(m.count()).isEqualTo(5);
    assertThat(m.successful()).isEqualTo(5);
    assertThat(m.measurements()).extracting(Measurement::value).containsOnly("112");
    assertThat(run.nextReconcileAt()).isEmpty();
  }

  @Test
  void charizardFailsOnceFailuresExceedTheFailureLimit() {
    AnalysisRun run = drive(start(templates(POKEMON), "pokemon", "charizard"));
    assertThat(run.phase()).isEqualTo(VerificationPhase.FAILED);
    assertThat(run.completedAt()).isEqualTo(T0.plusSeconds(15));
    assertThat(run.message()).isEqualTo("Metric \"pokemon-xp\" assessed Failed due to failed (4) > failureLimit (3)");
    assertThat(run.metrics().get(0).failed()).isEqualTo(4);
    assertThat(run.metrics().get(0).measurements()).extracting(Measurement::value).containsOnly("267");
  }

  @Test
  void aMetricWithoutCountOrIntervalMeasuresOnceAndTheDefaultFailureLimitIsZero() {
    String t = template("once", "", """
        - name: once
          successCondition: result < 200
          provider:
            web: {url: BASE/api/v2/pokemon/charizard, jsonPath: "{$.base_experience}"}
        """);
    AnalysisRun run = start(templates(t));
    run.reconcile();
    assertThat(run.phase()).isEqualTo(VerificationPhase.FAILED);
    assertThat(run.message()).contains("failed (1) > failureLimit (0)");
  }

  @Test
  void neitherConditionTrueIsInconclusive() {
    String t = template("mid", "", """
        - name: mid
          successCondition: result < 100
          failureCondition: result > 200
          provider:
            web: {url: BASE/api/v2/pokemon/bulbasaur, jsonPath: "{$.base_experience}"}
        """);
    AnalysisRun run = start(templates(t));
    run.reconcile();
    assertThat(run.phase()).isEqualTo(VerificationPhase.INCONCLUSIVE);
    assertThat(run.message()).contains("inconclusive (1) > inconclusiveLimit (0)");
    assertThat(run.metrics().get(0).measurements().get(0).phase()).isEqualTo(MetricMeasurement.Phase.INCONCLUSIVE);
  }

  @Test
  void consecutiveErrorsBeyondTheLimitMakeAnErrorRetriedEveryTenSeconds() {
    String t = template("broken", "", """
        - name: broken
          consecutiveErrorLimit: 2
          successCondition: "true"
          provider:
            web: {url: BASE/status/500}
        """);
    AnalysisRun run = start(templates(t));
    run.reconcile();
    assertThat(run.nextReconcileAt()).contains(T0.plusSeconds(10));
    drive(run);
    assertThat(run.phase()).isEqualTo(VerificationPhase.ERROR);
    assertThat(run.completedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(run.message()).isEqualTo("Metric \"broken\" assessed Error due to consecutiveErrors (3) >"
        + " consecutiveErrorLimit (2): \"Error Message: received non 2xx response code: 500\"");
    assertThat(run.metrics().get(0).error()).isEqualTo(3);
    assertThat(run.metrics().get(0).count()).isZero();
  }

  @Test
  void errorsBelowTheLimitAreRetriedAndDoNotCount() {
    String t = template("flaky", "", """
        - name: flaky
          successCondition: result.ok
          provider:
            web: {url: BASE/flaky}
        """);
    AnalysisRun run = drive(start(templates(t)));
    assertThat(run.phase()).isEqualTo(VerificationPhase.SUCCESSFUL);
    MetricStatus m = run.metrics().get(0);
    assertThat(m.error()).isEqualTo(2);
    assertThat(m.count()).isEqualTo(1);
    assertThat(m.measurements()).extracting(Measurement::phase).containsExactly(MetricMeasurement.Phase.ERROR,
        MetricMeasurement.Phase.ERROR, MetricMeasurement.Phase.SUCCESSFUL);
    assertThat(run.completedAt()).isEqualTo(T0.plusSeconds(20));
  }

  @Test
  void initialDelayPostponesTheFirstMeasurement() {
    String t = template("late", "", """
        - name: late
          initialDelay: 30s
          successCondition: result == "ready"
          provider:
            web: {url: BASE/text}
        """);
    AnalysisRun run = start(templates(t));
    run.reconcile();
    assertThat(run.phase()).isEqualTo(VerificationPhase.RUNNING);
    assertThat(run.metrics()).isEmpty();
    assertThat(run.nextReconcileAt()).contains(T0.plusSeconds(30));
    drive(run);
    assertThat(run.phase()).isEqualTo(VerificationPhase.SUCCESSFUL);
    assertThat(run.metrics().get(0).measurements().get(0).startedAt()).isEqualTo(T0.plusSeconds(30));
    assertThat(run.metrics().get(0).measurements().get(0).value()).isEqualTo("\"ready\"");
  }

  @Test
  void argumentsMergeOverTemplateDefaultsAndUnresolvedOnesAreErrors() {
    String t = template("args", "args:\n- name: pokemon\n  value: charizard\n- name: limit\n  value: \"200\"", """
        - name: xp
          successCondition: result < {{ args.limit }}
          provider:
            web: {url: "BASE/api/v2/pokemon/{{args.pokemon}}", jsonPath: "{$.base_experience}"}
        """);
    assertThat(drive(start(templates(t))).phase()).isEqualTo(VerificationPhase.FAILED);
    assertThat(drive(start(templates(t), "pokemon", "pikachu")).phase()).isEqualTo(VerificationPhase.SUCCESSFUL);
    assertThat(drive(start(templates(t), "pokemon", "")).phase()).isEqualTo(VerificationPhase.FAILED);

    String missing = template("missing", "args:\n- name: pokemon", """
        - name: xp
          provider:
            web: {url: "BASE/api/v2/pokemon/{{args.pokemon}}"}
        """);
    AnalysisRun run = start(templates(missing));
    assertThat(run.phase()).isEqualTo(VerificationPhase.ERROR);
    assertThat(run.message()).contains("unresolved argument \"pokemon\"");
    assertThat(run.nextReconcileAt()).isEmpty();

    String unknown = template("unknown", "", """
        - name: xp
          provider:
            web: {url: "BASE/api/v2/pokemon/{{args.nope}}"}
        """);
    run = start(templates(unknown));
    assertThat(run.phase()).isEqualTo(VerificationPhase.ERROR);
    assertThat(run.message()).isEqualTo("Unable to resolve metric arguments: failed to resolve {{args.nope}}");
  }

  @Test
  void jsonPathsBodiesAndHeadersWorkAsTheWebProviderDefinesThem() {
    String t = template("web", "args:\n- name: token", """
        - name: second
          successCondition: asFloat(result) > 0.5
          provider:
            web: {url: BASE/nested, jsonPath: "{.data.result[1].value[1]}"}
        - name: post
          successCondition: result.received > 10
          provider:
            web:
              method: POST
              url: BASE/echo
              headers: [{key: X-Token, value: "{{args.token}}"}]
              jsonBody: {stage: dev, token: "{{args.token}}"}
              timeoutSeconds: 5
        - name: whole
          successCondition: result.data.result[0].value[1] == "0.25"
          provider:
            web: {url: BASE/nested}
        """);
    AnalysisRun run = drive(start(templates(t), "token", "s3cr3t"));
    assertThat(run.phase()).as(run.message()).isEqualTo(VerificationPhase.SUCCESSFUL);
    assertThat(run.metrics()).extracting(MetricStatus::name).containsExactly("second", "post", "whole");
    assertThat(run.metrics().get(0).measurements().get(0).value()).isEqualTo("\"0.75\"");
    assertThat(requests).containsExactly("POST application/json s3cr3t {\"stage\":\"dev\",\"token\":\"s3cr3t\"}");
  }

  @Test
  void aGetWithABodyAndAMissingPathAreErrorMeasurements() {
    String t = template("bad", "", """
        - name: body
          consecutiveErrorLimit: 0
          provider:
            web: {url: BASE/echo, body: "x"}
        - name: path
          consecutiveErrorLimit: 0
          provider:
            web: {url: BASE/nested, jsonPath: "{$.nothing}"}
        """);
    AnalysisRun run = start(templates(t));
    run.reconcile();
    assertThat(run.phase()).isEqualTo(VerificationPhase.ERROR);
    assertThat(run.metrics().get(0).measurements().get(0).message())
        .isEqualTo("Body/JSONBody can only be used with POST or PUT WebMetric Method types");
    assertThat(run.metrics().get(1).measurements().get(0).message())
        .isEqualTo("Could not find JSONPath in body: nothing is not found");
  }

  @Test
  void aConditionThatIsNotBooleanIsAnError() {
    String t = template("nonbool", "", """
        - name: nonbool
          consecutiveErrorLimit: 0
          successCondition: result + 1
          provider:
            web: {url: BASE/api/v2/pokemon/pikachu, jsonPath: "{$.base_experience}"}
        """);
    AnalysisRun run = start(templates(t));
    run.reconcile();
    assertThat(run.phase()).isEqualTo(VerificationPhase.ERROR);
    assertThat(run.metrics().get(0).measurements().get(0).message())
        .isEqualTo("could not evaluate successCondition \"result + 1\": expected bool, but got float64");
  }

  @Test
  void invalidMetricsAreReportedAsRolloutsReportsThem() {
    String t = template("invalid", "", """
        - name: many
          count: 3
          provider:
            web: {url: BASE/text}
        """);
    AnalysisRun run = start(templates(t));
    assertThat(run.phase()).isEqualTo(VerificationPhase.ERROR);
    assertThat(run.message()).isEqualTo("Analysis spec invalid: metrics[0]: interval must be specified when count > 1");
    String dup = template("dup", "", "- name: a\n  provider:\n    web: {url: BASE/text}");
    run = start(templates(dup, dup.replace("name: dup", "name: dup2")));
    assertThat(run.message()).isEqualTo("flatten templates: duplicate metric name: \"a\"");
  }

  @Test
  void dryRunMetricsDoNotDecideTheRun() {
    String t = """
        apiVersion: argoproj.io/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: dry, namespace: demo}
        spec:
          dryRun: [{metricName: experimental}]
          metrics:
          - name: experimental
            successCondition: "false"
            provider:
              web: {url: BASE/text}
          - name: real
            successCondition: "true"
            provider:
              web: {url: BASE/text}
        """;
    AnalysisRun run = drive(start(templates(t)));
    assertThat(run.phase()).isEqualTo(VerificationPhase.SUCCESSFUL);
    assertThat(run.metrics().get(0).dryRun()).isTrue();
    assertThat(run.metrics().get(0).phase()).isEqualTo(VerificationPhase.FAILED);
    assertThat(run.metrics().get(0).message()).isEqualTo("Metric assessed Failed due to failed (1) > failureLimit (0)");
  }

  @Test
  void aTerminatedRunEndsWithoutFurtherMeasurements() {
    AnalysisRun run = start(templates(POKEMON), "pokemon", "pikachu");
    run.reconcile();
    run.terminate();
    run.reconcile();
    assertThat(run.phase()).isEqualTo(VerificationPhase.SUCCESSFUL);
    assertThat(run.message()).isEqualTo("Run Terminated");
    assertThat(run.metrics().get(0).count()).isEqualTo(1);
  }

  @Test
  void otherProvidersComeFromTheRegistry() {
    MetricProvider constant = new MetricProvider() {
      @Override
      public String type() {
        return "constant";
      }

      @Override
      public MetricMeasurement measure(MetricContext context) {
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) context.config();
        return MetricMeasurement.value(config.get("value") + ":" + context.args().get("who") + ":" + context.stage());
      }
    };
    String t = template("plugin", "args:\n- name: who", """
        - name: c
          successCondition: result == "42:me:dev"
          provider:
            constant: {value: "{{args.who}}"}
        """.replace("{{args.who}}\"}", "42\"}"));
    AnalysisRun run = Verifier.builder().clock(clock).metricProviders(MetricProviderRegistry.of(constant)).build()
        .start("demo", "dev", "r", templates(t), List.of(new AnalysisRunArgument("who", "me")));
    assertThat(drive(run).phase()).as(run.message()).isEqualTo(VerificationPhase.SUCCESSFUL);

    run = start(templates(t), "who", "me");
    assertThat(run.phase()).isEqualTo(VerificationPhase.ERROR);
    assertThat(run.message()).contains("uses provider 'constant', which is not registered; known: web");

    MetricProvider web = new MetricProvider() {
      @Override
      public String type() {
        return "web";
      }

      @Override
      public MetricMeasurement measure(MetricContext context) {
        return MetricMeasurement.value(1);
      }
    };
    assertThatThrownBy(() -> MetricProviderRegistry.of(web)).isInstanceOf(KargoException.class)
        .hasMessageContaining("built in");
    assertThatThrownBy(() -> MetricProviderRegistry.of(constant, constant)).isInstanceOf(KargoException.class)
        .hasMessageContaining("duplicate metric provider 'constant'");
  }

  @Test
  void aThrowingProviderMakesAnErrorMeasurement() {
    MetricProvider boom = new MetricProvider() {
      @Override
      public String type() {
        return "boom";
      }

      @Override
      public MetricMeasurement measure(MetricContext context) {
        throw new IllegalStateException("backend down");
      }
    };
    String t = template("boom", "", "- name: b\n  consecutiveErrorLimit: 0\n  provider:\n    boom: {}");
    AnalysisRun run = Verifier.builder().clock(clock).metricProviders(MetricProviderRegistry.of(boom)).build()
        .start("demo", "dev", "r", templates(t), List.of());
    run.reconcile();
    assertThat(run.phase()).isEqualTo(VerificationPhase.ERROR);
    assertThat(run.message()).endsWith("\"Error Message: backend down\"");
  }
}
