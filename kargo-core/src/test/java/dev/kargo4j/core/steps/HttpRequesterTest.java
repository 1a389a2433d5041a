package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.testkit.StepTestKit;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpRequesterTest {
  static TestHttpServer server;
  static final HttpClient CLIENT = HttpClient.newHttpClient();
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    server = new TestHttpServer()
        .answer("/json", TestHttpServer.Answer.of(200, "application/json; charset=utf-8",
            "{\"items\": [{\"id\": 7}], \"state\": \"done\", \"ready\": true}"))
        .answer("/yaml", TestHttpServer.Answer.of(200, "application/yaml", "a:\n  b: yes\nn: 3\n"))
        .answer("/text", TestHttpServer.Answer.of(200, "text/plain", "{\"looks\": \"like json\"}"))
        .answer("/html", TestHttpServer.Answer.of(200, "text/html", "<html></html>"))
        .answer("/untyped-json", TestHttpServer.Answer.of(200, "application/octet-stream", "[1, 2]"))
        .answer("/error", TestHttpServer.Answer.of(503, "application/json", "{\"error\": {\"message\": \"boom\"}}"))
        .answer("/bad-json", TestHttpServer.Answer.of(200, "application/json", "{nope"))
        .answer("/echo", TestHttpServer.Answer.of(201, null, ""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private StepTestKit kit(Map<String, ?> config) {
    return StepTestKit.forRunner(new HttpRequester()).workDir(dir).alias("h")
        .capability(Capability.HTTP_CLIENT, CLIENT).config(config);
  }

  private static Map<String, Object> cfg(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void getJsonWithOutputsHeadersAndSortedQuery() {
    StepResult r = kit(cfg("url", server.url("/json?z=1&a=x y"),
        "headers", List.of(Map.of("name", "Authorization", "value", "Bearer s3cr3t")),
        "queryParams", List.of(Map.of("name", "m", "value", "a&b")),
        "outputs", List.of(
            Map.of("name", "id", "fromExpression", "response.body.items[0].id"),
            Map.of("name", "status", "fromExpression", "response.status"),
            Map.of("name", "type", "fromExpression", "response.header('content-type')"),
            Map.of("name", "typeList", "fromExpression", "response.headers['Content-Type']")))).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(r.output()).containsEntry("id", 7.0).containsEntry("status", 200L)
        .containsEntry("type", "application/json; charset=utf-8")
        .containsEntry("typeList", List.of("application/json; charset=utf-8"));
    TestHttpServer.Recorded req = last();
    assertThat(req.method()).isEqualTo("GET");
    assertThat(req.uri()).isEqualTo("/json?a=x+y&m=a%26b&z=1");
    assertThat(req.headers().get("Authorization")).containsExactly("Bearer s3cr3t");
  }

  private static TestHttpServer.Recorded last() {
    TestHttpServer.Recorded r = null;
    for (TestHttpServer.Recorded x : server.requests) {
      r = x;
    }
    return r;
  }

  @Test
  void postBodyAndBodyFromFile() throws Exception {
    StepResult r = kit(cfg("url", server.url("/echo"), "method", "POST", "body", "{\"x\":1}",
        "successExpression", "response.status == 201")).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(last().method()).isEqualTo("POST");
    assertThat(last().body()).isEqualTo("{\"x\":1}");
    Files.writeString(dir.resolve("payload.json"), "from file");
    kit(cfg("url", server.url("/echo"), "method", "PUT", "bodyFromFile", "payload.json")).run();
    assertThat(last().method()).isEqualTo("PUT");
    assertThat(last().body()).isEqualTo("from file");
  }

  @Test
  void failureWinsAndUsesTheErrorExpression() {
    StepResult r = kit(cfg("url", server.url("/error"),
        "successExpression", "true",
        "failureExpression", "response.status >= 500",
        "errorExpression", "response.body.error.message")).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.FAILED);
    assertThat(r.message()).isEqualTo("HTTP (503) response met failure criteria: \"boom\"");
    r = kit(cfg("url", server.url("/error"), "failureExpression", "true",
        "errorExpression", "response.body.nothere.deeper")).run();
    assertThat(r.message()).isEqualTo("HTTP (503) response met failure criteria");
  }

  @Test
  void neitherCriterionSetFallsBackToTheStatus() {
    assertThat(kit(cfg("url", server.url("/json"))).run().status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    StepResult r = kit(cfg("url", server.url("/error"))).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.FAILED);
    assertThat(r.message()).startsWith("HTTP (503) response is not a success");
  }

  @Test
  void unmetCriteriaPollAfterTheInterval() {
    StepResult r = kit(cfg("url", server.url("/json"), "successExpression", "response.body.state == 'pending'",
        "failureExpression", "response.body.state == 'failed'", "pollInterval", "1m30s")).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(90));
    r = kit(cfg("url", server.url("/json"), "successExpression", "false")).run();
    assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    r = kit(cfg("url", server.url("/error"), "failureExpression", "false")).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.RUNNING);
  }

  @Test
  void bodyParsingFollowsTheContentType() {
    assertThat(kit(cfg("url", server.url("/yaml"), "outputs",
        List.of(Map.of("name", "b", "fromExpression", "response.body.a.b + string(response.body.n)")))).run().output())
        .containsEntry("b", "yes3");
    assertThat(kit(cfg("url", server.url("/text"), "outputs",
        List.of(Map.of("name", "t", "fromExpression", "response.body")))).run().output())
        .containsEntry("t", "{\"looks\": \"like json\"}");
    assertThat(kit(cfg("url", server.url("/html"), "outputs",
        List.of(Map.of("name", "t", "fromExpression", "response.body")))).run().output())
        .containsEntry("t", Map.of());
    assertThat(kit(cfg("url", server.url("/untyped-json"), "outputs",
        List.of(Map.of("name", "t", "fromExpression", "response.body")))).run().output())
        .containsEntry("t", List.of(1.0, 2.0));
    assertThat(kit(cfg("url", server.url("/text"), "responseContentType", "application/json", "outputs",
        List.of(Map.of("name", "t", "fromExpression", "response.body.looks")))).run().output())
        .containsEntry("t", "like json");
    assertThatThrownBy(() -> kit(cfg("url", server.url("/bad-json"))).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("failed to parse JSON response");
  }

  @Test
  void timeoutIsARetryableError() {
    CountDownLatch hold = new CountDownLatch(1);
    server.answer("/slow", new TestHttpServer.Answer(200, Map.of(), "late".getBytes(), hold));
    try {
      assertThatThrownBy(() -> kit(cfg("url", server.url("/slow"), "timeout", "200ms")).run())
          .isInstanceOf(KargoException.class)
          .isNotInstanceOf(TerminalStepException.class)
          .hasMessageContaining("no complete response within 200ms");
    } finally {
      hold.countDown();
    }
  }

  @Test
  void expressionsAreCheckedAndTyped() {
    assertThatThrownBy(() -> kit(cfg("url", server.url("/json"), "successExpression", "response.status ==")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("successExpression");
    assertThatThrownBy(() -> kit(cfg("url", server.url("/json"), "successExpression", "response.status")).run())
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("did not evaluate to a boolean (got int)");
    assertThatThrownBy(() -> kit(cfg("url", server.url("/json"), "outputs",
        List.of(Map.of("name", "x", "fromExpression", "response.body.items[0].id.nope()")))).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("error evaluating output \"x\" expression");
  }

  @Test
  void configValidationAndRefusals() {
    assertThatThrownBy(() -> kit(cfg("method", "GET")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessage("steps[h].config.url: required field is missing");
    assertThatThrownBy(() -> kit(cfg("url", "http://x", "method", "TRACE")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("method: 'TRACE' is not allowed");
    assertThatThrownBy(() -> kit(cfg("url", "http://x", "body", "a", "bodyFromFile", "b")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("body, bodyFromFile: at most one");
    assertThatThrownBy(() -> kit(cfg("url", "http://x", "proxy", "socks5://p")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("proxy");
    assertThatThrownBy(() -> kit(cfg("url", "http://x", "timeout", "ten seconds")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> kit(cfg("url", "http://x", "responseContentType", "text/html")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("responseContentType");
    assertThatThrownBy(() -> kit(cfg("url", "http://x", "headers", List.of(Map.of("name", "Host", "value", "y")))).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("headers[0].name");
    assertThatThrownBy(() -> kit(cfg("url", "ftp://x")).run())
        .isInstanceOf(TerminalStepException.class).hasMessageContaining("http or https");
    assertThatThrownBy(() -> kit(cfg("url", "http://169.254.169.254/latest/meta-data")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("link-local");
    assertThatThrownBy(() -> kit(cfg("url", server.url("/json"), "bodyFromFile", "../x")).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("bodyFromFile");
  }

  @Test
  void proxyAndInsecureSkipTlsVerifyUseAVariantOfTheHostClient() {
    StepResult r = kit(cfg("url", "http://kargo4j.invalid/json", "proxy", server.url(""),
        "insecureSkipTLSVerify", true, "outputs",
        List.of(Map.of("name", "state", "fromExpression", "response.body.state")))).run();
    assertThat(r.output()).containsEntry("state", "done");
    assertThat(last().uri()).isEqualTo("http://kargo4j.invalid/json");
  }

  @Test
  void theClientComesFromTheHost() {
    assertThatThrownBy(() -> StepTestKit.forRunner(new HttpRequester()).workDir(dir)
        .config(Map.of("url", server.url("/json"))).run())
        .isInstanceOf(TerminalStepException.class).hasMessageContaining("http-client");
  }

  @Test
  void secretsInHeadersStayOutOfMessages() {
    assertThatThrownBy(() -> kit(cfg("url", server.url("/json"),
        "headers", List.of(Map.of("name", "X-Token", "value", "s3cr3t\nInjected: 1")))).run())
        .isInstanceOf(TerminalStepException.class)
        .hasMessageContaining("headers[0]")
        .hasMessageNotContaining("s3cr3t");
  }
}
