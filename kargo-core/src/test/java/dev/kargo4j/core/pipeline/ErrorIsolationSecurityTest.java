package dev.kargo4j.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, finding 5: a plug-in (step runner, health checker, listener) that throws an
 * {@link Error} must not wedge its Stage. The attack throws each Error once; afterwards the
 * Stage must promote the next Freight normally.
 */
class ErrorIsolationSecurityTest {
  private static final String DEV = Fixture.stage("dev", "{direct: true}",
      "{uses: test-step, config: {health: {target: app}}}", "");

  static Stream<Arguments> errors() {
    return Stream.<Supplier<Throwable>>of(
        () -> new NoClassDefFoundError("com/example/Missing"),
        () -> new AssertionError("plug-in invariant"),
        () -> new ExceptionInInitializerError(new IllegalStateException("static init")),
        () -> new OutOfMemoryError("Java heap space"),
        () -> new StackOverflowError(),
        () -> new LinkageError("incompatible class change"))
        .map(s -> Arguments.of(s.get().getClass().getSimpleName(), s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void aStepThrowingAnErrorIsErroredAndTheStagePromotesTheNextFreight(String name, Supplier<Throwable> error) {
    try (Fixture fx = new Fixture(DEV)) {
      AtomicBoolean armed = new AtomicBoolean(true);
      fx.steps.hook = c -> {
        if (armed.getAndSet(false)) {
          sneakyThrow(error.get());
        }
      };
      Freight f1 = fx.create("1.0.0", 0);
      PromotionHandle h1 = fx.runtime.promote("dev", f1.name());
      fx.settle();
      assertThat(h1.done()).as("the first Promotion ends").isCompleted();
      Promotion p1 = h1.await(Duration.ofSeconds(1));
      assertThat(p1.status().phase()).isEqualTo(PromotionPhase.ERRORED);
      StepExecutionMetadata step = p1.status().stepExecutionMetadata().get(0);
      assertThat(step.status()).isEqualTo(PromotionStepStatus.ERRORED);
      assertThat(step.message()).contains("step-1").contains(TestSteps.class.getName()).contains(name);
      assertThat(p1.status().message()).contains("step-1");

      Freight f2 = fx.create("2.0.0", 1);
      PromotionHandle h2 = fx.runtime.promote("dev", f2.name());
      fx.settle();
      assertThat(h2.done()).as("the Stage promotes the next Freight").isCompleted();
      assertThat(h2.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      assertThat(fx.runtime.stage("dev").status().currentFreight().includes(f2.name())).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void aListenerThrowingAnErrorBreaksNothing(String name, Supplier<Throwable> error) {
    PipelineListener hostile = new PipelineListener() {
      @Override
      public void stepUpdated(Promotion promotion, StepExecutionMetadata step) {
        sneakyThrow(error.get());
      }

      @Override
      public void promotionPhaseChanged(Promotion promotion) {
        sneakyThrow(error.get());
      }

      @Override
      public void freightCreated(Freight freight) {
        sneakyThrow(error.get());
      }

      @Override
      public void healthChanged(String stage, dev.kargo4j.core.model.Health health) {
        sneakyThrow(error.get());
      }
    };
    try (Fixture fx = new Fixture(DEV, dev.kargo4j.core.store.InMemoryStore.create(
        dev.kargo4j.testkit.ManualClock.at(Fixture.T0)), b -> b.listener(hostile))) {
      for (String tag : new String[] {"1.0.0", "2.0.0"}) {
        Freight f = fx.create(tag, 0);
        PromotionHandle h = fx.runtime.promote("dev", f.name());
        fx.settle();
        assertThat(h.done()).isCompleted();
        assertThat(h.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      }
      // the other listeners still heard everything
      assertThat(fx.events).contains("promotion dev Succeeded", "step dev step-1 Succeeded");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void aHealthCheckerThrowingAnErrorLeavesTheStageUsable(String name, Supplier<Throwable> error) {
    try (Fixture fx = new Fixture(DEV)) {
      AtomicBoolean armed = new AtomicBoolean(true);
      fx.health.hook = () -> {
        if (armed.getAndSet(false)) {
          sneakyThrow(error.get());
        }
      };
      Freight f1 = fx.create("1.0.0", 0);
      PromotionHandle h1 = fx.runtime.promote("dev", f1.name());
      fx.settle();
      assertThat(h1.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      var health = fx.runtime.stage("dev").status().health();
      assertThat(health).isNotNull();
      assertThat(health.status()).isEqualTo(HealthState.UNKNOWN);

      Freight f2 = fx.create("2.0.0", 1);
      PromotionHandle h2 = fx.runtime.promote("dev", f2.name());
      fx.settle(Duration.ofMinutes(10));
      assertThat(h2.done()).isCompleted();
      assertThat(h2.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      assertThat(fx.runtime.stage("dev").status().health().status()).isEqualTo(HealthState.HEALTHY);
    }
  }

  @org.junit.jupiter.api.Test
  void aFatalErrorReachesTheExecutorButTheStageStaysSchedulable() throws Exception {
    java.util.List<Throwable> escaped = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    java.util.concurrent.Executor recording = r -> pool.execute(() -> {
      try {
        r.run();
      } catch (Throwable t) {
        escaped.add(t);
      }
    });
    try (Fixture fx = new Fixture(DEV, dev.kargo4j.core.store.InMemoryStore.create(
        dev.kargo4j.testkit.ManualClock.at(Fixture.T0)), b -> b.executor(recording))) {
      AtomicBoolean armed = new AtomicBoolean(true);
      fx.steps.hook = c -> {
        if (armed.getAndSet(false)) {
          throw new InternalError("the JVM is broken");
        }
      };
      Freight f1 = fx.create("1.0.0", 0);
      PromotionHandle h1 = fx.runtime.promote("dev", f1.name());
      fx.settle();
      // the broken JVM's error is the host's to handle, after the promotion was ended
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
      while (escaped.isEmpty() && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // the error leaves the task just after its bookkeeping
      }
      assertThat(escaped).singleElement().isInstanceOf(InternalError.class);
      assertThat(h1.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.ERRORED);
      assertThat(h1.await(Duration.ofSeconds(1)).status().message()).contains("InternalError");

      Freight f2 = fx.create("2.0.0", 1);
      PromotionHandle h2 = fx.runtime.promote("dev", f2.name());
      fx.settle(Duration.ofMinutes(10));
      assertThat(h2.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
    } finally {
      pool.shutdownNow();
    }
  }

  @SuppressWarnings("unchecked")
  static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }
}
