package dev.kargo4j.core.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "nginx|docker.io|library/nginx|registry-1.docker.io|false",
      "bitnami/redis|docker.io|bitnami/redis|registry-1.docker.io|false",
      "docker.io/nginx|docker.io|library/nginx|registry-1.docker.io|false",
      "index.docker.io/library/nginx|docker.io|library/nginx|registry-1.docker.io|false",
      "ghcr.io/akuity/kargo|ghcr.io|akuity/kargo|ghcr.io|false",
      "127.0.0.1:5000/team/app|127.0.0.1:5000|team/app|127.0.0.1:5000|true",
      "localhost/app|localhost|app|localhost|true",
      "localhost:5000/a/b/c|localhost:5000|a/b/c|localhost:5000|true",
      "oci://ghcr.io/akuity/kargo-charts/kargo|ghcr.io|akuity/kargo-charts/kargo|ghcr.io|false",
      "public.ecr.aws/nginx/nginx|public.ecr.aws|nginx/nginx|public.ecr.aws|false",
      "Registry.Example.COM:443/a_b/c-d|registry.example.com:443|a_b/c-d|registry.example.com:443|false",
  })
  void parses(String text, String registry, String repository, String endpoint, boolean loopback) {
    ImageReference r = ImageReference.parse(text);
    assertThat(r.registry()).isEqualTo(registry);
    assertThat(r.repository()).isEqualTo(repository);
    assertThat(r.endpoint()).isEqualTo(endpoint);
    assertThat(r.isLoopback()).isEqualTo(loopback);
    assertThat(r.toString()).isEqualTo(registry + "/" + repository);
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx:1.27", "ghcr.io/org/app:latest", "app@sha256:abc", "", "UPPER/case",
      "ghcr.io/org//app", "ghcr.io/-bad"})
  void rejectsTagsDigestsAndBadNames(String text) {
    assertThatThrownBy(() -> ImageReference.parse(text))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("allowed");
  }
}
