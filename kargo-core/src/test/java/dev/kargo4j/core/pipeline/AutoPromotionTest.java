package dev.kargo4j.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoPromotionTest {
  private static final String HOLD = "kargo.akuity.io/auto-promotion-hold";
  private static final String RESUME = "kargo.akuity.io/auto-promotion-resume";

  private static String config(String policies) {
    return """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: ProjectConfig
        metadata: {name: demo, namespace: demo}
        spec:
          promotionPolicies:
        %s
        ---
        """.formatted(policies.indent(2).stripTrailing());
  }

  private static final String ALL = config("- stageSelector: {name: \"glob:*\"}\n  autoPromotionEnabled: true");

  @Test
  void newestFreightFlowsDownThePipelineByItself() {
    try (Fixture fx = new Fixture(ALL + Fixture.stage("dev", "{direct: true}")
        + Fixture.stage("staging", "{stages: [dev]}"))) {
      // both arrive at once (as discovery may deliver them) to a quiet runtime: only the newest
      // is a candidate
      fx.settle();
      List<Freight> both = fx.runtime.importFreight(List.of(Fixture.freight("app", "1.0.0", 0),
          Fixture.freight("app", "2.0.0", 5)));
      Freight older = both.get(0);
      Freight newer = both.get(1);
      fx.settle();
      assertThat(fx.steps.promoted.get("dev")).containsExactly(newer.name());
      assertThat(fx.steps.promoted.get("staging")).containsExactly(newer.name());
      List<Promotion> promos = fx.runtime.promotions("staging");
      assertThat(promos).hasSize(1);
      assertThat(promos.get(0).metadata().annotations())
          .containsEntry("kargo.akuity.io/create-actor", "controller:kargo4j").doesNotContainKeys(HOLD, RESUME);
      assertThat(fx.runtime.stage("dev").status().autoPromotionEnabled()).isTrue();
      assertThat(fx.get(older.name()).status().currentlyIn()).isEmpty();
    }
  }

  @Test
  void promotingOtherThanTheCandidateHoldsAndPromotingTheCandidateResumes() {
    try (Fixture fx = new Fixture(ALL + Fixture.stage("dev", "{direct: true}"))) {
      Freight f1 = fx.create("1.0.0", 0);
      fx.settle();
      Freight f2 = fx.create("2.0.0", 1);
      fx.settle();
      assertThat(fx.steps.promoted.get("dev")).containsExactly(f1.name(), f2.name());

      // roll back to f1: a hold for the origin
      PromotionHandle rollback = fx.runtime.promote("dev", f1.name(), "alice");
      assertThat(rollback.created().metadata().annotations()).containsEntry(HOLD, "Warehouse/app");
      fx.settle();
      Stage dev = fx.runtime.stage("dev");
      assertThat(dev.status().autoPromotionHolds()).containsOnlyKeys("Warehouse/app");
      assertThat(dev.status().autoPromotionHolds().get("Warehouse/app").freightName()).isEqualTo(f1.name());
      assertThat(dev.status().autoPromotionHolds().get("Warehouse/app").actor()).isEqualTo("alice");
      assertThat(dev.status().autoPromotionHolds().get("Warehouse/app").promotionName()).isEqualTo(rollback.name());
      assertThat(dev.status().effectiveAutoPromotionHolds()).containsOnlyKeys("Warehouse/app");

      // new Freight is not auto-promoted while held
      Freight f3 = fx.create("3.0.0", 2);
      fx.settle();
      assertThat(fx.steps.promoted.get("dev")).containsExactly(f1.name(), f2.name(), f1.name());

      // promoting the candidate resumes auto-promotion
      PromotionHandle resume = fx.runtime.promote("dev", f3.name(), "alice");
      assertThat(resume.created().metadata().annotations()).containsEntry(RESUME, "Warehouse/app")
          .doesNotContainKey(HOLD);
      fx.settle();
      assertThat(fx.runtime.stage("dev").status().autoPromotionHolds()).isEmpty();
      Freight f4 = fx.create("4.0.0", 3);
      fx.settle();
      assertThat(fx.steps.promoted.get("dev")).endsWith(f3.name(), f4.name());
    }
  }

  @Test
  void anAbortedPromotionNeitherHoldsNorResumes() {
    try (Fixture fx = new Fixture(ALL + Fixture.stage("dev", "{direct: true}",
        "{uses: test-step, config: {result: running, runningFor: 5}}", ""))) {
      Freight f1 = fx.create("1.0.0", 0);
      fx.settle(Duration.ofMinutes(5));
      Freight f2 = fx.create("2.0.0", 1);
      fx.settle(Duration.ofMinutes(5));
      PromotionHandle rollback = fx.runtime.promote("dev", f1.name(), "alice");
      fx.settle();
      fx.runtime.abort(rollback.name());
      fx.settle(Duration.ofMinutes(5));
      Stage dev = fx.runtime.stage("dev");
      assertThat(dev.status().autoPromotionHolds()).isEmpty();
      assertThat(dev.status().effectiveAutoPromotionHolds()).isEmpty();
      assertThat(dev.status().currentFreight().includes(f2.name())).isTrue();
    }
  }

  @Test
  void matchUpstreamFollowsWhatIsInTheUpstreamStage() {
    try (Fixture fx = new Fixture(config("- stageSelector: {name: staging}\n  autoPromotionEnabled: true")
        + Fixture.stage("dev", "{direct: true}")
        + Fixture.stage("staging", "{stages: [dev], autoPromotionOptions: {selectionPolicy: MatchUpstream}}"))) {
      Freight f1 = fx.create("1.0.0", 0);
      Freight f2 = fx.create("2.0.0", 1);
      fx.runtime.promote("dev", f2.name());
      fx.settle();
      fx.runtime.promote("dev", f1.name());
      fx.settle();
      // f2 is newer and verified in dev, but f1 is what dev runs now
      assertThat(fx.runtime.availableFreight("staging")).extracting(Freight::name).containsExactly(f1.name());
      assertThat(fx.runtime.isAvailable(f2.name(), "staging")).isTrue();
      assertThat(fx.steps.promoted.get("staging")).containsExactly(f2.name(), f1.name());
      assertThat(fx.runtime.stage("staging").status().currentFreight().includes(f1.name())).isTrue();
      assertThat(fx.runtime.stage("dev").status().autoPromotionEnabled()).isFalse();
    }
  }

  @Test
  void theFirstMatchingPolicyWinsAndLabelsMustMatchToo() {
    String policies = config("""
        - stageSelector: {name: "regex:^prod"}
          autoPromotionEnabled: false
        - stageSelector: {name: "glob:*", matchLabels: {auto: "yes"}}
          autoPromotionEnabled: true
        """);
    String labelled = Fixture.stage("prod-east", "{direct: true}").replace("name: prod-east, namespace: demo",
        "name: prod-east, namespace: demo, labels: {auto: \"yes\"}");
    String qa = Fixture.stage("qa", "{direct: true}").replace("name: qa, namespace: demo",
        "name: qa, namespace: demo, labels: {auto: \"yes\"}");
    try (Fixture fx = new Fixture(policies + labelled + qa + Fixture.stage("dev", "{direct: true}"))) {
      Freight f = fx.create("1.0.0", 0);
      fx.settle();
      assertThat(fx.steps.promoted).containsOnlyKeys("qa");
      assertThat(fx.runtime.stage("prod-east").status().autoPromotionEnabled()).isFalse();
      assertThat(fx.runtime.stage("dev").status().autoPromotionEnabled()).isFalse();
      assertThat(fx.runtime.stage("qa").status().currentFreight().includes(f.name())).isTrue();
    }
  }

  @Test
  void aFailedAutoPromotionIsNotRetriedForTheSameFreight() {
    try (Fixture fx = new Fixture(ALL + Fixture.stage("dev", "{direct: true}",
        "{uses: test-step, config: {result: fail}}", ""))) {
      Freight f = fx.create("1.0.0", 0);
      fx.settle(Duration.ofMinutes(10));
      List<Promotion> promos = fx.runtime.promotions("dev");
      assertThat(promos).hasSize(1);
      assertThat(promos.get(0).status().phase()).isEqualTo(PromotionPhase.FAILED);
      assertThat(promos.get(0).spec().freight()).isEqualTo(f.name());
    }
  }

  @Test
  void soakingFreightIsAutoPromotedWhenItsSoakTimeIsUp() {
    try (Fixture fx = new Fixture(ALL + Fixture.stage("dev", "{direct: true}")
        + Fixture.stage("staging", "{stages: [dev], requiredSoakTime: 30m}"))) {
      Freight f = fx.create("1.0.0", 0);
      fx.settle();
      assertThat(fx.steps.promoted.get("staging")).isNull();
      assertThat(fx.runtime.nextTimer()).contains(Fixture.T0.plus(Duration.ofMinutes(30)));
      fx.settle(Duration.ofHours(1));
      assertThat(fx.steps.promoted.get("staging")).containsExactly(f.name());
      assertThat(fx.runtime.stage("staging").status().lastPromotion().status().startedAt())
          .isEqualTo(Fixture.T0.plus(Duration.ofMinutes(30)));
    }
  }

  @Test
  void disablingAutoPromotionClearsTheHolds() {
    InMemoryStore store = InMemoryStore.create(ManualClock.at(Fixture.T0));
    Fixture fx = new Fixture(ALL + Fixture.stage("dev", "{direct: true}"), store, b -> {});
    Freight f1 = fx.create("1.0.0", 0);
    fx.settle();
    fx.create("2.0.0", 1);
    fx.settle();
    fx.runtime.promote("dev", f1.name(), "alice");
    fx.settle();
    assertThat(fx.runtime.stage("dev").status().autoPromotionHolds()).isNotEmpty();
    fx.close();

    try (Fixture off = new Fixture(Fixture.stage("dev", "{direct: true}"), store, b -> {})) {
      off.settle();
      Stage dev = off.runtime.stage("dev");
      assertThat(dev.status().autoPromotionEnabled()).isFalse();
      assertThat(dev.status().autoPromotionHolds()).isEmpty();
      assertThat(dev.status().effectiveAutoPromotionHolds()).isEmpty();
      // promotions made while disabled carry no intent
      PromotionHandle h = off.runtime.promote("dev", f1.name(), "bob");
      assertThat(h.created().metadata().annotations()).doesNotContainKeys(HOLD, RESUME);
    }
  }
}
