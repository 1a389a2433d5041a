package dev.kargo4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.PromotionReference;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.Warehouse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one factory of {@link TargetFreight}: Kargo's {@code buildTargetFreightCollection}. */
class TargetFreightTest {
  private static final String YAML = """
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Warehouse
      metadata: {name: app, namespace: demo}
      spec: {subscriptions: [{image: {repoURL: registry.example.com/app}}]}
      ---
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Warehouse
      metadata: {name: db, namespace: demo}
      spec: {subscriptions: [{image: {repoURL: registry.example.com/db}}]}
      ---
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Warehouse
      metadata: {name: other, namespace: demo}
      spec: {subscriptions: [{image: {repoURL: registry.example.com/other}}]}
      ---
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Stage
      metadata: {name: both, namespace: demo}
      spec:
        requestedFreight:
        - {origin: {kind: Warehouse, name: app}, sources: {direct: true}}
        - {origin: {kind: Warehouse, name: db}, sources: {direct: true}}
        promotionTemplate: {spec: {steps: [{uses: x}]}}
      ---
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Stage
      metadata: {name: one, namespace: demo}
      spec:
        requestedFreight:
        - {origin: {kind: Warehouse, name: app}, sources: {direct: true}}
        promotionTemplate: {spec: {steps: [{uses: x}]}}
      """;

  private final ManifestSet manifests = Manifests.loadString("t.yaml", YAML);

  private static Freight freight(String name, String warehouse) {
    return new Freight(ObjectMeta.of("demo", name), "", null, FreightOrigin.warehouse(warehouse), List.of(),
        List.of(Image.of("registry.example.com/" + warehouse, name, "")), List.of(), List.of(), null);
  }

  private Map<String, Warehouse> warehouses() {
    Map<String, Warehouse> out = new LinkedHashMap<>();
    manifests.warehouses("demo").forEach(w -> out.put(w.name(), w));
    return out;
  }

  /** A Stage whose last Promotion moved {@code freight} into it. */
  private Stage afterPromotionOf(String stage, Freight... freight) {
    FreightCollection last = FreightCollection.of(java.util.Arrays.stream(freight).map(Freight::reference).toList());
    PromotionReference ref = new PromotionReference("p1", freight[0].reference(),
        PromotionStatus.EMPTY.withFreightCollection(last), null);
    return manifests.stage("demo", stage).orElseThrow().withStatus(StageStatus.EMPTY.withLastPromotion(ref));
  }

  @Test
  void aStageRequestingSeveralOriginsKeepsTheOtherOriginsOfItsLastPromotion() {
    Stage both = afterPromotionOf("both", freight("app1", "app"), freight("db1", "db"));
    Freight app2 = freight("app2", "app");
    TargetFreight tf = TargetFreight.forStage(both, app2, warehouses());
    assertThat(tf.target()).isEqualTo(app2);
    assertThat(tf.collection().references()).extracting(r -> r.name()).containsExactlyInAnyOrder("app2", "db1");
    assertThat(tf.requests()).isEqualTo(both.spec().requestedFreight());
    assertThat(tf.warehouses()).containsOnlyKeys("app", "db");
  }

  @Test
  void aStageRequestingOneOriginHoldsTheTargetOnly() {
    Stage one = afterPromotionOf("one", freight("app1", "app"), freight("db1", "db"));
    TargetFreight tf = TargetFreight.forStage(one, freight("app2", "app"), warehouses());
    assertThat(tf.collection().references()).extracting(r -> r.name()).containsExactly("app2");
    assertThat(tf.warehouses()).containsOnlyKeys("app");
    TargetFreight fresh = TargetFreight.forStage(manifests.stage("demo", "both").orElseThrow(), freight("app3", "app"),
        warehouses());
    assertThat(fresh.collection().references()).extracting(r -> r.name()).containsExactly("app3");
  }

  @Test
  void withCollectionKeepsTheRest() {
    TargetFreight tf = TargetFreight.forStage(manifests.stage("demo", "one").orElseThrow(), freight("app1", "app"),
        warehouses());
    FreightCollection other = FreightCollection.of(List.of(freight("app0", "app").reference()));
    assertThat(tf.withCollection(other)).isEqualTo(new TargetFreight(tf.target(), other, tf.requests(), tf.warehouses()));
  }
}
