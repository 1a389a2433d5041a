package dev.kargo4j.testkit;

import dev.kargo4j.core.internal.BasicStepContext;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TargetFreight;
import dev.kargo4j.core.spi.WorkDir;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import java.util.List;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link StepRunner} outside a promotion, for the tests of step authors (in the spirit
 * of JUnit's {@code EngineTestKit}). Config maps are passed as if already rendered. Not
 * thread-safe; build one per test.
 *
 * <pre>{@code
 * StepResult r = StepTestKit.forRunner(new KustomizeImageSetter())
 *     .workDir(tempDir)
 *     .config(Map.of("path", "env/dev", "images", List.of(Map.of("image", "nginx", "tag", "1.27"))))
 *     .run();
 * }</pre>
 */
public final class StepTestKit {
  private final StepRunner runner;
  private Path workDir;
  private Map<String, Object> config = Map.of();
  private Map<String, Object> previousOutput = Map.of();
  private TargetFreight freight;
  private final Map<Capability<?>, Object> capabilities = new HashMap<>();
  private String project = "test-project";
  private String stage = "test-stage";
  private String promotion = "test-stage.01test.abcdef0";
  private String actor = "test";
  private String alias;
  private Clock clock = Clock.systemUTC();
  private final AtomicBoolean cancelled = new AtomicBoolean();

  private StepTestKit(StepRunner runner) {
    this.runner = Objects.requireNonNull(runner, "runner");
    this.alias = runner.kind();
  }

  /** A kit for {@code runner}. */
  public static StepTestKit forRunner(StepRunner runner) {
    return new StepTestKit(runner);
  }

  /** The work directory (must exist); required. */
  public StepTestKit workDir(Path dir) {
    this.workDir = dir;
    return this;
  }

  /** The rendered config; defaults to empty. */
  public StepTestKit config(Map<String, ?> config) {
    this.config = new LinkedHashMap<>(config);
    return this;
  }

  /** The step's output from a previous attempt. */
  public StepTestKit previousOutput(Map<String, ?> output) {
    this.previousOutput = new LinkedHashMap<>(output);
    return this;
  }

  /**
   * The Freight being promoted and what the Stage requests; defaults to one image-only
   * Freight from Warehouse {@code test-warehouse}.
   */
  public StepTestKit freight(TargetFreight freight) {
    this.freight = freight;
    return this;
  }

  /** Supplies a capability value, as a host would. */
  public <T> StepTestKit capability(Capability<T> capability, T value) {
    capabilities.put(capability, value);
    return this;
  }

  public StepTestKit project(String project) {
    this.project = project;
    return this;
  }

  public StepTestKit stage(String stage) {
    this.stage = stage;
    return this;
  }

  public StepTestKit promotion(String promotion) {
    this.promotion = promotion;
    return this;
  }

  public StepTestKit actor(String actor) {
    this.actor = actor;
    return this;
  }

  public StepTestKit alias(String alias) {
    this.alias = alias;
    return this;
  }

  public StepTestKit clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Marks the context cancelled, as an abort would. */
  public StepTestKit cancel() {
    cancelled.set(true);
    return this;
  }

  /** The context a run would see. */
  public StepContext context() {
    Objects.requireNonNull(workDir, "workDir(...) is required");
    return new BasicStepContext(project, stage, promotion, actor, "", alias, config, WorkDir.of(workDir),
        previousOutput, freight == null ? defaultFreight() : freight, runner.capabilities(), Map.copyOf(capabilities),
        LoggerFactory.getLogger("kargo4j.step." + runner.kind()), clock, cancelled::get);
  }

  private TargetFreight defaultFreight() {
    Freight f = new Freight(ObjectMeta.of(project, "test-freight"), "", null,
        FreightOrigin.warehouse("test-warehouse"), List.of(),
        List.of(Image.of("registry.example.com/test/app", "1.0.0", "")), List.of(), List.of(), null);
    var ref = f.reference();
    return new TargetFreight(f, FreightCollection.of(List.of(ref)), List.of(), Map.of());
  }

  /** Runs one attempt of the step. Exceptions thrown by the runner propagate. */
  public StepResult run() {
    return runner.run(context());
  }
}
