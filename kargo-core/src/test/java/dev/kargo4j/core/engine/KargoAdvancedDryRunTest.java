package dev.kargo4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.spi.TargetFreight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The dry-run of the kargo-advanced {@code promote} task for Stage {@code dev}: every step's
 * rendered config, printed, without running anything.
 */
class KargoAdvancedDryRunTest {

  @Test
  @SuppressWarnings("unchecked")
  void rendersEveryStepOfThePromoteTaskForDev() {
    String fixtures = System.getProperty("kargo4j.fixtures", "");
    Path kargo = Path.of(fixtures, "kargo-advanced", "kargo");
    Assumptions.assumeTrue(!fixtures.isEmpty() && Files.isDirectory(kargo),
        "the shared kargo-advanced fixtures are not at " + kargo + " (system property kargo4j.fixtures); skipping");
    ManifestSet manifests = Manifests.load(kargo);
    Stage dev = manifests.stage("kargo-advanced", "dev").orElseThrow();
    Warehouse guestbook = manifests.warehouse("kargo-advanced", "guestbook").orElseThrow();
    Freight freight = new Freight(ObjectMeta.of("kargo-advanced", "8c8b1bdbf8d3c0b0e8e9c5f1c2d3e4f5a6b7c8d9"), "", null,
        FreightOrigin.warehouse("guestbook"),
        List.of(new GitCommit("https://github.com/akuity/kargo-advanced.git", "0123456789abcdef0123456789abcdef01234567",
            "main", "", "Update README", "Jane <jane@example.com>", "", "")),
        List.of(Image.of("ghcr.io/akuity/guestbook", "v0.0.2", "sha256:0f1e")), List.of(), List.of(), null);
    TargetFreight target = new TargetFreight(freight, FreightCollection.of(List.of(freight.reference())),
        dev.spec().requestedFreight(), Map.of("guestbook", guestbook));
    Promotion promotion = PromotionBuilder.forStage(dev).freight(freight)
        .tasks(PromotionTasks.of(manifests.promotionTasks(), manifests.clusterPromotionTasks())).build();

    List<PromotionEngine.RenderedStep> steps = PromotionEngine.builder().steps(StepRegistry.of()).build()
        .dryRun(promotion, target, Map.of(
            "task-1::update-image", Map.of("commitMessage", "Updated ./src/env/dev to use new image"),
            "task-1::commit", Map.of("commit", "89abcdef89abcdef89abcdef89abcdef89abcdef")));
    for (PromotionEngine.RenderedStep s : steps) {
      System.out.println("DRY-RUN " + s.alias() + " (" + s.uses() + "): "
          + (s.error() != null ? "error: " + s.error() : s.config()));
    }

    Map<String, PromotionEngine.RenderedStep> byAlias = new LinkedHashMap<>();
    steps.forEach(s -> byAlias.put(s.alias(), s));
    assertThat(byAlias.keySet()).containsExactly("task-1::step-1", "task-1::step-2", "task-1::update-image",
        "task-1::step-4", "task-1::commit", "task-1::step-6", "task-1::step-7");
    assertThat(steps).allSatisfy(s -> assertThat(s.error()).isNull());
    Map<String, Object> clone = byAlias.get("task-1::step-1").config();
    List<Map<String, Object>> checkout = (List<Map<String, Object>>) clone.get("checkout");
    assertThat(checkout.get(0)).containsEntry("commit", "0123456789abcdef0123456789abcdef01234567");
    assertThat(checkout.get(1)).containsEntry("branch", "env/dev").containsEntry("create", true);
    Map<String, Object> setImage = byAlias.get("task-1::update-image").config();
    assertThat(setImage).containsEntry("path", "./src/env/dev");
    assertThat((List<Map<String, Object>>) setImage.get("images"))
        .containsExactly(Map.of("image", "ghcr.io/akuity/guestbook", "tag", "v0.0.2"));
    assertThat(byAlias.get("task-1::commit").config())
        .containsEntry("message", "Updated ./src/env/dev to use new image");
    Map<String, Object> argocd = byAlias.get("task-1::step-7").config();
    Map<String, Object> app = ((List<Map<String, Object>>) argocd.get("apps")).get(0);
    assertThat(app).containsEntry("name", "guestbook-dev");
    assertThat(((List<Map<String, Object>>) app.get("sources")).get(0))
        .containsEntry("desiredRevision", "89abcdef89abcdef89abcdef89abcdef89abcdef");
  }
}
