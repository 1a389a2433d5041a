package dev.kargo4j.samples.cli;

import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.CurrentStage;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Health;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionReference;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.model.VerifiedStage;
import dev.kargo4j.core.freight.FreightIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kargo-advanced pipeline shape with a state worth drawing: 1.5.0 in dev and staging,
 * 1.4.0 in the A/B Stages (A verified, B failed), passed on by prod (control flow) to
 * prod-west and prod-central, prod-east still promoting.
 */
final class AdvancedShape {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  final ManifestSet manifests;
  final List<Stage> stages = new ArrayList<>();
  final List<Freight> freight = new ArrayList<>();

  AdvancedShape() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/advanced-stages.yaml")) {
      manifests = Manifests.loadString("advanced-stages.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Freight older = freight("1.4.0", "brave-tiger", T);
    Freight newer = freight("1.5.0", "calm-otter", T.plus(Duration.ofHours(2)));
    Map<String, Freight> byStage = new LinkedHashMap<>();
    Map<String, VerificationPhase> verification = Map.of("dev", VerificationPhase.SUCCESSFUL,
        "staging", VerificationPhase.SUCCESSFUL, "ab-test-a", VerificationPhase.SUCCESSFUL,
        "ab-test-b", VerificationPhase.FAILED, "prod-west", VerificationPhase.SUCCESSFUL,
        "prod-central", VerificationPhase.RUNNING);
    for (String s : List.of("dev", "staging")) {
      byStage.put(s, newer);
    }
    for (String s : List.of("ab-test-a", "ab-test-b", "prod-west", "prod-central")) {
      byStage.put(s, older);
    }
    Map<String, Freight> updated = new LinkedHashMap<>();
    updated.put(older.name(), older);
    updated.put(newer.name(), newer);
    for (Stage s : manifests.stages("shapes")) {
      StageStatus st = StageStatus.EMPTY;
      Freight f = byStage.get(s.name());
      if (f != null) {
        VerificationPhase phase = verification.get(s.name());
        FreightCollection c = FreightCollection.of(List.of(f.reference())).withVerification(new VerificationInfo(
            "v-" + s.name(), "", T, phase, phase == VerificationPhase.FAILED
                ? "Metric \"creature-xp\" assessed Failed due to failed (2) > failureLimit (1)" : "", null,
            phase.isTerminal() ? T.plusSeconds(3) : null));
        st = st.withFreightRecorded(c).withHealth(new Health(HealthState.HEALTHY, List.of(), null, null))
            .withLastPromotion(new PromotionReference(s.name() + ".01jq0000000000000000000000." + f.name().substring(0, 7),
                f.reference(), PromotionStatus.EMPTY.withPhase(PromotionPhase.SUCCEEDED, "All steps completed"), T));
        Freight cur = updated.get(f.name());
        cur = cur.withStatus(cur.status().withCurrentlyIn(s.name(), new CurrentStage(T)));
        if (phase == VerificationPhase.SUCCESSFUL) {
          cur = cur.withStatus(cur.status().withVerifiedIn(s.name(), new VerifiedStage(T.plusSeconds(3), null)));
        }
        updated.put(f.name(), cur);
      }
      if (s.name().equals("prod-east")) {
        st = st.withCurrentPromotion(new PromotionReference("prod-east.01jq0000000000000000000001.abc", older.reference(),
            null, null));
      }
      stages.add(s.withStatus(st));
    }
    Freight o = updated.get(older.name());
    updated.put(older.name(), o.withStatus(o.status().withVerifiedIn("prod", new VerifiedStage(T.plusSeconds(4), null))));
    freight.addAll(updated.values());
  }

  private static Freight freight(String tag, String alias, Instant at) {
    Freight f = new Freight(ObjectMeta.of("shapes", ""), alias, at, FreightOrigin.warehouse("greeter"), List.of(),
        List.of(Image.of("ghcr.io/kargo4j/greeter", tag, "")), List.of(), List.of(), null);
    return f.withMetadata(f.metadata().withName(FreightIds.generate(f)));
  }

  PipelineGraph graph() {
    return PipelineGraph.of("shapes", manifests.warehouses("shapes"), stages, freight);
  }
}
