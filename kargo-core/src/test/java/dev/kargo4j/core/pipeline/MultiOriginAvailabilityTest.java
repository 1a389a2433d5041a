package dev.kargo4j.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.ApprovedStage;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.VerifiedStage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A Stage requesting Freight from two Warehouses lists both origins' available Freight, in name order. */
class MultiOriginAvailabilityTest {
  private static final String STAGES = """
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Stage
      metadata: {name: dev, namespace: demo}
      spec:
        requestedFreight:
        - origin: {kind: Warehouse, name: app}
          sources: {direct: true}
        - origin: {kind: Warehouse, name: db}
          sources: {direct: true}
        promotionTemplate: {spec: {steps: [{uses: test-step, config: {}}]}}
      ---
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Stage
      metadata: {name: staging, namespace: demo}
      spec:
        requestedFreight:
        - origin: {kind: Warehouse, name: app}
          sources: {stages: [dev]}
        - origin: {kind: Warehouse, name: db}
          sources: {stages: [dev], requiredSoakTime: 1h}
        promotionTemplate: {spec: {steps: [{uses: test-step, config: {}}]}}
      ---
      """;

  @Test
  void bothOriginsAreListedWithEachRequestsOwnRules() {
    try (Fixture fx = new Fixture(STAGES)) {
      Freight app1 = fx.runtime.createFreight(Fixture.freight("app", "1.0.0", 0));
      Freight app2 = fx.runtime.createFreight(Fixture.freight("app", "1.1.0", 1));
      Freight db1 = fx.runtime.createFreight(Fixture.freight("db", "15.0", 2));
      Freight db2 = fx.runtime.createFreight(Fixture.freight("db", "16.0", 3));

      List<Freight> dev = fx.runtime.availableFreight("dev");
      assertThat(dev).extracting(Freight::name)
          .containsExactlyElementsOf(sortedNames(app1, app2, db1, db2));

      // verified in dev: app1 (no soak needed), db1 (needs 1h of soak, has none); db2 approved for staging
      verify(fx, app1);
      verify(fx, db1);
      fx.store.updateFreight(fx.get(db2.name()).withStatus(fx.get(db2.name()).status()
          .withApprovedFor("staging", new ApprovedStage(Fixture.T0))));
      assertThat(fx.runtime.availableFreight("staging")).extracting(Freight::name)
          .containsExactlyElementsOf(sortedNames(app1, db2));
      assertThat(fx.runtime.isAvailable(db1.name(), "staging")).isFalse();
    }
  }

  private static void verify(Fixture fx, Freight f) {
    Freight current = fx.get(f.name());
    FreightStatus s = current.status().withVerifiedIn("dev", new VerifiedStage(Fixture.T0, null));
    fx.store.updateFreight(current.withStatus(s));
  }

  private static List<String> sortedNames(Freight... freight) {
    return Arrays.stream(freight).map(Freight::name).sorted(Comparator.naturalOrder()).toList();
  }
}
