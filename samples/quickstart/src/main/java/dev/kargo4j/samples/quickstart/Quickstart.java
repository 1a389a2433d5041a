package dev.kargo4j.samples.quickstart;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.pipeline.HealthCheckerRegistry;
import dev.kargo4j.core.pipeline.PipelineListener;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.core.pipeline.PromotionHandle;
import dev.kargo4j.samples.cli.PipelineGraph;
import dev.kargo4j.samples.cli.PipelineTable;
import dev.kargo4j.samples.cli.ProgressPrinter;
import dev.kargo4j.samples.cli.StateFolder;
import dev.kargo4j.steps.argocd.ArgoCdClient;
import dev.kargo4j.steps.argocd.ArgoCdClients;
import dev.kargo4j.steps.git.GitHostPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The quickstart: Kargo's "advanced" pipeline shape, run end to end on this machine with no
 * external service.
 *
 * <ol>
 *   <li>creates a local git repository ({@code file://}, no server) holding a Kustomize base
 *       and one overlay per Stage;
 *   <li>starts a local web endpoint on 127.0.0.1 for the A/B Stages' verification;
 *   <li>loads its Kargo manifests with those local URLs (Project, Warehouse, PromotionTask,
 *       AnalysisTemplate, eight Stages) into a state folder the {@code kargo4j} CLI can read;
 *   <li>creates Freight (a commit of {@code main} and an image tag) and promotes it through
 *       dev, staging, ab-test-a and ab-test-b (verified: A passes, B fails, as in Kargo's
 *       example), prod (a control-flow Stage) and prod-west, prod-central and prod-east, showing
 *       every step as it runs;
 *   <li>prints the pipeline table, the rendered branches and writes {@code pipeline.html}.
 * </ol>
 *
 * <p>With no Argo CD configured ({@code ARGOCD_SERVER}/{@code ARGOCD_AUTH_TOKEN} or
 * {@code KUBECONFIG}) the task's {@code argocd-update} step is skipped by its
 * {@code if: ${{ vars.argoCD == 'true' }}}. Needs a JDK, git's JGit (bundled) and kustomize or
 * kubectl on the PATH.
 */
public final class Quickstart {
  /** The Project of the quickstart's manifests. */
  public static final String PROJECT = "kargo4j-quickstart";
  /** The image the Freight carries. */
  public static final String IMAGE = "ghcr.io/kargo4j/greeter";
  private static final List<String> MANIFESTS = List.of("project.yaml", "warehouse.yaml", "promotiontask.yaml",
      "analysis.yaml", "stages.yaml");
  /** The Stages with steps: each renders into the branch {@code stage/<name>}. */
  static final List<String> RENDERED = List.of("dev", "staging", "ab-test-a", "ab-test-b", "prod-west",
      "prod-central", "prod-east");
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private Quickstart() {}

  /**
   * {@code java ... Quickstart [DIR]}: runs the quickstart in DIR (default {@code target/quickstart});
   * exits with 1 when it fails.
   */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/quickstart");
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    int code;
    try {
      code = run(dir, out, System.getenv());
    } catch (KargoException | IOException e) {
      out.flush();
      System.err.println("quickstart failed: " + e.getMessage());
      code = 1;
    }
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the quickstart in {@code dir} (emptied first), printing to {@code out}.
   *
   * @param env where Argo CD settings are read from
   * @return 0 when every Stage ended as expected, 1 otherwise
   */
  public static int run(Path dir, PrintWriter out, Map<String, String> env) throws IOException {
    long started = System.nanoTime();
    LocalGitRepository.deleteTree(dir);
    Files.createDirectories(dir);
    ProgressPrinter progress = new ProgressPrinter(out);

    // 1. a git repository to render into: a bare repository on disk, reached by file:// URL
    LocalGitRepository repo = LocalGitRepository.create(dir.resolve("greeter.git"), "quickstart/repo",
        RENDERED.stream().map(stage -> "stage/" + stage).toList());
    progress.note("setup", "git repository " + repo.url() + " (main: base/ and env/<stage>/ overlays;"
        + " stage/<stage>: rendered manifests)");

    // 2. Argo CD, only when configured
    Optional<ArgoCdClient> argoCd = argoCd(env);
    progress.note("setup", argoCd.isPresent() ? "Argo CD configured: argocd-update syncs Applications greeter-<stage>"
        : "Argo CD not configured: each promotion skips its argocd-update step (if: ${{ vars.argoCD == 'true' }});"
            + " set ARGOCD_SERVER and ARGOCD_AUTH_TOKEN, or KUBECONFIG, to sync Applications greeter-<stage>");

    try (CreatureStats creatures = CreatureStats.start();
        StateFolder state = StateFolder.open(dir.resolve("state"))) {
      progress.note("setup", "verification endpoint " + creatures.baseUrl() + "/creatures/<name>");

      // 3. the manifests, with local URLs; kept in a state folder that `kargo4j --state` reads
      ManifestSet manifests = manifests(repo.url(), creatures.baseUrl(), argoCd.isPresent());
      state.apply(manifests);
      progress.note("setup", "Project " + PROJECT + ": " + manifests.warehouses().size() + " Warehouse, "
          + manifests.stages().size() + " Stages, PromotionTask render, AnalysisTemplate creature-xp");

      // 4. the runtime: steps, health checkers and subscription sources come from the classpath
      ClassLoader plugins = Quickstart.class.getClassLoader();
      Waiter waiter = new Waiter();
      ProjectRuntime.Builder builder = ProjectRuntime.builder()
          .manifests(manifests)
          .store(state.store())
          .engine(PromotionEngine.builder()
              .steps(StepRegistry.discover(plugins))
              .workRoot(state.workRoot()))
          .healthCheckers(HealthCheckerRegistry.discover(plugins))
          // the quickstart's repository is on disk (file://): a host opts in to local
          // repositories explicitly; by default only remote ones are allowed
          .capability(GitHostPolicy.CAPABILITY, GitHostPolicy.allowingLocalRepositories())
          .listener(progress)
          .listener(waiter);
      argoCd.ifPresent(client -> builder.capability(ArgoCdClient.CAPABILITY, client));
      try (ProjectRuntime runtime = builder.build()) {
        // 5. Freight: the image to deploy (made by hand: the Warehouse's policy is Manual)
        Freight freight = runtime.createFreight(new Freight(ObjectMeta.of(PROJECT, ""), "", null,
            FreightOrigin.warehouse("greeter"), List.of(), List.of(Image.of(IMAGE, "1.4.0", "")), List.of(),
            List.of(), null));
        String f = freight.name();

        // 6. promote it along the pipeline, each Promotion followed step by step
        boolean ok = succeeded(runtime.promote("dev", f));
        ok &= waiter.until(() -> runtime.isAvailable(f, "staging"), "Freight verified in dev");
        ok &= succeeded(runtime.promote("staging", f));
        ok &= waiter.until(() -> runtime.isAvailable(f, "ab-test-a"), "Freight verified in staging");
        for (PromotionHandle h : runtime.promoteToDownstream("staging", f)) {  // ab-test-a and ab-test-b
          ok &= succeeded(h);
        }
        ok &= waiter.until(() -> verificationEnded(runtime, "ab-test-a") && verificationEnded(runtime, "ab-test-b"),
            "the A/B verifications");
        ok &= expectVerification(runtime, "ab-test-a", VerificationPhase.SUCCESSFUL, progress);
        ok &= expectVerification(runtime, "ab-test-b", VerificationPhase.FAILED, progress);
        // prod has no steps: a control-flow Stage takes Freight verified in ab-test-a OR ab-test-b
        ok &= waiter.until(() -> runtime.isAvailable(f, "prod-west"), "prod (control flow) to pass the Freight on");
        progress.note("prod", "control flow: Freight verified in ab-test-a passes on to the prod regions");
        for (PromotionHandle h : runtime.promoteToDownstream("prod", f)) {  // the three regions, in parallel
          ok &= succeeded(h);
        }
        runtime.awaitIdle(TIMEOUT);

        // 7. where things are
        out.println();
        out.print(PipelineTable.render(runtime.stages(), runtime.freight()));
        out.println();
        out.println("Rendered branches of " + repo.dir() + ":");
        repo.branches().forEach((branch, head) -> out.printf("  %-20s %s%n", branch, head));
        Path html = dir.resolve("pipeline.html");
        Files.writeString(html, PipelineGraph.of(PROJECT, manifests.warehouses(), runtime.stages(), runtime.freight())
            .html(), StandardCharsets.UTF_8);
        out.println();
        out.println("Look at a rendered Stage:  git --git-dir " + repo.dir() + " show stage/prod-west --stat");
        out.println("                           git --git-dir " + repo.dir() + " show stage/prod-west:greeter-prod-west-deployment-greeter.yaml");
        out.println("The pipeline as a page:    " + html.toUri());
        out.println("The state, with the CLI:   java -jar samples/cli/target/kargo4j.jar --state " + state.root()
            + " get stages");
        out.printf("%s in %.1fs%n", ok ? "Quickstart finished" : "Quickstart FAILED",
            (System.nanoTime() - started) / 1e9);
        out.flush();
        return ok ? 0 : 1;
      }
    }
  }

  /** The quickstart's manifests from the classpath, with the local URLs filled in. */
  static ManifestSet manifests(String repoUrl, String metricsUrl, boolean argoCd) {
    ManifestSet set = ManifestSet.EMPTY;
    for (String name : MANIFESTS) {
      String text = new String(LocalGitRepository.resource("quickstart/kargo/" + name), StandardCharsets.UTF_8)
          .replace("@@REPO_URL@@", repoUrl)
          .replace("@@METRICS_URL@@", metricsUrl)
          .replace("@@ARGOCD@@", Boolean.toString(argoCd));
      set = set.plus(Manifests.loadString("quickstart/kargo/" + name, text));
    }
    return set;
  }

  static Optional<ArgoCdClient> argoCd(Map<String, String> env) {
    String server = env.get("ARGOCD_SERVER");
    if (server != null && !server.isBlank()) {
      return Optional.of(ArgoCdClients.fromEnvironment(env::get));
    }
    String kubeconfig = env.get("KUBECONFIG");
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      return Optional.of(ArgoCdClients.kubernetes().kubeconfig(Path.of(kubeconfig.split(java.io.File.pathSeparator)[0]))
          .build());
    }
    return Optional.empty();
  }

  private static boolean succeeded(PromotionHandle handle) {
    Promotion p = handle.await(TIMEOUT);
    return p.status().phase() == PromotionPhase.SUCCEEDED;
  }

  private static boolean verificationEnded(ProjectRuntime runtime, String stage) {
    var current = runtime.stage(stage).status().currentFreight();
    VerificationInfo v = current == null ? null : current.currentVerification();
    return v != null && v.isTerminal();
  }

  private static boolean expectVerification(ProjectRuntime runtime, String stage, VerificationPhase expected,
      ProgressPrinter progress) {
    VerificationInfo v = runtime.stage(stage).status().currentFreight().currentVerification();
    if (v.phase() != expected) {
      progress.note(stage, "UNEXPECTED: verification " + v.phase().wireName() + ", expected " + expected.wireName());
      return false;
    }
    if (expected == VerificationPhase.FAILED) {
      progress.note(stage, "verification failed as expected (charizard's base experience 240 is not < 200):"
          + " the Freight goes on through ab-test-a only");
    }
    return true;
  }

  /**
   * Waits for a condition over the runtime's state, re-checking it whenever the runtime reports
   * progress (no polling loop with sleeps). Thread-safe.
   */
  static final class Waiter implements PipelineListener {
    private final Object lock = new Object();
    private long events;

    boolean until(BooleanSupplier condition, String what) {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      long seen = -1;
      // the condition is checked outside the lock: it reads the runtime, whose threads call us
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new KargoException("timed out after " + TIMEOUT + " waiting for " + what);
        }
        synchronized (lock) {
          if (events == seen) {
            try {
              // woken by the next event; the timeout covers changes that come without one
              lock.wait(Math.max(1, Math.min(left / 1_000_000, 250)));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new KargoException("interrupted while waiting for " + what, e);
            }
          }
          seen = events;
        }
      }
      return true;
    }

    private void changed() {
      synchronized (lock) {
        events++;
        lock.notifyAll();
      }
    }

    @Override
    public void freightStatusChanged(Freight freight) {
      changed();
    }

    @Override
    public void promotionPhaseChanged(Promotion promotion) {
      changed();
    }

    @Override
    public void verificationUpdated(String stage, dev.kargo4j.core.model.FreightCollection c, VerificationInfo info) {
      changed();
    }
  }
}
