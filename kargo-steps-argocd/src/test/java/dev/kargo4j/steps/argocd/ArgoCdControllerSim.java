package dev.kargo4j.steps.argocd;

import dev.kargo4j.steps.argocd.internal.Json;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Argo CD's application controller visibly does to an Application, driven step by step by
 * a test: it picks up a requested {@code operation} (operationState Running, the operation kept
 * until it completes), finishes it (Succeeded or Failed, with a {@code syncResult} holding the
 * revisions the sources' {@code targetRevision}s resolved to), and reconciles (health and
 * {@code reconciledAt}, clearing the refresh annotation). A test stand-in, not Argo CD.
 */
final class ArgoCdControllerSim {
  private final Map<String, String> resolved = new HashMap<>();

  /** {@code targetRevision} of {@code repoURL} now resolves to {@code revision} (a branch moved). */
  ArgoCdControllerSim resolve(String repoURL, String targetRevision, String revision) {
    resolved.put(repoURL + "@" + targetRevision, revision);
    return this;
  }

  private String revisionOf(Map<String, Object> source) {
    String repo = Json.str(source, "repoURL");
    String target = Json.str(source, "targetRevision");
    return resolved.getOrDefault(repo + "@" + target, target.isEmpty() ? "HEAD" : target);
  }

  static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> child(Map<String, Object> parent, String key) {
    Object v = parent.get(key);
    if (v instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    Map<String, Object> created = new LinkedHashMap<>();
    parent.put(key, created);
    return created;
  }

  /** Picks up the requested operation. */
  void start(Map<String, Object> app, Instant now) {
    if (!(app.get("operation") instanceof Map<?, ?> op)) {
      throw new IllegalStateException("no operation requested on " + Json.str(app, "metadata", "name"));
    }
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("operation", Json.mutableCopy(op));
    state.put("phase", "Running");
    state.put("message", "waiting for healthy state of apps/Deployment/guestbook-ui");
    state.put("startedAt", time(now));
    child(app, "status").put("operationState", state);
  }

  /** Completes the running operation with {@code phase} (Succeeded, Failed or Error). */
  void finish(Map<String, Object> app, Instant now, String phase, String message) {
    Map<String, Object> status = child(app, "status");
    Map<String, Object> state = child(status, "operationState");
    if (!"Running".equals(state.get("phase"))) {
      throw new IllegalStateException("no running operation on " + Json.str(app, "metadata", "name"));
    }
    boolean multi = !Json.list(app, "spec", "sources").isEmpty();
    List<Map<String, Object>> sources = new ArrayList<>();
    if (multi) {
      Json.list(app, "spec", "sources").forEach(s -> sources.add(Json.mutableCopy(Json.map(s))));
    } else {
      sources.add(Json.mutableCopy(Json.map(app, "spec", "source")));
    }
    List<String> revisions = sources.stream().map(this::revisionOf).toList();
    Map<String, Object> syncResult = new LinkedHashMap<>();
    if (multi) {
      syncResult.put("revisions", revisions);
      syncResult.put("sources", sources);
    } else {
      syncResult.put("revision", revisions.get(0));
      syncResult.put("source", sources.get(0));
    }
    state.put("syncResult", syncResult);
    state.put("phase", phase);
    state.put("message", message);
    state.put("finishedAt", time(now));
    Map<String, Object> sync = child(status, "sync");
    if ("Succeeded".equals(phase)) {
      sync.put("status", "Synced");
      if (multi) {
        sync.put("revisions", revisions);
        sync.remove("revision");
      } else {
        sync.put("revision", revisions.get(0));
      }
      child(status, "health").put("status", "Progressing");
    } else {
      sync.put("status", "OutOfSync");
    }
    app.remove("operation");
  }

  /** A reconciliation: health assessed now. */
  void reconcile(Map<String, Object> app, Instant now, String health) {
    Map<String, Object> status = child(app, "status");
    status.put("reconciledAt", time(now));
    child(status, "health").put("status", health);
    Map<String, Object> annotations = child(child(app, "metadata"), "annotations");
    annotations.remove("argocd.argoproj.io/refresh");
  }

  /** Adds a condition, e.g. ComparisonError. */
  static void condition(Map<String, Object> app, String type, String message) {
    Map<String, Object> status = child(app, "status");
    List<Object> conditions = new ArrayList<>(Json.list(status, "conditions"));
    conditions.add(Map.of("type", type, "message", message, "lastTransitionTime", "2030-01-01T00:00:00Z"));
    status.put("conditions", conditions);
  }
}
