package dev.kargo4j.steps.kustomize.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.PathEscapeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Issue 13, finding 2: kustomize runs with {@code --load-restrictor=LoadRestrictionsNone}, so
 * the sandbox is the only thing between a Kustomization from a repository and the host's
 * files. Each case is an attack that, on the unguarded sandbox, let kustomize copy a host file
 * ({@code SECRET}, a file outside the work directory) into the rendered manifests.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "symbolic links and absolute POSIX paths")
class KustomizationSandboxSecurityTest {
  @TempDir Path work;
  @TempDir Path outside;
  private Path secret;

  @BeforeEach
  void secret() throws IOException {
    work = work.toRealPath();
    secret = Files.writeString(outside.toRealPath().resolve("secret.txt"), "SECRET-MARKER\n");
  }

  /** Each attack: the files of the work directory (SECRET stands for the host file's path), then what the refusal names. */
  static Stream<Arguments> attacks() {
    String pad = "#" + "x".repeat(3 * 1024 * 1024 + 100) + "\n";
    return Stream.of(
        // parse failures used to pass silently
        attack("padded past SnakeYAML's 3 MB code point limit", "app/kustomization.yaml",
            Map.of("app/kustomization.yaml", pad + "configMapGenerator:\n- name: c\n  files: [SECRET]\n")),
        attack("custom tag", "app/kustomization.yaml",
            Map.of("app/kustomization.yaml", "configMapGenerator:\n- name: c\n  files: [!x SECRET]\n")),
        attack("binary tag decoding to a host path", "app/kustomization.yaml",
            Map.of("app/kustomization.yaml", "configMapGenerator:\n- name: c\n  files: [!!binary BINARY]\n")),
        attack("duplicate key whose second value escapes", "app/kustomization.yaml",
            Map.of("app/kustomization.yaml", "resources: [ok.yaml]\nresources: [SECRET]\n")),
        // Go's encoding/json (kustomize decodes Kustomizations through it) matches field names case-insensitively
        attack("field names in another case", "app/kustomization.yaml",
            Map.of("app/kustomization.yaml", "ConfigMapGenerator:\n- name: c\n  FILES: [SECRET]\n")),
        attack("unknown field", "app/kustomization.yaml",
            Map.of("app/kustomization.yaml", "resourcez: [SECRET]\n")),
        // generators / transformers / validators
        attack("generators: ConfigMapGenerator.files", "gen.yaml", Map.of(
            "app/kustomization.yaml", "generators: [gen.yaml]\n",
            "app/gen.yaml", plugin("ConfigMapGenerator", "files: [SECRET]"))),
        attack("generators: SecretGenerator.envs", "gen.yaml", Map.of(
            "app/kustomization.yaml", "generators: [gen.yaml]\n",
            "app/gen.yaml", plugin("SecretGenerator", "envs: [SECRET]"))),
        attack("generators: SecretGenerator.env", "gen.yaml", Map.of(
            "app/kustomization.yaml", "generators: [gen.yaml]\n",
            "app/gen.yaml", plugin("SecretGenerator", "env: SECRET"))),
        attack("generators: second document of the file", "gen.yaml", Map.of(
            "app/kustomization.yaml", "generators: [gen.yaml]\n",
            "app/gen.yaml", plugin("ConfigMapGenerator", "literals: [a=b]") + "---\n"
                + plugin("ConfigMapGenerator", "files: [k=SECRET]"))),
        attack("transformers: PatchTransformer.path", "tr.yaml", Map.of(
            "app/kustomization.yaml", "transformers: [tr.yaml]\n",
            "app/tr.yaml", plugin("PatchTransformer", "path: SECRET"))),
        attack("transformers: PatchStrategicMergeTransformer.paths", "tr.yaml", Map.of(
            "app/kustomization.yaml", "transformers: [tr.yaml]\n",
            "app/tr.yaml", plugin("PatchStrategicMergeTransformer", "paths: [SECRET]"))),
        attack("transformers: PatchJson6902Transformer.path", "tr.yaml", Map.of(
            "app/kustomization.yaml", "transformers: [tr.yaml]\n",
            "app/tr.yaml", plugin("PatchJson6902Transformer", "path: SECRET"))),
        attack("transformers: ReplacementTransformer.replacements[].path", "tr.yaml", Map.of(
            "app/kustomization.yaml", "transformers: [tr.yaml]\n",
            "app/tr.yaml", plugin("ReplacementTransformer", "replacements: [{path: SECRET}]"))),
        attack("generators: HelmChartInflationGenerator.valuesFile", "helm.yaml", Map.of(
            "app/kustomization.yaml", "generators: [helm.yaml]\n",
            "app/helm.yaml", plugin("HelmChartInflationGenerator", "name: c\nvaluesFile: SECRET"))),
        attack("generators: HelmChartInflationGenerator.additionalValuesFiles", "helm.yaml", Map.of(
            "app/kustomization.yaml", "generators: [helm.yaml]\n",
            "app/helm.yaml", plugin("HelmChartInflationGenerator", "name: c\nadditionalValuesFiles: [SECRET]"))),
        attack("generators: HelmChartInflationGenerator.chartHome", "helm.yaml", Map.of(
            "app/kustomization.yaml", "generators: [helm.yaml]\n",
            "app/helm.yaml", plugin("HelmChartInflationGenerator", "name: c\nchartHome: OUTDIR"))),
        attack("validators: a builtin config", "v.yaml", Map.of(
            "app/kustomization.yaml", "validators: [v.yaml]\n",
            "app/v.yaml", plugin("PatchTransformer", "path: SECRET"))),
        attack("inline generator config", "generators[0]", Map.of(
            "app/kustomization.yaml", "generators:\n- |\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n"
                + "  metadata: {name: c}\n  files: [SECRET]\n")),
        attack("generator directory whose Kustomization lists the config", "gen.yaml", Map.of(
            "app/kustomization.yaml", "generators: [gens]\n",
            "app/gens/kustomization.yaml", "resources: [gen.yaml]\n",
            "app/gens/gen.yaml", plugin("ConfigMapGenerator", "files: [SECRET]"))),
        attack("a decoy kind in another case hiding the kind kustomize reads", "gen.yaml", Map.of(
            "app/kustomization.yaml", "generators: [gen.yaml]\n",
            "app/gen.yaml", "apiVersion: builtin\nkind: ConfigMapGenerator\nKIND: LabelTransformer\n"
                + "metadata: {name: x}\nfiles: [SECRET]\n")),
        attack("a binary-tagged field name in a plugin config", "gen.yaml", Map.of(
            "app/kustomization.yaml", "generators: [gen.yaml]\n",
            "app/gen.yaml", "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata: {name: x}\n"
                + "!!binary ZmlsZXM=: [SECRET]\n")),
        attack("unknown plugin kind (an exec or container plugin)", "gen.yaml", Map.of(
            "app/kustomization.yaml", "generators: [gen.yaml]\n",
            "app/gen.yaml", "apiVersion: someteam.example.com/v1\nkind: Exfiltrator\nmetadata: {name: x}\n")),
        attack("KRM function annotation on a builtin kind", "gen.yaml", Map.of(
            "app/kustomization.yaml", "generators: [gen.yaml]\n",
            "app/gen.yaml", "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: x\n  annotations:\n"
                + "    config.kubernetes.io/function: |\n      exec: {path: /bin/sh}\n")),
        attack("remote generator config", "generators[0]", Map.of(
            "app/kustomization.yaml", "generators: [https://example.com/gen.yaml]\n")),
        // the legacy field and other path-carrying fields
        attack("helmChartInflationGenerator.values", "helmChartInflationGenerator[0].values", Map.of(
            "app/kustomization.yaml", "helmChartInflationGenerator:\n- chartName: c\n  values: SECRET\n")),
        attack("helmChartInflationGenerator.chartHome", "helmChartInflationGenerator[0].chartHome", Map.of(
            "app/kustomization.yaml", "helmChartInflationGenerator:\n- chartName: c\n  chartHome: OUTDIR\n")),
        attack("helmChartInflationGenerator.helmHome", "helmChartInflationGenerator[0].helmHome", Map.of(
            "app/kustomization.yaml", "helmChartInflationGenerator:\n- chartName: c\n  helmHome: OUTDIR\n")),
        attack("helmChartInflationGenerator.helmBin", "helmChartInflationGenerator[0].helmBin", Map.of(
            "app/kustomization.yaml", "helmChartInflationGenerator:\n- chartName: c\n  helmBin: /bin/sh\n")),
        attack("helmCharts[].name climbing out of the chart home", "helmCharts[0].name", Map.of(
            "app/kustomization.yaml", "helmCharts:\n- name: ../../../../../../../../RELOUT\n")),
        attack("helmCharts[].repo file URL", "helmCharts[0].repo", Map.of(
            "app/kustomization.yaml", "helmCharts:\n- name: c\n  repo: file:///etc\n")),
        attack("components outside", "components[0]", Map.of(
            "app/kustomization.yaml", "components: [OUTDIR]\n")),
        attack("crds outside", "crds[0]", Map.of("app/kustomization.yaml", "crds: [SECRET]\n")),
        attack("configurations outside", "configurations[0]", Map.of("app/kustomization.yaml", "configurations: [SECRET]\n")),
        attack("openapi.path outside", "openapi.path", Map.of("app/kustomization.yaml", "openapi: {path: SECRET}\n")),
        attack("patches[].path", "patches[0].path", Map.of("app/kustomization.yaml", "patches: [{path: SECRET}]\n")),
        attack("patchesJson6902[].path", "patchesJson6902[0].path",
            Map.of("app/kustomization.yaml", "patchesJson6902: [{path: SECRET}]\n")),
        attack("patchesStrategicMerge", "patchesStrategicMerge[0]",
            Map.of("app/kustomization.yaml", "patchesStrategicMerge: [SECRET]\n")),
        attack("replacements[].path", "replacements[0].path",
            Map.of("app/kustomization.yaml", "replacements: [{path: SECRET}]\n")),
        attack("a file URL resource (kustomize clones local repositories)", "resources[0]",
            Map.of("app/kustomization.yaml", "resources: ['file://OUTDIR']\n")),
        attack("a file URL resource with go-getter prefix", "resources[0]",
            Map.of("app/kustomization.yaml", "resources: ['git::file://OUTDIR']\n")),
        attack("a path disguised as a remote one", "resources[0]",
            Map.of("app/kustomization.yaml", "resources: ['github.com/../../../../../../../../../RELOUT?ref=x']\n")));
  }

  private static Arguments attack(String name, String named, Map<String, String> files) {
    return Arguments.of(name, named, files);
  }

  private static String plugin(String kind, String fields) {
    return "apiVersion: builtin\nkind: " + kind + "\nmetadata:\n  name: p\n" + fields + "\n";
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void everyWayToNameAHostFileIsRefused(String name, String named, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = work.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, substitute(file.getValue()));
    }
    Files.writeString(work.resolve("app/ok.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n");
    assertThatThrownBy(() -> KustomizationSandbox.check(work, work.resolve("app")))
        .as(name).isInstanceOf(KargoException.class).hasMessageContaining(named);
  }

  private String substitute(String text) {
    return text.replace("BINARY", Base64.getEncoder().encodeToString(secret.toString().getBytes(StandardCharsets.UTF_8)))
        .replace("SECRET", secret.toString()).replace("RELOUT", secret.getParent().toString().substring(1))
        .replace("OUTDIR", secret.getParent().toString());
  }

  @Test
  void aKustomizationThatIsNotUtf8IsRefusedNamingTheFile() throws IOException {
    Path file = Files.createDirectories(work.resolve("app")).resolve("kustomization.yaml");
    byte[] head = "# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = ("configMapGenerator:\n- name: c\n  files: [" + secret + "]\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + body.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(body, 0, all, head.length, body.length);
    Files.write(file, all);
    assertThatThrownBy(() -> KustomizationSandbox.check(work, work.resolve("app")))
        .isInstanceOf(KargoException.class).hasMessageContaining("app/kustomization.yaml").hasMessageContaining("UTF-8");
  }

  @Test
  void aSymbolicLinkOutOfTheWorkDirectoryInsideAChartIsRefused() throws IOException {
    Path chart = Files.createDirectories(work.resolve("app/charts/guestbook/files"));
    Files.writeString(work.resolve("app/kustomization.yaml"), "helmCharts:\n- name: guestbook\n  releaseName: g\n");
    Files.writeString(chart.resolveSibling("Chart.yaml"), "apiVersion: v2\nname: guestbook\nversion: 0.1.0\n");
    Files.createSymbolicLink(chart.resolve("config.txt"), secret);
    assertThatThrownBy(() -> KustomizationSandbox.check(work, work.resolve("app")))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("charts/guestbook/files/config.txt");
  }

  @Test
  void aSymbolicLinkOutOfTheWorkDirectoryInAResourceFolderIsRefused() throws IOException {
    Files.createDirectories(work.resolve("app/base"));
    Files.writeString(work.resolve("app/kustomization.yaml"), "resources: [base]\n");
    Files.writeString(work.resolve("app/base/kustomization.yaml"), "resources: []\n");
    Files.createSymbolicLink(work.resolve("app/base/host"), secret.getParent());
    assertThatThrownBy(() -> KustomizationSandbox.check(work, work.resolve("app")))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("app/base/host");
  }

  @Test
  void aChartsGitFolderIsSearchedButAResourceFoldersIsNot() throws IOException {
    Files.createDirectories(work.resolve("app/.git"));
    Files.writeString(work.resolve("app/kustomization.yaml"), "resources: []\n");
    Files.createSymbolicLink(work.resolve("app/.git/host"), secret.getParent());
    assertThatCode(() -> KustomizationSandbox.check(work, work.resolve("app"))).doesNotThrowAnyException();

    Files.createDirectories(work.resolve("app/charts/c/.git"));
    Files.writeString(work.resolve("app/kustomization.yaml"), "helmCharts:\n- name: c\n");
    Files.createSymbolicLink(work.resolve("app/charts/c/.git/host"), secret.getParent());
    assertThatThrownBy(() -> KustomizationSandbox.check(work, work.resolve("app")))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("app/charts/c/.git/host");
  }

  @Test
  void theSearchForLinksIsBounded() throws IOException {
    Files.createDirectories(work.resolve("app/many"));
    for (int i = 0; i < 50; i++) {
      Files.writeString(work.resolve("app/many/f" + i), "");
    }
    Files.writeString(work.resolve("app/kustomization.yaml"), "resources: []\n");
    assertThatThrownBy(() -> KustomizationSandbox.check(work, work.resolve("app"),
        dev.kargo4j.steps.kustomize.KustomizationLimits.DEFAULTS.withMaxScannedEntries(20)))
        .isInstanceOf(KargoException.class).hasMessageContaining("maxScannedEntries");
  }

  @Test
  void remoteBasesCanBeTurnedOff() throws IOException {
    Files.createDirectories(work.resolve("app"));
    Files.writeString(work.resolve("app/kustomization.yaml"), "resources: ['https://github.com/example/app//config?ref=v1']\n");
    assertThatCode(() -> KustomizationSandbox.check(work, work.resolve("app"))).doesNotThrowAnyException();
    assertThatThrownBy(() -> KustomizationSandbox.check(work, work.resolve("app"),
        dev.kargo4j.steps.kustomize.KustomizationLimits.DEFAULTS.withRemoteResources(false)))
        .isInstanceOf(KargoException.class).hasMessageContaining("remoteResources");
  }

  @Test
  void anAliasBombIsRefusedQuickly() throws IOException {
    StringBuilder bomb = new StringBuilder("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      char p = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*").append(p)
          .append(",*").append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
    }
    Files.createDirectories(work.resolve("app"));
    Files.writeString(work.resolve("app/kustomization.yaml"), bomb + "resources: *z\n");
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(
        () -> KustomizationSandbox.check(work, work.resolve("app")))
        .isInstanceOf(KargoException.class).hasMessageContaining("app/kustomization.yaml"));
  }

  @Test
  void aLongChainOfBasesIsRefusedAtTheDepthLimit() throws IOException {
    for (int i = 0; i < 200; i++) {
      Path dir = Files.createDirectories(work.resolve("b" + i));
      Files.writeString(dir.resolve("kustomization.yaml"), "resources: [../b" + (i + 1) + "]\n");
    }
    Files.createDirectories(work.resolve("b200"));
    Files.writeString(work.resolve("b200/kustomization.yaml"), "resources: []\n");
    assertThatThrownBy(() -> KustomizationSandbox.check(work, work.resolve("b0")))
        .isInstanceOf(KargoException.class).hasMessageContaining("deep");
  }

  @Test
  void realOverlaysStillPass() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("base/kustomization.yaml", "resources: [deploy.yaml]\nconfigMapGenerator:\n- name: c\n  files: [conf=app.conf]\n"
        + "  envs: [app.env]\n");
    files.put("base/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n");
    files.put("base/app.conf", "x\n");
    files.put("base/app.env", "A=b\n");
    files.put("env/dev/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        + "resources:\n- ../../base\n- https://github.com/example/app//config?ref=v1\n"
        + "patches:\n- path: patch.yaml\n- patch: |\n    - op: add\n      path: /x\n      value: 1\n  target: {kind: Deployment}\n"
        + "helmCharts:\n- name: guestbook\n  valuesFile: values.yaml\n  repo: https://charts.example.com\n"
        + "generators:\n- gen.yaml\n- |\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n  metadata: {name: inline}\n"
        + "  literals: [a=b]\ntransformers: [tr.yaml]\nimages:\n- name: app\n  newTag: v1\n");
    files.put("env/dev/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n");
    files.put("env/dev/values.yaml", "replicas: 1\n");
    files.put("env/dev/charts/guestbook/Chart.yaml", "apiVersion: v2\nname: guestbook\nversion: 0.1.0\n");
    files.put("env/dev/gen.yaml", plugin("ConfigMapGenerator", "files: [../../base/app.conf]"));
    files.put("env/dev/tr.yaml", plugin("LabelTransformer", "labels: {a: b}\nfieldSpecs: [{path: metadata/labels, create: true}]"));
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path target = work.resolve(file.getKey());
      Files.createDirectories(target.getParent());
      Files.writeString(target, file.getValue());
    }
    assertThatCode(() -> KustomizationSandbox.check(work, work.resolve("env/dev"))).doesNotThrowAnyException();
  }
}
