package dev.kargo4j.core.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.testpeers.OciRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a real distribution registry (Debian docker-registry), with and without basic auth. */
class OciClientIT {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static OciRegistry open;
  private static OciRegistry locked;
  private static String singleDigest;
  private static String indexDigest;

  @BeforeAll
  static void start() {
    open = OciRegistry.start();
    locked = OciRegistry.builder().basicAuth("ci", "s3cret").start();
    for (int i = 0; i < 7; i++) {
      open.pushImage("team/app", "1." + i + ".0", OciRegistry.image().created(T0.plusSeconds(i)));
    }
    singleDigest = open.pushImage("team/app", "labelled", OciRegistry.image().created(T0)
        .label("org.label-schema.build-date", "2024-06-01T00:00:00Z")
        .annotation("org.opencontainers.image.source", "https://example.invalid/app"));
    indexDigest = open.pushIndex("team/app", "multi", List.of(
            OciRegistry.image().platform("linux/amd64").created(T0.plusSeconds(100)),
            OciRegistry.image().platform("linux/arm64/v8").created(T0.plusSeconds(200))),
        List.of(Map.of(), Map.of("org.example/arch", "arm")), Map.of("org.example/kind", "index"));
    locked.pushImage("private/app", "1.0.0", OciRegistry.image().created(T0));
  }

  @AfterAll
  static void stop() {
    if (open != null) {
      open.close();
    }
    if (locked != null) {
      locked.close();
    }
  }

  private static OciClient client(int pageSize) {
    return OciClient.builder().rateLimit(RateLimit.UNLIMITED).tagPageSize(pageSize).build();
  }

  @Test
  void listsTagsAcrossPages() {
    OciClient oci = client(2);
    List<String> tags = oci.repository(open.repository("team/app"), null, false).listTags();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      expected.add("1." + i + ".0");
    }
    expected.add("labelled");
    expected.add("multi");
    assertThat(tags).containsExactlyInAnyOrderElementsOf(expected);
    // distribution 2.8 ignores n and sends every tag at once (pagination came with 3.0), so the
    // Link-following is shown by OciClientTokenAuthTest against a paginating fake
    assertThat(oci.stats().requests()).isBetween(1L, 5L);
    assertThat(client(0).repository(open.repository("team/app"), null, false).listTags()).hasSize(9);
  }

  @Test
  void describesSingleImagesWithLabelsAndAnnotations() {
    OciClient oci = client(0);
    OciRepository repo = oci.repository(open.repository("team/app"), null, false);
    OciImage img = repo.image("labelled");
    assertThat(img.digest()).isEqualTo(singleDigest);
    assertThat(img.isIndex()).isFalse();
    assertThat(img.createdAt()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z")); // the later label wins over config
    assertThat(img.annotations()).containsEntry("org.opencontainers.image.source", "https://example.invalid/app");
    assertThat(img.labels()).containsKey("org.label-schema.build-date");
    assertThat(img.platforms()).singleElement().satisfies(p -> assertThat(p.platform()).hasToString("linux/amd64"));
    assertThat(repo.digest("labelled")).contains(singleDigest);
    assertThat(repo.image(singleDigest)).isEqualTo(img);
  }

  @Test
  void describesIndexesWithTwoPlatforms() {
    OciClient oci = client(0);
    OciRepository repo = oci.repository(open.repository("team/app"), null, false);
    OciImage img = repo.image("multi");
    assertThat(img.digest()).isEqualTo(indexDigest);
    assertThat(img.isIndex()).isTrue();
    assertThat(img.platforms()).extracting(p -> p.platform().toString()).containsExactly("linux/amd64", "linux/arm64/v8");
    assertThat(img.createdAt()).isEqualTo(T0.plusSeconds(200)); // the newest platform
    assertThat(img.annotationsFor(OciPlatform.parse("linux/arm64/v8")))
        .containsEntry("org.example/kind", "index").containsEntry("org.example/arch", "arm");
    assertThat(img.platform(OciPlatform.parse("linux/arm64"))).isEmpty(); // the variant must match
    // cold: the index, 2 x (manifest + config); warm: one HEAD
    assertThat(oci.stats().requests()).isEqualTo(5);
    OciStats before = oci.stats();
    repo.image("multi");
    assertThat(oci.stats().minus(before).requests()).isEqualTo(1);
  }

  @Test
  void aDeletedTagIsNotFound() {
    open.pushImage("team/gone", "1.0.0", OciRegistry.image().created(T0));
    open.pushImage("team/gone", "2.0.0", OciRegistry.image().created(T0.plusSeconds(1)));
    OciRepository repo = client(0).repository(open.repository("team/gone"), null, false);
    assertThat(repo.findImage("2.0.0", false)).isPresent();
    open.deleteTag("team/gone", "2.0.0");
    assertThat(repo.findImage("2.0.0", false)).isEmpty();
    assertThat(repo.digest("2.0.0")).isEmpty();
    assertThatThrownBy(() -> repo.image("2.0.0")).isInstanceOf(OciException.class)
        .hasMessageContaining("2.0.0").matches(e -> ((OciException) e).isNotFound());
    assertThatThrownBy(() -> client(0).repository(open.repository("team/nothing"), null, false).listTags())
        .isInstanceOf(OciException.class).hasMessageContaining("HTTP 404").hasMessageContaining("NAME_UNKNOWN");
  }

  @Test
  void basicAuthWithTheRightPasswordOnly() {
    OciClient oci = client(0);
    OciRepository ok = oci.repository(locked.repository("private/app"), Credentials.basic("ci", "s3cret"), false);
    assertThat(ok.listTags()).containsExactly("1.0.0");
    assertThat(ok.image("1.0.0").createdAt()).isEqualTo(T0);
    OciStats before = oci.stats();
    ok.listTags();
    assertThat(oci.stats().minus(before).requests()).isEqualTo(1); // the basic scheme is remembered

    assertThatThrownBy(() -> oci.repository(locked.repository("private/app"), Credentials.basic("ci", "WRONG-pw"), false)
        .listTags())
        .isInstanceOf(OciException.class)
        .hasMessageContaining("refused the configured credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("WRONG-pw"));
    assertThatThrownBy(() -> oci.repository(locked.repository("private/app"), null, false).listTags())
        .isInstanceOf(OciException.class).hasMessageContaining("requires credentials");
  }

  @Test
  void insecureSkipTlsVerifyFallsBackToPlainHttp() throws Exception {
    // Loopback names get plain HTTP directly; a name that is not one of them (this machine's
    // host name, when it resolves to 127.0.0.1) must try TLS first and may fall back to plain
    // HTTP only because insecureSkipTLSVerify allows it.
    String name = java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
    boolean usable = !name.equals("localhost") && name.matches("[a-z0-9.-]+")
        && java.net.InetAddress.getByName(name).getHostAddress().equals("127.0.0.1");
    org.junit.jupiter.api.Assumptions.assumeTrue(usable,
        "skipped: the host name '" + name + "' does not resolve to 127.0.0.1, so no non-loopback name reaches the registry");
    ImageReference ref = new ImageReference(name + ":" + open.port(), "team/app");
    assertThat(ref.isLoopback()).isFalse();
    assertThatThrownBy(() -> client(0).repository(ref, null, false).listTags())
        .isInstanceOf(OciException.class).hasMessageContaining("insecureSkipTLSVerify");
    OciClient oci = client(0);
    assertThat(oci.repository(ref, null, true).listTags()).contains("multi");
    OciStats before = oci.stats();
    oci.repository(ref, null, true).listTags();
    assertThat(oci.stats().minus(before).requests()).isEqualTo(1); // plain HTTP is remembered
  }
}
