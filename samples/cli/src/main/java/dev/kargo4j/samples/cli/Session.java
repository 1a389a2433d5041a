package dev.kargo4j.samples.cli;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.SubscriptionSourceRegistry;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.pipeline.DiscoveryOptions;
import dev.kargo4j.core.pipeline.HealthCheckerRegistry;
import dev.kargo4j.core.pipeline.PipelineListener;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.SubscriptionSource;
import dev.kargo4j.samples.cli.internal.ManifestProjectData;
import dev.kargo4j.steps.argocd.ArgoCdClient;
import dev.kargo4j.steps.argocd.ArgoCdClients;
import dev.kargo4j.steps.git.GitHostPolicy;
import dev.kargo4j.steps.git.GitSubscriptionSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one command works with: the state folder, the chosen Project, and on demand a
 * {@link ProjectRuntime} wired as a host wires one (steps, health checkers and subscription
 * sources through ServiceLoader, credentials from the applied Secrets, Argo CD when
 * configured). Not thread-safe; closed at the end of the command.
 */
final class Session implements AutoCloseable {
  private final GlobalOptions options;
  private final StateFolder state;
  private final PrintWriter out;
  private final PrintWriter err;
  private final java.util.Map<String, ProjectRuntime> runtimes = new java.util.LinkedHashMap<>();
  private String project;
  private java.time.Duration awaitOnClose = java.time.Duration.ofMinutes(10);

  Session(GlobalOptions options, PrintWriter out, PrintWriter err) {
    this.options = options;
    this.state = StateFolder.open(options.state);
    this.out = out;
    this.err = err;
  }

  StateFolder state() {
    return state;
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  ManifestSet manifests() {
    return state.manifests();
  }

  Store store() {
    return state.store();
  }

  /** The Project of this command (see {@link StateFolder#project}). */
  String project() {
    if (project == null) {
      project = state.project(options.project);
    }
    return project;
  }

  private ClassLoader loader() {
    return Kargo4jCommand.class.getClassLoader();
  }

  CredentialsProvider credentials() {
    return manifests().credentialsProvider(project());
  }

  StepRegistry steps() {
    return StepRegistry.discover(loader());
  }

  /** Argo CD, as the Argo CD CLI finds it, or through a kubeconfig; empty when neither is set. */
  Optional<ArgoCdClient> argoCd() {
    String server = options.env("ARGOCD_SERVER");
    String opts = options.env("ARGOCD_OPTS");
    if ((server != null && !server.isBlank()) || (opts != null && opts.contains("--server"))) {
      return Optional.of(ArgoCdClients.fromEnvironment(options::env));
    }
    Path kubeconfig = options.kubeconfig;
    if (kubeconfig == null) {
      String k = options.env("KUBECONFIG");
      if (k != null && !k.isBlank()) {
        kubeconfig = Path.of(k.split(java.io.File.pathSeparator)[0]);
      }
    }
    if (kubeconfig != null) {
      return Optional.of(ArgoCdClients.kubernetes().kubeconfig(kubeconfig).build());
    }
    return Optional.empty();
  }

  PromotionEngine.Builder engine() {
    PromotionEngine.Builder b = PromotionEngine.builder().steps(steps()).workRoot(state.workRoot());
    return b;
  }

  /**
   * The runtime of the Project, built once; its Stages start reconciling at once (queued and
   * Running Promotions resume).
   */
  ProjectRuntime runtime(PipelineListener... listeners) {
    return runtime(project(), listeners);
  }

  /** As {@link #runtime(PipelineListener)}, for another Project of the state folder. */
  ProjectRuntime runtime(String name, PipelineListener... listeners) {
    ProjectRuntime runtime = runtimes.get(name);
    if (runtime == null) {
      CredentialsProvider credentials = credentials();
      ProjectRuntime.Builder b = ProjectRuntime.builder()
          .project(name)
          .manifests(manifests())
          .store(store())
          .engine(engine())
          .projectData(new ManifestProjectData(manifests()))  // secret() and configMap() of the applied manifests
          .healthCheckers(HealthCheckerRegistry.discover(loader()))
          .capability(Capability.CREDENTIALS, credentials)
          // a command runs and exits: Warehouses are discovered on `refresh warehouse` only
          .discovery(subscriptionSources(), DiscoveryOptions.onDemand());
      if (options.allowLocalRepositories) {
        b.capability(GitHostPolicy.CAPABILITY, GitHostPolicy.allowingLocalRepositories());
      }
      for (PipelineListener l : listeners) {
        b.listener(l);
      }
      argoCd().ifPresent(a -> b.capability(ArgoCdClient.CAPABILITY, a));
      runtime = b.build();
      runtimes.put(name, runtime);
    }
    return runtime;
  }

  /**
   * The subscription sources found on the class path, with git's mirrors kept in the state
   * folder ({@code git-cache}, private to this user), so that a later {@code refresh} fetches
   * only what changed instead of cloning again.
   */
  private SubscriptionSourceRegistry subscriptionSources() {
    SubscriptionSourceRegistry found = SubscriptionSourceRegistry.discover(loader());
    GitSubscriptionSource git = new GitSubscriptionSource(state.root().resolve("git-cache"));
    java.util.List<SubscriptionSource> sources = new java.util.ArrayList<>();
    for (String type : found.types()) {
      sources.add(type.equals(git.type()) ? git : found.source(type));
    }
    return SubscriptionSourceRegistry.of(sources);
  }

  /** Fails with a usage error naming the known names when {@code name} is not among them. */
  static KargoException unknown(String what, String name, java.util.Collection<String> known) {
    return new KargoException(what + " \"" + name + "\" not found; known: "
        + (known.isEmpty() ? "(none)" : String.join(", ", known)));
  }

  /**
   * Lets the runtimes' queued work be: {@link #close()} then stops them at once instead of
   * waiting until they are idle (it resumes in the next command that starts a runtime).
   */
  void leaveQueuedWork() {
    awaitOnClose = null;
  }

  /** How long {@link #close()} waits for the runtimes to finish their work (auto-promotions...). */
  void awaitOnClose(java.time.Duration timeout) {
    awaitOnClose = timeout;
  }

  @Override
  public void close() {
    try {
      for (ProjectRuntime r : runtimes.values()) {
        try {
          if (awaitOnClose != null && !r.awaitIdle(awaitOnClose)) {
            err.println("warning: Project " + r.project() + " still had work after " + awaitOnClose
                + "; it resumes with the next command (e.g. `kargo4j reconcile`)");
          }
        } finally {
          r.close();
        }
      }
    } finally {
      state.close();
    }
  }
}
