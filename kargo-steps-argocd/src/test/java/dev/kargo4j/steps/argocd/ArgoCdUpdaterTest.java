package dev.kargo4j.steps.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.steps.argocd.internal.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** argocd-update against the Argo CD API server stand-in. */
class ArgoCdUpdaterTest {
  static final String TOKEN = "argocd-token-7f3c9e1d5b";
  static final String PROMOTION = "test.01j9x0v7k8.abc1234";
  static final String REPO = "https://git.example.com/acme/gitops.git";
  static final String NS = "argocd";

  @TempDir Path work;
  MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  ArgoCdApiStandIn argo;
  ArgoCdClient client;
  ArgoCdControllerSim controller = new ArgoCdControllerSim();

  @BeforeEach
  void start() {
    argo = ArgoCdApiStandIn.start(clock).token(TOKEN, "kargo", "get", "update", "sync");
    client = ArgoCdClients.apiServer().server(argo.address()).plaintext(true).authToken(TOKEN).build();
  }

  @AfterEach
  void stop() {
    argo.close();
  }

  StepResult run(Map<String, ?> config) {
    return kit(config).run();
  }

  StepTestKit kit(Map<String, ?> config) {
    return StepTestKit.forRunner(new ArgoCdUpdater(NS)).workDir(work).project(Apps.PROJECT).stage(Apps.STAGE)
        .promotion(PROMOTION).actor("").clock(clock).capability(ArgoCdClient.CAPABILITY, client).config(config);
  }

  static Map<String, Object> byName(String name, Map<String, Object> source) {
    return Map.of("apps", List.of(Map.of("name", name, "sources", List.of(source))));
  }

  void startOperation(String name) {
    argo.update(NS, name, a -> controller.start(a, clock.instant()));
  }

  void finishOperation(String name, String phase, String message) {
    argo.update(NS, name, a -> controller.finish(a, clock.instant(), phase, message));
  }

  @Test
  void updatesTheSourceStartsAMarkedSyncAndSucceedsOnceTheOperationSucceeded() {
    argo.put(Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of()));
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", REPO);
    source.put("desiredRevision", "abc123");
    source.put("updateTargetRevision", true);
    source.put("kustomize", Map.of("images", List.of(
        Map.of("repoURL", "ghcr.io/acme/guestbook", "tag", "1.2.3"),
        Map.of("repoURL", "ghcr.io/acme/side", "newName", "mirror.example.com/side", "digest", "sha256:5e1f"))));

    StepResult first = run(byName("guestbook", source));

    assertThat(first.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(first.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(first.output()).isEqualTo(Map.of("apps", List.of(Map.of("name", "guestbook", "namespace", NS))));
    Map<String, Object> app = argo.app(NS, "guestbook");
    assertThat(Json.map(app, "spec", "source")).containsEntry("targetRevision", "abc123")
        .containsEntry("path", "env/guestbook").containsEntry("directory", Map.of("recurse", true))
        .containsEntry("kustomize", Map.of("images", List.of("ghcr.io/acme/guestbook:1.2.3",
            "ghcr.io/acme/side=mirror.example.com/side@sha256:5e1f")));
    assertThat(Json.map(app, "metadata", "annotations")).containsEntry("argocd.argoproj.io/refresh", "hard")
        .containsEntry("team", "platform").containsEntry("kargo.akuity.io/authorized-stage", Apps.AUTHORIZED);
    assertThat(Json.list(app, "operation", "info")).containsExactly(
        Map.of("name", "Reason", "value", "Promotion triggered a sync of this Application resource."),
        Map.of("name", "kargo.akuity.io/promotion", "value", PROMOTION));
    assertThat(Json.str(app, "operation", "initiatedBy", "username")).isEqualTo("kargo");
    assertThat(Json.strings(app, "operation", "sync", "syncOptions")).containsExactly("CreateNamespace=true");
    assertThat(Json.map(app, "operation", "retry")).containsEntry("limit", 2);
    assertThat(argo.count("PATCH")).isEqualTo(1);
    assertThat(argo.count("POST /api/v1/applications/guestbook/sync")).isEqualTo(1);

    // Argo CD has not picked the operation up yet: wait, do not ask again
    StepResult pending = run(byName("guestbook", source));
    assertThat(pending.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(pending.message()).contains("argocd/guestbook (Running)");
    assertThat(argo.count("POST")).isEqualTo(1);

    startOperation("guestbook");
    clock.advance(Duration.ofSeconds(45));
    StepResult running = run(byName("guestbook", source));
    assertThat(running.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(running.message()).contains("argocd/guestbook (Running for 45s)");
    assertThat(argo.count("POST")).isEqualTo(1);

    finishOperation("guestbook", "Succeeded", "successfully synced (all tasks run)");
    StepResult done = run(byName("guestbook", source));
    assertThat(done.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(done.healthCheck()).contains(new HealthCheckStep("argocd-update", Map.of("apps", List.of(
        Map.of("name", "guestbook", "namespace", NS, "desiredRevisions", List.of("abc123"))))));
    assertThat(argo.count("POST")).isEqualTo(1);
    assertThat(argo.count("PATCH")).isEqualTo(1);
  }

  @Test
  void desiredRevisionNeedsAnExactRepoUrlWhileSourcesMatchNormalized() {
    argo.put(Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of()));
    // same repository, written differently: the update applies, but Kargo's desired revision needs equality
    Map<String, Object> source = Map.of("repoURL", "https://git.example.com/ACME/gitops/",
        "desiredRevision", "abc123", "updateTargetRevision", true,
        "kustomize", Map.of("images", List.of(Map.of("repoURL", "nginx", "tag", "1.27"))));

    run(byName("guestbook", source));
    startOperation("guestbook");
    finishOperation("guestbook", "Succeeded", "ok");
    StepResult done = run(byName("guestbook", source));

    Map<String, Object> app = argo.app(NS, "guestbook");
    assertThat(Json.str(app, "spec", "source", "targetRevision")).isEqualTo("main");
    assertThat(Json.list(app, "spec", "source", "kustomize", "images")).containsExactly("nginx:1.27");
    assertThat(done.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(done.healthCheck().orElseThrow().config())
        .isEqualTo(Map.of("apps", List.of(Map.of("name", "guestbook", "namespace", NS, "desiredRevisions", List.of("")))));
  }

  @Test
  void resyncsWhenTheSyncedRevisionDiffersFromTheDesiredOne() {
    argo.put(Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of()));
    Map<String, Object> source = Map.of("repoURL", REPO, "desiredRevision", "def456");
    controller.resolve(REPO, "main", "old111"); // the branch does not yet point at the pushed commit

    assertThat(run(byName("guestbook", source)).status()).isEqualTo(PromotionStepStatus.RUNNING);
    startOperation("guestbook");
    finishOperation("guestbook", "Succeeded", "successfully synced (all tasks run)");
    assertThat(Json.str(argo.app(NS, "guestbook"), "status", "operationState", "syncResult", "revision"))
        .isEqualTo("old111");

    StepResult again = run(byName("guestbook", source));
    assertThat(again.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(argo.count("POST /api/v1/applications/guestbook/sync")).isEqualTo(2);
    assertThat(Json.has(argo.app(NS, "guestbook"), "status", "operationState")).isFalse();

    controller.resolve(REPO, "main", "def456");
    startOperation("guestbook");
    finishOperation("guestbook", "Succeeded", "successfully synced (all tasks run)");
    StepResult done = run(byName("guestbook", source));
    assertThat(done.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(argo.count("POST")).isEqualTo(2);
  }

  @Test
  void anAppAlreadySyncedByThisPromotionIsNotSyncedAgain() {
    Map<String, Object> app = Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of());
    Map<String, Object> status = ArgoCdControllerSim.child(app, "status");
    status.put("operationState", Map.of(
        "operation", Map.of("info", List.of(Map.of("name", "kargo.akuity.io/promotion", "value", PROMOTION)),
            "initiatedBy", Map.of("username", "kargo")),
        "phase", "Succeeded", "message", "successfully synced", "startedAt", "2029-12-31T23:59:00Z",
        "finishedAt", "2029-12-31T23:59:30Z", "syncResult", Map.of("revision", "abc123")));
    argo.put(app);

    StepResult r = run(byName("guestbook", Map.of("repoURL", REPO, "desiredRevision", "abc123")));

    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(argo.count("PATCH")).isZero();
    assertThat(argo.count("POST")).isZero();
  }

  @Test
  void anAppSyncedByAnotherPartyIsSyncedForThisPromotion() {
    Map<String, Object> app = Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of());
    ArgoCdControllerSim.child(app, "status").put("operationState", Map.of(
        "operation", Map.of("initiatedBy", Map.of("username", "admin")),
        "phase", "Succeeded", "finishedAt", "2029-12-31T23:59:30Z", "syncResult", Map.of("revision", "abc123")));
    argo.put(app);

    assertThat(run(byName("guestbook", Map.of("repoURL", REPO, "desiredRevision", "abc123"))).status())
        .isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(argo.count("POST")).isEqualTo(1);
  }

  @Test
  void waitsForAnOperationSomeoneElseStartedThenSyncs() {
    Map<String, Object> app = Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of());
    app.put("operation", Map.of("initiatedBy", Map.of("username", "argocd-application-controller", "automated", true),
        "sync", Map.of("revision", "main")));
    argo.put(app);
    startOperation("guestbook");

    StepResult waiting = run(byName("guestbook", Map.of("repoURL", REPO)));
    assertThat(waiting.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(argo.count("PATCH")).isZero();
    assertThat(argo.count("POST")).isZero();

    finishOperation("guestbook", "Succeeded", "auto-sync done");
    assertThat(run(byName("guestbook", Map.of("repoURL", REPO))).status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(argo.count("POST")).isEqualTo(1);
    assertThat(Json.str(argo.app(NS, "guestbook"), "operation", "info")).isEmpty(); // a list, not a string
    assertThat(Json.list(argo.app(NS, "guestbook"), "operation", "info")).hasSize(2);
  }

  @Test
  void aFailedSyncErrorsWithTheOperationMessage() {
    argo.put(Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of()));
    Map<String, Object> cfg = byName("guestbook", Map.of("repoURL", REPO, "desiredRevision", "abc123",
        "updateTargetRevision", true));
    run(cfg);
    startOperation("guestbook");
    finishOperation("guestbook", "Failed",
        "one or more objects failed to apply, reason: Deployment.apps \"guestbook-ui\" is invalid");

    assertThatThrownBy(() -> run(cfg)).isInstanceOf(ArgoCdException.class)
        .hasMessage("Argo CD Application 'guestbook' in namespace 'argocd' failed with: one or more objects "
            + "failed to apply, reason: Deployment.apps \"guestbook-ui\" is invalid");
  }

  @Test
  void anUnauthorisedApplicationIsUntouched() {
    argo.put(Apps.git(NS, "other-stage", REPO, "main", "kargo-demo:prod", Map.of()));
    argo.put(Apps.git(NS, "no-annotation", REPO, "main", null, Map.of()));
    argo.put(Apps.git(NS, "glob", REPO, "main", "kargo-demo:*", Map.of()));
    Map<String, Map<String, Object>> before = Map.of(
        "other-stage", argo.app(NS, "other-stage"), "no-annotation", argo.app(NS, "no-annotation"),
        "glob", argo.app(NS, "glob"));

    assertThatThrownBy(() -> run(byName("other-stage", Map.of("repoURL", REPO))))
        .isInstanceOf(ArgoCdException.class)
        .hasMessageContaining("Argo CD Application 'other-stage' in namespace 'argocd' is not authorized")
        .hasMessageContaining("must list 'kargo-demo:test'");
    assertThatThrownBy(() -> run(byName("no-annotation", Map.of("repoURL", REPO))))
        .hasMessageContaining("does not permit mutation by Kargo Stage test in namespace kargo-demo");
    assertThatThrownBy(() -> run(byName("glob", Map.of("repoURL", REPO))))
        .hasMessageContaining("glob expressions are no longer supported");

    before.forEach((name, app) -> assertThat(argo.app(NS, name)).isEqualTo(app));
    assertThat(argo.count("PATCH")).isZero();
    assertThat(argo.count("POST")).isZero();
  }

  @Test
  void aSelectorUpdatesOnlyAuthorisedApplications() {
    argo.put(Apps.git(NS, "web-a", REPO, "main", "other:stage, " + Apps.AUTHORIZED, Map.of("team", "web")));
    argo.put(Apps.git(NS, "web-b", REPO, "main", "kargo-demo:prod", Map.of("team", "web")));
    argo.put(Apps.git(NS, "api", REPO, "main", Apps.AUTHORIZED, Map.of("team", "api")));
    Map<String, Object> untouched = argo.app(NS, "web-b");
    Map<String, Object> cfg = Map.of("apps", List.of(Map.of(
        "selector", Map.of("matchLabels", Map.of("team", "web")),
        "sources", List.of(Map.of("repoURL", REPO, "desiredRevision", "abc123", "updateTargetRevision", true)))));

    StepResult r = run(cfg);

    assertThat(r.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(r.output()).isEqualTo(Map.of("apps", List.of(Map.of("name", "web-a", "namespace", NS))));
    assertThat(Json.str(argo.app(NS, "web-a"), "spec", "source", "targetRevision")).isEqualTo("abc123");
    assertThat(argo.app(NS, "web-b")).isEqualTo(untouched);
    assertThat(Json.str(argo.app(NS, "api"), "spec", "source", "targetRevision")).isEqualTo("main");
    assertThat(argo.requests()).anyMatch(q -> q.startsWith("GET /api/v1/applications?selector=team%3Dweb&appNamespace=argocd"));
  }

  @Test
  void aSelectorMatchingAnIncompatibleApplicationChangesNothing() {
    argo.put(Apps.git(NS, "web-a", REPO, "main", Apps.AUTHORIZED, Map.of("team", "web")));
    argo.put(Apps.git(NS, "web-b", "https://git.example.com/acme/elsewhere.git", "main", Apps.AUTHORIZED,
        Map.of("team", "web")));
    Map<String, Object> a = argo.app(NS, "web-a");
    Map<String, Object> b = argo.app(NS, "web-b");
    Map<String, Object> cfg = Map.of("apps", List.of(Map.of(
        "selector", Map.of("matchExpressions", List.of(Map.of("key", "team", "operator", "In", "values", List.of("web")))),
        "sources", List.of(Map.of("repoURL", REPO, "desiredRevision", "abc123", "updateTargetRevision", true)))));

    assertThatThrownBy(() -> run(cfg)).isInstanceOf(ArgoCdException.class)
        .hasMessageStartingWith("selected Applications must have compatible sources; 1 incompatible. "
            + "No Applications were updated:\nApplication 'web-b' in namespace 'argocd': no source of Argo CD "
            + "Application 'web-b' in namespace 'argocd' matched the update for source with repoURL " + REPO);
    assertThat(argo.app(NS, "web-a")).isEqualTo(a);
    assertThat(argo.app(NS, "web-b")).isEqualTo(b);
    assertThat(argo.count("PATCH")).isZero();
    assertThat(argo.count("POST")).isZero();
  }

  @Test
  void aSelectorWithoutMatchesOrWithoutAuthorisedMatchesErrors() {
    argo.put(Apps.git(NS, "web-b", REPO, "main", "kargo-demo:prod", Map.of("team", "web")));
    assertThatThrownBy(() -> run(Map.of("apps", List.of(Map.of("selector", Map.of("matchLabels", Map.of("team", "none")))))))
        .hasMessage("no Argo CD Applications found matching selector team=none in namespace 'argocd'");
    assertThatThrownBy(() -> run(Map.of("apps", List.of(Map.of("selector", Map.of("matchLabels", Map.of("team", "web")))))))
        .hasMessageStartingWith("found 1 Application(s) matching selector team=web in namespace 'argocd', "
            + "but none are authorized for Stage kargo-demo:test");
  }

  @Test
  void severalApplicationsAggregateToTheLeastAdvancedPhase() {
    argo.put(Apps.git(NS, "web-a", REPO, "main", Apps.AUTHORIZED, Map.of("team", "web")));
    argo.put(Apps.git(NS, "web-b", REPO, "main", Apps.AUTHORIZED, Map.of("team", "web")));
    Map<String, Object> cfg = Map.of("apps", List.of(Map.of("selector", Map.of("matchLabels", Map.of("team", "web")))));
    run(cfg);
    startOperation("web-a");
    startOperation("web-b");
    finishOperation("web-a", "Succeeded", "ok");

    StepResult r = run(cfg);
    assertThat(r.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(r.message()).contains("argocd/web-b (Running").doesNotContain("web-a");

    finishOperation("web-b", "Succeeded", "ok");
    StepResult done = run(cfg);
    assertThat(done.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(done.healthCheck().orElseThrow().config().get("apps")).isEqualTo(List.of(
        Map.of("name", "web-a", "namespace", NS, "desiredRevisions", List.of("")),
        Map.of("name", "web-b", "namespace", NS, "desiredRevisions", List.of(""))));
  }

  @Test
  void helmImagesAreUpsertedIntoTheMatchingChartSourceOfAMultiSourceApp() {
    argo.put(Apps.multi(NS, "charts", Apps.AUTHORIZED));
    Map<String, Object> cfg = byName("charts", Map.of("repoURL", "https://charts.example.com", "chart", "guestbook",
        "desiredRevision", "1.1.0", "updateTargetRevision", true,
        "helm", Map.of("images", List.of(Map.of("key", "image.tag", "value", "1.1.0"),
            Map.of("key", "image.repository", "value", "ghcr.io/acme/guestbook")))));

    assertThat(run(cfg).status()).isEqualTo(PromotionStepStatus.RUNNING);

    List<Object> sources = Json.list(argo.app(NS, "charts"), "spec", "sources");
    assertThat(Json.str(sources.get(0), "targetRevision")).isEqualTo("1.1.0");
    assertThat(Json.list(sources.get(0), "helm", "parameters")).containsExactly(
        Map.of("name", "image.tag", "value", "1.1.0", "forceString", true),
        Map.of("name", "replicas", "value", "2"),
        Map.of("name", "image.repository", "value", "ghcr.io/acme/guestbook"));
    assertThat(Json.strings(sources.get(0), "helm", "valueFiles")).containsExactly("$values/env/values.yaml");
    assertThat(sources.get(1)).isEqualTo(Map.of("repoURL", "https://git.example.com/acme/values.git",
        "targetRevision", "main", "ref", "values"));
    assertThat(Json.has(argo.app(NS, "charts"), "spec", "source")).isFalse();

    startOperation("charts");
    finishOperation("charts", "Succeeded", "ok");
    StepResult done = run(cfg);
    assertThat(done.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(done.healthCheck().orElseThrow().config().get("apps")).isEqualTo(List.of(
        Map.of("name", "charts", "namespace", NS, "desiredRevisions", List.of("1.1.0", ""))));
  }

  @Test
  void anUpdateMatchingNoSourceErrorsWithoutChangingTheApp() {
    argo.put(Apps.multi(NS, "charts", Apps.AUTHORIZED));
    Map<String, Object> before = argo.app(NS, "charts");
    assertThatThrownBy(() -> run(byName("charts", Map.of("repoURL", "https://charts.example.com",
        "chart", "other", "helm", Map.of("images", List.of(Map.of("key", "k", "value", "v")))))))
        .hasMessage("error building desired sources for Argo CD Application 'charts' in namespace 'argocd': "
            + "no source of Argo CD Application 'charts' in namespace 'argocd' matched the update for source "
            + "with repoURL https://charts.example.com and chart 'other'; an update matches a source with the "
            + "same repoURL and chart, compared exactly");
    assertThat(argo.app(NS, "charts")).isEqualTo(before);
  }

  @Test
  void aMissingApplicationAndAForbiddenSyncAreErrors() {
    assertThatThrownBy(() -> run(byName("nope", Map.of("repoURL", REPO))))
        .isInstanceOf(ArgoCdException.class)
        .hasMessageContaining("error finding Argo CD Application 'nope' in namespace 'argocd'")
        .hasMessageContaining("permission denied (403 Forbidden)")
        .hasMessageContaining("when that Application does not exist");

    argo.put(Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of()));
    argo.token("read-and-update", "ci", "get", "update");
    ArgoCdClient limited = ArgoCdClients.apiServer().server(argo.address()).plaintext(true)
        .authToken("read-and-update").build();
    assertThatThrownBy(() -> kit(byName("guestbook", Map.of("repoURL", REPO)))
        .capability(ArgoCdClient.CAPABILITY, limited).run())
        .isInstanceOf(ArgoCdException.class)
        .hasMessageContaining("error syncing Argo CD Application 'guestbook' in namespace 'argocd'")
        .hasMessageContaining("POST /api/v1/applications/guestbook/sync")
        .hasMessageContaining("403")
        .hasMessageContaining("permission denied: applications, sync, default/guestbook, sub: ci")
        .satisfies(e -> assertThat(((ArgoCdException) e).statusCode()).isEqualTo(403));
  }

  @Test
  void keepsReturningRunningWhileWaitingAndMeasuresTimeWithTheStepsClock() {
    ArgoCdUpdater runner = new ArgoCdUpdater(NS);
    assertThat(runner.defaultTimeout()).contains(Duration.ofMinutes(5));
    argo.put(Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of()));
    Map<String, Object> cfg = byName("guestbook", Map.of("repoURL", REPO));
    Instant stepStarted = clock.instant();
    run(cfg);
    startOperation("guestbook"); // Argo CD records startedAt by the same (test) clock

    Duration waited = Duration.ZERO;
    while (waited.compareTo(runner.defaultTimeout().orElseThrow()) <= 0) {
      clock.advance(Duration.ofSeconds(30));
      waited = Duration.between(stepStarted, clock.instant());
      StepResult r = run(cfg);
      assertThat(r.status()).isEqualTo(PromotionStepStatus.RUNNING);
      assertThat(r.retryAfter()).isEqualTo(ArgoCdUpdater.POLL_INTERVAL);
      // elapsed time comes from the injected clock (2030), not from the system clock
      long s = waited.getSeconds();
      assertThat(r.message()).contains("(Running for " + (s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s") + ")");
    }
    // by now the engine, checking retry.timeout against startedAt with the same clock, times the step out
    assertThat(waited).isGreaterThan(runner.defaultTimeout().orElseThrow());
    assertThat(argo.count("POST")).isEqualTo(1);
  }

  @Test
  void theConfigIsValidatedStrictly() {
    assertThatThrownBy(() -> run(Map.of("apps", List.of())))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("apps: must have at least 1 item");
    assertThatThrownBy(() -> run(Map.of("apps", List.of(Map.of("name", "a",
        "selector", Map.of("matchLabels", Map.of("x", "y")))))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("name, selector: exactly one must be set");
    assertThatThrownBy(() -> run(Map.of("apps", List.of(Map.of("namespace", "argocd")))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("exactly one must be set, none is");
    assertThatThrownBy(() -> run(byName("a", Map.of("repoURL", REPO, "updateTargetRevision", true))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("updateTargetRevision: true requires desiredRevision");
    assertThatThrownBy(() -> run(byName("a", Map.of("repoURL", REPO, "revision", "x"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("steps[argocd-update].config.apps[0].sources[0].revision: unknown field");
    assertThatThrownBy(() -> run(byName("a", Map.of("repoURL", REPO, "kustomize",
        Map.of("images", List.of(Map.of("repoURL", "nginx", "tag", "1", "digest", "sha256:1")))))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("tag, digest: at most one may be set");
    assertThatThrownBy(() -> run(Map.of("apps", List.of(Map.of("selector", Map.of())))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("a selector needs at least one criterion");
    assertThatThrownBy(() -> run(Map.of("apps", List.of(Map.of("selector", Map.of("matchExpressions",
        List.of(Map.of("key", "a", "operator", "Like"))))))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("operator: 'Like' is not allowed; allowed: DoesNotExist, Exists, In, NotIn");
    assertThatThrownBy(() -> run(byName("a", Map.of("repoURL", REPO, "helm", Map.of("images", List.of(Map.of("key", "k")))))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("value: required field is missing");
    assertThat(argo.requests()).isEmpty();
  }

  @Test
  void aPersonsPromotionAndTheDefaultNamespace() {
    argo.put(Apps.git("gitops", "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of()));
    StepResult r = StepTestKit.forRunner(new ArgoCdUpdater("gitops")).workDir(work).project(Apps.PROJECT)
        .stage(Apps.STAGE).promotion(PROMOTION).actor("alice@example.com").clock(clock)
        .capability(ArgoCdClient.CAPABILITY, client).config(byName("guestbook", Map.of("repoURL", REPO))).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(r.output()).isEqualTo(Map.of("apps", List.of(Map.of("name", "guestbook", "namespace", "gitops"))));
    // through the API server the initiator is the token's subject; the Kubernetes path records the actor
    assertThat(Json.str(argo.app("gitops", "guestbook"), "operation", "initiatedBy", "username")).isEqualTo("kargo");
  }
}
