package dev.kargo4j.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.store.InMemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** 50 promotions requested at once across 10 Stages, on real threads and the system clock. */
class ConcurrencyTest {

  @Test
  void fiftyPromotionsAcrossTenStagesRunOneAtATimePerStageInRequestOrder() throws Exception {
    StringBuilder yaml = new StringBuilder(Fixture.WAREHOUSES).append("---\n");
    for (int s = 0; s < 10; s++) {
      yaml.append(Fixture.stage("stage-" + s, "{direct: true}"));
    }
    TestSteps steps = new TestSteps();
    // stretch each step a little with a busy wait (no sleeping) so that Stages overlap
    AtomicInteger parallelStages = new AtomicInteger();
    AtomicInteger maxParallelStages = new AtomicInteger();
    steps.hook = ctx -> {
      maxParallelStages.accumulateAndGet(parallelStages.incrementAndGet(), Math::max);
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      parallelStages.decrementAndGet();
    };
    InMemoryStore store = InMemoryStore.create();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    ExecutorService requesters = Executors.newFixedThreadPool(10);
    try (ProjectRuntime runtime = ProjectRuntime.builder()
        .manifests(Manifests.loadString("concurrency.yaml", yaml.toString())).store(store)
        .steps(StepRegistry.of(steps)).executor(pool).build()) {
      List<Freight> freight = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        freight.add(runtime.createFreight(Fixture.freight("app", "1.0." + i, i)));
      }
      CountDownLatch go = new CountDownLatch(1);
      Map<String, List<String>> requestedOrder = new ConcurrentHashMap<>();
      List<Future<List<PromotionHandle>>> futures = new ArrayList<>();
      for (int s = 0; s < 10; s++) {
        String stage = "stage-" + s;
        int shift = s;
        futures.add(requesters.submit(() -> {
          go.await();
          List<PromotionHandle> handles = new ArrayList<>();
          List<String> order = new ArrayList<>();
          for (int i = 0; i < 5; i++) {
            Freight f = freight.get((i + shift) % 5);
            handles.add(runtime.promote(stage, f.name()));
            order.add(f.name());
          }
          requestedOrder.put(stage, order);
          return handles;
        }));
      }
      go.countDown();
      List<PromotionHandle> all = new ArrayList<>();
      for (Future<List<PromotionHandle>> f : futures) {
        all.addAll(f.get(30, TimeUnit.SECONDS));
      }
      for (PromotionHandle h : all) {
        assertThat(h.await(Duration.ofSeconds(60)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      }
      assertThat(runtime.awaitIdle(Duration.ofSeconds(60))).isTrue();

      assertThat(steps.maxOverlap.get()).as("attempts of one Stage at once").isEqualTo(1);
      assertThat(maxParallelStages.get()).as("Stages working at once").isGreaterThan(1);
      List<Promotion> stored = store.listPromotions("demo");
      assertThat(stored).hasSize(50);
      assertThat(new HashSet<>(stored.stream().map(Promotion::name).toList())).hasSize(50);
      assertThat(all.stream().map(PromotionHandle::name).distinct()).hasSize(50);
      for (int s = 0; s < 10; s++) {
        String stage = "stage-" + s;
        List<Promotion> mine = runtime.promotions(stage);
        assertThat(mine).hasSize(5).allMatch(p -> p.status().phase() == PromotionPhase.SUCCEEDED);
        // executed in request order, which is name order, each started after the previous finished
        assertThat(steps.promoted.get(stage)).isEqualTo(requestedOrder.get(stage));
        List<Promotion> byStart = new ArrayList<>(mine);
        byStart.sort(Comparator.comparing(p -> p.status().startedAt()));
        assertThat(byStart).extracting(Promotion::name).isSorted();
        for (int i = 1; i < byStart.size(); i++) {
          assertThat(byStart.get(i).status().startedAt())
              .isAfterOrEqualTo(byStart.get(i - 1).status().finishedAt());
        }
        assertThat(runtime.stage(stage).status().freightHistory()).hasSize(5);
        assertThat(runtime.stage(stage).status().currentFreight().includes(requestedOrder.get(stage).get(4)))
            .isTrue();
      }
      for (Freight f : freight) {
        assertThat(runtime.freight(f.name()).orElseThrow().status().verifiedIn()).hasSize(10);
      }
    } finally {
      pool.shutdownNow();
      requesters.shutdownNow();
    }
  }
}
