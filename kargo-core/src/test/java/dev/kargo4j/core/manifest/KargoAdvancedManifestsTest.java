package dev.kargo4j.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.AnalysisTemplateKind;
import dev.kargo4j.core.model.AvailabilityStrategy;
import dev.kargo4j.core.model.CommitSelectionStrategy;
import dev.kargo4j.core.model.FreightCreationPolicy;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.model.ImageSelectionStrategy;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.Project;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionTask;
import dev.kargo4j.core.model.PromotionTaskKind;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.rollouts.AnalysisTemplate;
import dev.kargo4j.core.model.rollouts.Metric;
import dev.kargo4j.core.model.rollouts.WebMetricProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kargo's own kargo-advanced manifests load unchanged, with every field they set. */
class KargoAdvancedManifestsTest {
  private static Path dir;
  private static ManifestSet set;

  @BeforeAll
  static void load() {
    String fixtures = System.getProperty("kargo4j.fixtures");
    Assumptions.assumeTrue(fixtures != null && Files.isDirectory(Path.of(fixtures, "kargo-advanced", "kargo")),
        "system property kargo4j.fixtures does not name the shared fixtures folder"
            + " (kargo-advanced/kargo); skipping the kargo-advanced manifest test");
    dir = Path.of(fixtures, "kargo-advanced", "kargo");
    set = Manifests.load(dir);
  }

  @Test
  void loadsEveryDocument() {
    assertThat(set.projects()).hasSize(1);
    assertThat(set.warehouses()).hasSize(1);
    assertThat(set.stages()).hasSize(8);
    assertThat(set.promotionTasks()).hasSize(1);
    assertThat(set.analysisTemplates()).hasSize(1);
    assertThat(set.projectConfigs()).isEmpty();
    assertThat(set.freight()).isEmpty();
    assertThat(set.promotions()).isEmpty();
    assertThat(set.credentials()).isEmpty();
  }

  @Test
  void project() {
    Project p = set.projects().get(0);
    assertThat(p.name()).isEqualTo("kargo-advanced");
    assertThat(p.metadata().namespace()).isEmpty();
    assertThat(p.metadata().annotations()).containsExactly(Map.entry("argocd.argoproj.io/sync-wave", "-1"));
    assertThat(p.metadata().labels()).isEmpty();
  }

  @Test
  void warehouseWithDefaultsAndTheDeprecatedAllowTags() {
    Warehouse w = set.warehouse("kargo-advanced", "guestbook").orElseThrow();
    assertThat(w.spec().interval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(w.spec().freightCreationPolicy()).isEqualTo(FreightCreationPolicy.AUTOMATIC);
    assertThat(w.spec().freightCreationCriteria()).isNull();
    assertThat(w.spec().subscriptions()).hasSize(2);

    ImageSubscription image = (ImageSubscription) w.spec().subscriptions().get(0);
    assertThat(image.name()).isEmpty();
    assertThat(image.repoURL()).isEqualTo("ghcr.io/akuity/guestbook");
    assertThat(image.imageSelectionStrategy()).isEqualTo(ImageSelectionStrategy.SEMVER);
    assertThat(image.allowTagsRegexes()).containsExactly("^v?[0-9]+\\.[0-9]+\\.[0-9]+([\\+-].*)?$");
    assertThat(image.ignoreTagsRegexes()).isEmpty();
    assertThat(image.constraint()).isEmpty();
    assertThat(image.strictSemvers()).isTrue();
    assertThat(image.discoveryLimit()).isEqualTo(20);
    assertThat(image.cacheByTag()).isFalse();

    GitSubscription git = (GitSubscription) w.spec().subscriptions().get(1);
    assertThat(git.repoURL()).isEqualTo("https://github.com/akuity/kargo-advanced.git");
    assertThat(git.branch()).isEqualTo("main");
    assertThat(git.commitSelectionStrategy()).isEqualTo(CommitSelectionStrategy.NEWEST_FROM_BRANCH);
    assertThat(git.discoveryLimit()).isEqualTo(20);

    assertThat(set.warnings()).hasSize(1);
    ManifestWarning warning = set.warnings().get(0);
    assertThat(warning.source()).endsWith("warehouse.yaml");
    assertThat(warning.line()).isEqualTo(11);
    assertThat(warning.path()).isEqualTo("spec.subscriptions[0].image.allowTags");
    assertThat(warning.toString())
        .contains("warehouse.yaml:11: spec.subscriptions[0].image.allowTags: deprecated")
        .contains("allowTagsRegexes");
  }

  @Test
  void promotionTaskWithEveryStep() {
    PromotionTask t = set.promotionTask("kargo-advanced", "promote").orElseThrow();
    assertThat(t.spec().vars()).extracting(v -> v.name() + "=" + v.value()).containsExactly(
        "repoURL=https://github.com/akuity/kargo-advanced.git", "branch=main",
        "image=ghcr.io/akuity/guestbook");
    List<PromotionStep> steps = t.spec().steps();
    assertThat(steps).extracting(PromotionStep::uses).containsExactly("git-clone", "git-clear",
        "kustomize-set-image", "kustomize-build", "git-commit", "git-push", "argocd-update");
    assertThat(steps).extracting(PromotionStep::as)
        .containsExactly("", "", "update-image", "", "commit", "", "");
    assertThat(steps).allSatisfy(s -> {
      assertThat(s.task()).isNull();
      assertThat(s.ifExpression()).isEmpty();
      assertThat(s.retry()).isNull();
      assertThat(s.continueOnError()).isFalse();
      assertThat(s.vars()).isEmpty();
    });
    assertThat(steps.get(0).config()).isEqualTo(Map.of(
        "repoURL", "${{ vars.repoURL }}",
        "checkout", List.of(
            Map.of("commit", "${{ commitFrom(vars.repoURL).ID }}", "path", "./src"),
            Map.of("branch", "env/${{ ctx.stage }}", "path", "./out", "create", true))));
    assertThat(steps.get(1).config()).isEqualTo(Map.of("path", "./out"));
    assertThat(steps.get(2).config()).isEqualTo(Map.of(
        "path", "./src/env/${{ ctx.stage }}",
        "images", List.of(Map.of("image", "${{ vars.image }}", "tag", "${{ imageFrom(vars.image).Tag}}"))));
    assertThat(steps.get(3).config()).isEqualTo(Map.of("path", "./src/env/${{ ctx.stage }}", "outPath", "./out"));
    assertThat(steps.get(4).config()).isEqualTo(Map.of(
        "path", "./out", "message", "${{ task.outputs['update-image'].commitMessage }}"));
    assertThat(steps.get(5).config()).isEqualTo(Map.of("path", "./out"));
    assertThat(steps.get(6).config()).isEqualTo(Map.of("apps", List.of(Map.of(
        "name", "guestbook-${{ ctx.stage }}",
        "sources", List.of(Map.of("repoURL", "${{ vars.repoURL }}",
            "desiredRevision", "${{ task.outputs['commit'].commit }}"))))));
  }

  @Test
  void stages() {
    Map<String, String> colors = Map.of("dev", "red", "staging", "amber", "ab-test-a", "yellow",
        "ab-test-b", "green", "prod", "blue", "prod-west", "violet", "prod-central", "violet",
        "prod-east", "violet");
    Map<String, List<String>> upstream = Map.of("dev", List.of(), "staging", List.of("dev"),
        "ab-test-a", List.of("staging"), "ab-test-b", List.of("staging"),
        "prod", List.of("ab-test-a", "ab-test-b"), "prod-west", List.of("prod"),
        "prod-central", List.of("prod"), "prod-east", List.of("prod"));
    assertThat(set.stages()).extracting(Stage::name).containsExactly("dev", "staging", "ab-test-a",
        "ab-test-b", "prod", "prod-west", "prod-central", "prod-east");
    for (Stage s : set.stages()) {
      assertThat(s.project()).isEqualTo("kargo-advanced");
      assertThat(s.metadata().annotations()).containsExactly(Map.entry("kargo.akuity.io/color", colors.get(s.name())));
      assertThat(s.spec().vars()).isEmpty();
      assertThat(s.spec().requestedFreight()).hasSize(1);
      var req = s.spec().requestedFreight().get(0);
      assertThat(req.origin()).isEqualTo(FreightOrigin.warehouse("guestbook"));
      assertThat(req.sources().direct()).isEqualTo(s.name().equals("dev"));
      assertThat(req.sources().stages()).isEqualTo(upstream.get(s.name()));
      assertThat(req.sources().requiredSoakTime()).isNull();
      assertThat(req.sources().availabilityStrategy()).isEqualTo(AvailabilityStrategy.ONE_OF);
      if (s.name().equals("prod")) {
        assertThat(s.spec().promotionTemplate()).isNull();
        assertThat(s.isControlFlow()).isTrue();
      } else {
        assertThat(s.spec().promotionTemplate().vars()).isEmpty();
        assertThat(s.spec().promotionTemplate().steps()).hasSize(1);
        PromotionStep step = s.spec().promotionTemplate().steps().get(0);
        assertThat(step.uses()).isEmpty();
        assertThat(step.task().name()).isEqualTo("promote");
        assertThat(step.task().kind()).isEqualTo(PromotionTaskKind.PROMOTION_TASK);
        assertThat(s.isControlFlow()).isFalse();
      }
      if (s.name().startsWith("ab-test-")) {
        var v = s.spec().verification();
        assertThat(v.analysisTemplates()).hasSize(1);
        assertThat(v.analysisTemplates().get(0).name()).isEqualTo("pokemon-xp");
        assertThat(v.analysisTemplates().get(0).kind()).isEqualTo(AnalysisTemplateKind.ANALYSIS_TEMPLATE);
        assertThat(v.analysisRunMetadata()).isNull();
        assertThat(v.args()).hasSize(1);
        assertThat(v.args().get(0).name()).isEqualTo("pokemon");
        assertThat(v.args().get(0).value()).isEqualTo(s.name().equals("ab-test-a") ? "pikachu" : "charizard");
      } else {
        assertThat(s.spec().verification()).isNull();
      }
    }
  }

  @Test
  void analysisTemplate() {
    AnalysisTemplate t = set.analysisTemplate("kargo-advanced", "pokemon-xp").orElseThrow();
    assertThat(t.clusterScoped()).isFalse();
    assertThat(t.spec().args()).hasSize(1);
    assertThat(t.spec().args().get(0).name()).isEqualTo("pokemon");
    assertThat(t.spec().args().get(0).value()).isNull();
    assertThat(t.spec().metrics()).hasSize(1);
    Metric m = t.spec().metrics().get(0);
    assertThat(m.name()).isEqualTo("pokemon-xp");
    assertThat(m.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(m.count().asLong()).isEqualTo(5);
    assertThat(m.successCondition()).isEqualTo("result < 200");
    assertThat(m.failureLimit().asLong()).isEqualTo(3);
    assertThat(m.failureCondition()).isEmpty();
    WebMetricProvider web = (WebMetricProvider) m.provider();
    assertThat(web.url()).isEqualTo("https://pokeapi.co/api/v2/pokemon/{{args.pokemon}}");
    assertThat(web.jsonPath()).isEqualTo("{$.base_experience}");
    assertThat(web.method()).isEmpty();
  }

  @Test
  void roundTripsThroughYaml() {
    for (Object o : set.all()) {
      String yaml = Manifests.toYaml(o);
      ManifestSet again = Manifests.loadString("round-trip.yaml", yaml);
      assertThat(again.all()).as(yaml).containsExactly(o);
      assertThat(again.warnings()).isEmpty();
    }
  }
}
