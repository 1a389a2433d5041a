package dev.kargo4j.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KargoStoreStepsTest {
  @TempDir Path work;
  final Store store = InMemoryStore.create();

  Freight freight(String name, String alias) {
    return store.createFreight(new Freight(ObjectMeta.of("test-project", name), alias, null,
        FreightOrigin.warehouse("w"), List.of(), List.of(Image.of("example.com/app", "1.0.0", "")),
        List.of(), List.of(), null));
  }

  @Test
  void setMetadataUpsertsOnStagesAndFreight() {
    freight("f1", "a");
    var result = StepTestKit.forRunner(new MetadataSetter()).workDir(work).capability(Capability.STORE, store)
        .config(Map.of("updates", List.of(
            Map.of("kind", "Stage", "name", "dev", "values", Map.of("deployment", Map.of("id", "abc"))),
            Map.of("kind", "Freight", "name", "f1", "values", Map.of("approvedBy", "qa")))))
        .run();
    assertThat(result.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(store.getStageStatus("test-project", "dev").orElseThrow().value().metadata())
        .containsEntry("deployment", Map.of("id", "abc"));
    assertThat(store.getFreight("test-project", "f1").orElseThrow().status().metadata())
        .containsEntry("approvedBy", "qa");
  }

  @Test
  void setMetadataOnMissingFreightFailsAndBadConfigNamesTheField() {
    StepTestKit kit = StepTestKit.forRunner(new MetadataSetter()).workDir(work).capability(Capability.STORE, store);
    assertThatThrownBy(() -> kit.config(Map.of("updates", List.of(
        Map.of("kind", "Freight", "name", "nope", "values", Map.of("k", "v"))))).run())
        .isInstanceOf(TerminalStepException.class).hasMessageContaining("Freight \"nope\" not found");
    assertThatThrownBy(() -> kit.config(Map.of("updates", List.of(
        Map.of("kind", "Warehouse", "name", "w", "values", Map.of("k", "v"))))).run())
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("updates[0].kind")
        .hasMessageContaining("allowed: Freight, Stage");
  }

  @Test
  void setFreightAliasRenamesAndKeepsAliasesUnique() {
    freight("f1", "old-alias");
    freight("f2", "taken");
    StepTestKit kit = StepTestKit.forRunner(new FreightAliasSetter()).workDir(work).capability(Capability.STORE, store);
    kit.config(Map.of("name", "f1", "alias", "release-1")).run();
    Freight f1 = store.getFreight("test-project", "f1").orElseThrow();
    assertThat(f1.alias()).isEqualTo("release-1");
    assertThat(f1.metadata().labels()).containsEntry("kargo.akuity.io/alias", "release-1");
    assertThat(store.getFreightByAlias("test-project", "release-1")).isPresent();
    assertThatThrownBy(() -> kit.config(Map.of("name", "f1", "alias", "taken")).run())
        .isInstanceOf(TerminalStepException.class).hasMessageContaining("already used by Freight \"f2\"");
  }
}
