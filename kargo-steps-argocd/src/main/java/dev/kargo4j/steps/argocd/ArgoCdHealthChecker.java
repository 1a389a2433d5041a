package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.HealthCheckContext;
import dev.kargo4j.core.spi.HealthChecker;
import dev.kargo4j.core.spi.HealthResult;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.steps.argocd.internal.AppView;
import dev.kargo4j.steps.argocd.internal.DefaultNamespace;
import dev.kargo4j.steps.argocd.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code argocd-update} health check that a Stage re-runs after a promotion, with Kargo's
 * rules ({@code pkg/health/checker/builtin/argocd.go}), per Application:
 * <ol>
 *   <li>missing (or unreadable) → Unknown;</li>
 *   <li>{@code reconciledAt} missing or before the last operation's {@code finishedAt} → a hard
 *       refresh is requested, Unknown;</li>
 *   <li>a {@code ComparisonError} or {@code InvalidSpecError} condition → Unhealthy;</li>
 *   <li>only if a desired revision is set: an operation in progress → Unknown; a synced revision
 *       other than the desired one → Unhealthy;</li>
 *   <li>health Healthy → Healthy; Progressing, empty or Suspended → Progressing; anything else
 *       → Unhealthy.</li>
 * </ol>
 * The result is the worst of all Applications; its output lists each Application's sanitized
 * status under {@code applicationStatuses}. Needs {@link ArgoCdClient#CAPABILITY}. Thread-safe.
 */
public final class ArgoCdHealthChecker implements HealthChecker {

  private static final List<String> ERROR_CONDITIONS = List.of("ComparisonError", "InvalidSpecError");

  private final String defaultNamespace;

  /** A checker whose default namespace is env {@code ARGOCD_NAMESPACE}, else {@code argocd}. */
  public ArgoCdHealthChecker() {
    this(DefaultNamespace.from(System::getenv));
  }

  /** A checker with the given default namespace. */
  public ArgoCdHealthChecker(String defaultNamespace) {
    this.defaultNamespace = Objects.requireNonNull(defaultNamespace, "defaultNamespace");
  }

  @Override
  public String kind() {
    return ArgoCdUpdater.KIND;
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(ArgoCdClient.CAPABILITY);
  }

  private record Assessment(HealthState status, List<String> issues) {
    static Assessment of(HealthState status, String... issues) {
      return new Assessment(status, List.of(issues));
    }
  }

  @Override
  public HealthResult check(HealthCheckContext ctx) {
    ArgoCdHealthInput input;
    try {
      input = ctx.config(ArgoCdHealthInput.class);
    } catch (RuntimeException e) {
      return HealthResult.of(HealthState.UNKNOWN,
          "could not convert opaque input into argocd-update health check input: " + e.getMessage());
    }
    ArgoCdClient client = ctx.capability(ArgoCdClient.CAPABILITY);
    HealthState status = HealthState.HEALTHY;
    List<String> issues = new ArrayList<>();
    List<Object> statuses = new ArrayList<>();
    for (ArgoCdHealthInput.App check : input.apps()) {
      String namespace = check.namespace() == null || check.namespace().isEmpty()
          ? defaultNamespace : check.namespace();
      Map<String, Object> appStatus = new LinkedHashMap<>();
      appStatus.put("Namespace", namespace);
      appStatus.put("Name", check.name());
      Assessment a = assess(ctx, client, namespace, check, appStatus);
      status = status.merge(a.status());
      issues.addAll(a.issues());
      statuses.add(appStatus);
    }
    return new HealthResult(status, issues, Map.of("applicationStatuses", statuses));
  }

  private Assessment assess(HealthCheckContext ctx, ArgoCdClient client, String namespace,
      ArgoCdHealthInput.App check, Map<String, Object> appStatus) {
    String where = "Argo CD Application '" + check.name() + "' in namespace '" + namespace + "'";
    appStatus.put("health", Map.of("status", "Unknown"));
    appStatus.put("sync", Map.of("status", "Unknown"));
    Optional<ArgoCdApplication> found;
    try {
      found = client.get(namespace, check.name());
    } catch (ArgoCdException e) {
      return Assessment.of(HealthState.UNKNOWN, "error finding " + where + ": " + e.getMessage());
    }
    if (found.isEmpty()) {
      return Assessment.of(HealthState.UNKNOWN, "unable to find " + where);
    }
    AppView app = new AppView(found.get());
    appStatus.remove("health");
    appStatus.remove("sync");
    appStatus.putAll(app.sanitizedStatus());

    if (app.reconciledBeforeLastOperation()) {
      try {
        client.refresh(namespace, check.name());
      } catch (ArgoCdException e) {
        ctx.logger().warn("failed to request a hard refresh of {}: {}", where, e.getMessage());
      }
      return Assessment.of(HealthState.UNKNOWN, where + " was not reconciled after its most recent "
          + "operation completed; Application health status not trusted");
    }
    List<String[]> errors = app.conditions(ERROR_CONDITIONS);
    if (!errors.isEmpty()) {
      List<String> issues = new ArrayList<>();
      for (String[] c : errors) {
        issues.add(where + " has '" + c[0] + "' condition: " + c[1]);
      }
      return new Assessment(HealthState.UNHEALTHY, issues);
    }
    Assessment sync = syncHealth(app, check.desiredRevisions(), where);
    if (sync != null) {
      return sync;
    }
    String health = app.healthStatus();
    return switch (health) {
      case "Healthy" -> Assessment.of(HealthState.HEALTHY);
      case "Progressing", "" -> Assessment.of(HealthState.PROGRESSING, where + " is progressing");
      case "Suspended" -> Assessment.of(HealthState.PROGRESSING, where + " is suspended");
      default -> Assessment.of(HealthState.UNHEALTHY, where + " has health state '" + health + "'");
    };
  }

  /** The verdict of the sync rules, or null when they do not object. */
  private static Assessment syncHealth(AppView app, List<String> desired, String where) {
    if (desired.stream().allMatch(String::isEmpty)) {
      return null;
    }
    if (app.syncRequested() || !app.hasOperationState() || app.operationFinishedAt() == null) {
      return Assessment.of(HealthState.UNKNOWN, where + " is being synced");
    }
    List<Map<String, Object>> sources = app.sources();
    if (sources.size() != desired.size()) {
      return Assessment.of(HealthState.UNKNOWN, where + " has " + sources.size() + " sources but "
          + desired.size() + " desired revisions");
    }
    List<String> observed = app.syncedRevisions();
    if (observed.size() != desired.size()) {
      return Assessment.of(HealthState.UNKNOWN, where + " has " + observed.size()
          + " observed revisions but " + desired.size() + " desired revisions");
    }
    List<String> issues = new ArrayList<>();
    for (int i = 0; i < observed.size(); i++) {
      if (!desired.get(i).isEmpty() && !observed.get(i).equals(desired.get(i))) {
        issues.add("Source " + i + " with RepoURL " + Json.str(sources.get(i), "repoURL") + " of Application '"
            + app.name() + "' in namespace '" + app.namespace() + "' does not match the desired revision '"
            + desired.get(i) + "'.");
      }
    }
    if (!issues.isEmpty()) {
      return Assessment.of(HealthState.UNHEALTHY, "Not all sources of Application '" + app.name()
          + "' in namespace '" + app.namespace() + "' are synced to the desired revisions. Issues: "
          + String.join("; ", issues));
    }
    return null;
  }
}
