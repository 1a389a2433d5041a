package dev.kargo4j.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.Warehouse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad manifests fail with file, line and field path; unsafe input is refused. */
class ManifestErrorsTest {

  private static final String STAGE = String.join("\n",
      "apiVersion: kargo.akuity.io/v1alpha1", // 1
      "kind: Stage", // 2
      "metadata:", // 3
      "  name: dev", // 4
      "  namespace: demo", // 5
      "spec:", // 6
      "  requestedFreight:", // 7
      "  - origin: {kind: Warehouse, name: w}", // 8
      "    sources: {direct: true}", // 9
      "  promotionTemplate:", // 10
      "    spec:", // 11
      "      steps:", // 12
      "      - uses: git-clone", // 13
      "      - uses: git-clear", // 14
      "      - uses: git-commit", // 15
      "        confg: {}", // 16
      "");

  private static InvalidManifestException fail(String source, String yaml) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Manifests.loadString(source, yaml));
    assertThat(t).isInstanceOf(InvalidManifestException.class).isInstanceOf(KargoException.class);
    return (InvalidManifestException) t;
  }

  @Test
  void unknownFieldNamesFileLinePathAndAllowedFields() {
    InvalidManifestException e = fail("stages.yaml", STAGE);
    assertThat(e).hasMessage("stages.yaml:16: spec.promotionTemplate.spec.steps[2].confg: unknown field;"
        + " allowed: as, config, continueOnError, if, retry, task, uses, vars");
    assertThat(e.source()).isEqualTo("stages.yaml");
    assertThat(e.line()).isEqualTo(16);
    assertThat(e.path()).isEqualTo("spec.promotionTemplate.spec.steps[2].confg");
  }

  private static String stageWithSteps(String... stepLines) {
    StringBuilder sb = new StringBuilder(String.join("\n",
        "apiVersion: kargo.akuity.io/v1alpha1",
        "kind: Stage",
        "metadata: {name: dev, namespace: demo}",
        "spec:",
        "  requestedFreight:",
        "  - origin: {kind: Warehouse, name: w}",
        "    sources: {direct: true}",
        "  promotionTemplate:",
        "    spec:",
        "      steps:"));
    for (String l : stepLines) {
      sb.append("\n      ").append(l);
    }
    return sb.append('\n').toString();
  }

  @Test
  void wrongType() {
    String yaml = STAGE.replace("sources: {direct: true}", "sources: {direct: \"yes\"}").replace("        confg: {}\n", "");
    assertThat(fail("s.yaml", yaml)).hasMessage(
        "s.yaml:9: spec.requestedFreight[0].sources.direct: expected a boolean (true or false), got string \"yes\"");
  }

  @Test
  void numberWhereAStringIsExpected() {
    String yaml = stageWithSteps("- uses: x", "  vars:", "  - name: port", "    value: 8080");
    assertThat(fail("s.yaml", yaml)).hasMessage(
        "s.yaml:14: spec.promotionTemplate.spec.steps[0].vars[0].value: expected a string, got integer 8080 (quote it: \"8080\")");
  }

  @Test
  void stepNeedsExactlyOneOfUsesAndTask() {
    assertThat(fail("s.yaml", stageWithSteps("- as: x"))).hasMessage(
        "s.yaml:11: spec.promotionTemplate.spec.steps[0]: a step must have exactly one of uses or task set");
    assertThat(fail("s.yaml", stageWithSteps("- uses: x", "  task: {name: t}")).getMessage())
        .startsWith("s.yaml:11: spec.promotionTemplate.spec.steps[0]: a step must have exactly one of uses or task set");
  }

  @Test
  void taskStepsCannotHaveConfigOrRetry() {
    assertThat(fail("s.yaml", stageWithSteps("- task: {name: t}", "  config: {a: b}"))).hasMessage(
        "s.yaml:12: spec.promotionTemplate.spec.steps[0].config: a step referencing a task cannot have a config");
    assertThat(fail("s.yaml", stageWithSteps("- task: {name: t}", "  retry: {errorThreshold: 2}"))).hasMessage(
        "s.yaml:12: spec.promotionTemplate.spec.steps[0].retry: a step referencing a task cannot set retry");
  }

  @Test
  void reservedAndDuplicateAliases() {
    assertThat(fail("s.yaml", stageWithSteps("- uses: a", "- uses: b", "  as: step-2")).getMessage())
        .startsWith("s.yaml:13: spec.promotionTemplate.spec.steps[1].as: step alias \"step-2\" is reserved");
    assertThat(fail("s.yaml", stageWithSteps("- uses: a", "  as: x", "- uses: b", "  as: x")).getMessage())
        .isEqualTo("s.yaml:14: spec.promotionTemplate.spec.steps[1].as: step alias \"x\" duplicates that of steps[0]");
  }

  @Test
  void variableNames() {
    assertThat(fail("s.yaml", stageWithSteps("- uses: a", "  vars: [{name: 1abc, value: x}]")).getMessage())
        .startsWith("s.yaml:12: spec.promotionTemplate.spec.steps[0].vars[0].name: \"1abc\" is not a valid variable name");
  }

  private static final String WAREHOUSE_HEAD = String.join("\n",
      "apiVersion: kargo.akuity.io/v1alpha1",
      "kind: Warehouse",
      "metadata: {name: w, namespace: demo}",
      "spec:",
      "  subscriptions:",
      "");

  @Test
  void subscriptionNamesMustBeUnique() {
    String yaml = WAREHOUSE_HEAD + String.join("\n",
        "  - name: app",
        "    image: {repoURL: ghcr.io/a/b}",
        "  - name: app",
        "    git: {repoURL: https://github.com/a/b}", "");
    assertThat(fail("w.yaml", yaml).getMessage())
        .startsWith("w.yaml:8: spec.subscriptions[1].name: subscription name \"app\" is already used");
  }

  @Test
  void subscriptionNeedsExactlyOneType() {
    String yaml = WAREHOUSE_HEAD + "  - image: {repoURL: ghcr.io/a/b}\n    git: {repoURL: https://github.com/a/b}\n";
    assertThat(fail("w.yaml", yaml).getMessage()).startsWith(
        "w.yaml:6: spec.subscriptions[0]: a subscription must have exactly one top-level field naming its type");
  }

  @Test
  void subscriptionToTheSameRepositoryTwice() {
    String yaml = WAREHOUSE_HEAD + "  - git: {repoURL: https://github.com/a/b.git}\n  - git: {repoURL: https://GitHub.com/a/b}\n";
    assertThat(fail("w.yaml", yaml).getMessage()).startsWith(
        "w.yaml:7: spec.subscriptions[1].git: a subscription to the same repository already exists");
  }

  @Test
  void missingSubscriptionsAndMissingRepoURL() {
    assertThat(fail("w.yaml", WAREHOUSE_HEAD.replace("  subscriptions:\n", "  interval: 1m\n")).getMessage())
        .isEqualTo("w.yaml:5: spec.subscriptions: required field is missing; at least one subscription is required");
    assertThat(fail("w.yaml", WAREHOUSE_HEAD + "  - git: {branch: main}\n").getMessage())
        .isEqualTo("w.yaml:6: spec.subscriptions[0].git.repoURL: required field is missing or empty");
  }

  @Test
  void genericSubscriptionsNeedAName() {
    String yaml = WAREHOUSE_HEAD + "  - s3: {config: {bucket: b}}\n";
    assertThat(fail("w.yaml", yaml).getMessage())
        .isEqualTo("w.yaml:6: spec.subscriptions[0].name: a name is required for subscriptions of type s3");
  }

  @Test
  void badDurationAndEnum() {
    String yaml = WAREHOUSE_HEAD.replace("spec:\n", "spec:\n  interval: 5 minutes\n") + "  - git: {repoURL: https://github.com/a/b}\n";
    assertThat(fail("w.yaml", yaml).getMessage()).startsWith("w.yaml:5: spec.interval: ")
        .contains("\"5 minutes\"").contains("allowed: a Go duration");
    String strategy = WAREHOUSE_HEAD + "  - git: {repoURL: https://github.com/a/b, commitSelectionStrategy: Newest}\n";
    assertThat(fail("w.yaml", strategy).getMessage()).isEqualTo(
        "w.yaml:6: spec.subscriptions[0].git.commitSelectionStrategy: \"Newest\" is not allowed;"
            + " allowed: NewestFromBranch, SemVer, Lexical, NewestTag");
  }

  @Test
  void badNames() {
    String yaml = WAREHOUSE_HEAD.replace("name: w,", "name: My_Warehouse,") + "  - git: {repoURL: https://github.com/a/b}\n";
    assertThat(fail("w.yaml", yaml).getMessage()).startsWith(
        "w.yaml:3: metadata.name: \"My_Warehouse\" is not a valid name");
    String sub = WAREHOUSE_HEAD + "  - name: Bad.Name\n    git: {repoURL: https://github.com/a/b}\n";
    assertThat(fail("w.yaml", sub).getMessage()).startsWith(
        "w.yaml:6: spec.subscriptions[0].name: \"Bad.Name\" is not a valid RFC 1123 label");
  }

  @Test
  void unknownKindAndWrongApiVersion() {
    assertThat(fail("x.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n").getMessage())
        .startsWith("x.yaml:2: kind: unsupported kind \"Pod\"; allowed: Project, ProjectConfig");
    assertThat(fail("x.yaml", "apiVersion: kargo.akuity.io/v1beta1\nkind: Project\nmetadata: {name: p}\n").getMessage())
        .isEqualTo("x.yaml:1: apiVersion: \"kargo.akuity.io/v1beta1\" is not allowed for kind Project;"
            + " allowed: kargo.akuity.io/v1alpha1");
  }

  @Test
  void invalidYamlAndDuplicateKeys() {
    assertThat(fail("x.yaml", "kind: Project\nmetadata: [\n").getMessage()).startsWith("x.yaml:3: invalid YAML");
    assertThat(fail("x.yaml", "apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nkind: Stage\n").getMessage())
        .isEqualTo("x.yaml:3: kind: duplicate key (first at line 2)");
  }

  @Test
  void duplicateObjectsAcrossDocuments() {
    String p = "apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata: {name: p}\n";
    assertThat(fail("x.yaml", p + "---\n" + p).getMessage())
        .isEqualTo("x.yaml:5: metadata.name: duplicate Project p (first defined at x.yaml:1)");
  }

  @Test
  void originMustBeAWarehouse() {
    String yaml = STAGE.replace("kind: Warehouse, name: w", "kind: Stage, name: w").replace("        confg: {}\n", "");
    assertThat(fail("s.yaml", yaml).getMessage())
        .isEqualTo("s.yaml:8: spec.requestedFreight[0].origin.kind: \"Stage\" is not allowed; allowed: Warehouse");
  }

  @Test
  void matchUpstreamNeedsOneUpstreamStage() {
    String yaml = STAGE.replace("sources: {direct: true}",
        "sources: {stages: [a, b], autoPromotionOptions: {selectionPolicy: MatchUpstream}}").replace("        confg: {}\n", "");
    assertThat(fail("s.yaml", yaml).getMessage()).startsWith(
        "s.yaml:9: spec.requestedFreight[0].sources.autoPromotionOptions.selectionPolicy:"
            + " selection policy 'MatchUpstream' requires exactly one upstream Stage");
  }

  @Test
  void secretValuesNeverAppearInMessages() {
    String yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: demo\n"
        + "  labels: {kargo.akuity.io/cred-type: git}\nstringData:\n  repoURL: https://github.com/a/b\n"
        + "  password: 12345678\n";
    InvalidManifestException e = fail("secret.yaml", yaml);
    assertThat(e.getMessage()).startsWith("secret.yaml:9: stringData.password: expected a string").doesNotContain("12345678");
    String bad64 = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: 'not base64 !!'}\n";
    assertThat(fail("secret.yaml", bad64).getMessage()).doesNotContain("not base64 !!").contains("data.password");
  }

  @Test
  void credentialsAreReadAndNeverPrinted() {
    String yaml = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: demo\n"
        + "  labels: {kargo.akuity.io/cred-type: git}\nstringData:\n  repoURL: https://github.com/a/b\n"
        + "  username: bot\n  password: s3cr3t\n---\napiVersion: v1\nkind: Secret\nmetadata:\n"
        + "  name: regex\n  namespace: demo\n  labels: {kargo.akuity.io/cred-type: image}\n"
        + "data:\n  repoURL: " + java.util.Base64.getEncoder().encodeToString("^ghcr.io/.*$".getBytes()) + "\n"
        + "  repoURLIsRegex: dHJ1ZQ==\n  password: " + java.util.Base64.getEncoder().encodeToString("hunter2".getBytes()) + "\n";
    ManifestSet set = Manifests.loadString("creds.yaml", yaml);
    assertThat(set.credentials()).hasSize(2);
    var git = set.credentials().get(0);
    assertThat(git.type()).isEqualTo(dev.kargo4j.core.spi.CredentialType.GIT);
    assertThat(git.username()).isEqualTo("bot");
    assertThat(git.password()).isEqualTo("s3cr3t");
    assertThat(git.repoURLIsRegex()).isFalse();
    assertThat(git.toString()).doesNotContain("s3cr3t").contains("bot");
    assertThat(git.toCredentials().toString()).doesNotContain("s3cr3t");
    var image = set.credentials().get(1);
    assertThat(image.repoURLIsRegex()).isTrue();
    assertThat(image.repoURL()).isEqualTo("^ghcr.io/.*$");
    assertThat(image.password()).isEqualTo("hunter2");
    assertThat(image.toString()).doesNotContain("hunter2");
    assertThat(Manifests.loadString("again.yaml", Manifests.toYaml(image)).credentials()).containsExactly(image);
  }

  @Test
  void deprecatedGitTagFieldsAreMappedWithWarnings() {
    String yaml = WAREHOUSE_HEAD
        + "  - git: {repoURL: https://github.com/a/b, commitSelectionStrategy: Lexical, allowTags: '^v', ignoreTags: [v1.0.0, bad]}\n"
        + "  - image:\n      repoURL: ghcr.io/a/b\n      semverConstraint: ^1.0.0\n      ignoreTags: [latest]\n";
    ManifestSet set = Manifests.loadString("w.yaml", yaml);
    Warehouse w = set.warehouses().get(0);
    GitSubscription git = (GitSubscription) w.spec().subscriptions().get(0);
    assertThat(git.allowTagsRegexes()).containsExactly("^v");
    assertThat(git.ignoreTagsRegexes()).containsExactly("^v1\\.0\\.0$", "^bad$");
    ImageSubscription image = (ImageSubscription) w.spec().subscriptions().get(1);
    assertThat(image.constraint()).isEqualTo("^1.0.0");
    assertThat(image.ignoreTagsRegexes()).containsExactly("^latest$");
    assertThat(set.warnings()).extracting(ManifestWarning::toString).containsExactly(
        "w.yaml:6: spec.subscriptions[0].git.allowTags: deprecated (Kargo v1.11+ fails discovery when it is set); use allowTagsRegexes; read as allowTagsRegexes: [^v]",
        "w.yaml:6: spec.subscriptions[0].git.ignoreTags: deprecated (Kargo v1.11+ fails discovery when it is set); use ignoreTagsRegexes; read as ignoreTagsRegexes: [^v1\\.0\\.0$, ^bad$]",
        "w.yaml:9: spec.subscriptions[1].image.semverConstraint: deprecated for images; use constraint; read as constraint: ^1.0.0",
        "w.yaml:10: spec.subscriptions[1].image.ignoreTags: deprecated (Kargo v1.11+ fails discovery when it is set); use ignoreTagsRegexes; read as ignoreTagsRegexes: [^latest$]");
  }

  @Test
  void jsonWithTabsIsRead() {
    String json = "{\n\t\"apiVersion\": \"kargo.akuity.io/v1alpha1\",\n\t\"kind\": \"Project\",\n"
        + "\t\"metadata\": {\"name\": \"p\", \"labels\": {\"a\": \"x\\ty\"}},\n\t\"bogus\": 1\n}\n";
    assertThat(fail("p.json", json).getMessage()).startsWith("p.json:5: bogus: unknown field");
    ManifestSet set = Manifests.loadString("p.json", json.replace(",\n\t\"bogus\": 1", ""));
    assertThat(set.projects().get(0).metadata().labels()).containsEntry("a", "x\ty");
  }

  @Test
  void streamsMustBeUtf8() {
    byte[] bytes = "kind: Project\nmetadata: {name: \u00e9}\n".getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> Manifests.defaults().read("latin1.yaml", new ByteArrayInputStream(bytes)))
        .isInstanceOf(InvalidManifestException.class).hasMessage("latin1.yaml: input is not valid UTF-8");
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i <= 9; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) {
        sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      sb.append("]\n");
    }
    // Under SnakeYAML's alias cap (90 > 50): refused by the alias count.
    assertThat(fail("bomb.yaml", sb.toString()).getMessage())
        .startsWith("bomb.yaml:").contains("aliases to lists or maps (an alias bomb?); refused");
    // With a generous alias cap the expansion limit still refuses it.
    Manifests lenient = Manifests.builder().maxAliasesForCollections(1000).build();
    assertThatThrownBy(() -> lenient.read("bomb.yaml", sb.toString()))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("document expands to more than its own size plus 4194304 through YAML aliases"
            + " (each node counts 64, each character of a scalar 1; an alias bomb?); refused");
    // and, with that one raised too, the node limit
    Manifests lenienter = Manifests.builder().maxAliasesForCollections(1000).maxAliasExpansion(Long.MAX_VALUE).build();
    assertThatThrownBy(() -> lenienter.read("bomb.yaml", sb.toString()))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("document expands to more than 1000000 nodes through YAML aliases (an alias bomb?); refused");
  }

  @Test
  void deepNestingIsRefused() {
    String deep = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";
    assertThat(fail("deep.yaml", deep).getMessage())
        .startsWith("deep.yaml:").contains("nests lists and maps deeper than 64 levels; refused");
  }

  @Test
  void oversizedInputIsRefused() {
    Manifests small = Manifests.builder().maxDocumentCodePoints(1000).maxInputCodePoints(5000).build();
    String big = "a: \"" + "x".repeat(2000) + "\"\n";
    assertThatThrownBy(() -> small.read("big.yaml", big))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessageContaining("big.yaml").hasMessageContaining("larger than the limit of 1000 characters; refused");
    String huge = "x".repeat(6000);
    assertThatThrownBy(() -> small.read("huge.yaml", new ByteArrayInputStream(huge.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(InvalidManifestException.class)
        .hasMessage("huge.yaml: input is larger than the limit of 5000 characters; refused");
  }

  @Test
  void mergeKeysAndCustomTagsAreRejected() {
    assertThat(fail("m.yaml", "base: &b {x: 1}\nother:\n  <<: *b\n").getMessage())
        .isEqualTo("m.yaml:3: YAML merge keys (<<) are not supported; write the fields out");
    assertThat(fail("t.yaml", "kind: !custom Project\n").getMessage())
        .startsWith("t.yaml:1: unsupported YAML tag !custom");
  }

  @Test
  void readOneAndProjectConfigNames() {
    String pc = "apiVersion: kargo.akuity.io/v1alpha1\nkind: ProjectConfig\nmetadata: {name: other, namespace: demo}\n";
    assertThat(fail("pc.yaml", pc).getMessage())
        .isEqualTo("pc.yaml:3: metadata.name: a ProjectConfig must be named after its Project \"demo\"");
    String ok = "apiVersion: kargo.akuity.io/v1alpha1\nkind: ProjectConfig\nmetadata: {name: demo, namespace: demo}\n"
        + "spec:\n  promotionPolicies:\n  - stage: dev\n    autoPromotionEnabled: true\n"
        + "  - stageSelector: {name: 'glob:prod-*', matchLabels: {tier: prod}}\n";
    ManifestSet set = Manifests.loadString("pc.yaml", ok);
    var config = set.projectConfig("demo").orElseThrow();
    assertThat(config.spec().promotionPolicies().get(0).stageSelector().name()).isEqualTo("dev");
    assertThat(config.spec().promotionPolicies().get(0).autoPromotionEnabled()).isTrue();
    assertThat(config.spec().promotionPolicies().get(1).stageSelector().labelSelector().matchLabels())
        .containsEntry("tier", "prod");
    assertThat(set.warnings()).singleElement().asString().startsWith("pc.yaml:6: spec.promotionPolicies[0].stage: deprecated");
    assertThat(Manifests.defaults().readOne("pc.yaml", ok, dev.kargo4j.core.model.ProjectConfig.class)).isEqualTo(config);
  }
}
