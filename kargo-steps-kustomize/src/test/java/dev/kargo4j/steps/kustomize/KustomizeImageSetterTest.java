package dev.kargo4j.steps.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.InvalidConfigException;
import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.testkit.StepTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeImageSetterTest {
  @TempDir Path work;

  private StepResult run(Map<String, ?> config) {
    return StepTestKit.forRunner(new KustomizeImageSetter()).alias("update-image").workDir(work).config(config).run();
  }

  @Test
  void editsTheFileInPlaceAndOutputsTheCommitMessage() throws IOException {
    Path file = work.resolve("env/dev/kustomization.yaml");
    Files.createDirectories(file.getParent());
    String text = """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization   # the dev overlay

        resources:
        - ../../base   # shared

        images:
        - name: ghcr.io/akuity/guestbook
          newTag: v0.0.1
        - name: redis
          newName: mirror.example/redis
          newTag: "7.0"

        namespace: guestbook-dev # last
        """;
    Files.writeString(file, text);
    StepResult result = run(Map.of("path", "env/dev", "images", List.of(
        Map.of("image", "ghcr.io/akuity/guestbook", "digest", "sha256:abc"),
        Map.of("image", "redis", "tag", "7.2", "newName", "*"))));
    assertThat(result.status()).isEqualTo(PromotionStepStatus.SUCCEEDED);
    assertThat(result.output()).isEqualTo(Map.of("commitMessage", """
        Updated env/dev to use new images

        - ghcr.io/akuity/guestbook@sha256:abc
        - mirror.example/redis:7.2"""));
    assertThat(Files.readString(file)).isEqualTo("""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization   # the dev overlay

        resources:
        - ../../base   # shared

        images:
        - name: ghcr.io/akuity/guestbook
          digest: sha256:abc
        - name: redis
          newName: mirror.example/redis
          newTag: "7.2"

        namespace: guestbook-dev # last
        """);
  }

  @Test
  void aMissingOrAmbiguousKustomizationIsAnErrorNotAFailure() throws IOException {
    Map<String, Object> config = Map.of("path", "env/dev", "images", List.of(Map.of("image", "a", "tag", "1")));
    assertThatThrownBy(() -> run(config))
        .isInstanceOf(KustomizeException.class)
        .isNotInstanceOf(TerminalStepException.class)
        .hasMessage("could not discover kustomization file: could not find any Kustomization files in \"env/dev\";"
            + " expected exactly one of kustomization.yaml, kustomization.yml, Kustomization");
    Files.createDirectories(work.resolve("env/dev"));
    Files.writeString(work.resolve("env/dev/kustomization.yaml"), "kind: Kustomization\n");
    Files.writeString(work.resolve("env/dev/Kustomization"), "kind: Kustomization\n");
    assertThatThrownBy(() -> run(config))
        .isInstanceOf(KustomizeException.class)
        .hasMessageContaining("ambiguous result: found multiple Kustomization files in \"env/dev\": kustomization.yaml, Kustomization");
  }

  @Test
  void aBrokenFileNamesItsLine() throws IOException {
    Files.writeString(work.resolve("kustomization.yml"), "kind: Kustomization\nimages:\n- name: a\n  newTag: [\n");
    assertThatThrownBy(() -> run(Map.of("path", ".", "images", List.of(Map.of("image", "a", "tag", "1")))))
        .isInstanceOf(KustomizeException.class)
        .hasMessageStartingWith("could not parse Kustomization file kustomization.yml:5:");
  }

  @Test
  void configAndPathsAreChecked() {
    assertThatThrownBy(() -> run(Map.of("path", ".", "images", List.of(Map.of("image", "a", "tag", "1", "digest", "d")))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("steps[update-image].config.images[0].tag, digest: exactly one must be set, 2 are");
    assertThatThrownBy(() -> run(Map.of("path", ".", "images", List.of(Map.of("image", "a", "tag", "1", "tags", "1")))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("steps[update-image].config.images[0].tags: unknown field");
    assertThatThrownBy(() -> run(Map.of("path", "../other", "images", List.of(Map.of("image", "a", "tag", "1")))))
        .isInstanceOf(PathEscapeException.class).hasMessageContaining("path: '../other' leaves");
  }

  @Test
  void withoutImagesEveryImageOfTheFreightCollectionIsSet() throws IOException {
    Files.writeString(work.resolve("kustomization.yaml"), "kind: Kustomization\n");
    // the test kit's default Freight: registry.example.com/test/app:1.0.0 from test-warehouse
    StepResult result = run(Map.of("path", "."));
    assertThat(result.output()).containsEntry("commitMessage",
        "Updated . to use new image\n\n- registry.example.com/test/app:1.0.0");
    assertThat(Files.readString(work.resolve("kustomization.yaml"))).isEqualTo(
        "kind: Kustomization\nimages:\n- name: registry.example.com/test/app\n  newTag: 1.0.0\n");
  }

  @Test
  void automaticModeRefusesAnAmbiguousRequest() throws IOException {
    Files.writeString(work.resolve("kustomization.yaml"), "kind: Kustomization\n");
    Map<String, Object> ambiguous = Map.of(
        "freightRequests", List.of(Map.of("origin", Map.of("kind", "Warehouse", "name", "w1")),
            Map.of("origin", Map.of("kind", "Warehouse", "name", "w2"))),
        "warehouses", Map.of(
            "w1", Map.of("subscriptions", List.of(Map.of("image", Map.of("repoURL", "nginx")))),
            "w2", Map.of("subscriptions", List.of(Map.of("image", Map.of("repoURL", "nginx"))))),
        "freight", List.of(Map.of("origin", Map.of("kind", "Warehouse", "name", "w1"),
            "images", List.of(Map.of("repoURL", "nginx", "tag", "1.27")))));
    assertThatThrownBy(() -> TestFreight.kit(new KustomizeImageSetter(), ambiguous).workDir(work)
            .config(Map.of("path", ".")).run())
        .isInstanceOf(KustomizeException.class)
        .hasMessage("manual configuration required due to ambiguous result: multiple requested Freight could"
            + " potentially provide a container image from repository nginx; list the images to set in config.images");
    assertThat(Files.readString(work.resolve("kustomization.yaml"))).isEqualTo("kind: Kustomization\n");
  }
}
