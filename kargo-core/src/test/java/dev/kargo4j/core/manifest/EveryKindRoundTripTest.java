package dev.kargo4j.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.model.FreightCreationPolicy;
import dev.kargo4j.core.model.GenericSubscription;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.rollouts.GenericMetricProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind, with its statuses, reads, writes back in Kargo's format and reads again equal. */
class EveryKindRoundTripTest {
  static final String ALL = """
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Warehouse
      metadata: {name: app, namespace: demo, resourceVersion: "7"}
      spec:
        interval: 90s
        freightCreationPolicy: Manual
        freightCreationCriteria: {expression: "imageFrom('ghcr.io/a/b').Tag != 'latest'"}
        subscriptions:
        - chart: {repoURL: 'https://charts.example.com', name: redis, semverConstraint: ^1.0.0, discoveryLimit: 5}
        - name: bucket
          s3: {config: {bucket: b, prefix: [x, 1, true, null]}, discoveryLimit: 3}
        - git: {repoURL: 'git@github.com:a/b.git', commitSelectionStrategy: SemVer, strictSemvers: false,
                includePaths: ['glob:src/*'], excludePaths: [docs], since: '2024-01-01T00:00:00Z', blobless: true}
      status:
        lastFreightID: abc
        observedGeneration: 3
        conditions: [{type: Ready, status: "True", reason: Synced, lastTransitionTime: '2024-01-01T00:00:00Z'}]
        discoveredArtifacts:
          discoveredAt: '2024-01-01T00:00:00Z'
          git: [{repoURL: 'git@github.com:a/b.git', commits: [{id: c1, tag: v1.0.0, subject: s}], observedRefs: {tags: [{name: v1.0.0, id: c1}]}}]
          charts: [{repoURL: 'https://charts.example.com', name: redis, versions: [1.0.1, 1.0.0]}]
          results: [{name: bucket, artifactReferences: [{artifactType: s3, subscriptionName: bucket, version: v3, metadata: {etag: e}}]}]
      ---
      apiVersion: kargo.akuity.io/v1alpha1
      kind: Promotion
      metadata: {name: dev.01j0000000000000000000000.abc1234, namespace: demo}
      spec:
        stage: dev
        freight: abc1234
        vars: [{name: repo, value: 'https://github.com/a/b'}]
        steps:
        - uses: git-clone
          as: clone
          retry: {timeout: 10m, errorThreshold: 3}
          config: {repoURL: '${{ vars.repo }}'}
        - uses: task-1::step-1
          as: task-1::step-1
          if: ${{ always() }}
          continueOnError: true
      status:
        phase: Running
        message: waiting
        currentStep: 1
        startedAt: '2024-01-01T00:00:00Z'
        freight: {name: abc1234, origin: {kind: Warehouse, name: app}, commits: [{repoURL: 'https://github.com/a/b', id: c1}]}
        freightCollection:
          id: f00
          items:
            Warehouse/app: {name: abc1234, origin: {kind: Warehouse, name: app}}
          verificationHistory: [{id: v1, phase: Successful, analysisRun: {namespace: demo, name: run, phase: Successful}}]
        healthChecks: [{uses: argocd-update, config: {apps: [{name: a}]}}]
        stepExecutionMetadata:
        - {alias: clone, startedAt: '2024-01-01T00:00:00Z', finishedAt: '2024-01-01T00:00:01Z', status: Succeeded}
        - {alias: task-1::step-1, errorCount: 2, status: Running, message: retrying, continueOnError: true}
        state: {clone: {commits: {src: c1}}, count: 3, ratio: 0.5}
      ---
      apiVersion: kargo.akuity.io/v1alpha1
      kind: ClusterPromotionTask
      metadata: {name: shared}
      spec:
        vars: [{name: required}]
        steps: [{uses: fail, config: {message: '${{ vars.required }}'}}]
      ---
      apiVersion: argoproj.io/v1alpha1
      kind: ClusterAnalysisTemplate
      metadata: {name: prom}
      spec:
        args: [{name: svc, value: ''}, {name: token, valueFrom: {secretKeyRef: {name: s, key: k}}}]
        dryRun: [{metricName: m}]
        metrics:
        - name: m
          initialDelay: 1m
          count: '{{args.count}}'
          failureCondition: result[0] > 1
          consecutiveErrorLimit: 2
          provider: {prometheus: {address: 'http://p', query: up}}
        - name: w
          provider:
            web:
              method: POST
              url: https://example.com
              headers: [{key: Authorization, value: Bearer x}]
              timeoutSeconds: 5
              jsonBody: {a: [1, 2]}
              insecure: true
      ---
      apiVersion: kargo.akuity.io/v1alpha1
      kind: ProjectConfig
      metadata: {name: demo, namespace: demo}
      spec:
        promotionPolicies:
        - stageSelector: {name: 'regex:^test-', matchExpressions: [{key: env, operator: NotIn, values: [prod]}]}
          autoPromotionEnabled: true
        webhookReceivers: [{name: gh, github: {secretRef: {name: gh-secret}}}]
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings, namespace: demo}
      data: {a: "1"}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: plain, namespace: demo}
      stringData: {token: t0k3n}
      """;

  @Test
  void everyKindRoundTrips() {
    ManifestSet set = Manifests.loadString("all.yaml", ALL);
    assertThat(set.all()).hasSize(7);
    assertThat(set.warnings()).isEmpty();

    Warehouse w = set.warehouses().get(0);
    assertThat(w.spec().interval()).isEqualTo(Duration.ofSeconds(90));
    assertThat(w.spec().freightCreationPolicy()).isEqualTo(FreightCreationPolicy.MANUAL);
    assertThat(((ChartSubscription) w.spec().subscriptions().get(0)).chartName()).isEqualTo("redis");
    GenericSubscription s3 = (GenericSubscription) w.spec().subscriptions().get(1);
    assertThat(s3.type()).isEqualTo("s3");
    assertThat(s3.name()).isEqualTo("bucket");
    assertThat(s3.config()).isEqualTo(Map.of("bucket", "b", "prefix", java.util.Arrays.asList("x", 1L, true, null)));
    assertThat(w.status().discoveredArtifacts().results().get(0).artifactReferences().get(0).metadata())
        .isEqualTo(Map.of("etag", "e"));

    Promotion p = set.promotions().get(0);
    assertThat(p.status().phase()).isEqualTo(PromotionPhase.RUNNING);
    assertThat(p.status().stepExecutionMetadata().get(1).status()).isEqualTo(PromotionStepStatus.RUNNING);
    assertThat(p.status().state()).isEqualTo(Map.of("clone", Map.of("commits", Map.of("src", "c1")), "count", 3L, "ratio", 0.5));
    assertThat(p.spec().steps().get(0).retry().timeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.status().startedAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(set.analysisTemplates().get(0).spec().metrics().get(0).provider())
        .isEqualTo(new GenericMetricProvider("prometheus", Map.of("address", "http://p", "query", "up")));
    assertThat(set.secrets().get(0).data()).containsEntry("token", "t0k3n");
    assertThat(set.secrets().get(0).toString()).doesNotContain("t0k3n");

    String yaml = Manifests.toYaml(set.all());
    ManifestSet again = Manifests.loadString("again.yaml", yaml);
    assertThat(again.all()).containsExactlyElementsOf(set.all());
    assertThat(yaml).contains("interval: 1m30s").contains("kind: ClusterAnalysisTemplate")
        .contains("freightCreationCriteria:").contains("stepExecutionMetadata:");
  }

  @Test
  void foldersAreReadSortedAndOnlyYamlOrJson(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("b.yaml"), "apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata: {name: b}\n");
    Files.writeString(dir.resolve("a.json"), "{\"apiVersion\": \"kargo.akuity.io/v1alpha1\", \"kind\": \"Project\", \"metadata\": {\"name\": \"a\"}}");
    Files.writeString(dir.resolve("c.yml"), "---\napiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata: {name: c}\n---\n");
    Files.writeString(dir.resolve("notes.txt"), "not yaml: [");
    ManifestSet set = Manifests.load(dir);
    assertThat(set.projects()).extracting(x -> x.name()).containsExactly("a", "b", "c");
    Files.writeString(dir.resolve("d.yaml"), "apiVersion: kargo.akuity.io/v1alpha1\nkind: Project\nmetadata: {name: a}\n");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Manifests.load(dir)))
        .hasMessage(dir.resolve("d.yaml") + ":1: metadata.name: duplicate Project a (first defined at "
            + dir.resolve("a.json") + ":1)");
  }

  @Test
  void freightWithoutANameGetsItsId() {
    ManifestSet set = Manifests.loadString("f.yaml", """
        apiVersion: kargo.akuity.io/v1alpha1
        kind: Freight
        metadata: {namespace: demo}
        origin: {kind: Warehouse, name: my-warehouse}
        commits: [{repoURL: 'https://github.com/example/repo.git', id: abc123}]
        images: [{repoURL: public.ecr.aws/nginx/nginx, tag: 1.27.0, digest: 'sha256:deadbeef'}]
        """);
    assertThat(set.freight().get(0).name()).isEqualTo("a6b7cc55ed7a8f392e42b2ccc78576d9d1192a3d");
    assertThat(set.warnings()).isEmpty();
    ManifestSet wrong = Manifests.loadString("f.yaml", Manifests.toYaml(set.freight().get(0)
        .withMetadata(set.freight().get(0).metadata().withName("custom"))));
    assertThat(wrong.freight().get(0).name()).isEqualTo("custom");
    assertThat(wrong.warnings()).singleElement().asString()
        .contains("\"custom\" is not the Freight ID of these artifacts (a6b7cc55ed7a8f392e42b2ccc78576d9d1192a3d)");
  }
}
