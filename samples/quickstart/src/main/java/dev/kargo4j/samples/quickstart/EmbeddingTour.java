package dev.kargo4j.samples.quickstart;

import dev.kargo4j.core.discovery.SubscriptionSourceRegistry;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.pipeline.HealthCheckerRegistry;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.core.store.DirectoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's embedding tour as code that compiles and is tested ({@code EmbeddingTourTest}):
 * run a pipeline in-process, and dry-run a Stage's steps. Stateless.
 */
public final class EmbeddingTour {
  private EmbeddingTour() {}

  /**
   * Loads the manifests of {@code kargo}, promotes {@code freight} to {@code dev} with the
   * state in {@code state}, lets health and verification run, and returns the Freight then
   * available to {@code staging}.
   */
  public static List<Freight> runAPipelineInProcess(Path kargo, Path state, Freight freight) {
    ClassLoader loader = EmbeddingTour.class.getClassLoader();
    try (DirectoryStore store = DirectoryStore.open(state);
        ProjectRuntime runtime = ProjectRuntime.builder()
            .manifests(Manifests.load(kargo))                        // Stages, Warehouses, tasks, AnalysisTemplates
            .steps(StepRegistry.discover(loader))                    // built-in steps and plug-ins (ServiceLoader)
            .healthCheckers(HealthCheckerRegistry.discover(loader))
            .discovery(SubscriptionSourceRegistry.discover(loader))  // each Warehouse on its interval
            .store(store)                                            // or InMemoryStore.create()
            .build()) {
      Freight f = runtime.createFreight(freight);                    // or runtime.refreshWarehouse("guestbook")
      runtime.promote("dev", f.name()).await(Duration.ofMinutes(5));
      runtime.awaitIdle(Duration.ofMinutes(5));                      // health, verification, auto-promotion
      return runtime.availableFreight("staging");                    // f, once verified in dev
    }
  }

  /**
   * Renders every step of a Promotion of {@code freight} to {@code stageName} without running
   * anything, as {@code kargo4j eval} does; one line per step. The runtime here keeps its state
   * in memory; a host asks the runtime it already runs.
   */
  public static List<String> dryRun(ManifestSet manifests, String project, String stageName, Freight freight) {
    try (ProjectRuntime runtime = ProjectRuntime.builder().project(project).manifests(manifests)
        .steps(StepRegistry.discover(EmbeddingTour.class.getClassLoader())).build()) {
      Freight f = runtime.createFreight(freight);

      List<String> lines = new ArrayList<>();
      for (PromotionEngine.RenderedStep s : runtime.dryRun(stageName, f.name())) {   // names or aliases
        lines.add(s.alias() + " " + s.uses() + " " + s.config());
      }
      return lines;
    }
  }
}
