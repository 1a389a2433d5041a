package dev.kargo4j.steps.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.testkit.StepTestKit;
import dev.kargo4j.steps.kustomize.internal.KustomizeTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both steps with the real kustomize tool ({@code kustomize} or {@code kubectl kustomize}
 * from the PATH, or {@code KARGO4J_KUSTOMIZE}) on the overlays of the shared kargo-advanced
 * fixtures, compared with what the tool itself prints.
 */
class KustomizeFixturesIT {
  private static final String IMAGE = "ghcr.io/akuity/guestbook";

  @TempDir Path work;
  private KustomizeTool tool;

  @BeforeEach
  void copyFixtures() throws IOException {
    String fixtures = System.getProperty("kargo4j.fixtures");
    Path advanced = fixtures == null ? null : Path.of(fixtures, "kargo-advanced");
    Assumptions.assumeTrue(advanced != null && Files.isDirectory(advanced.resolve("env")),
        "shared fixtures not found: set system property kargo4j.fixtures to the folder holding kargo-advanced/"
            + " (the poms point it at ../shared/fixtures); was " + fixtures);
    copyTree(advanced.resolve("base"), work.resolve("base"));
    copyTree(advanced.resolve("env"), work.resolve("env"));
    // a real tool is part of this test's contract (.ci/run installs one): no skip when missing
    tool = KustomizeTool.locate(null, System.getenv());
  }

  @Test
  void setsTheImageForDevThenBuildsItToAFileAndToDirectories() throws Exception {
    String before = Files.readString(work.resolve("env/dev/kustomization.yaml"));
    StepResult set = StepTestKit.forRunner(new KustomizeImageSetter()).alias("update-image").workDir(work)
        .config(Map.of("path", "env/dev", "images", List.of(Map.of("image", IMAGE, "tag", "v0.0.2"))))
        .run();
    assertThat(set.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(set.output()).containsEntry("commitMessage",
        "Updated env/dev to use new image\n\n- ghcr.io/akuity/guestbook:v0.0.2");
    assertThat(Files.readString(work.resolve("env/dev/kustomization.yaml")))
        .isEqualTo(before + "images:\n- name: ghcr.io/akuity/guestbook\n  newTag: v0.0.2\n");

    String expected = toolOutput("env/dev");
    assertThat(expected).contains("image: ghcr.io/akuity/guestbook:v0.0.2").contains("namespace: guestbook-dev");

    KustomizeBuilder builder = new KustomizeBuilder();
    build(builder, Map.of("path", "env/dev", "outPath", "out/dev.yaml"));
    assertThat(Files.readString(work.resolve("out/dev.yaml"))).isEqualTo(expected);

    build(builder, Map.of("path", "env/dev", "outPath", "out/kargo"));
    Map<String, String> kargo = files(work.resolve("out/kargo"));
    assertThat(kargo.keySet()).containsExactlyInAnyOrder("namespace-guestbook-dev.yaml",
        "guestbook-dev-service-guestbook.yaml", "guestbook-dev-deployment-guestbook.yaml");
    assertThat(documents(expected)).containsExactlyInAnyOrderElementsOf(kargo.values());

    build(builder, Map.of("path", "env/dev", "outPath", "out/kustomize", "outputFormat", "kustomize"));
    Path own = Files.createDirectories(work.resolve("tool-own"));
    run(command("env/dev", "-o", own.toString()));
    assertThat(files(work.resolve("out/kustomize"))).isEqualTo(files(own)).hasSize(3);
  }

  @Test
  void everyOverlayBuildsAsTheToolBuildsIt() throws Exception {
    List<String> envs;
    try (Stream<Path> list = Files.list(work.resolve("env"))) {
      envs = list.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertThat(envs).contains("dev", "staging", "prod-east");
    KustomizeBuilder builder = KustomizeBuilder.builder().binary(tool.binary()).build();
    for (String env : envs) {
      build(builder, Map.of("path", "env/" + env, "outPath", "rendered/" + env + "/manifests.yaml"));
      assertThat(Files.readString(work.resolve("rendered/" + env + "/manifests.yaml")))
          .as(env).isEqualTo(toolOutput("env/" + env));
    }
  }

  @Test
  void aBrokenOverlayReportsTheToolsMessage() throws IOException {
    Files.writeString(work.resolve("env/dev/kustomization.yaml"),
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- ../../base\n- missing-patch.yaml\n");
    assertThatThrownBy(() -> build(new KustomizeBuilder(), Map.of("path", "env/dev", "outPath", "out.yaml")))
        .isInstanceOfSatisfying(KustomizeBuildException.class, e -> {
          assertThat(e.toolMessage()).contains("missing-patch.yaml").doesNotContain(work.toString());
          assertThat(e.getMessage()).contains("kustomize build of \"env/dev\" failed").contains(e.toolMessage());
        });
    assertThat(work.resolve("out.yaml")).doesNotExist();

    Files.writeString(work.resolve("env/dev/kustomization.yaml"), "resources: [\n");
    assertThatThrownBy(() -> build(new KustomizeBuilder(), Map.of("path", "env/dev", "outPath", "out.yaml")))
        .isInstanceOf(KustomizeBuildException.class);
  }

  @Test
  void aMissingKustomizationIsReported() {
    assertThatThrownBy(() -> build(new KustomizeBuilder(), Map.of("path", "env/qa", "outPath", "out.yaml")))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("could not find any Kustomization files in \"env/qa\"");
    assertThatThrownBy(() -> StepTestKit.forRunner(new KustomizeImageSetter()).workDir(work)
            .config(Map.of("path", "env/qa", "images", List.of(Map.of("image", IMAGE, "tag", "v1")))).run())
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("could not discover kustomization file: could not find any Kustomization files in \"env/qa\"");
  }

  private void build(KustomizeBuilder builder, Map<String, ?> config) {
    StepResult result = StepTestKit.forRunner(builder).alias("build").workDir(work).config(config).run();
    assertThat(result.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
  }

  private List<String> command(String dir, String... more) {
    List<String> command = new ArrayList<>(List.of(tool.binary().toString(), tool.kubectl() ? "kustomize" : "build", dir));
    command.addAll(List.of(more));
    return command;
  }

  private String toolOutput(String dir) throws Exception {
    return run(command(dir));
  }

  private String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).directory(work.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("exit code of %s", command).isZero();
    return out;
  }

  private static List<String> documents(String stream) {
    List<String> docs = new ArrayList<>();
    for (String part : stream.split("(?m)^---\\n")) {
      if (!part.isBlank()) {
        docs.add(part);
      }
    }
    return docs;
  }

  private static Map<String, String> files(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    return files;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
