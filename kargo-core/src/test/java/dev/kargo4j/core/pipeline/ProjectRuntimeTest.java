package dev.kargo4j.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.freight.FreightIds;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectRuntimeTest {
  private static final String DEV = Fixture.stage("dev", "{direct: true}");

  @Test
  void promotesDirectFreightAndRecordsItWhereKargoDoes() {
    try (Fixture fx = new Fixture(DEV + Fixture.stage("staging", "{stages: [dev]}"))) {
      Freight f = fx.create("1.0.0", 0);
      assertThat(fx.runtime.availableFreight("dev")).extracting(Freight::name).containsExactly(f.name());
      assertThat(fx.runtime.availableFreight("staging")).isEmpty();
      assertThatThrownBy(() -> fx.runtime.promote("staging", f.name()))
          .isInstanceOf(KargoException.class).hasMessageContaining("not available to Stage \"staging\"");

      PromotionHandle h = fx.runtime.promote("dev", f.alias());
      fx.settle();
      assertThat(h.done()).isCompleted();
      assertThat(h.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);

      Stage dev = fx.runtime.stage("dev");
      assertThat(dev.status().freightHistory()).hasSize(1);
      assertThat(dev.status().currentFreight().includes(f.name())).isTrue();
      assertThat(dev.status().currentFreight().id())
          .isEqualTo(FreightCollection.computeId(List.of(f.name())));
      assertThat(dev.status().lastPromotion().name()).isEqualTo(h.name());
      assertThat(dev.status().lastPromotion().status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      assertThat(dev.status().currentPromotion()).isNull();
      assertThat(dev.status().health().status()).isEqualTo(HealthState.HEALTHY);
      assertThat(dev.status().currentFreight().currentVerification().phase()).isEqualTo(VerificationPhase.SUCCESSFUL);
      assertThat(dev.status().freightSummary()).isEqualTo(f.name());
      assertThat(dev.status().conditions()).anyMatch(c -> c.type().equals("Ready") && c.status().equals("True"));
      Freight after = fx.get(f.name());
      assertThat(after.status().currentlyIn().get("dev").since()).isEqualTo(Fixture.T0);
      assertThat(after.status().verifiedIn().get("dev").verifiedAt()).isEqualTo(Fixture.T0);
      assertThat(fx.runtime.availableFreight("staging")).extracting(Freight::name).containsExactly(f.name());
      assertThat(fx.events).contains("freight-created " + f.alias(), "promotion-created dev", "promotion dev Running",
          "step dev step-1 Succeeded", "promotion dev Succeeded", "verification dev Successful",
          "health dev Healthy");
    }
  }

  @Test
  void dryRunRendersThePromotionThatPromoteWouldQueueWithoutStoringOrRunningIt() {
    String step = "{uses: test-step, as: show, config: {tag: \"${{ imageFrom('registry.example.com/app').Tag }}\","
        + " stage: \"${{ ctx.stage }}\", freight: \"${{ ctx.targetFreight.name }}\"}}";
    try (Fixture fx = new Fixture(Fixture.stage("dev", "{direct: true}", step, "")
        + Fixture.stage("staging", "{stages: [dev]}", step, ""))) {
      Freight f = fx.create("1.2.3", 0);
      // by alias, and to a Stage the Freight is not (yet) available to
      List<dev.kargo4j.core.engine.PromotionEngine.RenderedStep> steps = fx.runtime.dryRun("staging", f.alias());
      assertThat(steps).singleElement().satisfies(r -> {
        assertThat(r.alias()).isEqualTo("show");
        assertThat(r.uses()).isEqualTo("test-step");
        assertThat(r.error()).isNull();
        assertThat(r.config()).containsEntry("tag", "1.2.3").containsEntry("stage", "staging")
            .containsEntry("freight", f.name());
      });
      assertThat(fx.runtime.dryRun("dev", f.name())).singleElement()
          .satisfies(r -> assertThat(r.config()).containsEntry("stage", "dev"));
      fx.settle();
      assertThat(fx.runtime.promotions("dev")).isEmpty();
      assertThat(fx.runtime.promotions("staging")).isEmpty();
      assertThat(fx.steps.attempts).isEmpty();
      assertThatThrownBy(() -> fx.runtime.dryRun("qa", f.name())).hasMessageContaining("no Stage \"qa\"");
      assertThatThrownBy(() -> fx.runtime.dryRun("dev", "missing")).hasMessageContaining("Freight \"missing\" not found");
    }
  }

  @Test
  void createdFreightGetsItsIdAndAnAliasAndMustComeFromAWarehouseOfTheProject() {
    try (Fixture fx = new Fixture(DEV)) {
      Freight f = fx.create("1.0.0", 0);
      assertThat(f.name()).isEqualTo(FreightIds.generate(f));
      assertThat(f.alias()).matches("[a-z]+-[a-z]+(-\\d+)?");
      assertThat(f.metadata().labels()).containsEntry("kargo.akuity.io/alias", f.alias());
      assertThat(fx.runtime.importFreight(List.of(Fixture.freight("app", "1.0.0", 0))))
          .extracting(Freight::name).containsExactly(f.name());
      assertThatThrownBy(() -> fx.runtime.createFreight(Fixture.freight("nope", "1", 0)))
          .isInstanceOf(KargoException.class).hasMessageContaining("Warehouse/nope")
          .hasMessageContaining("Warehouse/app");
      assertThatThrownBy(() -> fx.runtime.promote("qa", f.name())).hasMessageContaining("no Stage \"qa\"");
      assertThatThrownBy(() -> fx.runtime.promote("dev", "missing")).hasMessageContaining("Freight \"missing\" not found");
    }
  }

  @Test
  void freightVerifiedInOneUpstreamIsAvailableWithOneOfAndNeedsAllWithAll() {
    try (Fixture fx = new Fixture(Fixture.stage("a", "{direct: true}") + Fixture.stage("b", "{direct: true}")
        + Fixture.stage("any", "{stages: [a, b]}")
        + Fixture.stage("all", "{stages: [a, b], availabilityStrategy: All}"))) {
      Freight f = fx.create("1.0.0", 0);
      fx.runtime.promote("a", f.name());
      fx.settle();
      assertThat(fx.runtime.isAvailable(f.name(), "any")).isTrue();
      assertThat(fx.runtime.isAvailable(f.name(), "all")).isFalse();
      fx.runtime.promote("b", f.name());
      fx.settle();
      assertThat(fx.runtime.isAvailable(f.name(), "all")).isTrue();
      assertThat(fx.runtime.availableFreight("all")).extracting(Freight::name).containsExactly(f.name());
    }
  }

  @Test
  void approvalMakesFreightAvailableToThatStageOnly() {
    try (Fixture fx = new Fixture(DEV + Fixture.stage("staging", "{stages: [dev]}")
        + Fixture.stage("prod", "{stages: [staging]}"))) {
      Freight f = fx.create("1.0.0", 0);
      assertThat(fx.runtime.isAvailable(f.name(), "prod")).isFalse();
      Freight approved = fx.runtime.approve(f.alias(), "prod");
      assertThat(approved.status().approvedFor()).containsOnlyKeys("prod");
      assertThat(approved.status().approvedFor().get("prod").approvedAt()).isEqualTo(Fixture.T0);
      assertThat(fx.runtime.isAvailable(f.name(), "prod")).isTrue();
      assertThat(fx.runtime.isAvailable(f.name(), "staging")).isFalse();
      assertThat(fx.runtime.availableFreight("prod")).extracting(Freight::name).containsExactly(f.name());
      PromotionHandle h = fx.runtime.promote("prod", f.name());
      fx.settle();
      assertThat(h.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      assertThatThrownBy(() -> fx.runtime.approve(f.name(), "nowhere")).hasMessageContaining("no Stage");
    }
  }

  @Test
  void soakTimeCountsOnTheInjectedClockAndLongestSoakIsKeptWhenFreightLeaves() {
    try (Fixture fx = new Fixture(DEV + Fixture.stage("staging", "{stages: [dev], requiredSoakTime: 1h}"))) {
      Freight f1 = fx.create("1.0.0", 0);
      fx.runtime.promote("dev", f1.name());
      fx.settle();
      assertThat(fx.get(f1.name()).isVerifiedIn("dev")).isTrue();
      assertThat(fx.runtime.isAvailable(f1.name(), "staging")).isFalse();
      fx.clock.advance(Duration.ofMinutes(59));
      assertThat(fx.runtime.isAvailable(f1.name(), "staging")).isFalse();
      fx.clock.advance(Duration.ofMinutes(1));
      assertThat(fx.runtime.isAvailable(f1.name(), "staging")).isTrue();

      // f2 replaces f1 in dev after 90 minutes: f1's soak stays recorded as its longest
      fx.clock.advance(Duration.ofMinutes(30));
      Freight f2 = fx.create("2.0.0", 1);
      fx.runtime.promote("dev", f2.name());
      fx.settle();
      Freight left = fx.get(f1.name());
      assertThat(left.status().currentlyIn()).doesNotContainKey("dev");
      assertThat(left.status().verifiedIn().get("dev").longestSoak()).isEqualTo(Duration.ofMinutes(90));
      assertThat(fx.runtime.isAvailable(f1.name(), "staging")).isTrue();
      assertThat(fx.runtime.isAvailable(f2.name(), "staging")).isFalse();
      assertThat(fx.runtime.availableFreight("staging")).extracting(Freight::name).containsExactly(f1.name());
    }
  }

  @Test
  void aPendingPromotionCanBeAbortedAndNeverRuns() {
    try (Fixture fx = new Fixture(Fixture.stage("dev", "{direct: true}",
        "{uses: test-step, config: {result: running, runningFor: 2}}", ""))) {
      Freight f1 = fx.create("1.0.0", 0);
      Freight f2 = fx.create("2.0.0", 1);
      PromotionHandle first = fx.runtime.promote("dev", f1.name());
      PromotionHandle second = fx.runtime.promote("dev", f2.name());
      fx.settle();
      assertThat(fx.runtime.promotion(first.name()).orElseThrow().status().phase()).isEqualTo(PromotionPhase.RUNNING);
      assertThat(fx.runtime.promotion(second.name()).orElseThrow().status().phase()).isEqualTo(PromotionPhase.PENDING);
      assertThat(fx.runtime.stage("dev").status().currentPromotion().name()).isEqualTo(first.name());
      assertThat(fx.runtime.stage("dev").status().health().status()).isEqualTo(HealthState.UNKNOWN);

      Promotion aborted = fx.runtime.abort(second.name());
      assertThat(aborted.status().phase()).isEqualTo(PromotionPhase.ABORTED);
      assertThat(aborted.status().message()).isEqualTo("Promotion terminated by kargo4j");
      assertThat(second.done()).isCompletedWithValueMatching(p -> p.status().phase() == PromotionPhase.ABORTED);

      // the Running step is retried after 30 s on the manual clock, twice, then succeeds
      fx.settle(Duration.ofMinutes(5));
      assertThat(first.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      assertThat(first.await(Duration.ofSeconds(1)).status().finishedAt()).isEqualTo(Fixture.T0.plusSeconds(60));
      assertThat(fx.clock.instant()).isEqualTo(Fixture.T0.plus(Duration.ofMinutes(5)));
      assertThat(fx.steps.promoted.get("dev")).containsExactly(f1.name());
      assertThat(fx.runtime.stage("dev").status().currentFreight().includes(f1.name())).isTrue();
      // the aborted Promotion became the last one after the running one, but did not change the Freight
      assertThat(fx.runtime.stage("dev").status().lastPromotion().name()).isEqualTo(second.name());
      assertThat(fx.runtime.abort(second.name()).status().phase()).isEqualTo(PromotionPhase.ABORTED);
    }
  }

  @Test
  void aRunningPromotionIsAbortedWithItsRunningStep() {
    try (Fixture fx = new Fixture(Fixture.stage("dev", "{direct: true}",
        "{uses: test-step, config: {result: running, runningFor: 100}}", ""))) {
      Freight f = fx.create("1.0.0", 0);
      PromotionHandle h = fx.runtime.promote("dev", f.name());
      fx.settle();
      Promotion aborted = fx.runtime.abort(h.name());
      assertThat(aborted.status().phase()).isEqualTo(PromotionPhase.ABORTED);
      assertThat(aborted.status().stepExecutionMetadata().get(0).status()).isEqualTo(PromotionStepStatus.ABORTED);
      fx.settle(Duration.ofMinutes(5));
      Stage dev = fx.runtime.stage("dev");
      assertThat(dev.status().freightHistory()).isEmpty();
      assertThat(dev.status().currentPromotion()).isNull();
      assertThat(dev.status().lastPromotion().status().phase()).isEqualTo(PromotionPhase.ABORTED);
      assertThat(dev.status().health().status()).isEqualTo(HealthState.UNKNOWN);
      assertThat(fx.get(f.name()).status().currentlyIn()).isEmpty();
    }
  }

  @Test
  void promotionsOfOneStageRunFirstInFirstOutAfterTheVerificationGate() {
    try (Fixture fx = new Fixture(DEV)) {
      Freight f1 = fx.create("1.0.0", 0);
      Freight f2 = fx.create("2.0.0", 1);
      Freight f3 = fx.create("3.0.0", 2);
      PromotionHandle p2 = fx.runtime.promote("dev", f2.name());
      PromotionHandle p1 = fx.runtime.promote("dev", f1.name());
      PromotionHandle p3 = fx.runtime.promote("dev", f3.name());
      assertThat(List.of(p2.name(), p1.name(), p3.name())).isSorted();
      fx.settle();
      assertThat(fx.steps.promoted.get("dev")).containsExactly(f2.name(), f1.name(), f3.name());
      Stage dev = fx.runtime.stage("dev");
      assertThat(dev.status().freightHistory()).extracting(c -> c.references().get(0).name())
          .containsExactly(f3.name(), f1.name(), f2.name());
      assertThat(dev.status().freightHistory()).allMatch(c -> c.currentVerification() != null
          && c.currentVerification().phase() == VerificationPhase.SUCCESSFUL);
      assertThat(fx.get(f3.name()).status().currentlyIn()).containsOnlyKeys("dev");
      assertThat(fx.get(f1.name()).status().currentlyIn()).isEmpty();
      assertThat(fx.get(f1.name()).status().verifiedIn()).containsKey("dev");
    }
  }

  @Test
  void historyKeepsTheTenNewestCollections() {
    try (Fixture fx = new Fixture(DEV)) {
      for (int i = 0; i < 12; i++) {
        Freight f = fx.create("1.0." + i, i);
        fx.runtime.promote("dev", f.name());
      }
      fx.settle();
      Stage dev = fx.runtime.stage("dev");
      assertThat(dev.status().freightHistory()).hasSize(10);
      assertThat(dev.status().freightHistory().get(0).references().get(0).images().get(0).tag()).isEqualTo("1.0.11");
      assertThat(dev.status().freightHistory().get(9).references().get(0).images().get(0).tag()).isEqualTo("1.0.2");
    }
  }

  @Test
  void freightNoLongerAvailableWhenItsTurnComesErrorsThePromotion() {
    try (Fixture fx = new Fixture(DEV + Fixture.stage("staging", "{stages: [dev]}",
        "{uses: test-step, config: {result: running, runningFor: 1}}", ""))) {
      Freight f1 = fx.create("1.0.0", 0);
      Freight f2 = fx.create("2.0.0", 1);
      fx.runtime.promote("dev", f1.name());
      fx.runtime.promote("dev", f2.name());
      fx.settle();
      PromotionHandle first = fx.runtime.promote("staging", f1.name());
      PromotionHandle second = fx.runtime.promote("staging", f2.name());
      fx.settle();
      // while the first runs, f2 loses its verification in dev (as if dev's Stage was deleted)
      Freight stored = fx.get(f2.name());
      fx.store.updateFreight(stored.withStatus(stored.status().withVerifiedIn("dev", null)));
      fx.settle(Duration.ofMinutes(5));
      assertThat(first.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      Promotion errored = second.await(Duration.ofSeconds(1));
      assertThat(errored.status().phase()).isEqualTo(PromotionPhase.ERRORED);
      assertThat(errored.status().message()).contains("Freight \"" + f2.name()
          + "\" is not available to Stage \"staging\"");
      assertThat(fx.steps.promoted.get("staging")).containsExactly(f1.name());
    }
  }

  @Test
  void aFailedPromotionLeavesTheFreightAndMakesHealthUnknown() {
    try (Fixture fx = new Fixture(Fixture.stage("dev", "{direct: true}",
        "{uses: test-step, config: {result: '${{ imageFrom(\"registry.example.com/app\").Tag == \"2.0.0\""
            + " ? \"fail\" : \"succeed\" }}'}}", ""))) {
      Freight good = fx.create("1.0.0", 0);
      fx.runtime.promote("dev", good.name());
      fx.settle();
      assertThat(fx.runtime.stage("dev").status().health().status()).isEqualTo(HealthState.HEALTHY);
      Freight bad = fx.create("2.0.0", 1);
      PromotionHandle failed = fx.runtime.promote("dev", bad.name());
      PromotionHandle next = fx.runtime.promote("dev", good.name());
      fx.settle();
      assertThat(failed.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.FAILED);
      assertThat(next.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
      assertThat(fx.get(bad.name()).status().currentlyIn()).isEmpty();
      assertThat(fx.runtime.stage("dev").status().freightHistory()).hasSize(2);

      PromotionHandle again = fx.runtime.promote("dev", bad.name());
      fx.settle();
      assertThat(again.await(Duration.ofSeconds(1)).status().phase()).isEqualTo(PromotionPhase.FAILED);
      Stage dev = fx.runtime.stage("dev");
      assertThat(dev.status().lastPromotion().status().phase()).isEqualTo(PromotionPhase.FAILED);
      assertThat(dev.status().health().status()).isEqualTo(HealthState.UNKNOWN);
      assertThat(dev.status().health().issues())
          .containsExactly("Cannot assess health because last Promotion did not succeed");
      assertThat(dev.status().conditions()).anyMatch(c -> c.type().equals("Ready") && c.status().equals("False")
          && c.reason().equals("LastPromotionFailed"));
      assertThat(dev.status().currentFreight().includes(good.name())).isTrue();
    }
  }

  @Test
  void healthIsTheWorstOfTheRegisteredChecksAndGatesVerification() {
    String step = "{uses: test-step, config: {health: {target: '${{ ctx.stage }}'}}}";
    try (Fixture fx = new Fixture(Fixture.stage("dev", "{direct: true}", step, "")
        + Fixture.stage("staging", "{stages: [dev]}"))) {
      fx.health.status.put("dev", HealthState.PROGRESSING);
      Freight f = fx.create("1.0.0", 0);
      fx.runtime.promote("dev", f.name());
      fx.settle();
      Stage dev = fx.runtime.stage("dev");
      assertThat(dev.status().health().status()).isEqualTo(HealthState.PROGRESSING);
      assertThat(dev.status().health().issues()).containsExactly("dev is Progressing");
      assertThat(dev.status().currentFreight().verificationHistory()).isEmpty();
      assertThat(fx.get(f.name()).isVerifiedIn("dev")).isFalse();
      assertThat(fx.runtime.availableFreight("staging")).isEmpty();
      // the runtime looks again after the recheck interval
      fx.health.status.put("dev", HealthState.HEALTHY);
      fx.settle(Duration.ofSeconds(10));
      dev = fx.runtime.stage("dev");
      assertThat(dev.status().health().status()).isEqualTo(HealthState.HEALTHY);
      assertThat(dev.status().health().output()).isEqualTo(List.of(java.util.Map.of("target", "dev",
          "status", "Healthy")));
      assertThat(fx.get(f.name()).isVerifiedIn("dev")).isTrue();
      fx.health.status.put("dev", HealthState.UNHEALTHY);
      fx.runtime.refresh();
      fx.settle();
      assertThat(fx.runtime.stage("dev").status().health().status()).isEqualTo(HealthState.UNHEALTHY);
    }
  }

  @Test
  void aCheckWithoutAHealthCheckerMakesTheStageUnknown() {
    try (Fixture fx = new Fixture(Fixture.stage("dev", "{direct: true}",
        "{uses: test-step, config: {health: {target: x}}}", ""), InMemoryStore.create(),
        b -> b.healthCheckers(HealthCheckerRegistry.empty()))) {
      Freight f = fx.create("1.0.0", 0);
      fx.runtime.promote("dev", f.name());
      fx.settle();
      assertThat(fx.runtime.stage("dev").status().health().status()).isEqualTo(HealthState.UNKNOWN);
      assertThat(fx.runtime.stage("dev").status().health().issues())
          .containsExactly("no health checker registered for health check kind \"test-health\"");
    }
  }

  @Test
  void reverifyAddsAVerificationAndRepromotingTheCurrentFreightVerifiesItAgain() {
    try (Fixture fx = new Fixture(DEV)) {
      Freight f = fx.create("1.0.0", 0);
      fx.runtime.promote("dev", f.name());
      fx.settle();
      String firstId = fx.runtime.stage("dev").status().currentFreight().currentVerification().id();
      fx.clock.advance(Duration.ofMinutes(1));
      fx.runtime.reverify("dev");
      fx.settle();
      Stage dev = fx.runtime.stage("dev");
      assertThat(dev.status().freightHistory()).hasSize(1);
      assertThat(dev.status().currentFreight().verificationHistory()).hasSize(2);
      assertThat(dev.status().currentFreight().currentVerification().id()).isNotEqualTo(firstId);
      assertThat(dev.status().currentFreight().currentVerification().actor()).isEqualTo("kargo4j");

      fx.runtime.promote("dev", f.name());
      fx.settle();
      dev = fx.runtime.stage("dev");
      assertThat(dev.status().freightHistory()).hasSize(2);
      assertThat(dev.status().freightHistory().get(0).id()).isEqualTo(dev.status().freightHistory().get(1).id());
      assertThat(dev.status().currentFreight().verificationHistory()).hasSize(1)
          .allMatch(v -> v.phase() == VerificationPhase.SUCCESSFUL);
      assertThatThrownBy(() -> fx.runtime.reverify("nowhere")).isInstanceOf(KargoException.class);
    }
  }

  @Test
  void aControlFlowStageVerifiesAvailableFreightAtOnceAndPromoteToDownstreamFansOut() {
    try (Fixture fx = new Fixture(DEV + Fixture.controlFlow("prod", "{stages: [dev]}")
        + Fixture.stage("east", "{stages: [prod]}") + Fixture.stage("west", "{stages: [prod]}")
        + Fixture.stage("other", "{stages: [dev]}"))) {
      Freight f = fx.create("1.0.0", 0);
      assertThatThrownBy(() -> fx.runtime.promote("prod", f.name())).hasMessageContaining("control-flow");
      assertThatThrownBy(() -> fx.runtime.promoteToDownstream("dev", f.name()))
          .hasMessageContaining("not available to downstream Stage");
      fx.runtime.promote("dev", f.name());
      fx.settle();
      Freight verified = fx.get(f.name());
      assertThat(verified.status().verifiedIn()).containsOnlyKeys("dev", "prod");
      assertThat(fx.runtime.stage("prod").status().freightSummary()).isEqualTo("N/A");
      assertThat(fx.runtime.stage("prod").status().freightHistory()).isEmpty();

      List<PromotionHandle> handles = fx.runtime.promoteToDownstream("prod", f.name());
      assertThat(handles).extracting(h -> h.created().spec().stage()).containsExactly("east", "west");
      fx.settle();
      assertThat(handles).allMatch(h -> h.await(Duration.ofSeconds(1)).status().phase() == PromotionPhase.SUCCEEDED);
      assertThat(fx.get(f.name()).status().currentlyIn()).containsOnlyKeys("dev", "east", "west");
      assertThatThrownBy(() -> fx.runtime.promoteToDownstream("west", f.name()))
          .hasMessageContaining("has no downstream stages");
    }
  }

  @Test
  void aNewRuntimeOverTheSameStoreResumesARunningPromotion() {
    InMemoryStore store = InMemoryStore.create(ManualClock.at(Fixture.T0));
    String yaml = Fixture.stage("dev", "{direct: true}",
        "{uses: test-step, config: {result: running, runningFor: 1}}", "");
    Fixture fx = new Fixture(yaml, store, b -> {});
    Freight f = fx.create("1.0.0", 0);
    PromotionHandle h = fx.runtime.promote("dev", f.name());
    fx.settle();
    assertThat(fx.runtime.promotion(h.name()).orElseThrow().status().phase()).isEqualTo(PromotionPhase.RUNNING);
    fx.runtime.close();

    fx.runtime = fx.newRuntime(b -> {});
    fx.clock.advance(Duration.ofSeconds(30));
    fx.settle();
    assertThat(fx.runtime.promotion(h.name()).orElseThrow().status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(fx.runtime.stage("dev").status().currentFreight().includes(f.name())).isTrue();
    fx.close();
  }

  @Test
  void statusReadsCoverEveryStageAndPromotion() {
    try (Fixture fx = new Fixture(DEV + Fixture.stage("staging", "{stages: [dev]}"))) {
      Freight f = fx.create("1.0.0", 0);
      PromotionHandle h = fx.runtime.promote("dev", f.name());
      fx.settle();
      assertThat(fx.runtime.project()).isEqualTo("demo");
      assertThat(fx.runtime.stages()).extracting(Stage::name).containsExactly("dev", "staging");
      assertThat(fx.runtime.freight()).extracting(Freight::name).containsExactly(f.name());
      assertThat(fx.runtime.promotions("dev")).extracting(Promotion::name).containsExactly(h.name());
      assertThat(fx.runtime.promotions("staging")).isEmpty();
      assertThat(fx.runtime.freight(f.alias())).contains(fx.get(f.name()));
      assertThat(fx.runtime.nextTimer()).isEmpty();
      FreightStatus s = fx.get(f.name()).status();
      assertThat(s.currentlyIn()).containsOnlyKeys("dev");
    }
  }
}
