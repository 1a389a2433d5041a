package dev.kargo4j.samples.customstep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.engine.PromotionBuilder;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.engine.PromotionTasks;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.spi.TargetFreight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: the step is found by {@link java.util.ServiceLoader} next to the built-in ones and
 * runs from a Stage manifest in a real promotion, its output read by a later step.
 */
class ChecksumPluginTest {
  @TempDir Path workRoot;

  @Test
  void serviceLoaderFindsTheStepBesideTheBuiltIns() {
    StepRegistry steps = StepRegistry.discover(getClass().getClassLoader());
    assertThat(steps.kinds()).contains("checksum", "file-write", "copy");
    assertThat(steps.runner("checksum")).isInstanceOf(ChecksumComputer.class);
  }

  @Test
  void aStageManifestUsesTheStepAndALaterStepReadsItsOutput() throws Exception {
    ManifestSet manifests = Manifests.load(Path.of(getClass().getResource("/pipeline.yaml").toURI()));
    Stage dev = manifests.stage("checksum-demo", "dev").orElseThrow();
    Freight freight = new Freight(ObjectMeta.of("checksum-demo", "a3f1c0de9b8e7d6c5b4a39281706f5e4d3c2b1a0"),
        "brave-tiger", Instant.parse("2026-01-01T00:00:00Z"), FreightOrigin.warehouse("app"), List.of(),
        List.of(Image.of("registry.example.com/team/app", "1.4.0", "sha256:0123")), List.of(), List.of(), null);
    TargetFreight target = new TargetFreight(freight, FreightCollection.of(List.of(freight.reference())),
        dev.spec().requestedFreight(), Map.of("app", manifests.warehouse("checksum-demo", "app").orElseThrow()));
    List<String> progress = new CopyOnWriteArrayList<>();
    PromotionEngine engine = PromotionEngine.builder()
        .steps(StepRegistry.discover(getClass().getClassLoader()))
        .workRoot(workRoot)
        .keepWorkDirs(true)
        .listener(new dev.kargo4j.core.engine.PromotionListener() {
          @Override
          public void stepUpdated(Promotion promotion, StepExecutionMetadata step) {
            progress.add(step.alias() + "=" + step.status());
          }
        })
        .build();
    Promotion promotion = PromotionBuilder.forStage(dev).freight(freight)
        .tasks(PromotionTasks.of(manifests.promotionTasks(), manifests.clusterPromotionTasks())).build();

    Promotion done = engine.run(promotion, target);

    assertThat(done.status().phase()).as(done.status().message()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(progress).containsExactly("step-1=SUCCEEDED", "step-2=SUCCEEDED", "sum=SUCCEEDED", "record=SUCCEEDED");
    Path dir = workRoot.resolve("promotion-" + done.name());
    assertThat(Files.readString(dir.resolve("out/deploy.yaml")))
        .isEqualTo("image: registry.example.com/team/app:1.4.0\n");
    String sums = Files.readString(dir.resolve("SHA256SUMS"));
    assertThat(sums).contains("  deploy.yaml\n").contains("  env.txt\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> sum = (Map<String, Object>) done.status().state().get("sum");
    assertThat(Files.readString(dir.resolve("release.txt")))
        .isEqualTo("rendered 2 files, sha256 " + sum.get("checksum"))
        .matches("rendered 2 files, sha256 [0-9a-f]{64}");
  }
}
