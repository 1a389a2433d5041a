package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.steps.argocd.internal.AppView;
import dev.kargo4j.steps.argocd.internal.DefaultNamespace;
import dev.kargo4j.steps.argocd.internal.Durations;
import dev.kargo4j.steps.argocd.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;

/**
 * The {@code argocd-wait} step: waits until Argo CD Applications (by name or label selector)
 * meet the {@code waitFor} conditions, as Kargo's {@code argocdWaiter} does. No authorization
 * annotation is needed and no health check is registered.
 *
 * <ul>
 *   <li>a {@code ComparisonError} or {@code InvalidSpecError} condition fails the step;</li>
 *   <li>{@code operation}: not ready while {@code operation} is set or the last operation has no
 *       {@code finishedAt};</li>
 *   <li>{@code health}, {@code suspended}, {@code degraded} (ORed: Healthy, Suspended,
 *       Degraded) are judged only once {@code reconciledAt} is at or after the last operation's
 *       {@code finishedAt}; before that a hard refresh is requested;</li>
 *   <li>with {@code health}, a move to Degraded from a known state other than Degraded and
 *       Unknown fails the step;</li>
 *   <li>{@code sync}: ready when the sync status is Synced.</li>
 * </ul>
 * The output holds {@code apps[{name,namespace}]}, the last seen {@code healthStatus} of each
 * Application (keyed {@code namespace/name}, read back by the next attempt), and
 * {@code startedAt}, the step's first attempt by the step's clock.
 *
 * <p>Needs {@link ArgoCdClient#CAPABILITY}. Default timeout five minutes. Thread-safe.
 */
public final class ArgoCdWaiter implements StepRunner {

  /** The step kind. */
  public static final String KIND = "argocd-wait";

  /** How long to wait before looking again. */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

  private static final List<String> ERROR_CONDITIONS = List.of("ComparisonError", "InvalidSpecError");

  private final String defaultNamespace;

  /** A runner whose default namespace is env {@code ARGOCD_NAMESPACE}, else {@code argocd}. */
  public ArgoCdWaiter() {
    this(DefaultNamespace.from(System::getenv));
  }

  /** A runner with the given default namespace. */
  public ArgoCdWaiter(String defaultNamespace) {
    this.defaultNamespace = Objects.requireNonNull(defaultNamespace, "defaultNamespace");
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(ArgoCdClient.CAPABILITY);
  }

  @Override
  public Optional<Duration> defaultTimeout() {
    return Optional.of(Duration.ofMinutes(5));
  }

  /** One Application's readiness: ready, or why not, or a failure. */
  private record Readiness(boolean ready, String health, String waitingFor, String failure) {}

  @Override
  public StepResult run(StepContext ctx) {
    ArgoCdWaiterConfig cfg = ctx.config(ArgoCdWaiterConfig.class);
    ArgoCdClient client = ctx.capability(ArgoCdClient.CAPABILITY);
    Logger log = ctx.logger();
    Instant now = ctx.clock().instant();
    Instant startedAt = Json.time(ctx.previousOutput(), "startedAt");
    if (startedAt == null) {
      startedAt = now;
    }
    Map<String, Object> previous = Json.map(ctx.previousOutput(), "healthStatus");
    Map<String, Object> statuses = new LinkedHashMap<>(previous);
    List<Object> resolved = new ArrayList<>();
    List<String> notReady = new ArrayList<>();
    for (ArgoCdWaiterConfig.App spec : cfg.apps()) {
      String namespace = spec.namespace() != null ? spec.namespace() : defaultNamespace;
      for (ArgoCdApplication found : applications(client, spec, namespace)) {
        AppView app = new AppView(found);
        resolved.add(Map.of("name", app.name(), "namespace", app.namespace()));
        String key = found.key();
        Object prev = previous.get(key);
        Readiness r = readiness(client, log, app, spec.waitFor(), prev instanceof String s ? s : "");
        if (!r.health().isEmpty()) {
          statuses.put(key, r.health());
        }
        if (r.failure() != null) {
          return StepResult.failed(r.failure(), output(resolved, statuses, startedAt));
        }
        if (!r.ready()) {
          log.info("Argo CD Application {} is not ready: {}", key, r.waitingFor());
          notReady.add(key + " (" + r.waitingFor() + ")");
        } else {
          log.info("Argo CD Application {} is ready", key);
        }
      }
    }
    Map<String, Object> output = output(resolved, statuses, startedAt);
    if (notReady.isEmpty()) {
      return StepResult.succeeded(output);
    }
    return StepResult.running(POLL_INTERVAL, "waited " + Durations.format(Duration.between(startedAt, now))
        + " for Argo CD Applications: " + String.join(", ", notReady), output);
  }

  private static Map<String, Object> output(List<Object> apps, Map<String, Object> statuses, Instant startedAt) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("apps", apps);
    out.put("healthStatus", statuses);
    out.put("startedAt", startedAt.toString());
    return out;
  }

  private static Readiness readiness(ArgoCdClient client, Logger log, AppView app, List<String> waitFor,
      String prevHealth) {
    String health = app.healthStatus();
    List<String[]> errors = app.conditions(ERROR_CONDITIONS);
    if (!errors.isEmpty()) {
      List<String> issues = new ArrayList<>();
      for (String[] c : errors) {
        issues.add("Argo CD Application '" + app.name() + "' in namespace '" + app.namespace() + "' has '"
            + c[0] + "' condition: " + c[1]);
      }
      return new Readiness(false, health, null, String.join("\n", issues));
    }
    if (waitFor.contains("operation") && operationInProgress(app)) {
      return new Readiness(false, health, "operation in progress", null);
    }
    boolean healthChecked = waitFor.contains("health") || waitFor.contains("suspended")
        || waitFor.contains("degraded");
    if (healthChecked) {
      if (app.reconciledBeforeLastOperation()) {
        try {
          client.refresh(app.namespace(), app.name());
        } catch (ArgoCdException e) {
          log.warn("failed to request a hard refresh of Argo CD Application {}: {}", app.app().key(),
              e.getMessage());
        }
        return new Readiness(false, health,
            "not reconciled since its last operation finished; hard refresh requested", null);
      }
      boolean passed = (waitFor.contains("health") && "Healthy".equals(health))
          || (waitFor.contains("suspended") && "Suspended".equals(health))
          || (waitFor.contains("degraded") && "Degraded".equals(health));
      if (waitFor.contains("health") && "Degraded".equals(health) && !prevHealth.isEmpty()
          && !"Degraded".equals(prevHealth) && !"Unknown".equals(prevHealth)) {
        return new Readiness(false, health, null, "Argo CD Application '" + app.name() + "' in namespace '"
            + app.namespace() + "' health has regressed from " + prevHealth + " to " + health);
      }
      if (!passed) {
        return new Readiness(false, health, "health is " + (health.isEmpty() ? "unknown" : health), null);
      }
    }
    if (waitFor.contains("sync") && !"Synced".equals(app.syncStatus())) {
      return new Readiness(false, health,
          "sync status is " + (app.syncStatus().isEmpty() ? "unknown" : app.syncStatus()), null);
    }
    return new Readiness(true, health, "", null);
  }

  private static boolean operationInProgress(AppView app) {
    if (app.operationRequested()) {
      return true;
    }
    return app.hasOperationState() && app.operationFinishedAt() == null;
  }

  private static List<ArgoCdApplication> applications(ArgoCdClient client, ArgoCdWaiterConfig.App spec,
      String namespace) {
    if (spec.selector() != null) {
      List<ArgoCdApplication> apps;
      try {
        apps = client.list(namespace, spec.selector());
      } catch (ArgoCdException e) {
        throw new ArgoCdException("error listing Argo CD Applications matching selector " + spec.selector()
            + " in namespace '" + namespace + "': " + e.getMessage(), e.statusCode(), e);
      }
      if (apps.isEmpty()) {
        throw new ArgoCdException("no Argo CD Applications found matching selector " + spec.selector()
            + " in namespace '" + namespace + "'");
      }
      return apps;
    }
    Optional<ArgoCdApplication> app;
    try {
      app = client.get(namespace, spec.name());
    } catch (ArgoCdException e) {
      throw new ArgoCdException("error finding Argo CD Application '" + spec.name() + "' in namespace '"
          + namespace + "': " + e.getMessage(), e.statusCode(), e);
    }
    return List.of(app.orElseThrow(() -> new ArgoCdException(
        "unable to find Argo CD Application '" + spec.name() + "' in namespace '" + namespace + "'")));
  }
}
