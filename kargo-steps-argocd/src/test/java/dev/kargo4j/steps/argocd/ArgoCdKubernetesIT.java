package dev.kargo4j.steps.argocd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.HealthResult;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.steps.argocd.internal.Json;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes-API path against fabric8's kubernetes-server-mock in CRUD mode: Application
 * custom resources are stored, listed by label selector and merge-patched by a real (mock) API
 * server; the test plays Argo CD's controller by writing status through fabric8's own client.
 */
class ArgoCdKubernetesIT {
  static final String NS = "argocd";
  static final String REPO = "https://git.example.com/acme/gitops.git";
  static final String PROMOTION = "test.01j9x0v7k8.def5678";
  static final String TOKEN = "kube-sa-token-3b7e0c2a91";
  static final CustomResourceDefinitionContext APPS = new CustomResourceDefinitionContext.Builder()
      .withGroup("argoproj.io").withVersion("v1alpha1").withPlural("applications").withKind("Application")
      .withScope("Namespaced").build();

  @TempDir Path work;
  MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  KubernetesMockServer server;
  NamespacedKubernetesClient kube;
  ArgoCdClient client;
  ArgoCdControllerSim controller = new ArgoCdControllerSim();

  @BeforeEach
  void start() throws Exception {
    server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of(APPS)), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    kube = server.createClient();
    Path kubeconfig = work.resolve("kubeconfig");
    Files.writeString(kubeconfig, """
        apiVersion: v1
        kind: Config
        current-context: mock
        clusters:
        - name: mock
          cluster:
            server: %s
        contexts:
        - name: mock
          context: {cluster: mock, user: kargo, namespace: argocd}
        users:
        - name: kargo
          user:
            token: %s
        """.formatted(server.url("/").replaceAll("/$", ""), TOKEN));
    client = ArgoCdClients.kubernetes().kubeconfig(kubeconfig).build();
  }

  @AfterEach
  void stop() {
    kube.close();
    server.destroy();
  }

  void put(Map<String, Object> app) {
    Map<String, Object> copy = Json.mutableCopy(app);
    GenericKubernetesResource r = kube.getKubernetesSerialization().convertValue(copy, GenericKubernetesResource.class);
    kube.genericKubernetesResources(APPS)
        .inNamespace(NS).resource(r).create();
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> app(String name) {
    GenericKubernetesResource r = kube.genericKubernetesResources(APPS).inNamespace(NS).withName(name).get();
    return r == null ? null : kube.getKubernetesSerialization().convertValue(r, Map.class);
  }

  /** Argo CD's controller at work: read, change, write back. */
  void update(String name, Consumer<Map<String, Object>> change) {
    Map<String, Object> a = Json.mutableCopy(app(name));
    change.accept(a);
    GenericKubernetesResource r = kube.getKubernetesSerialization().convertValue(a, GenericKubernetesResource.class);
    kube.genericKubernetesResources(APPS).inNamespace(NS).resource(r).update();
  }

  StepTestKit kit(Map<String, ?> config, String actor) {
    return StepTestKit.forRunner(new ArgoCdUpdater(NS)).workDir(work).project(Apps.PROJECT).stage(Apps.STAGE)
        .promotion(PROMOTION).actor(actor).clock(clock).capability(ArgoCdClient.CAPABILITY, client).config(config);
  }

  static Map<String, Object> byName(String name, Map<String, Object> source) {
    return Map.of("apps", List.of(Map.of("name", name, "sources", List.of(source))));
  }

  @Test
  void updatesSyncsAndWaitsThroughTheKubernetesApi() {
    put(Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of("team", "web")));
    Map<String, Object> cfg = byName("guestbook", Map.of("repoURL", REPO, "desiredRevision", "abc123",
        "updateTargetRevision", true, "kustomize", Map.of("images", List.of(Map.of("repoURL", "nginx", "tag", "1.27")))));

    StepResult first = kit(cfg, "alice@example.com").run();

    assertThat(first.status()).isEqualTo(PromotionStepStatus.RUNNING);
    Map<String, Object> app = app("guestbook");
    assertThat(Json.map(app, "spec", "source")).containsEntry("targetRevision", "abc123")
        .containsEntry("path", "env/guestbook").containsEntry("kustomize", Map.of("images", List.of("nginx:1.27")));
    assertThat(Json.map(app, "metadata", "annotations")).containsEntry("argocd.argoproj.io/refresh", "hard")
        .containsEntry("team", "platform");
    assertThat(Json.map(app, "operation", "initiatedBy"))
        .isEqualTo(Map.of("username", "alice@example.com", "automated", false));
    assertThat(Json.list(app, "operation", "info")).containsExactly(
        Map.of("name", "Reason", "value", "Promotion triggered a sync of this Application resource."),
        Map.of("name", "kargo.akuity.io/promotion", "value", PROMOTION));
    assertThat(Json.strings(app, "operation", "sync", "syncOptions")).containsExactly("CreateNamespace=true");
    assertThat(Json.map(app, "operation", "retry")).containsEntry("limit", 2);
    assertThat(Json.has(app, "status", "operationState")).isFalse();

    List<Event> events = kube.v1().events().inNamespace(NS).list().getItems();
    assertThat(events).hasSize(1);
    Event e = events.get(0);
    assertThat(e.getReason()).isEqualTo("OperationStarted");
    assertThat(e.getMessage()).isEqualTo("kargo-controller initiated sync to abc123");
    assertThat(e.getInvolvedObject().getName()).isEqualTo("guestbook");
    assertThat(e.getInvolvedObject().getKind()).isEqualTo("Application");
    // the event's time is the step's clock, not the machine's
    assertThat(e.getFirstTimestamp()).isEqualTo("2030-01-01T00:00:00Z");

    assertThat(kit(cfg, "alice@example.com").run().status()).isEqualTo(PromotionStepStatus.RUNNING);
    update("guestbook", a -> controller.start(a, clock.instant()));
    clock.advance(Duration.ofSeconds(90));
    StepResult running = kit(cfg, "alice@example.com").run();
    assertThat(running.message()).contains("argocd/guestbook (Running for 1m30s)");
    update("guestbook", a -> controller.finish(a, clock.instant(), "Succeeded", "successfully synced"));

    StepResult done = kit(cfg, "alice@example.com").run();
    assertThat(done.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(done.healthCheck().orElseThrow().config()).isEqualTo(Map.of("apps", List.of(
        Map.of("name", "guestbook", "namespace", NS, "desiredRevisions", List.of("abc123")))));
    assertThat(kube.v1().events().inNamespace(NS).list().getItems()).hasSize(1);

    // the health check, stale until Argo CD reconciles after the operation
    ArgoCdHealthChecker checker = new ArgoCdHealthChecker(NS);
    HealthResult stale = checker.check(new TestHealthContext(done.healthCheck().orElseThrow().config(), client, clock));
    assertThat(stale.status()).isEqualTo(HealthState.UNKNOWN);
    assertThat(Json.map(app("guestbook"), "metadata", "annotations")).containsEntry("argocd.argoproj.io/refresh", "hard");
    update("guestbook", a -> controller.reconcile(a, clock.instant(), "Healthy"));
    HealthResult healthy = checker.check(new TestHealthContext(done.healthCheck().orElseThrow().config(), client, clock));
    assertThat(healthy.status()).isEqualTo(HealthState.HEALTHY);
    assertThat(Json.map(app("guestbook"), "metadata", "annotations")).doesNotContainKey("argocd.argoproj.io/refresh");
  }

  @Test
  void resyncsWhenTheSyncedRevisionDiffersAndRecordsTheControllerWithoutAnActor() {
    put(Apps.git(NS, "guestbook", REPO, "main", Apps.AUTHORIZED, Map.of()));
    Map<String, Object> cfg = byName("guestbook", Map.of("repoURL", REPO, "desiredRevision", "def456"));
    controller.resolve(REPO, "main", "old111");
    kit(cfg, "").run();
    assertThat(Json.map(app("guestbook"), "operation", "initiatedBy"))
        .isEqualTo(Map.of("username", "kargo-controller", "automated", true));
    update("guestbook", a -> controller.start(a, clock.instant()));
    update("guestbook", a -> controller.finish(a, clock.instant(), "Succeeded", "ok"));

    assertThat(kit(cfg, "").run().status()).isEqualTo(PromotionStepStatus.RUNNING);
    Map<String, Object> app = app("guestbook");
    assertThat(Json.has(app, "operation")).isTrue();
    assertThat(Json.has(app, "status", "operationState")).isFalse(); // cleared, as Kargo does for argo-cd#20875
    assertThat(kube.v1().events().inNamespace(NS).list().getItems()).hasSize(2);

    controller.resolve(REPO, "main", "def456");
    update("guestbook", a -> controller.start(a, clock.instant()));
    update("guestbook", a -> controller.finish(a, clock.instant(), "Succeeded", "ok"));
    assertThat(kit(cfg, "").run().status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
  }

  @Test
  void unauthorisedAndIncompatibleApplicationsAreLeftAlone() {
    put(Apps.git(NS, "web-a", REPO, "main", Apps.AUTHORIZED, Map.of("team", "web")));
    put(Apps.git(NS, "web-b", "https://git.example.com/acme/other.git", "main", Apps.AUTHORIZED, Map.of("team", "web")));
    put(Apps.git(NS, "web-c", REPO, "main", "kargo-demo:prod", Map.of("team", "web")));
    Map<String, Map<String, Object>> before = Map.of("web-a", app("web-a"), "web-b", app("web-b"), "web-c", app("web-c"));
    Map<String, Object> cfg = Map.of("apps", List.of(Map.of("selector", Map.of("matchLabels", Map.of("team", "web")),
        "sources", List.of(Map.of("repoURL", REPO, "desiredRevision", "abc123", "updateTargetRevision", true)))));

    assertThatThrownBy(() -> kit(cfg, "").run()).isInstanceOf(ArgoCdException.class)
        .hasMessageContaining("1 incompatible. No Applications were updated");
    assertThatThrownBy(() -> kit(byName("web-c", Map.of("repoURL", REPO)), "").run())
        .isInstanceOf(ArgoCdException.class).hasMessageContaining("is not authorized");
    before.forEach((name, app) -> assertThat(app(name)).isEqualTo(app));
    assertThat(kube.v1().events().inNamespace(NS).list().getItems()).isEmpty();

    // with the incompatible one relabelled, the selector updates web-a only (web-c is not authorized)
    update("web-b", a -> ArgoCdControllerSim.child(a, "metadata").put("labels", Map.of("team", "web", "legacy", "yes")));
    // (the mock understands =, !=, key and !key but not set-based in/notin requirements)
    Map<String, Object> selector = Map.of("matchLabels", Map.of("team", "web"), "matchExpressions", List.of(
        Map.of("key", "legacy", "operator", "DoesNotExist"), Map.of("key", "team", "operator", "Exists")));
    Map<String, Object> expr = Map.of("apps", List.of(Map.of("selector", selector,
        "sources", List.of(Map.of("repoURL", REPO, "desiredRevision", "abc123", "updateTargetRevision", true)))));
    StepResult r = kit(expr, "").run();
    assertThat(r.output()).isEqualTo(Map.of("apps", List.of(Map.of("name", "web-a", "namespace", NS))));
    assertThat(Json.str(app("web-a"), "spec", "source", "targetRevision")).isEqualTo("abc123");
    assertThat(app("web-c")).isEqualTo(before.get("web-c"));
  }

  @Test
  void waitsAndChecksHealthThroughTheKubernetesApi() {
    Map<String, Object> app = Apps.git(NS, "guestbook", REPO, "main", null, Map.of());
    app.put("operation", Map.of("initiatedBy", Map.of("username", "admin"), "sync", Map.of()));
    put(app);
    Map<String, Object> prev = Map.of();
    StepTestKit wait = StepTestKit.forRunner(new ArgoCdWaiter(NS)).workDir(work).clock(clock)
        .capability(ArgoCdClient.CAPABILITY, client).config(Map.of("apps", List.of(Map.of("name", "guestbook"))));
    StepResult r = wait.previousOutput(prev).run();
    assertThat(r.message()).contains("operation in progress");
    update("guestbook", a -> controller.start(a, clock.instant()));
    clock.advance(Duration.ofSeconds(10));
    update("guestbook", a -> controller.finish(a, clock.instant(), "Succeeded", "ok"));
    r = wait.previousOutput(r.output()).run();
    assertThat(r.message()).contains("hard refresh requested");
    assertThat(Json.map(app("guestbook"), "metadata", "annotations")).containsEntry("argocd.argoproj.io/refresh", "hard");
    update("guestbook", a -> controller.reconcile(a, clock.instant(), "Healthy"));
    r = wait.previousOutput(r.output()).run();
    assertThat(r.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);

    HealthResult missing = new ArgoCdHealthChecker(NS).check(new TestHealthContext(
        Map.of("apps", List.of(Map.of("name", "nope"))), client, clock));
    assertThat(missing.status()).isEqualTo(HealthState.UNKNOWN);
    assertThat(missing.issues()).containsExactly("unable to find Argo CD Application 'nope' in namespace 'argocd'");
    assertThat(client.get(NS, "nope")).isEmpty();
  }
}
