package dev.kargo4j.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.ChartDiscoveryResult;
import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.oci.OciClient;
import dev.kargo4j.core.oci.RateLimit;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.testpeers.OciRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Charts from a static HTTP chart repository and from OCI repositories in a real registry. */
class ChartSubscriptionSourceIT {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static ChartSubscriptionSource source() {
    return new ChartSubscriptionSource(OciClient.builder().clock(CLOCK).rateLimit(RateLimit.UNLIMITED).build(),
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
  }

  private static ChartDiscoveryResult discover(ChartSubscriptionSource s, ChartSubscription sub, CredentialsProvider c) {
    var artifacts = s.discover(sub, new TestDiscoveryContext(CLOCK, c));
    assertThat(artifacts.charts()).hasSize(1);
    return artifacts.charts().get(0);
  }

  @Test
  void httpRepositoryVersionsWithAConstraintAndRevalidation() {
    try (StaticChartRepo repo = new StaticChartRepo(null, null)) {
      repo.publish("demo", List.of("0.1.0", "0.2.0", "1.10", "1.9.0", "2.0.0-rc.1", "not-a-version"));
      ChartSubscriptionSource source = source();
      ChartDiscoveryResult all = discover(source, ChartSubscription.of(repo.url(), "demo"), CredentialsProvider.NONE);
      assertThat(all.versions()).containsExactly("2.0.0-rc.1", "1.10", "1.9.0", "0.2.0", "0.1.0");
      assertThat(all.name()).isEqualTo("demo");
      assertThat(all.repoURL()).isEqualTo(repo.url());

      ChartSubscription constrained = new ChartSubscription("web", repo.url() + "/", "demo", "^0", 1, false);
      ChartDiscoveryResult one = discover(source, constrained, CredentialsProvider.NONE);
      assertThat(one.versions()).containsExactly("0.2.0");
      assertThat(one.subscriptionName()).isEqualTo("web");
      assertThat(one.semverConstraint()).isEqualTo("^0");
      assertThat(repo.notModified.get()).isEqualTo(1); // the second read was a 304

      assertThat(discover(source, ChartSubscription.of(repo.url(), "missing"), CredentialsProvider.NONE).versions()).isEmpty();
      assertThat(discover(source, ChartSubscription.of(repo.movedUrl(), "demo"), CredentialsProvider.NONE).versions())
          .hasSize(5);
    }
  }

  @Test
  void httpRepositoryWithBasicAuth() {
    try (StaticChartRepo repo = new StaticChartRepo("helm", "s3cret")) {
      repo.publish("demo", List.of("0.1.0"));
      CredentialsProvider right = (type, url) -> type == CredentialType.HELM
          ? Optional.of(Credentials.basic("helm", "s3cret")) : Optional.empty();
      assertThat(discover(source(), ChartSubscription.of(repo.url(), "demo"), right).versions()).containsExactly("0.1.0");
      CredentialsProvider wrong = (type, url) -> Optional.of(Credentials.basic("helm", "bad-pw"));
      assertThatThrownBy(() -> discover(source(), ChartSubscription.of(repo.url(), "demo"), wrong))
          .isInstanceOf(KargoException.class).hasMessageContaining("HTTP 401").hasMessageContaining("refused")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("bad-pw"));
      assertThatThrownBy(() -> discover(source(), ChartSubscription.of(repo.url(), "demo"), CredentialsProvider.NONE))
          .isInstanceOf(KargoException.class).hasMessageContaining("requires credentials");
    }
  }

  @Test
  void ociChartsInTheRegistryWithAndWithoutAuth() {
    try (OciRegistry open = OciRegistry.start();
        OciRegistry locked = OciRegistry.builder().basicAuth("ci", "s3cret").start()) {
      for (String v : List.of("0.1.0", "0.2.0", "0.3.0+build.7", "1.0.0-rc.1")) {
        open.pushChart("charts/demo", "demo", v, OciRegistry.chartArchive("demo", v));
      }
      open.pushImage("charts/demo", "latest", OciRegistry.image()); // not a version: ignored
      String url = "oci://" + open.repository("charts/demo");
      ChartDiscoveryResult r = discover(source(), ChartSubscription.of(url, ""), CredentialsProvider.NONE);
      assertThat(r.versions()).containsExactly("1.0.0-rc.1", "0.3.0+build.7", "0.2.0", "0.1.0");
      assertThat(r.name()).isEmpty();
      ChartSubscription stable = new ChartSubscription("", url, "", "<1.0.0", 2, false);
      assertThat(discover(source(), stable, CredentialsProvider.NONE).versions()).containsExactly("0.3.0+build.7", "0.2.0");

      locked.pushChart("charts/private", "private", "1.2.3", OciRegistry.chartArchive("private", "1.2.3"));
      String lockedUrl = "oci://" + locked.repository("charts/private");
      CredentialsProvider creds = (type, u) -> type == CredentialType.HELM && u.equals(lockedUrl)
          ? Optional.of(Credentials.basic("ci", "s3cret")) : Optional.empty();
      assertThat(discover(source(), ChartSubscription.of(lockedUrl, ""), creds).versions()).containsExactly("1.2.3");
      assertThatThrownBy(() -> discover(source(), ChartSubscription.of(lockedUrl, ""),
          (type, u) -> Optional.of(Credentials.basic("ci", "nope-pw"))))
          .isInstanceOf(KargoException.class).hasMessageContaining("refused the configured credentials");
    }
  }
}
