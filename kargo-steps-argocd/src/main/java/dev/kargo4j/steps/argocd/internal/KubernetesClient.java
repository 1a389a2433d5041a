package dev.kargo4j.steps.argocd.internal;

import dev.kargo4j.steps.argocd.ApplicationPatch;
import dev.kargo4j.steps.argocd.ArgoCdAppSelector;
import dev.kargo4j.steps.argocd.ArgoCdApplication;
import dev.kargo4j.steps.argocd.ArgoCdClient;
import dev.kargo4j.steps.argocd.ArgoCdException;
import dev.kargo4j.steps.argocd.SyncOperation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ArgoCdClient} over the Kubernetes API, reading and merge-patching
 * {@code applications.argoproj.io} custom resources under
 * {@code /apis/argoproj.io/v1alpha1/namespaces/{ns}/applications}, as Kargo's controller does.
 * A sync writes the {@code operation} field and clears {@code status.operationState} (the
 * workaround Kargo applies for argo-cd#20875), then records an {@code OperationStarted} event
 * as the Argo CD API server would. Thread-safe.
 */
public final class KubernetesClient implements ArgoCdClient {
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesClient.class);
  private static final String MERGE_PATCH = "application/merge-patch+json";
  /** The name Kargo's controller records as the initiator of the events it writes. */
  private static final String EVENT_USER = "kargo-controller";

  private final JsonHttp http;

  public KubernetesClient(JsonHttp http) {
    this.http = http;
  }

  private static String collection(String namespace) {
    return "/apis/argoproj.io/v1alpha1/namespaces/" + JsonHttp.segment(namespace) + "/applications";
  }

  private static String item(String namespace, String name) {
    return collection(namespace) + "/" + JsonHttp.segment(name);
  }

  @Override
  public Optional<ArgoCdApplication> get(String namespace, String name) {
    String path = item(namespace, name);
    JsonHttp.Response r = http.send("GET", path, null, null);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (!r.ok()) {
      throw http.failure("GET", path, r, null);
    }
    return Optional.of(http.application(http.parse(r, "GET", path), namespace));
  }

  @Override
  public List<ArgoCdApplication> list(String namespace, ArgoCdAppSelector selector) {
    String path = collection(namespace) + "?labelSelector=" + JsonHttp.query(selector.toQuery());
    Map<String, Object> body = http.sendForObject("GET", path, null, null);
    List<ArgoCdApplication> apps = new ArrayList<>();
    for (Object item : Json.list(body, "items")) {
      apps.add(http.application(Json.map(item), namespace));
    }
    return apps;
  }

  @Override
  public ArgoCdApplication patch(String namespace, String name, ApplicationPatch patch) {
    return mergePatch(namespace, name, patch.toMergePatch());
  }

  @Override
  public ArgoCdApplication sync(String namespace, String name, SyncOperation operation) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("initiatedBy", Map.of("username", operation.username(), "automated", operation.automated()));
    List<Object> info = new ArrayList<>();
    for (SyncOperation.Info i : operation.info()) {
      info.add(Map.of("name", i.name(), "value", i.value()));
    }
    op.put("info", info);
    Map<String, Object> sync = new LinkedHashMap<>();
    if (!operation.syncOptions().isEmpty()) {
      sync.put("syncOptions", operation.syncOptions());
    }
    op.put("sync", sync);
    if (operation.retry() != null) {
      op.put("retry", operation.retry());
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("operationState", null);
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("operation", op);
    patch.put("status", status);
    ArgoCdApplication app = mergePatch(namespace, name, patch);
    recordOperationStarted(app, operation.requestedAt());
    return app;
  }

  @Override
  public void refresh(String namespace, String name) {
    mergePatch(namespace, name, Map.of("metadata",
        Map.of("annotations", Map.of(ArgoCdFields.REFRESH_ANNOTATION, "hard"))));
  }

  private ArgoCdApplication mergePatch(String namespace, String name, Map<String, Object> patch) {
    String path = item(namespace, name);
    JsonHttp.Response r = http.send("PATCH", path, patch, MERGE_PATCH);
    if (!r.ok()) {
      throw http.failure("PATCH", path, r, r.status() == 404
          ? "Application '" + name + "' does not exist in namespace '" + namespace + "'" : null);
    }
    return http.application(http.parse(r, "PATCH", path), namespace);
  }

  /** Mirrors the event the Argo CD API server logs when a sync starts; failures are logged only. */
  private void recordOperationStarted(ArgoCdApplication app, Instant at) {
    String message = EVENT_USER + " " + syncMessage(app);
    String time = at.truncatedTo(ChronoUnit.SECONDS).toString();
    long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    Map<String, Object> involved = new LinkedHashMap<>();
    involved.put("apiVersion", "argoproj.io/v1alpha1");
    involved.put("kind", "Application");
    involved.put("namespace", app.namespace());
    involved.put("name", app.name());
    Object uid = Json.map(app.resource(), "metadata").get("uid");
    if (uid != null) {
      involved.put("uid", uid);
    }
    if (app.resourceVersion() != null) {
      involved.put("resourceVersion", app.resourceVersion());
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("apiVersion", "v1");
    event.put("kind", "Event");
    event.put("source", Map.of("component", EVENT_USER));
    event.put("involvedObject", involved);
    event.put("firstTimestamp", time);
    event.put("lastTimestamp", time);
    event.put("count", 1);
    event.put("message", message);
    event.put("type", "Normal");
    event.put("reason", "OperationStarted");
    String path = "/api/v1/namespaces/" + JsonHttp.segment(app.namespace()) + "/events";
    try {
      // names are made unique by the time; a step clock standing still must not lose the event
      for (int attempt = 0; attempt < 5; attempt++) {
        event.put("metadata", Map.of(
            "name", app.name() + "." + Long.toHexString(nanos + attempt),
            "namespace", app.namespace(),
            "annotations", Map.of("user", EVENT_USER)));
        JsonHttp.Response r = http.send("POST", path, event, "application/json");
        if (r.ok()) {
          return;
        }
        if (r.status() != 409) {
          LOG.warn("could not record an OperationStarted event for Application {}: {}", app.key(),
              http.failure("POST", path, r, null).getMessage());
          return;
        }
      }
      LOG.warn("could not record an OperationStarted event for Application {}: names already taken", app.key());
    } catch (ArgoCdException e) {
      LOG.warn("could not record an OperationStarted event for Application {}: {}", app.key(), e.getMessage());
    }
  }

  /** "initiated sync to <targetRevision>", or "... to N sources", as Kargo words it. */
  static String syncMessage(ArgoCdApplication app) {
    List<Object> sources = Json.list(app.resource(), "spec", "sources");
    if (sources.size() == 1) {
      return "initiated sync to " + Json.str(sources.get(0), "targetRevision");
    }
    if (sources.size() > 1) {
      return "initiated sync to " + sources.size() + " sources";
    }
    if (Json.has(app.resource(), "spec", "source")) {
      return "initiated sync to " + Json.str(app.resource(), "spec", "source", "targetRevision");
    }
    return "initiated sync";
  }

  @Override
  public String toString() {
    return "ArgoCdClient[" + http.peer() + "]";
  }
}
