package dev.kargo4j.steps.argocd;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A public face, for the integration tests, of kargo-steps-argocd's package-private test
 * stand-in for the Argo CD API server ({@link ArgoCdApiStandIn}) and its controller simulation
 * ({@link ArgoCdControllerSim}). It lives in that package only to reach them. Thread-safe.
 */
public final class ArgoCdPeer implements AutoCloseable {
  /** The namespace Applications live in. */
  public static final String NAMESPACE = "argocd";

  private final ArgoCdApiStandIn api;
  private final ArgoCdControllerSim controller = new ArgoCdControllerSim();
  private final List<String> apps = new ArrayList<>();

  private ArgoCdPeer(ArgoCdApiStandIn api) {
    this.api = api;
  }

  /** A plain-HTTP stand-in accepting {@code token} for get, update and sync. */
  public static ArgoCdPeer start(Clock clock, String token) {
    ArgoCdApiStandIn api = ArgoCdApiStandIn.start(clock);
    api.token(token, "kargo", "get", "update", "sync");
    return new ArgoCdPeer(api);
  }

  /** {@code host:port} of the API. */
  public String address() {
    return api.address();
  }

  /**
   * Adds a single-source git Application {@code name} tracking {@code targetRevision} of
   * {@code repoURL}, authorized for Stage {@code authorizedStage} ({@code project:stage}).
   */
  public synchronized void addGitApp(String name, String repoURL, String targetRevision, String authorizedStage) {
    api.put(Apps.git(NAMESPACE, name, repoURL, targetRevision, authorizedStage, Map.of()));
    apps.add(name);
  }

  /**
   * What Argo CD's controller would do next: every Application with a requested operation has
   * it started, finished successfully and is reconciled Healthy at {@code now}, its source's
   * {@code targetRevision} resolved to the commit {@code resolve} names (a branch's head).
   * Returns the names of the Applications that were synced.
   */
  public synchronized List<String> completeOperations(Instant now, Function<String, String> resolve) {
    List<String> synced = new ArrayList<>();
    for (String name : apps) {
      Map<String, Object> app = api.app(NAMESPACE, name);
      if (app != null && app.get("operation") != null) {
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) ((Map<String, Object>) app.get("spec")).get("source");
        String target = String.valueOf(source.get("targetRevision"));
        controller.resolve(String.valueOf(source.get("repoURL")), target, resolve.apply(target));
        api.update(NAMESPACE, name, a -> {
          controller.start(a, now);
          controller.finish(a, now, "Succeeded", "successfully synced (all tasks run)");
          controller.reconcile(a, now, "Healthy");
        });
        synced.add(name);
      }
    }
    return synced;
  }

  /** A copy of Application {@code name}. */
  public Map<String, Object> app(String name) {
    return api.app(NAMESPACE, name);
  }

  /** Every request so far as {@code METHOD /path?query -> status}. */
  public List<String> requests() {
    return api.requests();
  }

  @Override
  public void close() {
    api.close();
  }
}
