package dev.kargo4j.steps.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** argocd-wait against the Argo CD API server stand-in. */
class ArgoCdWaiterTest {
  static final String TOKEN = "argocd-token-wait-5d2b";
  static final String REPO = "https://git.example.com/acme/gitops.git";
  static final String NS = "argocd";

  @TempDir Path work;
  MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  ArgoCdApiStandIn argo;
  ArgoCdClient client;
  ArgoCdControllerSim controller = new ArgoCdControllerSim();
  Map<String, Object> previous = Map.of();

  @BeforeEach
  void start() {
    argo = ArgoCdApiStandIn.start(clock).token(TOKEN, "kargo", "get");
    client = ArgoCdClients.apiServer().server(argo.address()).plaintext(true).authToken(TOKEN).build();
  }

  @AfterEach
  void stop() {
    argo.close();
  }

  /** One attempt, fed the previous attempt's output as the engine does. */
  StepResult run(Map<String, ?> config) {
    StepResult r = StepTestKit.forRunner(new ArgoCdWaiter(NS)).workDir(work).clock(clock)
        .capability(ArgoCdClient.CAPABILITY, client).previousOutput(previous).config(config).run();
    previous = r.output();
    return r;
  }

  static Map<String, Object> waitFor(String name, String... conditions) {
    return conditions.length == 0
        ? Map.of("apps", List.of(Map.of("name", name)))
        : Map.of("apps", List.of(Map.of("name", name, "waitFor", List.of(conditions))));
  }

  void change(String name, java.util.function.Consumer<Map<String, Object>> c) {
    argo.update(NS, name, c);
  }

  @Test
  void byDefaultWaitsForTheOperationThenAFreshHealthAssessmentThenHealthyAndSynced() {
    Map<String, Object> app = Apps.git(NS, "guestbook", REPO, "main", null, Map.of());
    app.put("operation", Map.of("initiatedBy", Map.of("username", "admin"), "sync", Map.of()));
    argo.put(app);

    StepResult pending = run(waitFor("guestbook"));
    assertThat(pending.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(pending.message()).isEqualTo("waited 0s for Argo CD Applications: argocd/guestbook (operation in progress)");

    change("guestbook", a -> controller.start(a, clock.instant()));
    clock.advance(Duration.ofSeconds(20));
    assertThat(run(waitFor("guestbook")).message()).contains("waited 20s").contains("operation in progress");

    clock.advance(Duration.ofSeconds(20));
    change("guestbook", a -> controller.finish(a, clock.instant(), "Succeeded", "successfully synced"));
    StepResult stale = run(waitFor("guestbook"));
    assertThat(stale.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(stale.message()).contains("not reconciled since its last operation finished; hard refresh requested");
    assertThat(argo.count("GET /api/v1/applications/guestbook?appNamespace=argocd&refresh=hard")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(5));
    change("guestbook", a -> controller.reconcile(a, clock.instant(), "Progressing"));
    StepResult progressing = run(waitFor("guestbook"));
    assertThat(progressing.message()).contains("waited 45s").contains("health is Progressing");

    clock.advance(Duration.ofSeconds(30));
    change("guestbook", a -> controller.reconcile(a, clock.instant(), "Healthy"));
    StepResult done = run(waitFor("guestbook"));
    assertThat(done.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(done.output()).isEqualTo(Map.of(
        "apps", List.of(Map.of("name", "guestbook", "namespace", NS)),
        "healthStatus", Map.of("argocd/guestbook", "Healthy"),
        "startedAt", "2030-01-01T00:00:00Z"));
    assertThat(new ArgoCdWaiter(NS).defaultTimeout()).contains(Duration.ofMinutes(5));
  }

  @Test
  void aRegressionToDegradedFailsWhileComingFromUnknownDoesNot() {
    Map<String, Object> app = Apps.git(NS, "guestbook", REPO, "main", null, Map.of());
    ArgoCdControllerSim.child(app, "status").put("health", Map.of("status", "Progressing"));
    argo.put(app);
    assertThat(run(waitFor("guestbook")).status()).isEqualTo(PromotionStepStatus.RUNNING);

    change("guestbook", a -> controller.reconcile(a, clock.instant(), "Degraded"));
    StepResult failed = run(waitFor("guestbook"));
    assertThat(failed.status()).isEqualTo(PromotionStepStatus.FAILED);
    assertThat(failed.message())
        .isEqualTo("Argo CD Application 'guestbook' in namespace 'argocd' health has regressed from Progressing to Degraded");
    assertThat(failed.output()).containsEntry("healthStatus", Map.of("argocd/guestbook", "Degraded"));

    previous = Map.of("healthStatus", Map.of("argocd/guestbook", "Unknown"));
    assertThat(run(waitFor("guestbook")).status()).isEqualTo(PromotionStepStatus.RUNNING);
    previous = Map.of();
    assertThat(run(waitFor("guestbook")).status()).isEqualTo(PromotionStepStatus.RUNNING);
  }

  @Test
  void healthConditionsAreOred() {
    Map<String, Object> app = Apps.git(NS, "paused", REPO, "main", null, Map.of());
    ArgoCdControllerSim.child(app, "status").put("health", Map.of("status", "Suspended"));
    ArgoCdControllerSim.child(app, "status").put("sync", Map.of("status", "Synced"));
    argo.put(app);
    Map<String, Object> broken = Apps.git(NS, "broken", REPO, "main", null, Map.of());
    ArgoCdControllerSim.child(broken, "status").put("health", Map.of("status", "Degraded"));
    argo.put(broken);

    assertThat(run(waitFor("paused")).status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(run(waitFor("paused", "health", "suspended")).status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(run(waitFor("broken", "degraded")).status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    previous = Map.of();
    assertThat(run(waitFor("broken", "sync")).message()).contains("sync status is OutOfSync");
    assertThat(run(waitFor("broken", "operation")).status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
  }

  @Test
  void aComparisonErrorFails() {
    Map<String, Object> app = Apps.git(NS, "guestbook", REPO, "main", null, Map.of());
    ArgoCdControllerSim.condition(app, "ComparisonError", "Failed to load target state: repository not found");
    ArgoCdControllerSim.condition(app, "SyncError", "ignored");
    argo.put(app);
    StepResult r = run(waitFor("guestbook", "sync"));
    assertThat(r.status()).isEqualTo(PromotionStepStatus.FAILED);
    assertThat(r.message()).isEqualTo("Argo CD Application 'guestbook' in namespace 'argocd' has 'ComparisonError' "
        + "condition: Failed to load target state: repository not found");
  }

  @Test
  void aSelectorWaitsForEveryMatchWithoutNeedingAuthorization() {
    Map<String, Object> a = Apps.git(NS, "web-a", REPO, "main", null, Map.of("team", "web"));
    ArgoCdControllerSim.child(a, "status").put("sync", Map.of("status", "Synced"));
    argo.put(a);
    argo.put(Apps.git(NS, "web-b", REPO, "main", null, Map.of("team", "web")));
    Map<String, Object> cfg = Map.of("apps", List.of(Map.of("selector", Map.of("matchLabels", Map.of("team", "web")),
        "waitFor", List.of("sync"))));
    StepResult r = run(cfg);
    assertThat(r.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(r.message()).contains("argocd/web-b (sync status is OutOfSync)").doesNotContain("web-a (");
    assertThat(r.output().get("apps")).isEqualTo(List.of(Map.of("name", "web-a", "namespace", NS),
        Map.of("name", "web-b", "namespace", NS)));

    assertThatThrownBy(() -> run(Map.of("apps", List.of(Map.of("selector", Map.of("matchLabels", Map.of("team", "x")))))))
        .isInstanceOf(ArgoCdException.class)
        .hasMessage("no Argo CD Applications found matching selector team=x in namespace 'argocd'");
    assertThatThrownBy(() -> run(waitFor("missing"))).isInstanceOf(ArgoCdException.class)
        .hasMessageStartingWith("error finding Argo CD Application 'missing' in namespace 'argocd'");
  }

  @Test
  void keepsRunningUntilTheTimeoutAndCountsTimeWithTheStepsClock() {
    Map<String, Object> app = Apps.git(NS, "guestbook", REPO, "main", null, Map.of());
    ArgoCdControllerSim.child(app, "status").put("health", Map.of("status", "Progressing"));
    argo.put(app);
    Duration timeout = new ArgoCdWaiter(NS).defaultTimeout().orElseThrow();
    Instant first = clock.instant();
    for (int i = 0; i <= 10; i++) {
      StepResult r = run(waitFor("guestbook"));
      assertThat(r.status()).isEqualTo(PromotionStepStatus.RUNNING);
      assertThat(r.output()).containsEntry("startedAt", first.toString());
      long s = Duration.between(first, clock.instant()).getSeconds();
      assertThat(r.message()).startsWith("waited " + (s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s") + " for");
      clock.advance(Duration.ofSeconds(30));
    }
    assertThat(Duration.between(first, clock.instant())).isGreaterThan(timeout);
  }

  @Test
  void theConfigIsValidatedStrictly() {
    assertThatThrownBy(() -> run(waitFor("a", "ready"))).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("waitFor[0]: 'ready' is not allowed; allowed: degraded, health, operation, suspended, sync");
    assertThatThrownBy(() -> run(waitFor("a", "sync", "sync"))).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("waitFor[1]: 'sync' is listed twice");
    assertThatThrownBy(() -> run(Map.of("apps", List.of(Map.of("name", "a", "waitFor", List.of())))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("waitFor: must have at least 1 item");
    assertThatThrownBy(() -> run(Map.of("apps", List.of(Map.of("name", "a", "sources", List.of())))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("sources: unknown field");
    assertThat(argo.requests()).isEmpty();
  }
}
