package dev.kargo4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelValidationTest {
  @Test
  void defaultsAreKargos() {
    WarehouseSpec spec = WarehouseSpec.of(List.of(GitSubscription.of("https://github.com/a/b")));
    assertThat(spec.interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(spec.freightCreationPolicy()).isEqualTo(FreightCreationPolicy.AUTOMATIC);
    GitSubscription git = (GitSubscription) spec.subscriptions().get(0);
    assertThat(git.commitSelectionStrategy()).isEqualTo(CommitSelectionStrategy.NEWEST_FROM_BRANCH);
    assertThat(git.strictSemvers()).isTrue();
    assertThat(git.discoveryLimit()).isEqualTo(20);
    ImageSubscription image = ImageSubscription.of("ghcr.io/a/b");
    assertThat(image.imageSelectionStrategy()).isEqualTo(ImageSelectionStrategy.SEMVER);
    assertThat(FreightSources.fromStages("dev").availabilityStrategy()).isEqualTo(AvailabilityStrategy.ONE_OF);
    assertThat(FreightSources.directly().selectionPolicy()).isEqualTo(AutoPromotionSelectionPolicy.NEWEST_FREIGHT);
    assertThat(PromotionStep.task("t").task().kind()).isEqualTo(PromotionTaskKind.PROMOTION_TASK);
  }

  @Test
  void invalidValuesNameTheField() {
    assertThatThrownBy(() -> new ExpressionVariable("a-b", "")).isInstanceOf(InvalidModelException.class)
        .hasMessageStartingWith("name: \"a-b\" is not a valid variable name")
        .isInstanceOf(dev.kargo4j.KargoException.class);
    assertThatThrownBy(() -> new PromotionStep("x", new PromotionTaskReference("t", null), "", "", false, null, null, null))
        .hasMessage("a step must have exactly one of uses or task set");
    assertThatThrownBy(() -> ChartSubscription.of("oci://ghcr.io/a/b", "name"))
        .hasMessage("name: must be empty if repoURL starts with oci://");
    assertThatThrownBy(() -> ChartSubscription.of("https://charts.example.com", ""))
        .hasMessage("name: must be non-empty if repoURL starts with http:// or https://");
    assertThatThrownBy(() -> new ImageSubscription("", "ghcr.io/a/b:1.0", null, "", true, null, null, "", 20, false, false))
        .hasMessageStartingWith("repoURL: \"ghcr.io/a/b:1.0\" is not a valid image repository URL");
    assertThatThrownBy(() -> new ImageSubscription("", "ghcr.io/a/b", ImageSelectionStrategy.DIGEST, "", true, null, null, "", 20, false, false))
        .hasMessageStartingWith("constraint: must be set");
    assertThatThrownBy(() -> new GitSubscription("", "ftp://x/y", null, "", true, "", null, null, "", null, null, 20, null, false, false))
        .hasMessageStartingWith("repoURL: \"ftp://x/y\" is not a valid git repository URL");
    assertThatThrownBy(() -> new GitSubscription("", "https://x/y", null, "", true, "", null, null, "", null, null, 101, null, false, false))
        .hasMessage("discoveryLimit: value 101 is out of range; allowed: 1..100");
    assertThatThrownBy(() -> new FreightSources(false, List.of(), null, null, null))
        .hasMessageStartingWith("at least one of direct: true or a non-empty stages list is required");
    assertThatThrownBy(() -> new Freight(ObjectMeta.of("p", "f"), "", null, FreightOrigin.warehouse("w"), null, null, null, null, null))
        .hasMessage("Freight must contain at least one commit, image, chart or artifact");
    assertThatThrownBy(() -> new PromotionSpec("dev", "f", FreightOrigin.warehouse("w"), null, List.of(PromotionStep.uses("x", null))))
        .hasMessage("exactly one of freight or origin must be set");
    assertThatThrownBy(() -> new PromotionSpec("dev", "f", null, null, List.of(PromotionStep.task("t"))))
        .hasMessageStartingWith("steps[0].task: a Promotion step must have uses set");
    assertThatThrownBy(() -> new PromotionTaskSpec(null, List.of(PromotionStep.task("t"))))
        .hasMessageStartingWith("steps[0].task: steps here must have uses set");
    assertThatThrownBy(() -> new PromotionStepRetry(Duration.ofSeconds(Long.MAX_VALUE), 0))
        .hasMessageStartingWith("timeout: duration");
    assertThatThrownBy(() -> ObjectMeta.of("Bad_NS", "x")).hasMessageStartingWith("namespace: \"Bad_NS\" is not a valid RFC 1123 label");
  }

  @Test
  void recordsAreImmutableCopies() {
    List<GitCommit> commits = new ArrayList<>(List.of(GitCommit.of("https://github.com/a/b", "1")));
    Map<String, Object> config = new HashMap<>(Map.of("a", new ArrayList<>(List.of(1, 2))));
    Freight f = new Freight(ObjectMeta.of("p", "f"), null, null, FreightOrigin.warehouse("w"), commits, null, null, null, null);
    PromotionStep step = PromotionStep.uses("x", config);
    commits.clear();
    config.clear();
    assertThat(f.commits()).hasSize(1);
    assertThat(step.config()).isEqualTo(Map.of("a", List.of(1L, 2L)));
    assertThatThrownBy(() -> f.commits().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(f.alias()).isEmpty();
    assertThat(f.status()).isEqualTo(FreightStatus.EMPTY);
  }

  @Test
  void historiesKeepTenNewestFirst() {
    StageStatus s = StageStatus.EMPTY;
    for (int i = 0; i < 12; i++) {
      FreightReference ref = new FreightReference("f" + i, FreightOrigin.warehouse("w"), null, null, null, null);
      s = s.withFreightRecorded(FreightCollection.of(List.of(ref)));
    }
    assertThat(s.freightHistory()).hasSize(10);
    assertThat(s.currentFreight().includes("f11")).isTrue();
    assertThat(s.currentFreight().id()).isEqualTo(FreightCollection.computeId(List.of("f11")));
    FreightCollection c = s.currentFreight();
    for (int i = 0; i < 11; i++) {
      c = c.withVerification(new VerificationInfo("v" + i, "", Instant.EPOCH, VerificationPhase.RUNNING, "", null, null));
    }
    c = c.withVerification(new VerificationInfo("v10", "", Instant.EPOCH, VerificationPhase.SUCCESSFUL, "", null, null));
    assertThat(c.verificationHistory()).hasSize(10);
    assertThat(c.currentVerification().id()).isEqualTo("v10");
    assertThat(c.currentVerification().isTerminal()).isTrue();
  }

  @Test
  void healthMergesToTheWorst() {
    assertThat(HealthState.HEALTHY.merge(HealthState.PROGRESSING)).isEqualTo(HealthState.PROGRESSING);
    assertThat(HealthState.UNHEALTHY.merge(HealthState.UNKNOWN)).isEqualTo(HealthState.UNHEALTHY);
    assertThat(HealthState.NOT_APPLICABLE.merge(HealthState.HEALTHY)).isEqualTo(HealthState.NOT_APPLICABLE);
    assertThat(PromotionStepStatus.ERRORED.severity()).isGreaterThan(PromotionStepStatus.FAILED.severity());
    assertThat(PromotionPhase.fromWireName("Aborted").isTerminal()).isTrue();
    assertThatThrownBy(() -> PromotionPhase.fromWireName("Done"))
        .hasMessage("\"Done\" is not allowed; allowed: Pending, Running, Succeeded, Failed, Errored, Aborted");
  }

  @Test
  void labelSelectors() {
    LabelSelector s = new LabelSelector(Map.of("tier", "prod"),
        List.of(new LabelSelectorRequirement("region", LabelSelectorOperator.IN, List.of("eu", "us")),
            new LabelSelectorRequirement("canary", LabelSelectorOperator.DOES_NOT_EXIST, null)));
    assertThat(s.matches(Map.of("tier", "prod", "region", "eu"))).isTrue();
    assertThat(s.matches(Map.of("tier", "prod", "region", "ap"))).isFalse();
    assertThat(s.matches(Map.of("tier", "prod", "region", "eu", "canary", "y"))).isFalse();
    assertThat(FreightOrigin.parse("Warehouse/w")).isEqualTo(FreightOrigin.warehouse("w"));
    assertThatThrownBy(() -> FreightOrigin.parse("Stage/w")).isInstanceOf(InvalidModelException.class);
  }
}
