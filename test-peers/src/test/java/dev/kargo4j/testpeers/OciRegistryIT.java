package dev.kargo4j.testpeers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciRegistryIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(String url, String accept, String basic) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept);
    if (basic != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void pushesImagesIndexesAndChartsAndDeletesTags() throws Exception {
    try (OciRegistry registry = OciRegistry.start()) {
      Instant t = Instant.parse("2024-05-01T10:00:00Z");
      String d1 = registry.pushImage("team/app", "1.0.0", OciRegistry.image().created(t)
          .annotation("org.opencontainers.image.source", "https://example.invalid/app").label("team", "a"));
      String d2 = registry.pushImage("team/app", "1.1.0", OciRegistry.image().created(t.plusSeconds(60)));
      assertThat(d1).startsWith("sha256:").isNotEqualTo(d2);
      String idx = registry.pushIndex("team/app", "multi", List.of(
              OciRegistry.image().platform("linux/amd64").created(t),
              OciRegistry.image().platform("linux/arm64/v8").created(t.plusSeconds(5))),
          List.of(Map.of(), Map.of("org.example/arch", "arm")), Map.of("org.example/kind", "index"));
      registry.pushChart("charts/demo", "demo", "0.2.0+build.1", OciRegistry.chartArchive("demo", "0.2.0+build.1"));

      assertThat(registry.tags("team/app")).containsExactlyInAnyOrder("1.0.0", "1.1.0", "multi");
      assertThat(registry.tags("charts/demo")).containsExactly("0.2.0_build.1");
      assertThat(registry.repository("team/app")).isEqualTo("127.0.0.1:" + registry.port() + "/team/app");

      HttpResponse<String> m = get("http://" + registry.host() + "/v2/team/app/manifests/1.0.0", OciRegistry.OCI_MANIFEST, null);
      assertThat(m.statusCode()).isEqualTo(200);
      assertThat(m.headers().firstValue("Docker-Content-Digest")).contains(d1);
      assertThat(OciRegistry.digest(m.body().getBytes(StandardCharsets.UTF_8))).isEqualTo(d1);
      assertThat(m.body()).contains("org.opencontainers.image.source");
      HttpResponse<String> i = get("http://" + registry.host() + "/v2/team/app/manifests/multi", OciRegistry.OCI_INDEX, null);
      assertThat(i.headers().firstValue("Docker-Content-Digest")).contains(idx);
      assertThat(i.body()).contains("\"variant\":\"v8\"").contains("org.example/kind");

      assertThat(registry.deleteTag("team/app", "1.0.0")).isEqualTo(d1);
      assertThat(registry.tags("team/app")).containsExactlyInAnyOrder("1.1.0", "multi");
      assertThatThrownBy(() -> registry.deleteTag("team/app", "nope")).hasMessageContaining("HTTP 404");
    }
  }

  @Test
  void basicAuthRefusesAWrongPassword() throws Exception {
    try (OciRegistry registry = OciRegistry.builder().basicAuth("ci", "s3cret").start()) {
      registry.pushImage("locked/app", "1.0.0", OciRegistry.image());
      String url = "http://" + registry.host() + "/v2/locked/app/tags/list";
      assertThat(get(url, "application/json", null).statusCode()).isEqualTo(401);
      assertThat(get(url, "application/json", "ci:WRONG").statusCode()).isEqualTo(401);
      HttpResponse<String> ok = get(url, "application/json", "ci:s3cret");
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).contains("1.0.0");
      assertThat(registry.username()).contains("ci");
      assertThat(registry.toString()).doesNotContain("s3cret");
    }
  }

  @Test
  void chartArchivesAreValidTarGz(@TempDir Path tmp) throws Exception {
    Path tgz = tmp.resolve("demo-0.1.0.tgz");
    Files.write(tgz, OciRegistry.chartArchive("demo", "0.1.0"));
    String listing = TestPeers.run(tmp, "tar", "-tzf", tgz.toString());
    assertThat(listing.lines()).containsExactly("demo/Chart.yaml", "demo/values.yaml");
    String chart = TestPeers.run(tmp, "tar", "-xzOf", tgz.toString(), "demo/Chart.yaml");
    assertThat(chart).contains("version: 0.1.0");
  }
}
