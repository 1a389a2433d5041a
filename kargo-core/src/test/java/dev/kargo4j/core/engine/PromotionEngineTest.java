package dev.kargo4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.testkit.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The step execution rules of Kargo's orchestrator (KARGO-REFERENCE §2.2), one test per rule. */
class PromotionEngineTest {
  @TempDir Path work;
  final ManualClock clock = ManualClock.at(Instant.parse("2026-11-26T10:00:00Z"));
  final ScriptedRunner script = new ScriptedRunner();

  /** Returns its rendered config as its output. */
  static final class Echo implements StepRunner {
    @Override public String kind() { return "echo"; }
    @Override public StepResult run(StepContext c) { return StepResult.succeeded(c.config()); }
  }

  /** Like compose-output: its output also lands under its task's alias. */
  static final class Compose implements StepRunner {
    @Override public String kind() { return "compose"; }
    @Override public boolean propagatesOutputToTask() { return true; }
    @Override public StepResult run(StepContext c) { return StepResult.succeeded(c.config()); }
  }

  PromotionEngine engine(List<Promotion> saved) {
    return PromotionEngine.builder()
        .steps(StepRegistry.of(script, new Echo(), new Compose()))
        .clock(clock)
        .workRoot(work)
        .saver(p -> {
          saved.add(p);
          return p;
        })
        .build();
  }

  static StepExecutionMetadata meta(Promotion p, String alias) {
    return p.status().stepExecutionMetadata().stream().filter(m -> m.alias().equals(alias)).findFirst()
        .orElseThrow(() -> new AssertionError("no metadata for " + alias));
  }

  Promotion runOnce(String steps) {
    EngineFixture f = new EngineFixture(steps, "");
    return engine(new ArrayList<>()).execute(f.promotion(), f.target).promotion();
  }

  @Test
  void allStepsSucceedAndOutputsFeedLaterSteps() {
    Promotion p = runOnce("""
        - uses: script
          as: first
          config: {output: {tag: "1.2.3"}}
        - uses: echo
          config:
            image: "app:${{ outputs.first.tag }}"
            stage: ${{ ctx.stage }}
            env: ${{ vars.env }}
            actor: ${{ ctx.meta.promotion.actor }}
        """);
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(p.status().state()).containsKey("first");
    assertThat(state(p, "step-2"))
        .containsEntry("image", "app:1.2.3").containsEntry("stage", "dev")
        .containsEntry("env", "development").containsEntry("actor", "alice");
    assertThat(p.status().finishedAt()).isEqualTo(clock.instant());
    assertThat(p.status().freight().name()).isEqualTo("f0123456789abcdef0123456789abcdef0123456");
  }

  @Test
  void aFailureSkipsLaterStepsByDefaultButNotAlwaysOrFailure() {
    Promotion p = runOnce("""
        - uses: script
          as: broken
          config: {results: [failed]}
        - uses: script
          as: default-skipped
        - uses: script
          as: cleanup
          if: ${{ always() }}
        - uses: script
          as: on-failure
          if: ${{ failure() }}
        - uses: script
          as: on-success
          if: ${{ success() }}
        - uses: echo
          as: report
          if: ${{ status('broken') == 'Failed' }}
          config: {broken: "${{ status('broken') }}"}
        """);
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.FAILED);
    assertThat(meta(p, "broken").status()).isEqualTo(PromotionStepStatus.FAILED);
    assertThat(meta(p, "default-skipped").status()).isEqualTo(PromotionStepStatus.SKIPPED);
    assertThat(meta(p, "cleanup").status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(meta(p, "on-failure").status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(meta(p, "on-success").status()).isEqualTo(PromotionStepStatus.SKIPPED);
    assertThat(state(p, "report")).containsEntry("broken", "Failed");
    assertThat(p.status().message()).contains("broken").contains("it failed");
  }

  @Test
  void continueOnErrorIgnoresTheFailureEverywhere() {
    Promotion p = runOnce("""
        - uses: script
          as: flaky
          continueOnError: true
          config: {results: [terminal]}
        - uses: script
          as: next
        """);
    assertThat(meta(p, "flaky").status()).isEqualTo(PromotionStepStatus.ERRORED);
    assertThat(meta(p, "flaky").message()).contains("unrecoverable").contains("fatal trouble");
    assertThat(meta(p, "next").status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
  }

  @Test
  void outputsAreStoredWhateverTheStatus() {
    Promotion p = runOnce("""
        - uses: script
          as: a
          config: {results: [failed], output: {partial: "yes"}}
        """);
    assertThat(state(p, "a")).containsEntry("partial", "yes");
  }

  @Test
  void aRetryableErrorWithTheDefaultThresholdOfOneErrorsAtOnce() {
    Promotion p = runOnce("""
        - uses: script
          as: a
          config: {results: [error]}
        """);
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.ERRORED);
    assertThat(meta(p, "a").message()).startsWith("step \"a\" met error threshold of 1: transient trouble");
    assertThat(meta(p, "a").errorCount()).isEqualTo(1);
  }

  @Test
  void errorsAreRetriedUpToTheThresholdAndTheStepKeepsItsState() {
    EngineFixture f = new EngineFixture("""
        - uses: script
          as: a
          retry: {errorThreshold: 3}
          config: {results: [error, error, succeeded]}
        """, "");
    PromotionEngine engine = engine(new ArrayList<>());
    Promotion p = engine.execute(f.promotion(), f.target).promotion();
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.RUNNING);
    assertThat(meta(p, "a").errorCount()).isEqualTo(1);
    assertThat(meta(p, "a").message()).endsWith("; step will be retried");
    p = engine.execute(p, f.target).promotion();
    assertThat(meta(p, "a").errorCount()).isEqualTo(2);
    p = engine.execute(p, f.target).promotion();
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(script.attempts.get("a").get()).isEqualTo(3);
  }

  @Test
  void theThresholdEndsARepeatedlyFailingStep() {
    EngineFixture f = new EngineFixture("""
        - uses: script
          as: a
          retry: {errorThreshold: 2}
          config: {results: [error]}
        """, "");
    PromotionEngine engine = engine(new ArrayList<>());
    Promotion p = engine.execute(engine.execute(f.promotion(), f.target).promotion(), f.target).promotion();
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.ERRORED);
    assertThat(meta(p, "a").message()).startsWith("step \"a\" met error threshold of 2");
  }

  @Test
  void aRunningStepTimesOutOnTheInjectedClock() {
    EngineFixture f = new EngineFixture("""
        - uses: script
          as: wait
          retry: {timeout: 1m}
          config: {results: [running]}
        """, "");
    PromotionEngine engine = engine(new ArrayList<>());
    PromotionEngine.PassOutcome pass = engine.execute(f.promotion(), f.target);
    Promotion p = pass.promotion();
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.RUNNING);
    assertThat(p.status().currentStep()).isZero();
    assertThat(pass.retryAfter()).isEqualTo(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(45));
    pass = engine.execute(p, f.target);
    p = pass.promotion();
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.RUNNING);
    assertThat(pass.retryAfter()).isEqualTo(Duration.ofSeconds(15)); // capped by the time left
    clock.advance(Duration.ofSeconds(30));
    p = engine.execute(p, f.target).promotion();
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.ERRORED);
    assertThat(meta(p, "wait").message()).isEqualTo("step \"wait\" timed out after 1m0s");
  }

  @Test
  void runWaitsAsTheStepAsksThroughTheSleeper() {
    EngineFixture f = new EngineFixture("""
        - uses: script
          config: {results: [running, running, succeeded]}
        """, "");
    List<Duration> slept = new ArrayList<>();
    PromotionEngine engine = PromotionEngine.builder().steps(StepRegistry.of(script)).clock(clock).workRoot(work)
        .sleeper(d -> {
          slept.add(d);
          clock.advance(d);
        }).build();
    Promotion p = engine.run(f.promotion(), f.target);
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(slept).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  @Test
  void ifIsEvaluatedOnlyBeforeTheFirstAttempt() {
    EngineFixture f = new EngineFixture("""
        - uses: script
          as: a
          if: ${{ outputs.a == nil }}
          config: {results: [running, succeeded]}
        """, "");
    PromotionEngine engine = engine(new ArrayList<>());
    Promotion p = engine.execute(f.promotion(), f.target).promotion();
    // the output of attempt 1 now exists: re-evaluating the if would skip the step
    p = engine.execute(p, f.target).promotion();
    assertThat(meta(p, "a").status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
  }

  @Test
  void aNonBooleanIfErrorsTheStepAndExecutionContinues() {
    Promotion p = runOnce("""
        - uses: script
          as: bad
          if: ${{ 'yes' }}
        - uses: script
          as: after
          if: ${{ always() }}
        """);
    assertThat(meta(p, "bad").status()).isEqualTo(PromotionStepStatus.ERRORED);
    assertThat(meta(p, "bad").message()).contains("must evaluate to a boolean");
    assertThat(meta(p, "after").status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.ERRORED);
  }

  @Test
  void anUnknownStepKindErrorsTheStep() {
    Promotion p = runOnce("""
        - uses: no-such-step
        """);
    assertThat(meta(p, "step-1").status()).isEqualTo(PromotionStepStatus.ERRORED);
    assertThat(meta(p, "step-1").message())
        .isEqualTo("no promotion step runner found for kind \"no-such-step\"; known: compose, echo, script");
  }

  @Test
  void aBadExpressionInConfigErrorsTheStepWithItsPosition() {
    Promotion p = runOnce("""
        - uses: echo
          config: {x: "${{ 1 + }}"}
        """);
    assertThat(meta(p, "step-1").status()).isEqualTo(PromotionStepStatus.ERRORED);
    assertThat(meta(p, "step-1").message()).startsWith("failed to build step context: ").contains("1:");
  }

  @Test
  void tasksAreInflatedWithKargoAliasesVarsAndOutputPropagation() {
    String task = """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: PromotionTask
        metadata: {name: build, namespace: demo}
        spec:
          vars:
          - {name: repo, value: default-repo}
          - {name: image}
          - {name: env}
          steps:
          - uses: echo
            as: show
            config: {repo: "${{ vars.repo }}", image: "${{ vars.image }}", env: "${{ vars.env }}"}
          - uses: compose
            config: {tag: "${{ task.outputs.show.image }}-x"}
        """;
    EngineFixture f = new EngineFixture("""
        - task: {name: build}
          vars:
          - {name: image, value: nginx}
        - uses: echo
          config: {fromTask: "${{ outputs['task-1'].tag }}", composed: "${{ outputs['task-1::step-2'].tag }}"}
        """, task);
    Promotion promotion = f.promotion();
    assertThat(promotion.spec().steps()).extracting(PromotionStep::as)
        .containsExactly("task-1::show", "task-1::step-2", "step-2");
    Promotion p = engine(new ArrayList<>()).execute(promotion, f.target).promotion();
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
    // env comes from the Stage's vars (Promotion vars take precedence over the task default)
    assertThat(state(p, "task-1::show"))
        .containsEntry("repo", "default-repo").containsEntry("image", "nginx").containsEntry("env", "development");
    assertThat(state(p, "step-2"))
        .containsEntry("fromTask", "nginx-x").containsEntry("composed", "nginx-x");
  }

  @Test
  void aTaskStepsOwnIfIsDroppedAsInKargo() {
    String task = """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: PromotionTask
        metadata: {name: build, namespace: demo}
        spec:
          steps:
          - uses: script
            as: inner
        """;
    EngineFixture f = new EngineFixture("""
        - task: {name: build}
          if: ${{ false }}
        """, task);
    Promotion p = engine(new ArrayList<>()).execute(f.promotion(), f.target).promotion();
    assertThat(meta(p, "task-1::inner").status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
  }

  @Test
  void aTaskVariableWithoutValueIsAnError() {
    String task = """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: PromotionTask
        metadata: {name: build, namespace: demo}
        spec:
          vars:
          - {name: image}
          steps:
          - uses: echo
        """;
    EngineFixture f = new EngineFixture("- task: {name: build}\n", task);
    assertThatThrownBy(f::promotion).isInstanceOf(KargoException.class)
        .hasMessage("inflate task steps for task \"build\" (\"task-1\"): missing value for variable \"image\"");
  }

  @Test
  void anUnknownTaskNamesTheKnownOnes() {
    EngineFixture f = new EngineFixture("- task: {name: nope}\n", "");
    assertThatThrownBy(f::promotion).isInstanceOf(KargoException.class)
        .hasMessageContaining("PromotionTask \"nope\" not found in project \"demo\"");
  }

  @Test
  void promotionNamesSortInCreationOrder() {
    EngineFixture f = new EngineFixture("- uses: echo\n", "");
    String first = f.promotion().name();
    clock.advance(Duration.ofMillis(1));
    String second = PromotionBuilder.forStage(f.stage).freight(f.freight).clock(clock).build().name();
    assertThat(first).matches("dev\\.[0-9a-z]{26}\\.f012345");
    assertThat(second).matches("dev\\.[0-9a-z]{26}\\.f012345");
    assertThat(f.promotion().metadata().annotations()).containsEntry("kargo.akuity.io/create-actor", "alice");
  }

  @Test
  void aNewEngineResumesARunningPromotionAtItsStepWithItsState() {
    EngineFixture f = new EngineFixture("""
        - uses: script
          as: one
        - uses: script
          as: wait
          config: {results: [running, succeeded], output: {pr: 42}}
        - uses: echo
          config: {pr: "${{ outputs.wait.pr }}"}
        """, "");
    List<Promotion> saved = new ArrayList<>();
    Promotion running = engine(saved).execute(f.promotion(), f.target).promotion();
    assertThat(running.status().phase()).isEqualTo(PromotionPhase.RUNNING);
    assertThat(running.status().currentStep()).isEqualTo(1);
    // the host restarts: a new engine over the last saved state
    Promotion last = saved.get(saved.size() - 1);
    Promotion done = engine(new ArrayList<>()).execute(last, f.target).promotion();
    assertThat(done.status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(script.attempts.get("one").get()).isEqualTo(1);
    assertThat(script.seenPrevious.get("wait")).containsEntry("pr", 42L);
    assertThat(state(done, "step-3")).containsEntry("pr", 42.0);
  }

  @Test
  void abortMarksTheRunningStepAndThePromotion() {
    EngineFixture f = new EngineFixture("""
        - uses: script
          as: wait
          config: {results: [running]}
        """, "");
    PromotionEngine engine = engine(new ArrayList<>());
    Promotion p = engine.execute(f.promotion(), f.target).promotion();
    Promotion aborted = engine.abort(p, "bob");
    assertThat(aborted.status().phase()).isEqualTo(PromotionPhase.ABORTED);
    assertThat(aborted.status().message()).isEqualTo("Promotion terminated by bob");
    assertThat(meta(aborted, "wait").status()).isEqualTo(PromotionStepStatus.ABORTED);
    assertThat(engine.execute(aborted, f.target).promotion()).isSameAs(aborted);
    assertThat(work.resolve("promotion-" + p.name())).doesNotExist();
  }

  @Test
  void anAbortThatWinsTheRaceWithAStepsSaveIsNeverOverwritten() {
    EngineFixture f = new EngineFixture("- uses: abort-me\n- uses: script\n  as: later\n", "");
    dev.kargo4j.core.store.InMemoryStore store = dev.kargo4j.core.store.InMemoryStore.create(clock);
    AtomicReference<PromotionEngine> engine = new AtomicReference<>();
    StepRunner abortsWhileRunning = new StepRunner() {
      @Override public String kind() { return "abort-me"; }

      @Override public StepResult run(StepContext c) {
        // another thread (the host's abort) saves the Promotion while this step runs
        engine.get().abort(store.getPromotion("demo", c.promotion()).orElseThrow(), "bob");
        return StepResult.succeeded(Map.of());
      }
    };
    engine.set(PromotionEngine.builder().steps(StepRegistry.of(abortsWhileRunning, script)).clock(clock)
        .workRoot(work).store(store).build());
    PromotionEngine.PassOutcome pass = engine.get().execute(store.createPromotion(f.promotion()), f.target);
    assertThat(pass.isTerminal()).isTrue();
    assertThat(pass.retryAfter()).isNull();
    assertThat(pass.phase()).isEqualTo(PromotionPhase.ABORTED);
    Promotion stored = store.getPromotion("demo", pass.promotion().name()).orElseThrow();
    assertThat(stored.status().phase()).isEqualTo(PromotionPhase.ABORTED);
    assertThat(stored.status().message()).isEqualTo("Promotion terminated by bob");
    assertThat(script.attempts).doesNotContainKey("later");
  }

  @Test
  void theWorkDirectoryIsRemovedAtATerminalPhaseUnlessKept() throws Exception {
    EngineFixture f = new EngineFixture("- uses: script\n", "");
    Promotion p = engine(new ArrayList<>()).execute(f.promotion(), f.target).promotion();
    assertThat(work.resolve("promotion-" + p.name())).doesNotExist();
    PromotionEngine keeping = PromotionEngine.builder().steps(StepRegistry.of(script)).workRoot(work)
        .keepWorkDirs(true).build();
    Promotion q = keeping.execute(f.promotion(), f.target).promotion();
    assertThat(Files.isDirectory(work.resolve("promotion-" + q.name()))).isTrue();
  }

  @Test
  void listenersSeeEveryStepAndPhase() {
    EngineFixture f = new EngineFixture("- uses: script\n- uses: script\n", "");
    List<String> events = new ArrayList<>();
    PromotionEngine engine = PromotionEngine.builder().steps(StepRegistry.of(script)).workRoot(work)
        .listener(new PromotionListener() {
          @Override
          public void stepUpdated(Promotion promotion, StepExecutionMetadata step) {
            events.add(step.alias() + "=" + step.status().wireName());
          }

          @Override
          public void phaseChanged(Promotion promotion) {
            events.add(promotion.status().phase().wireName());
          }
        }).build();
    engine.execute(f.promotion(), f.target).promotion();
    assertThat(events).containsExactly("Running", "step-1=Succeeded", "step-2=Succeeded", "Succeeded");
  }

  @Test
  void dryRunRendersEveryConfigWithoutRunning() {
    EngineFixture f = new EngineFixture("""
        - uses: script
          as: a
          if: ${{ ctx.stage == 'dev' }}
          config: {image: "${{ imageFrom('registry.example.com/team/app').Tag }}"}
        - uses: echo
          config: {broken: "${{ 1 + }}"}
        """, "");
    List<PromotionEngine.RenderedStep> steps = engine(new ArrayList<>()).dryRun(f.promotion(), f.target);
    assertThat(steps).hasSize(2);
    assertThat(steps.get(0).condition()).isEqualTo(true);
    assertThat(steps.get(0).config()).containsEntry("image", "1.2.3");
    assertThat(steps.get(1).error()).isNotNull();
    assertThat(script.attempts).isEmpty();
  }

  @Test
  void secretsNeverReachMessagesOutputsStateOrLogs() {
    EngineFixture f = new EngineFixture("""
        - uses: echo
          as: leak
          config: {auth: "Bearer ${{ secret('api').token }}"}
        - uses: script
          as: fail
          config: {results: [failed], message: "${{ secret('api').token }}"}
        """, "");
    String token = "s3cr3t-t0ken-value";
    AtomicReference<Promotion> last = new AtomicReference<>();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.err;
    System.setErr(new java.io.PrintStream(err, true));
    try {
      PromotionEngine engine = PromotionEngine.builder().steps(StepRegistry.of(script, new Echo())).workRoot(work)
          .projectData(new ProjectData() {
            @Override
            public Map<String, String> secret(String project, String name) {
              return Map.of("token", token);
            }
          })
          .saver(p -> {
            last.set(p);
            return p;
          }).build();
      Promotion p = engine.execute(f.promotion(), f.target).promotion();
      assertThat(p.status().phase()).isEqualTo(PromotionPhase.FAILED);
    } finally {
      System.setErr(original);
    }
    Promotion p = last.get();
    String everything = p.toString() + p.status().state() + p.status().message()
        + p.status().stepExecutionMetadata() + err;
    assertThat(everything).doesNotContain(token);
    assertThat(state(p, "leak")).containsEntry("auth", "Bearer ***");
    assertThat(meta(p, "fail").message()).contains("***");
  }

  @Test
  void aStageWithoutStepsCannotBePromotedTo() {
    String stage = """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: prod, namespace: demo}
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: app}
            sources: {direct: true}
        """;
    EngineFixture f = new EngineFixture("- uses: echo\n", stage);
    var prod = f.manifests.stage("demo", "prod").orElseThrow();
    assertThatThrownBy(() -> PromotionBuilder.forStage(prod).freight(f.freight).build())
        .isInstanceOf(KargoException.class).hasMessageContaining("control-flow");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> state(Promotion p, String alias) {
    return (Map<String, Object>) p.status().state().get(alias);
  }
}
