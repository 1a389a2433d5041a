package dev.kargo4j.steps.argocd.internal;

import dev.kargo4j.steps.argocd.ArgoCdApplication;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reading of the Application fields the steps and the health check use
 * ({@code pkg/apis/application/v1alpha1/types.go} names). Absent fields read as empty values.
 * Immutable and thread-safe.
 */
public final class AppView {
  private final ArgoCdApplication app;
  private final Map<String, Object> r;

  public AppView(ArgoCdApplication app) {
    this.app = app;
    this.r = app.resource();
  }

  public ArgoCdApplication app() {
    return app;
  }

  public String name() {
    return app.name();
  }

  public String namespace() {
    return app.namespace();
  }

  /** True when {@code spec.sources} is used (multi-source Application). */
  public boolean multiSource() {
    return !Json.list(r, "spec", "sources").isEmpty();
  }

  /**
   * The sources, in order: {@code spec.sources}, or the single {@code spec.source}, or none.
   * Each is a mutable deep copy.
   */
  public List<Map<String, Object>> sources() {
    List<Map<String, Object>> out = new ArrayList<>();
    List<Object> multi = Json.list(r, "spec", "sources");
    if (!multi.isEmpty()) {
      for (Object s : multi) {
        out.add(Json.mutableCopy(Json.map(s)));
      }
    } else if (Json.has(r, "spec", "source")) {
      out.add(Json.mutableCopy(Json.map(r, "spec", "source")));
    }
    return out;
  }

  /** {@code spec.syncPolicy.syncOptions}. */
  public List<String> syncOptions() {
    return Json.strings(r, "spec", "syncPolicy", "syncOptions");
  }

  /** {@code spec.syncPolicy.retry}, or null. */
  public Map<String, Object> retry() {
    return Json.has(r, "spec", "syncPolicy", "retry") ? Json.map(r, "spec", "syncPolicy", "retry") : null;
  }

  /** True when an {@code operation} is set (requested and not yet picked up, or running). */
  public boolean operationRequested() {
    return Json.has(r, "operation");
  }

  /** True when the requested {@code operation} has a {@code sync} part. */
  public boolean syncRequested() {
    return Json.has(r, "operation", "sync");
  }

  /** The value of the requested operation's info entry {@code name}, or null. */
  public String requestedOperationInfo(String name) {
    return info(Json.list(r, "operation", "info"), name);
  }

  /** True when {@code status.operationState} is present. */
  public boolean hasOperationState() {
    return Json.has(r, "status", "operationState");
  }

  public String operationPhase() {
    return Json.str(r, "status", "operationState", "phase");
  }

  public String operationMessage() {
    return Json.str(r, "status", "operationState", "message");
  }

  /** {@code status.operationState.finishedAt}, or null. */
  public Instant operationFinishedAt() {
    return Json.time(r, "status", "operationState", "finishedAt");
  }

  /** {@code status.operationState.operation.initiatedBy.username}. */
  public String operationInitiator() {
    return Json.str(r, "status", "operationState", "operation", "initiatedBy", "username");
  }

  /** True when the current operation carries a {@code kargo.akuity.io/promotion} info entry. */
  public boolean operationStartedByKargo() {
    for (Object i : Json.list(r, "status", "operationState", "operation", "info")) {
      if (ArgoCdFields.PROMOTION_INFO.equals(Json.str(i, "name"))) {
        return true;
      }
    }
    return false;
  }

  /** The value of the current operation's info entry {@code name}, or null. */
  public String operationInfo(String name) {
    return info(Json.list(r, "status", "operationState", "operation", "info"), name);
  }

  /** True when {@code status.operationState.syncResult} is present. */
  public boolean hasSyncResult() {
    return Json.has(r, "status", "operationState", "syncResult");
  }

  /** {@code syncResult.revisions}, or the single {@code syncResult.revision} when that is empty. */
  public List<String> syncResultRevisions() {
    List<String> revs = Json.strings(r, "status", "operationState", "syncResult", "revisions");
    return revs.isEmpty() ? List.of(Json.str(r, "status", "operationState", "syncResult", "revision")) : revs;
  }

  /** {@code status.sync.revisions}, or the single {@code status.sync.revision} when that is empty. */
  public List<String> syncedRevisions() {
    List<String> revs = Json.strings(r, "status", "sync", "revisions");
    return revs.isEmpty() ? List.of(Json.str(r, "status", "sync", "revision")) : revs;
  }

  /** {@code status.sync.status}, e.g. Synced, OutOfSync. */
  public String syncStatus() {
    return Json.str(r, "status", "sync", "status");
  }

  /** {@code status.health.status}, e.g. Healthy, Progressing, Degraded. */
  public String healthStatus() {
    return Json.str(r, "status", "health", "status");
  }

  /** {@code status.reconciledAt}, or null. */
  public Instant reconciledAt() {
    return Json.time(r, "status", "reconciledAt");
  }

  /** {@code status.conditions} whose type is one of {@code types}, as (type, message) pairs. */
  public List<String[]> conditions(List<String> types) {
    List<String[]> out = new ArrayList<>();
    for (Object c : Json.list(r, "status", "conditions")) {
      String type = Json.str(c, "type");
      if (types.contains(type)) {
        out.add(new String[] {type, Json.str(c, "message")});
      }
    }
    return out;
  }

  /**
   * True when health was assessed before the last operation finished: an operation has a
   * {@code finishedAt} and {@code reconciledAt} is missing or earlier.
   */
  public boolean reconciledBeforeLastOperation() {
    Instant finished = operationFinishedAt();
    if (!hasOperationState() || finished == null) {
      return false;
    }
    Instant reconciled = reconciledAt();
    return reconciled == null || reconciled.isBefore(finished);
  }

  /** The sanitized {@code status}: without {@code reconciledAt} and condition transition times. */
  public Map<String, Object> sanitizedStatus() {
    Map<String, Object> status = Json.mutableCopy(Json.map(r, "status"));
    status.remove("reconciledAt");
    if (status.get("conditions") instanceof List<?> conds) {
      for (Object c : conds) {
        if (c instanceof Map<?, ?> m) {
          m.remove("lastTransitionTime");
        }
      }
    }
    return status;
  }

  private static String info(List<Object> entries, String name) {
    for (Object i : entries) {
      if (name.equals(Json.str(i, "name"))) {
        return Json.str(i, "value");
      }
    }
    return null;
  }
}
