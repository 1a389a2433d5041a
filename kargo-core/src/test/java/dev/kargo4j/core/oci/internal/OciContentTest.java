package dev.kargo4j.core.oci.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.oci.OciImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciContentTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void readsIndexesAndManifests() throws Exception {
    OciContent.Manifest idx = OciContent.manifest(b("{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:a\","
        + "\"platform\":{\"os\":\"linux\",\"architecture\":\"arm64\",\"variant\":\"v8\"},\"annotations\":{\"k\":\"v\"}},"
        + "{\"digest\":\"sha256:b\",\"platform\":{\"os\":\"unknown\",\"architecture\":\"unknown\"}}],"
        + "\"annotations\":{\"x\":\"y\"}}"), "application/vnd.docker.distribution.manifest.list.v2+json");
    assertThat(idx.isIndex()).isTrue();
    assertThat(idx.mediaType()).isEqualTo(OciImage.DOCKER_MANIFEST_LIST);
    assertThat(idx.manifests()).hasSize(2);
    assertThat(idx.manifests().get(0).platform().toString()).isEqualTo("linux/arm64/v8");
    assertThat(idx.manifests().get(1).platform().isKnown()).isFalse();
    assertThat(idx.annotations()).containsEntry("x", "y");

    OciContent.Manifest m = OciContent.manifest(b("{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:c\"},"
        + "\"layers\":[]}"), null);
    assertThat(m.isIndex()).isFalse();
    assertThat(m.mediaType()).isEqualTo(OciImage.OCI_MANIFEST);
    assertThat(m.config().digest()).isEqualTo("sha256:c");
  }

  @Test
  void rejectsSchema1AndGarbage() {
    assertThatThrownBy(() -> OciContent.manifest(b("{\"schemaVersion\":1}"), null)).hasMessageContaining("schema 1");
    assertThatThrownBy(() -> OciContent.manifest(b("[1]"), null)).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> OciContent.manifest(b("{\"layers\":[]}"), null)).hasMessageContaining("neither");
    assertThatThrownBy(() -> OciContent.manifest(b("{"), null)).hasMessageContaining("invalid JSON");
  }

  @Test
  void readsConfigsTagsTokensAndErrors() throws Exception {
    OciContent.ImageConfig cfg = OciContent.config(b("{\"created\":\"2024-01-02T03:04:05.123456789Z\",\"os\":\"linux\","
        + "\"architecture\":\"amd64\",\"config\":{\"Labels\":{\"org.label-schema.build-date\":\"2024-02-01T00:00:00Z\"}}}"));
    assertThat(cfg.created()).isEqualTo(Instant.parse("2024-01-02T03:04:05.123456789Z"));
    assertThat(cfg.platform().toString()).isEqualTo("linux/amd64");
    assertThat(OciContent.createdFrom(cfg.labels())).isEqualTo(Instant.parse("2024-02-01T00:00:00Z"));
    assertThat(OciContent.config(b("{}")).created()).isNull();

    assertThat(OciContent.tags(b("{\"name\":\"a\",\"tags\":null}"))).isEmpty();
    assertThat(OciContent.tags(b("{\"name\":\"a\",\"tags\":[\"1\",\"2\"]}"))).containsExactly("1", "2");

    OciContent.TokenResponse t = OciContent.token(b("{\"access_token\":\"secret-token\",\"expires_in\":300}"));
    assertThat(t.token()).isEqualTo("secret-token");
    assertThat(t.expiresInSeconds()).isEqualTo(300);
    assertThat(t.toString()).doesNotContain("secret-token");
    assertThat(OciContent.token(b("{\"token\":\"x\"}")).expiresInSeconds()).isEqualTo(60);
    assertThatThrownBy(() -> OciContent.token(b("{}"))).hasMessageContaining("no token");

    assertThat(OciContent.errors(b("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}")))
        .isEqualTo("MANIFEST_UNKNOWN: manifest unknown");
    assertThat(OciContent.errors(b("not json"))).isEmpty();
  }

  @Test
  void creationTimeKeysAndFormats() {
    assertThat(OciContent.createdFrom(Map.of("org.opencontainers.image.created", "2024-01-01T00:00:00+02:00",
        "org.label-schema.build-date", "2025-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2023-12-31T22:00:00Z"));
    assertThat(OciContent.createdFrom(Map.of("org.opencontainers.image.created", "yesterday",
        "org.label-schema.build-date", "2025-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
    assertThat(OciContent.createdFrom(Map.of())).isNull();
    assertThat(RegistryTransport.matchesDigest("sha256:" + RegistryTransport.sha256Hex(b("x")), b("x"))).isTrue();
    assertThat(RegistryTransport.matchesDigest("sha256:00", b("x"))).isFalse();
  }
}
