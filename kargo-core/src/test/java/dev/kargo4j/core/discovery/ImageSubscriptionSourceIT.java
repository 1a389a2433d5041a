package dev.kargo4j.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.ImageDiscoveryResult;
import dev.kargo4j.core.model.ImageSelectionStrategy;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.oci.OciClient;
import dev.kargo4j.core.oci.OciStats;
import dev.kargo4j.core.oci.RateLimit;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.testpeers.OciRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every image strategy against a real registry (Debian docker-registry), with and without basic auth. */
class ImageSubscriptionSourceIT {
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static OciRegistry open;
  private static OciRegistry locked;
  private static String d200;

  @BeforeAll
  static void start() {
    open = OciRegistry.start();
    locked = OciRegistry.builder().basicAuth("ci", "s3cret").start();
    open.pushImage("team/app", "1.0.0", OciRegistry.image().created(h(0)));
    open.pushImage("team/app", "1.1.0", OciRegistry.image().created(h(1)));
    d200 = open.pushImage("team/app", "2.0.0", OciRegistry.image().created(h(2))
        .annotation("org.opencontainers.image.source", "https://example.invalid/app"));
    open.pushImage("team/app", "1.2.0-rc.1", OciRegistry.image().created(h(3)));
    open.pushImage("team/app", "v2", OciRegistry.image().created(h(4)));
    open.pushImage("team/app", "latest", OciRegistry.image().created(h(5)));
    open.pushImage("team/app", "nightly-9", OciRegistry.image());
    open.pushImage("team/app", "nightly-10", OciRegistry.image()
        .annotation("org.opencontainers.image.created", "2024-05-01T10:30:00Z"));

    open.pushIndex("team/multi", "1.0.0", List.of(
            OciRegistry.image().platform("linux/amd64").created(h(0)),
            OciRegistry.image().platform("linux/arm64").created(h(1))),
        List.of(Map.of(), Map.of("org.example/arch", "arm64")), Map.of("org.example/kind", "index"));
    open.pushImage("team/multi", "1.1.0", OciRegistry.image().platform("linux/amd64").created(h(2)));

    locked.pushImage("private/app", "3.0.0", OciRegistry.image().created(h(0)));
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

  private static Instant h(int hours) {
    return T0.plus(Duration.ofHours(hours));
  }

  private static ImageSubscription sub(String repoUrl, ImageSelectionStrategy strategy, String constraint,
      List<String> allow, String platform, int limit, boolean cacheByTag) {
    return new ImageSubscription("", repoUrl, strategy, constraint, true, allow, List.of(), platform, limit,
        cacheByTag, false);
  }

  private static ImageSubscriptionSource source() {
    return new ImageSubscriptionSource(OciClient.builder().clock(CLOCK).rateLimit(RateLimit.UNLIMITED).build());
  }

  private static ImageDiscoveryResult discover(ImageSubscriptionSource source, ImageSubscription sub, CredentialsProvider creds) {
    var artifacts = source.discover(sub, new TestDiscoveryContext(CLOCK, creds));
    assertThat(artifacts.images()).hasSize(1);
    assertThat(artifacts.git()).isEmpty();
    return artifacts.images().get(0);
  }

  private static List<String> tags(ImageDiscoveryResult r) {
    return r.references().stream().map(DiscoveredImageReference::tag).toList();
  }

  @Test
  void semverStrictWithAndWithoutAConstraint() {
    ImageSubscriptionSource source = source();
    ImageDiscoveryResult all = discover(source, sub(open.repository("team/app"), null, "", List.of(), "", 20, false),
        CredentialsProvider.NONE);
    assertThat(tags(all)).containsExactly("2.0.0", "1.2.0-rc.1", "1.1.0", "1.0.0");
    DiscoveredImageReference best = all.references().get(0);
    assertThat(best.digest()).isEqualTo(d200);
    assertThat(best.createdAt()).isEqualTo(h(2));
    assertThat(best.annotations()).containsEntry("org.opencontainers.image.source", "https://example.invalid/app");
    assertThat(all.repoURL()).isEqualTo(open.repository("team/app"));

    assertThat(tags(discover(source, sub(open.repository("team/app"), ImageSelectionStrategy.SEMVER, "^1.0.0",
        List.of(), "", 20, false), CredentialsProvider.NONE))).containsExactly("1.1.0", "1.0.0");
    ImageSubscription loose = new ImageSubscription("", open.repository("team/app"), ImageSelectionStrategy.SEMVER, ">=2",
        false, List.of(), List.of(), "", 1, false, false);
    assertThat(tags(discover(source, loose, CredentialsProvider.NONE))).containsExactly("v2"); // v2 == 2.0.0 > "2.0.0"
  }

  @Test
  void lexicalWithAnAllowRegex() {
    assertThat(tags(discover(source(), sub(open.repository("team/app"), ImageSelectionStrategy.LEXICAL, "",
        List.of("^nightly-"), "", 20, false), CredentialsProvider.NONE))).containsExactly("nightly-9", "nightly-10");
  }

  @Test
  void digestFollowsTheMutableTag() {
    ImageSubscriptionSource source = source();
    ImageSubscription sub = sub(open.repository("team/mutable"), ImageSelectionStrategy.DIGEST, "stable", List.of(), "",
        20, false);
    String first = open.pushImage("team/mutable", "stable", OciRegistry.image().created(h(0)).salt("a"));
    ImageDiscoveryResult r1 = discover(source, sub, CredentialsProvider.NONE);
    assertThat(r1.references()).singleElement().satisfies(r -> {
      assertThat(r.tag()).isEqualTo("stable");
      assertThat(r.digest()).isEqualTo(first);
    });
    String second = open.pushImage("team/mutable", "stable", OciRegistry.image().created(h(1)).salt("b"));
    assertThat(second).isNotEqualTo(first);
    assertThat(discover(source, sub, CredentialsProvider.NONE).references().get(0).digest()).isEqualTo(second);
    ImageSubscription missing = sub(open.repository("team/mutable"), ImageSelectionStrategy.DIGEST, "nope", List.of(),
        "", 20, false);
    assertThat(discover(source, missing, CredentialsProvider.NONE).references()).isEmpty();
  }

  @Test
  void newestBuildByCreationTime() {
    ImageDiscoveryResult r = discover(source(), sub(open.repository("team/app"), ImageSelectionStrategy.NEWEST_BUILD,
        "", List.of(), "", 4, false), CredentialsProvider.NONE);
    // latest (5h), v2 (4h), 1.2.0-rc.1 (3h), 2.0.0 (2h); nightly-10 has only an annotation of 0.5h
    assertThat(tags(r)).containsExactly("latest", "v2", "1.2.0-rc.1", "2.0.0");
    assertThat(r.references().get(0).createdAt()).isEqualTo(h(5));
  }

  @Test
  void aPlatformSelectsIndexEntriesAndMatchingSingleImages() {
    ImageSubscriptionSource source = source();
    ImageDiscoveryResult arm = discover(source, sub(open.repository("team/multi"), ImageSelectionStrategy.SEMVER, "",
        List.of(), "linux/arm64", 20, false), CredentialsProvider.NONE);
    assertThat(tags(arm)).containsExactly("1.0.0");
    assertThat(arm.platform()).isEqualTo("linux/arm64");
    assertThat(arm.references().get(0).annotations())
        .containsEntry("org.example/kind", "index").containsEntry("org.example/arch", "arm64");
    assertThat(arm.references().get(0).createdAt()).isEqualTo(h(1));

    ImageDiscoveryResult amd = discover(source, sub(open.repository("team/multi"), ImageSelectionStrategy.SEMVER, "",
        List.of(), "linux/amd64", 20, false), CredentialsProvider.NONE);
    assertThat(tags(amd)).containsExactly("1.1.0", "1.0.0");
    assertThat(amd.references().get(1).annotations()).doesNotContainKey("org.example/arch");
  }

  @Test
  void aDeletedTagDisappears() {
    ImageSubscriptionSource source = source();
    open.pushImage("team/shrinking", "1.0.0", OciRegistry.image().created(h(0)));
    open.pushImage("team/shrinking", "1.1.0", OciRegistry.image().created(h(1)));
    ImageSubscription sub = sub(open.repository("team/shrinking"), null, "", List.of(), "", 20, false);
    assertThat(tags(discover(source, sub, CredentialsProvider.NONE))).containsExactly("1.1.0", "1.0.0");
    open.deleteTag("team/shrinking", "1.1.0");
    assertThat(tags(discover(source, sub, CredentialsProvider.NONE))).containsExactly("1.0.0");
  }

  @Test
  void repeatedDiscoveryCostsOneHeadPerTagOrNothingWithCacheByTag() {
    OciClient oci = OciClient.builder().clock(CLOCK).rateLimit(RateLimit.UNLIMITED).build();
    ImageSubscriptionSource source = new ImageSubscriptionSource(oci);
    ImageSubscription sub = sub(open.repository("team/app"), ImageSelectionStrategy.SEMVER, "", List.of(), "", 2, true);
    discover(source, sub, CredentialsProvider.NONE);
    OciStats cold = oci.stats();
    assertThat(cold.requests()).isEqualTo(1 + 2 * 2); // tag list, then manifest + config for the 2 best
    discover(source, sub, CredentialsProvider.NONE);
    assertThat(oci.stats().minus(cold).requests()).isEqualTo(1); // only the tag list

    ImageSubscription noTagCache = sub(open.repository("team/app"), ImageSelectionStrategy.SEMVER, "", List.of(), "", 2, false);
    OciStats before = oci.stats();
    discover(source, noTagCache, CredentialsProvider.NONE);
    assertThat(oci.stats().minus(before).requests()).isEqualTo(1 + 2); // tag list + one HEAD per tag
  }

  @Test
  void basicAuthRightWrongAndMissingCredentials() {
    String url = locked.repository("private/app");
    ImageSubscription sub = sub(url, null, "", List.of(), "", 20, false);
    CredentialsProvider right = (type, repo) -> type == CredentialType.IMAGE && repo.equals(url)
        ? Optional.of(Credentials.basic("ci", "s3cret")) : Optional.empty();
    assertThat(tags(discover(source(), sub, right))).containsExactly("3.0.0");

    CredentialsProvider wrong = (type, repo) -> Optional.of(Credentials.basic("ci", "not-the-password"));
    assertThatThrownBy(() -> discover(source(), sub, wrong))
        .isInstanceOf(KargoException.class)
        .hasMessageContaining(url.substring(0, url.indexOf('/')))
        .hasMessageContaining("refused the configured credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password"));
    assertThatThrownBy(() -> discover(source(), sub, CredentialsProvider.NONE))
        .isInstanceOf(KargoException.class).hasMessageContaining("requires credentials");
  }
}
