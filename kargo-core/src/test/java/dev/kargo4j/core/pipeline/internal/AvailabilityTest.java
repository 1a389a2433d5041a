package dev.kargo4j.core.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.ApprovedStage;
import dev.kargo4j.core.model.CurrentStage;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.ProjectConfig;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionSpec;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.VerifiedStage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kargo's availability, soak, candidate, policy and queue-order rules, one by one. */
class AvailabilityTest {
  private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");

  private static Stage stage(String name, String sources) {
    return stage(name, sources, "");
  }

  private static Stage stage(String name, String sources, String labels) {
    return Manifests.loadString("s.yaml", """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Stage
        metadata: {name: %s, namespace: demo%s}
        spec:
          requestedFreight:
          - origin: {kind: Warehouse, name: app}
            sources: %s
        """.formatted(name, labels.isEmpty() ? "" : ", labels: " + labels, sources)).stages().get(0);
  }

  private static Freight freight(String name, String warehouse, FreightStatus status, Instant discovered) {
    return new Freight(ObjectMeta.of("demo", name), "", discovered, FreightOrigin.warehouse(warehouse), List.of(),
        List.of(Image.of("r/" + warehouse, name, "sha256:0")), List.of(), List.of(), status);
  }

  private static Freight freight(FreightStatus status) {
    return freight("f1", "app", status, NOW);
  }

  private static FreightStatus verified(String... stages) {
    FreightStatus s = FreightStatus.EMPTY;
    for (String st : stages) {
      s = s.withVerifiedIn(st, new VerifiedStage(NOW.minusSeconds(60), null));
    }
    return s;
  }

  @Test
  void directSourcesTakeAnyFreightOfTheirOrigin() {
    Stage dev = stage("dev", "{direct: true}");
    assertThat(Availability.isFreightAvailable(dev, freight(FreightStatus.EMPTY), NOW)).isTrue();
    assertThat(Availability.isFreightAvailable(dev, freight("f2", "db", FreightStatus.EMPTY, NOW), NOW)).isFalse();
    Freight otherProject = freight(FreightStatus.EMPTY).withMetadata(ObjectMeta.of("other", "f1"));
    assertThat(Availability.isFreightAvailable(dev, otherProject, NOW)).isFalse();
    assertThat(Availability.isFreightAvailable(null, freight(FreightStatus.EMPTY), NOW)).isFalse();
  }

  @Test
  void approvalBeatsEverythingButTheOrigin() {
    Stage prod = stage("prod", "{stages: [staging], requiredSoakTime: 24h, availabilityStrategy: All}");
    FreightStatus approved = FreightStatus.EMPTY.withApprovedFor("prod", new ApprovedStage(NOW));
    assertThat(Availability.isFreightAvailable(prod, freight(approved), NOW)).isTrue();
    assertThat(Availability.isFreightAvailable(prod, freight("f2", "db", approved, NOW), NOW)).isFalse();
    FreightStatus approvedElsewhere = FreightStatus.EMPTY.withApprovedFor("qa", new ApprovedStage(NOW));
    assertThat(Availability.isFreightAvailable(prod, freight(approvedElsewhere), NOW)).isFalse();
  }

  @Test
  void oneOfNeedsOneVerifiedUpstreamAndAllNeedsEvery() {
    Stage oneOf = stage("prod", "{stages: [a, b]}");
    Stage all = stage("prod", "{stages: [a, b], availabilityStrategy: All}");
    assertThat(Availability.isFreightAvailable(oneOf, freight(FreightStatus.EMPTY), NOW)).isFalse();
    assertThat(Availability.isFreightAvailable(oneOf, freight(verified("b")), NOW)).isTrue();
    assertThat(Availability.isFreightAvailable(oneOf, freight(verified("c")), NOW)).isFalse();
    assertThat(Availability.isFreightAvailable(all, freight(verified("b")), NOW)).isFalse();
    assertThat(Availability.isFreightAvailable(all, freight(verified("a", "b")), NOW)).isTrue();
    // being current without verification is not enough
    FreightStatus current = FreightStatus.EMPTY.withCurrentlyIn("a", new CurrentStage(NOW.minusSeconds(3600)));
    assertThat(Availability.isFreightAvailable(oneOf, freight(current), NOW)).isFalse();
  }

  @Test
  void soakIsTheLongerOfTheCompletedAndTheCurrentStay() {
    FreightStatus s = FreightStatus.EMPTY
        .withVerifiedIn("a", new VerifiedStage(NOW, Duration.ofMinutes(20)))
        .withCurrentlyIn("a", new CurrentStage(NOW.minus(Duration.ofMinutes(5))));
    Freight f = freight(s);
    assertThat(Availability.longestSoak(f, "a", NOW)).isEqualTo(Duration.ofMinutes(20));
    assertThat(Availability.longestSoak(f, "a", NOW.plus(Duration.ofMinutes(30)))).isEqualTo(Duration.ofMinutes(35));
    // not verified: no soak at all, even while current
    Freight unverified = freight(FreightStatus.EMPTY.withCurrentlyIn("a", new CurrentStage(NOW.minusSeconds(9999))));
    assertThat(Availability.longestSoak(unverified, "a", NOW)).isZero();
    assertThat(Availability.hasSoakedIn(unverified, "a", null, NOW)).isTrue();

    Stage oneOf = stage("prod", "{stages: [a, b], requiredSoakTime: 30m}");
    Stage all = stage("prod", "{stages: [a, b], requiredSoakTime: 30m, availabilityStrategy: All}");
    assertThat(Availability.isFreightAvailable(oneOf, f, NOW)).isFalse();
    assertThat(Availability.isFreightAvailable(oneOf, f, NOW.plus(Duration.ofMinutes(25)))).isTrue();
    assertThat(Availability.soakCompletes(oneOf, f, NOW)).contains(NOW.plus(Duration.ofMinutes(25)));
    assertThat(Availability.soakCompletes(oneOf, f, NOW.plus(Duration.ofMinutes(25)))).isEmpty();
    FreightStatus both = s.withVerifiedIn("b", new VerifiedStage(NOW, Duration.ofHours(1)));
    assertThat(Availability.isFreightAvailable(all, freight(both), NOW)).isFalse();
    assertThat(Availability.isFreightAvailable(all, freight(both), NOW.plus(Duration.ofMinutes(25)))).isTrue();
    // a Freight that left its upstream Stage keeps only its completed soak
    Freight left = freight(FreightStatus.EMPTY.withVerifiedIn("a", new VerifiedStage(NOW, Duration.ofMinutes(10))));
    assertThat(Availability.soakCompletes(oneOf, left, NOW)).isEmpty();
    assertThat(Availability.isFreightAvailable(oneOf, left, NOW.plus(Duration.ofDays(1)))).isFalse();
  }

  @Test
  void candidatesAreTheNewestPerOriginAndMatchUpstreamWantsExactlyOne() {
    Freight old = freight("aaa", "app", FreightStatus.EMPTY, NOW.minusSeconds(60));
    Freight fresh = freight("bbb", "app", FreightStatus.EMPTY, NOW);
    Freight sameTime = freight("ccc", "app", FreightStatus.EMPTY, NOW);
    Stage newest = stage("s", "{direct: true}");
    assertThat(Availability.candidates(newest, List.of(old, fresh)).get("Warehouse/app")).isEqualTo(fresh);
    assertThat(Availability.candidates(newest, List.of(fresh, sameTime, old)).get("Warehouse/app"))
        .isEqualTo(sameTime);
    assertThat(Availability.candidates(newest, List.of())).isEmpty();
    Stage match = stage("s", "{stages: [up], autoPromotionOptions: {selectionPolicy: MatchUpstream}}");
    assertThat(Availability.candidates(match, List.of(old))).containsEntry("Warehouse/app", old);
    assertThat(Availability.candidates(match, List.of(old, fresh))).isEmpty();
  }

  @Test
  void namePatternsAreExactRegexOrGlob() {
    assertThat(Availability.nameMatches("prod", "prod")).isTrue();
    assertThat(Availability.nameMatches("prod", "prod-east")).isFalse();
    assertThat(Availability.nameMatches("regex:^prod-", "prod-east")).isTrue();
    assertThat(Availability.nameMatches("regexp:east$", "prod-east")).isTrue();
    assertThat(Availability.nameMatches("regex:^prod$", "prod-east")).isFalse();
    assertThat(Availability.nameMatches("glob:prod-*", "prod-east")).isTrue();
    assertThat(Availability.nameMatches("glob:prod-?", "prod-east")).isFalse();
    assertThatThrownBy(() -> Availability.nameMatches("regex:(", "x")).isInstanceOf(KargoException.class)
        .hasMessageContaining("regex:(");
  }

  @Test
  void theFirstMatchingPolicyDecides() {
    ProjectConfig config = Manifests.loadString("c.yaml", """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: ProjectConfig
        metadata: {name: demo, namespace: demo}
        spec:
          promotionPolicies:
          - stageSelector: {name: "glob:prod-*", matchLabels: {tier: frozen}}
            autoPromotionEnabled: false
          - stageSelector: {name: "regex:^prod-"}
            autoPromotionEnabled: true
          - stage: qa
            autoPromotionEnabled: true
        """).projectConfigs().get(0);
    assertThat(Availability.autoPromotionEnabled(config, stage("prod-east", "{direct: true}"))).isTrue();
    assertThat(Availability.autoPromotionEnabled(config, stage("prod-east", "{direct: true}", "{tier: frozen}")))
        .isFalse();
    assertThat(Availability.autoPromotionEnabled(config, stage("qa", "{direct: true}"))).isTrue();
    assertThat(Availability.autoPromotionEnabled(config, stage("dev", "{direct: true}"))).isFalse();
    assertThat(Availability.autoPromotionEnabled(null, stage("dev", "{direct: true}"))).isFalse();
    assertThat(Availability.matchingPolicy(config, stage("qa", "{direct: true}"))).isPresent();
  }

  private static Promotion promo(String name, PromotionPhase phase) {
    return new Promotion(ObjectMeta.of("demo", name), new PromotionSpec("dev", "f1", null, List.of(),
        List.of(new PromotionStep("x", null, "s", null, false, null, List.of(), Map.of()))),
        PromotionStatus.EMPTY.withPhase(phase, ""));
  }

  @Test
  void theQueueRunsRunningFirstThenOldestPendingThenNewestTerminal() {
    List<Promotion> ps = new ArrayList<>(List.of(promo("dev.03", PromotionPhase.SUCCEEDED),
        promo("dev.05", PromotionPhase.PENDING), promo("dev.02", PromotionPhase.FAILED),
        promo("dev.04", PromotionPhase.PENDING), promo("dev.06", PromotionPhase.RUNNING),
        promo("dev.01", PromotionPhase.ABORTED), promo("dev.07", null)));
    ps.sort(Availability::compareForQueue);
    assertThat(ps).extracting(Promotion::name)
        .containsExactly("dev.06", "dev.04", "dev.05", "dev.07", "dev.03", "dev.02", "dev.01");
  }
}
