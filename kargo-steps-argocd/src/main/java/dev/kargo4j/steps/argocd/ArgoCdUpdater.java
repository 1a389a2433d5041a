package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.steps.argocd.internal.AppView;
import dev.kargo4j.steps.argocd.internal.ArgoCdFields;
import dev.kargo4j.steps.argocd.internal.AuthorizedStages;
import dev.kargo4j.steps.argocd.internal.DefaultNamespace;
import dev.kargo4j.steps.argocd.internal.Durations;
import dev.kargo4j.steps.argocd.internal.Json;
import dev.kargo4j.steps.argocd.internal.OperationPhases;
import dev.kargo4j.steps.argocd.internal.SourceUpdates;
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
 * The {@code argocd-update} step: updates the sources of Argo CD Applications, starts a sync
 * marked with the Promotion's name, waits for it, and registers an {@code argocd-update} health
 * check for the Stage, as Kargo's {@code argocdUpdater} does.
 *
 * <p>Per Application (by name or label selector, in the given namespace or the default one):
 * <ol>
 *   <li>only Applications whose {@code kargo.akuity.io/authorized-stage} annotation lists
 *       {@code <project>:<stage>} are touched; the others are skipped, and if none is left the
 *       step errors;</li>
 *   <li>the desired revision of each source is the {@code desiredRevision} of the update with
 *       exactly the same {@code repoURL} and {@code chart};</li>
 *   <li>a sync is started when there is no operation, when another party's operation has
 *       finished, when our own finished without a sync result, or when it synced another
 *       revision than desired; while an operation runs the step is Running; a Failed or Error
 *       operation makes the step error with the operation's message;</li>
 *   <li>a sync first merge-patches the refresh annotation and the updated sources (matched by
 *       repoURL and chart, or normalized git URL; {@code kustomize.images} replaced,
 *       {@code helm.parameters} upserted), then starts the operation.</li>
 * </ol>
 * With a selector and source updates, all matched Applications are checked first, so that none
 * is changed when any is incompatible.
 *
 * <p>One deliberate difference: while a requested operation has not been picked up by Argo CD
 * yet ({@code operation} set, no {@code status.operationState}), the step waits instead of
 * requesting it again, because the Argo CD API server refuses a second operation.
 *
 * <p>Needs {@link ArgoCdClient#CAPABILITY}. Default timeout five minutes. Thread-safe.
 */
public final class ArgoCdUpdater implements StepRunner {

  /** The step kind. */
  public static final String KIND = "argocd-update";

  /** How long to wait before looking at a running operation again. */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

  private static final int MAX_REPORTED_INCOMPATIBLE = 3;

  private final String defaultNamespace;

  /** A runner whose default namespace is env {@code ARGOCD_NAMESPACE}, else {@code argocd}. */
  public ArgoCdUpdater() {
    this(DefaultNamespace.from(System::getenv));
  }

  /** A runner with the given default namespace for apps that name none. */
  public ArgoCdUpdater(String defaultNamespace) {
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

  @Override
  public StepResult run(StepContext ctx) {
    ArgoCdUpdaterConfig cfg = ctx.config(ArgoCdUpdaterConfig.class);
    ArgoCdClient client = ctx.capability(ArgoCdClient.CAPABILITY);
    Logger log = ctx.logger();
    log.info("executing argocd-update step {}", ctx.alias());

    List<String> phases = new ArrayList<>();
    List<String> waitingFor = new ArrayList<>();
    List<Object> healthApps = new ArrayList<>();
    List<Object> resolved = new ArrayList<>();
    for (ArgoCdUpdaterConfig.App update : cfg.apps()) {
      String namespace = update.namespace() != null ? update.namespace() : defaultNamespace;
      List<AppView> apps = authorizedApps(ctx, client, update, namespace);
      if (update.selector() != null) {
        log.info("found {} authorized Applications matching selector {} in namespace {}",
            apps.size(), update.selector(), namespace);
      }
      if (!update.sources().isEmpty()) {
        checkCompatible(update, apps);
      }
      for (AppView app : apps) {
        List<String> desired = SourceUpdates.desiredRevisions(update, app);
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", app.name());
        check.put("namespace", app.namespace());
        check.put("desiredRevisions", desired);
        healthApps.add(check);
        resolved.add(Map.of("name", app.name(), "namespace", app.namespace()));

        String phase = process(ctx, client, update, app, desired);
        if (!phase.isEmpty()) {
          phases.add(phase);
          if (!OperationPhases.SUCCEEDED.equals(phase)) {
            waitingFor.add(app.app().key() + " (" + phase + running(ctx, app) + ")");
          }
        }
      }
    }

    PromotionStepStatus status = OperationPhases.aggregate(phases);
    Map<String, Object> output = Map.of("apps", resolved);
    if (status == null) {
      throw new ArgoCdException("could not determine the step status from the operation phases " + phases
          + "; known phases: Failed, Error, Running, Terminating, Succeeded");
    }
    log.info("done executing argocd-update step {}: {}", ctx.alias(), status.wireName());
    HealthCheckStep healthCheck = new HealthCheckStep(KIND, Map.of("apps", healthApps));
    if (status == PromotionStepStatus.RUNNING) {
      return StepResult.running(POLL_INTERVAL,
          "waiting for Argo CD operations to complete: " + String.join(", ", waitingFor), output);
    }
    return StepResult.succeeded(output, healthCheck);
  }

  /** " for 1m30s" after the operation's startedAt, by the step's clock; "" when unknown. */
  private static String running(StepContext ctx, AppView app) {
    Instant started = Json.time(app.app().resource(), "status", "operationState", "startedAt");
    if (started == null || !app.hasOperationState()) {
      return "";
    }
    return " for " + Durations.format(Duration.between(started, ctx.clock().instant()));
  }

  /** Returns the phase to aggregate, "" for none; starts a sync when one is due. */
  private String process(StepContext ctx, ArgoCdClient client, ArgoCdUpdaterConfig.App update, AppView app,
      List<String> desired) {
    Logger log = ctx.logger();
    Decision d = mustPerformUpdate(ctx, app, desired);
    if (!d.mustUpdate()) {
      log.info("Argo CD Application {} does not require an update{}", app.app().key(),
          d.reason().isEmpty() ? "" : ": " + d.reason());
      if (OperationPhases.failed(d.phase())) {
        throw new ArgoCdException("Argo CD Application '" + app.name() + "' in namespace '" + app.namespace()
            + "' failed with: " + app.operationMessage());
      }
      return d.phase();
    }
    log.info("Argo CD Application {} requires an update{}", app.app().key(),
        d.reason().isEmpty() ? "" : ": " + d.reason());
    List<Map<String, Object>> sources;
    try {
      sources = SourceUpdates.desiredSources(update, desired, app);
    } catch (ArgoCdException e) {
      throw new ArgoCdException("error building desired sources for Argo CD Application '" + app.name()
          + "' in namespace '" + app.namespace() + "': " + e.getMessage(), e);
    }
    try {
      ApplicationPatch patch = new ApplicationPatch(
          Map.of(ArgoCdFields.REFRESH_ANNOTATION, "hard"),
          sources.isEmpty() ? null : sources,
          app.multiSource());
      client.patch(app.namespace(), app.name(), patch);
      client.sync(app.namespace(), app.name(), operation(ctx, app));
    } catch (ArgoCdException e) {
      throw new ArgoCdException("error syncing Argo CD Application '" + app.name() + "' in namespace '"
          + app.namespace() + "': " + e.getMessage(), e.statusCode(), e);
    }
    log.info("started a sync of Argo CD Application {} for promotion {}", app.app().key(), ctx.promotion());
    return OperationPhases.RUNNING;
  }

  private static SyncOperation operation(StepContext ctx, AppView app) {
    boolean person = ctx.actor() != null && !ctx.actor().isEmpty();
    return new SyncOperation(
        person ? ctx.actor() : ArgoCdFields.CONTROLLER_INITIATOR,
        !person,
        List.of(new SyncOperation.Info("Reason", ArgoCdFields.SYNC_REASON),
            new SyncOperation.Info(ArgoCdFields.PROMOTION_INFO, ctx.promotion())),
        app.syncOptions(),
        app.retry(),
        ctx.clock().instant());
  }

  /** Kargo's mustPerformUpdate: the phase to report, whether to sync, and why. */
  private record Decision(String phase, boolean mustUpdate, String reason) {}

  private static Decision mustPerformUpdate(StepContext ctx, AppView app, List<String> desired) {
    if (app.operationRequested() && !app.hasOperationState()) {
      String marker = app.requestedOperationInfo(ArgoCdFields.PROMOTION_INFO);
      return new Decision(OperationPhases.RUNNING, false, ctx.promotion().equals(marker)
          ? "the sync requested for this promotion has not been started by Argo CD yet"
          : "an operation requested by someone else has not been started yet; waiting for it");
    }
    if (!app.hasOperationState()) {
      return new Decision("", true, "no current operation");
    }
    String phase = app.operationPhase();
    if (!app.operationStartedByKargo()) {
      if (!OperationPhases.completed(phase)) {
        return new Decision(phase, false, "current operation was initiated by '" + app.operationInitiator()
            + "': waiting for operation to complete");
      }
      return new Decision("", true, "the operation started by '" + app.operationInitiator() + "' is complete");
    }
    if (!ctx.promotion().equals(app.operationInfo(ArgoCdFields.PROMOTION_INFO))) {
      if (!OperationPhases.completed(phase)) {
        return new Decision(phase, false, "current operation was not initiated for Promotion "
            + ctx.promotion() + ": waiting for operation to complete");
      }
      return new Decision("", true, "the operation of another Promotion is complete");
    }
    if (!OperationPhases.completed(phase)) {
      return new Decision(phase, false, "waiting for the current operation to complete");
    }
    if (!app.hasSyncResult()) {
      return new Decision("", true, "operation completed without a sync result");
    }
    if (desired.isEmpty()) {
      return new Decision(phase, false, "");
    }
    List<String> observed = app.syncResultRevisions();
    for (int i = 0; i < observed.size() && i < desired.size(); i++) {
      if (!desired.get(i).isEmpty() && !observed.get(i).equals(desired.get(i))) {
        return new Decision("", true, "sync result revisions " + observed
            + " do not match desired revisions " + desired);
      }
    }
    return new Decision(phase, false, "");
  }

  /** With several Applications, every one must accept the source updates before any is changed. */
  private static void checkCompatible(ArgoCdUpdaterConfig.App update, List<AppView> apps) {
    if (apps.size() <= 1) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (AppView app : apps) {
      try {
        SourceUpdates.desiredSources(update, SourceUpdates.desiredRevisions(update, app), app);
      } catch (ArgoCdException e) {
        problems.add("Application '" + app.name() + "' in namespace '" + app.namespace() + "': " + e.getMessage());
      }
    }
    if (problems.isEmpty()) {
      return;
    }
    List<String> shown = problems.subList(0, Math.min(problems.size(), MAX_REPORTED_INCOMPATIBLE));
    throw new ArgoCdException("selected Applications must have compatible sources; " + problems.size()
        + " incompatible" + (problems.size() > shown.size() ? " (showing first " + shown.size() + ")" : "")
        + ". No Applications were updated:\n" + String.join("\n", shown));
  }

  private List<AppView> authorizedApps(StepContext ctx, ArgoCdClient client, ArgoCdUpdaterConfig.App update,
      String namespace) {
    List<ArgoCdApplication> found = new ArrayList<>();
    if (update.selector() != null) {
      try {
        found.addAll(client.list(namespace, update.selector()));
      } catch (ArgoCdException e) {
        throw new ArgoCdException("error listing Argo CD Applications matching selector " + update.selector()
            + " in namespace '" + namespace + "': " + e.getMessage(), e.statusCode(), e);
      }
    } else {
      Optional<ArgoCdApplication> app;
      try {
        app = client.get(namespace, update.name());
      } catch (ArgoCdException e) {
        throw new ArgoCdException("error finding Argo CD Application '" + update.name() + "' in namespace '"
            + namespace + "': " + e.getMessage(), e.statusCode(), e);
      }
      found.add(app.orElseThrow(() -> new ArgoCdException("unable to find Argo CD Application '"
          + update.name() + "' in namespace '" + namespace + "'")));
    }
    List<AppView> authorized = new ArrayList<>();
    for (ArgoCdApplication app : found) {
      String refusal = refusal(ctx, app);
      if (refusal == null) {
        authorized.add(new AppView(app));
      } else {
        ctx.logger().info("skipping unauthorized Application {}: {}", app.key(), refusal);
      }
    }
    if (authorized.isEmpty()) {
      if (update.selector() != null) {
        if (found.isEmpty()) {
          throw new ArgoCdException("no Argo CD Applications found matching selector " + update.selector()
              + " in namespace '" + namespace + "'");
        }
        throw new ArgoCdException("found " + found.size() + " Application(s) matching selector "
            + update.selector() + " in namespace '" + namespace + "', but none are authorized for Stage "
            + ctx.project() + ":" + ctx.stage() + " (annotation " + ArgoCdFields.AUTHORIZED_STAGE_ANNOTATION + ")");
      }
      throw new ArgoCdException("Argo CD Application '" + update.name() + "' in namespace '" + namespace
          + "' is not authorized: " + refusal(ctx, found.get(0)));
    }
    return authorized;
  }

  /** Why the Stage may not change {@code app}, or null when it may. */
  private static String refusal(StepContext ctx, ArgoCdApplication app) {
    String denied = "Argo CD Application '" + app.name() + "' in namespace '" + app.namespace()
        + "' does not permit mutation by Kargo Stage " + ctx.stage() + " in namespace " + ctx.project()
        + "; its annotation " + ArgoCdFields.AUTHORIZED_STAGE_ANNOTATION + " must list '"
        + ctx.project() + ":" + ctx.stage() + "'";
    String value = app.annotations().get(ArgoCdFields.AUTHORIZED_STAGE_ANNOTATION);
    if (value == null) {
      return denied;
    }
    List<AuthorizedStages.Entry> entries;
    try {
      entries = AuthorizedStages.parse(value);
    } catch (IllegalArgumentException e) {
      return "unable to parse value of annotation " + ArgoCdFields.AUTHORIZED_STAGE_ANNOTATION + " ('" + value
          + "') on Argo CD Application '" + app.name() + "' in namespace '" + app.namespace() + "': "
          + e.getMessage();
    }
    for (AuthorizedStages.Entry e : entries) {
      if (e.project().equals(ctx.project()) && e.stage().equals(ctx.stage())) {
        return null;
      }
    }
    return denied;
  }
}
