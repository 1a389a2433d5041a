package dev.kargo4j.core.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Docker Hub / GHCR style token auth, pagination, redirects and the rate limit, against an in-process fake. */
class OciClientTokenAuthTest {
  private FakeRegistry fake;
  private MutableClock clock;
  private final List<Duration> slept = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    fake = new FakeRegistry();
    clock = new MutableClock(Instant.parse("2025-06-01T00:00:00Z"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private OciClient client(RateLimit limit) {
    return OciClient.builder().clock(clock).rateLimit(limit).sleeper(slept::add).build();
  }

  @Test
  void credentialedTokenIsFetchedOnceAndReusedUntilItExpires() {
    fake.addImage("1.0.0", "2024-01-01T00:00:00Z");
    fake.addImage("1.1.0", "2024-02-01T00:00:00Z");
    fake.addImage("2.0.0", "2024-03-01T00:00:00Z");
    OciClient oci = client(RateLimit.UNLIMITED);
    OciRepository repo = oci.repository(fake.host() + "/private/app", Credentials.basic("ci", "s3cret"), false);

    assertThat(repo.listTags()).containsExactly("1.0.0", "1.1.0", "2.0.0");
    // 401, token, retry, then the second page with the cached token
    assertThat(oci.stats().requests()).isEqualTo(4);
    assertThat(fake.log).containsExactly(
        "GET /v2/private/app/tags/list",
        "GET /token?service=fake&scope=repository%3Aprivate%2Fapp%3Apull",
        "GET /v2/private/app/tags/list",
        "GET /v2/private/app/tags/list?last=1.1.0&n=2");

    OciStats before = oci.stats();
    repo.listTags();
    assertThat(oci.stats().minus(before).requests()).isEqualTo(2); // no challenge, no token

    clock.advance(Duration.ofMinutes(10)); // past expires_in
    fake.log.clear();
    repo.listTags();
    assertThat(fake.log.get(0)).startsWith("GET /token"); // renewed before sending, no 401 round trip
    assertThat(fake.log).hasSize(3);
  }

  @Test
  void anonymousTokensForPublicRepositoriesAndAClearErrorForPrivateOnes() {
    fake.addImage("1.0.0", "2024-01-01T00:00:00Z");
    OciClient oci = client(RateLimit.UNLIMITED);
    assertThat(oci.repository(fake.host() + "/public/app", null, false).listTags()).containsExactly("1.0.0");
    assertThatThrownBy(() -> oci.repository(fake.host() + "/private/app", null, false).listTags())
        .isInstanceOf(OciException.class)
        .hasMessageContaining("requires credentials")
        .hasMessageContaining("private/app")
        .extracting(e -> ((OciException) e).reason()).isEqualTo(OciException.Reason.UNAUTHORIZED);
  }

  @Test
  void aWrongPasswordIsRefusedWithoutShowingIt() {
    fake.addImage("1.0.0", "2024-01-01T00:00:00Z");
    OciClient oci = client(RateLimit.UNLIMITED);
    assertThatThrownBy(() -> oci.repository(fake.host() + "/private/app", Credentials.basic("ci", "hunter2-WRONG"), false)
        .listTags())
        .isInstanceOf(OciException.class)
        .hasMessageContaining("refused the configured credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void imagesAreCachedByDigestAndBlobRedirectsDropCredentials() {
    String digest = fake.addImage("1.0.0", "2024-01-01T00:00:00Z");
    OciClient oci = client(RateLimit.UNLIMITED);
    OciRepository repo = oci.repository(fake.host() + "/private/app", Credentials.basic("ci", "s3cret"), false);
    OciImage img = repo.image("1.0.0");
    assertThat(img.digest()).isEqualTo(digest);
    assertThat(img.createdAt()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(img.platforms()).singleElement().satisfies(p -> assertThat(p.platform().toString()).isEqualTo("linux/amd64"));
    assertThat(fake.blobHostAuthorizations).containsExactly("null");

    OciStats before = oci.stats();
    assertThat(repo.image("1.0.0")).isEqualTo(img);
    assertThat(oci.stats().minus(before).requests()).isEqualTo(1); // one HEAD
    before = oci.stats();
    assertThat(repo.image("1.0.0", true)).isEqualTo(img);
    assertThat(repo.image("1.0.0", true)).isEqualTo(img);
    assertThat(oci.stats().minus(before).requests()).isEqualTo(1); // then answered by tag
    assertThat(oci.stats().cacheHits()).isGreaterThanOrEqualTo(2);

    assertThat(repo.findImage("9.9.9", false)).isEmpty();
    assertThatThrownBy(() -> repo.image("9.9.9")).isInstanceOf(OciException.class)
        .matches(e -> ((OciException) e).isNotFound());
    oci.invalidateCaches();
    before = oci.stats();
    repo.image("1.0.0");
    assertThat(oci.stats().minus(before).requests()).isEqualTo(5); // 401, token, manifest, config redirect, config
  }

  @Test
  void theRateLimitMakesRequestsWait() {
    fake.addImage("1.0.0", "2024-01-01T00:00:00Z");
    OciClient oci = client(new RateLimit(2, 1));
    OciRepository repo = oci.repository(fake.host() + "/public/app", null, false);
    repo.listTags(); // 401, token, retry: the token host is the same, so three requests on one bucket
    assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(oci.stats().throttled()).isEqualTo(2);
  }
}
