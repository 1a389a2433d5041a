package dev.kargo4j.steps.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.steps.kustomize.internal.KustomizeTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
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

/**
 * Issue 13, finding 2, against the real tool ({@code kustomize} or {@code kubectl kustomize}
 * from the PATH or {@code KARGO4J_KUSTOMIZE}, as {@link KustomizeFixturesIT} finds it): each
 * Kustomization below makes kustomize, run with Kargo's {@code LoadRestrictionsNone}, copy a host
 * file holding a marker into its output. The step must refuse it, and the marker must never
 * reach the rendered manifests.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "absolute POSIX paths")
class KustomizationSandboxSecurityIT {
  private static final String MARKER = "HOST-SECRET-7f3a9c";

  @TempDir Path work;
  @TempDir Path outside;
  private Path secret;
  private Path hostPatch;

  @BeforeEach
  void hostFiles() throws IOException {
    // a real tool is part of this test's contract (.ci/run installs one): no skip when missing
    KustomizeTool.locate(null, System.getenv());
    secret = Files.writeString(outside.toRealPath().resolve("secret.txt"), MARKER + "\n");
    hostPatch = Files.writeString(outside.toRealPath().resolve("patch.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  annotations:\n    leak: " + MARKER + "\n");
    Files.createDirectories(work.resolve("app"));
    Files.writeString(work.resolve("app/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n");
  }

  static Stream<Arguments> attacks() {
    return Stream.of(
        Arguments.of("field names in another case (Go's JSON decoding ignores case)",
            "resources: [cm.yaml]\nConfigMapGenerator:\n- name: x\n  Files: [SECRET]\n"),
        Arguments.of("a custom tag the old check could not parse",
            "resources: [cm.yaml]\nconfigMapGenerator:\n- name: x\n  files: [!x SECRET]\n"),
        Arguments.of("a binary scalar that decodes to the host path",
            "resources: [cm.yaml]\nconfigMapGenerator:\n- name: x\n  files: [!!binary BINARY]\n"),
        Arguments.of("padded past SnakeYAML's code point limit",
            "#" + "x".repeat(3 * 1024 * 1024 + 100) + "\nresources: [cm.yaml]\nconfigMapGenerator:\n- name: x\n"
                + "  files: [SECRET]\n"),
        Arguments.of("an inline generator config",
            "resources: [cm.yaml]\ngenerators:\n- |\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n"
                + "  metadata: {name: x}\n  files: [SECRET]\n"),
        Arguments.of("a generator config file", "resources: [cm.yaml]\ngenerators: [gen.yaml]\n"),
        Arguments.of("a decoy kind in another case",
            "resources: [cm.yaml]\ngenerators:\n- |\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n"
                + "  KIND: LabelTransformer\n  metadata: {name: x}\n  files: [SECRET]\n"),
        Arguments.of("a binary-tagged field name in a plugin config",
            "resources: [cm.yaml]\ngenerators:\n- |\n  apiVersion: builtin\n  kind: ConfigMapGenerator\n"
                + "  metadata: {name: x}\n  !!binary ZmlsZXM=: [SECRET]\n"),
        Arguments.of("a PatchTransformer reading a host patch",
            "resources: [cm.yaml]\ntransformers:\n- |\n  apiVersion: builtin\n  kind: PatchTransformer\n"
                + "  metadata: {name: p}\n  path: PATCH\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void aHostFileNeverReachesTheRenderedManifests(String name, String kustomization) throws IOException {
    Files.writeString(work.resolve("app/gen.yaml"), "apiVersion: builtin\nkind: ConfigMapGenerator\n"
        + "metadata: {name: g}\nfiles: [" + secret + "]\n");
    Files.writeString(work.resolve("app/kustomization.yaml"), kustomization
        .replace("BINARY", Base64.getEncoder().encodeToString(secret.toString().getBytes(StandardCharsets.UTF_8)))
        .replace("SECRET", secret.toString()).replace("PATCH", hostPatch.toString()));
    assertThatThrownBy(() -> build(Map.of("path", "app", "outPath", "out/manifests.yaml")))
        .as(name).isInstanceOf(KargoException.class);
    assertThat(rendered()).as(name).doesNotContain(MARKER);
  }

  @Test
  void theSameOverlayWithoutTheHostPathBuilds() throws IOException {
    Files.writeString(work.resolve("app/data.txt"), "inside\n");
    Files.writeString(work.resolve("app/kustomization.yaml"),
        "resources: [cm.yaml]\nconfigMapGenerator:\n- name: x\n  files: [data.txt]\n");
    assertThat(build(Map.of("path", "app", "outPath", "out/manifests.yaml")).status())
        .isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(rendered()).contains("inside").doesNotContain(MARKER);
  }

  private StepResult build(Map<String, ?> config) {
    return StepTestKit.forRunner(new KustomizeBuilder()).alias("build").workDir(work).config(config).run();
  }

  private String rendered() throws IOException {
    StringBuilder all = new StringBuilder();
    if (Files.isDirectory(work.resolve("out"))) {
      try (Stream<Path> files = Files.walk(work.resolve("out"))) {
        for (Path p : files.filter(Files::isRegularFile).toList()) {
          all.append(Files.readString(p));
        }
      }
    }
    return all.toString();
  }
}
