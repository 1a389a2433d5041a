package dev.kargo4j.core.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciPlatformTest {
  @Test
  void parsesAndMatchesExactly() {
    OciPlatform amd = OciPlatform.parse("linux/amd64");
    OciPlatform arm = OciPlatform.parse("linux/arm64/v8");
    assertThat(arm.variant()).isEqualTo("v8");
    assertThat(arm.toString()).isEqualTo("linux/arm64/v8");
    assertThat(amd.matches(new OciPlatform("linux", "amd64", null))).isTrue();
    assertThat(OciPlatform.parse("linux/arm64").matches(arm)).isFalse();
    assertThat(new OciPlatform("unknown", "unknown", "").isKnown()).isFalse();
    assertThatThrownBy(() -> OciPlatform.parse("linux")).isInstanceOf(OciException.class)
        .hasMessageContaining("<os>/<arch>");
  }

  @Test
  void annotationsForAPlatformOverlayTheIndexEntry() {
    OciImage img = new OciImage("sha256:i", OciImage.OCI_INDEX, Instant.EPOCH, Map.of("a", "index", "b", "index"),
        Map.of(), List.of(
            new OciPlatformImage(OciPlatform.parse("linux/amd64"), "sha256:1", null, Map.of()),
            new OciPlatformImage(OciPlatform.parse("linux/arm64"), "sha256:2", null, Map.of("b", "arm"))));
    assertThat(img.isIndex()).isTrue();
    assertThat(img.annotationsFor(null)).containsEntry("b", "index");
    assertThat(img.annotationsFor(OciPlatform.parse("linux/arm64"))).containsEntry("a", "index").containsEntry("b", "arm");
    assertThat(img.annotationsFor(OciPlatform.parse("linux/amd64"))).containsEntry("b", "index");
    assertThat(img.platform(OciPlatform.parse("linux/s390x"))).isEmpty();
  }
}
