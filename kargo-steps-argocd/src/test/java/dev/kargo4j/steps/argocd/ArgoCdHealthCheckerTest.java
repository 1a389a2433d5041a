package dev.kargo4j.steps.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.spi.HealthResult;
import dev.kargo4j.core.model.HealthState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The argocd-update health check against the Argo CD API server stand-in. */
class ArgoCdHealthCheckerTest {
  static final String TOKEN = "argocd-token-health-91ac";
  static final String REPO = "https://git.example.com/acme/gitops.git";
  static final String NS = "argocd";

  MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  ArgoCdApiStandIn argo;
  ArgoCdClient client;
  ArgoCdControllerSim controller = new ArgoCdControllerSim();
  ArgoCdHealthChecker checker = new ArgoCdHealthChecker(NS);

  @BeforeEach
  void start() {
    argo = ArgoCdApiStandIn.start(clock).token(TOKEN, "kargo", "get");
    client = ArgoCdClients.apiServer().server(argo.address()).plaintext(true).authToken(TOKEN).build();
  }

  @AfterEach
  void stop() {
    argo.close();
  }

  HealthResult check(Map<String, Object> input) {
    return checker.check(new TestHealthContext(input, client, clock));
  }

  static Map<String, Object> input(String name, String... desired) {
    return Map.of("apps", List.of(Map.of("name", name, "namespace", NS, "desiredRevisions", List.of(desired))));
  }

  /** An app whose sync to its targetRevision finished and whose health was then assessed as {@code health}. */
  void syncedApp(String name, String targetRevision, String health) {
    Map<String, Object> app = Apps.git(NS, name, REPO, targetRevision, Apps.AUTHORIZED, Map.of());
    app.put("operation", Map.of("initiatedBy", Map.of("username", "kargo"), "sync", Map.of()));
    argo.put(app);
    argo.update(NS, name, a -> controller.start(a, clock.instant()));
    clock.advance(Duration.ofSeconds(30));
    argo.update(NS, name, a -> controller.finish(a, clock.instant(), "Succeeded", "ok"));
    argo.update(NS, name, a -> controller.reconcile(a, clock.instant(), health));
  }

  @Test
  void healthyWhenSyncedToTheDesiredRevisionAndHealthy() {
    syncedApp("guestbook", "abc123", "Healthy");
    HealthResult r = check(input("guestbook", "abc123"));
    assertThat(r.status()).isEqualTo(HealthState.HEALTHY);
    assertThat(r.issues()).isEmpty();
    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) ((List<?>) r.output().get("applicationStatuses")).get(0);
    assertThat(status).containsEntry("Namespace", NS).containsEntry("Name", "guestbook")
        .containsEntry("health", Map.of("status", "Healthy")).doesNotContainKey("reconciledAt");
    assertThat(status.get("sync")).isEqualTo(Map.of("status", "Synced", "revision", "abc123"));
  }

  @Test
  void healthMapsToStageHealth() {
    syncedApp("progressing", "main", "Progressing");
    syncedApp("suspended", "main", "Suspended");
    syncedApp("degraded", "main", "Degraded");
    syncedApp("missing-health", "main", "");
    assertThat(check(input("progressing")).status()).isEqualTo(HealthState.PROGRESSING);
    assertThat(check(input("suspended")).issues())
        .containsExactly("Argo CD Application 'suspended' in namespace 'argocd' is suspended");
    assertThat(check(input("suspended")).status()).isEqualTo(HealthState.PROGRESSING);
    assertThat(check(input("missing-health")).status()).isEqualTo(HealthState.PROGRESSING);
    HealthResult degraded = check(input("degraded"));
    assertThat(degraded.status()).isEqualTo(HealthState.UNHEALTHY);
    assertThat(degraded.issues()).containsExactly("Argo CD Application 'degraded' in namespace 'argocd' has health state 'Degraded'");
  }

  @Test
  void aStaleAssessmentIsUnknownAndAsksForAHardRefresh() {
    syncedApp("guestbook", "abc123", "Healthy");
    clock.advance(Duration.ofSeconds(10));
    argo.update(NS, "guestbook", a -> {
      // a second operation finished after the last reconciliation
      ArgoCdControllerSim.child(ArgoCdControllerSim.child(a, "status"), "operationState")
          .put("finishedAt", ArgoCdControllerSim.time(clock.instant()));
    });
    HealthResult r = check(input("guestbook", "abc123"));
    assertThat(r.status()).isEqualTo(HealthState.UNKNOWN);
    assertThat(r.issues()).containsExactly("Argo CD Application 'guestbook' in namespace 'argocd' was not reconciled "
        + "after its most recent operation completed; Application health status not trusted");
    assertThat(argo.count("GET /api/v1/applications/guestbook?appNamespace=argocd&refresh=hard")).isEqualTo(1);
    assertThat(argo.app(NS, "guestbook")).extracting(a -> ((Map<?, ?>) ((Map<?, ?>) a.get("metadata"))
        .get("annotations")).get("argocd.argoproj.io/refresh")).isEqualTo("hard");

    argo.update(NS, "guestbook", a -> controller.reconcile(a, clock.instant(), "Healthy"));
    assertThat(check(input("guestbook", "abc123")).status()).isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void errorConditionsAreUnhealthy() {
    syncedApp("guestbook", "abc123", "Healthy");
    argo.update(NS, "guestbook", a -> ArgoCdControllerSim.condition(a, "InvalidSpecError", "destination is invalid"));
    HealthResult r = check(input("guestbook", "abc123"));
    assertThat(r.status()).isEqualTo(HealthState.UNHEALTHY);
    assertThat(r.issues()).containsExactly(
        "Argo CD Application 'guestbook' in namespace 'argocd' has 'InvalidSpecError' condition: destination is invalid");
  }

  @Test
  void revisionsCountOnlyWhenADesiredRevisionIsSet() {
    syncedApp("guestbook", "old111", "Healthy");
    HealthResult wrong = check(input("guestbook", "abc123"));
    assertThat(wrong.status()).isEqualTo(HealthState.UNHEALTHY);
    assertThat(wrong.issues()).containsExactly("Not all sources of Application 'guestbook' in namespace 'argocd' are "
        + "synced to the desired revisions. Issues: Source 0 with RepoURL " + REPO + " of Application 'guestbook' in "
        + "namespace 'argocd' does not match the desired revision 'abc123'.");
    assertThat(check(input("guestbook", "")).status()).isEqualTo(HealthState.HEALTHY);

    argo.update(NS, "guestbook", a -> a.put("operation", Map.of("sync", Map.of(), "initiatedBy", Map.of("username", "x"))));
    assertThat(check(input("guestbook", "old111")).issues())
        .containsExactly("Argo CD Application 'guestbook' in namespace 'argocd' is being synced");
    assertThat(check(input("guestbook", "old111")).status()).isEqualTo(HealthState.UNKNOWN);
    assertThat(check(input("guestbook")).status()).isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void theWorstApplicationDecidesAndMissingOnesAreUnknown() {
    syncedApp("a", "main", "Healthy");
    syncedApp("b", "main", "Progressing");
    Map<String, Object> in = Map.of("apps", List.of(Map.of("name", "a"), Map.of("name", "b", "namespace", ""),
        Map.of("name", "gone", "namespace", NS)));
    HealthResult r = check(in);
    assertThat(r.status()).isEqualTo(HealthState.UNKNOWN);
    assertThat(r.issues()).hasSize(2);
    assertThat(r.issues().get(0)).isEqualTo("Argo CD Application 'b' in namespace 'argocd' is progressing");
    assertThat(r.issues().get(1)).startsWith("error finding Argo CD Application 'gone' in namespace 'argocd'");
    assertThat((List<?>) r.output().get("applicationStatuses")).hasSize(3);

    assertThat(check(Map.of("apps", List.of(Map.of("name", "a"), Map.of("name", "b")))).status())
        .isEqualTo(HealthState.PROGRESSING);
  }

  @Test
  void anUnreadableInputIsUnknown() {
    HealthResult r = check(Map.of("apps", List.of(Map.of("nom", "x"))));
    assertThat(r.status()).isEqualTo(HealthState.UNKNOWN);
    assertThat(r.issues().get(0)).startsWith("could not convert opaque input into argocd-update health check input");
  }
}
