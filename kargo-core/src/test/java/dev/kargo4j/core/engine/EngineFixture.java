package dev.kargo4j.core.engine;

import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.spi.TargetFreight;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A project with one Warehouse, a Stage whose steps a test gives, and one Freight. */
final class EngineFixture {
  static final String WAREHOUSE = """
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Warehouse
      metadata: {name: app, namespace: demo}
      spec:
        subscriptions:
        - image: {repoURL: registry.example.com/team/app}
      """;

  final ManifestSet manifests;
  final Stage stage;
  final Freight freight;
  final TargetFreight target;

  EngineFixture(String stageSteps, String extraManifests) {
    String stageYaml = """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: dev, namespace: demo}
        spec:
          vars:
          - {name: env, value: development}
          requestedFreight:
          - origin: {kind: Warehouse, name: app}
            sources: {direct: true}
          promotionTemplate:
            spec:
              steps:
        """ + indent(stageSteps, "      ");
    manifests = Manifests.loadString("fixture.yaml", WAREHOUSE + "---\n" + stageYaml
        + (extraManifests.isEmpty() ? "" : "---\n" + extraManifests));
    stage = manifests.stage("demo", "dev").orElseThrow();
    freight = new Freight(ObjectMeta.of("demo", "f0123456789abcdef0123456789abcdef0123456"), "brave-tiger",
        Instant.parse("2026-11-01T00:00:00Z"), FreightOrigin.warehouse("app"), List.of(),
        List.of(Image.of("registry.example.com/team/app", "1.2.3", "sha256:abc")), List.of(), List.of(), null);
    Map<String, Warehouse> warehouses = new LinkedHashMap<>();
    for (Warehouse w : manifests.warehouses("demo")) {
      warehouses.put(w.name(), w);
    }
    target = new TargetFreight(freight, FreightCollection.of(List.of(freight.reference())),
        stage.spec().requestedFreight(), warehouses);
  }

  Promotion promotion() {
    return PromotionBuilder.forStage(stage).freight(freight).actor("alice")
        .tasks(PromotionTasks.of(manifests.promotionTasks(), manifests.clusterPromotionTasks()))
        .build();
  }

  private static String indent(String text, String prefix) {
    StringBuilder sb = new StringBuilder();
    for (String line : text.stripIndent().split("\n")) {
      sb.append(prefix).append(line).append('\n');
    }
    return sb.toString();
  }
}
