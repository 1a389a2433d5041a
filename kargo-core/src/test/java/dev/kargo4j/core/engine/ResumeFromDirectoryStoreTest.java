package dev.kargo4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.store.DirectoryStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A promotion left Running by one engine is completed by a second engine, as after a host
 * restart: everything the second one knows comes from the directory store.
 */
class ResumeFromDirectoryStoreTest {
  @TempDir Path state;
  @TempDir Path work;

  @Test
  void aSecondEngineOverTheSameDirectoryStoreFinishesARunningPromotion() {
    EngineFixture f = new EngineFixture("""
        - uses: script
          as: prepare
          config: {output: {artifact: app-1.2.3.tgz}}
        - uses: script
          as: wait-for-approval
          config: {results: [running, succeeded], output: {ticket: CHG-42}}
        - uses: echo
          as: report
          config: {artifact: "${{ outputs.prepare.artifact }}", ticket: "${{ outputs['wait-for-approval'].ticket }}"}
        """, "");
    ScriptedRunner firstRunner = new ScriptedRunner();
    String name;
    try (Store store = DirectoryStore.open(state)) {
      PromotionEngine first = PromotionEngine.builder()
          .steps(StepRegistry.of(firstRunner, new PromotionEngineTest.Echo()))
          .store(store).workRoot(work).build();
      Promotion running = first.execute(f.promotion(), f.target).promotion();
      assertThat(running.status().phase()).isEqualTo(PromotionPhase.RUNNING);
      name = running.name();
    }
    // the host restarted: a new store over the same folder, a new engine, new runner instances
    ScriptedRunner secondRunner = new ScriptedRunner();
    try (Store store = DirectoryStore.open(state)) {
      Promotion saved = store.getPromotion("demo", name).orElseThrow();
      assertThat(saved.status().phase()).isEqualTo(PromotionPhase.RUNNING);
      assertThat(saved.status().currentStep()).isEqualTo(1);
      PromotionEngine second = PromotionEngine.builder()
          .steps(StepRegistry.of(secondRunner, new PromotionEngineTest.Echo()))
          .store(store).workRoot(work).build();
      Promotion done = second.execute(saved, f.target).promotion();
      assertThat(done.status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      assertThat(secondRunner.attempts).doesNotContainKey("prepare");
      assertThat(secondRunner.seenPrevious.get("wait-for-approval")).containsEntry("ticket", "CHG-42");
      assertThat(done.status().stepExecutionMetadata()).extracting(m -> m.status())
          .containsOnly(PromotionStepStatus.SUCCEEDED);
      @SuppressWarnings("unchecked")
      Map<String, Object> report = (Map<String, Object>) done.status().state().get("report");
      assertThat(report).containsEntry("artifact", "app-1.2.3.tgz").containsEntry("ticket", "CHG-42");
      assertThat(store.getPromotion("demo", name).orElseThrow().status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
    }
  }
}
