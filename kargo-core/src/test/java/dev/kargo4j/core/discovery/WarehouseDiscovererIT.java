package dev.kargo4j.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.freight.FreightIds;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCreationCriteria;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ImageSelectionStrategy;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseSpec;
import dev.kargo4j.core.oci.OciClient;
import dev.kargo4j.core.oci.OciStats;
import dev.kargo4j.core.oci.RateLimit;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.ManualClock;
import dev.kargo4j.testpeers.OciRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Warehouse with image and chart subscriptions against a real registry (with basic auth) and a chart repository. */
class WarehouseDiscovererIT {

  @Test
  void producesTheExpectedFreightOnceAndNewFreightForNewArtifacts() {
    ManualClock clock = ManualClock.at(Instant.parse("2025-04-01T08:00:00Z"));
    try (OciRegistry registry = OciRegistry.builder().basicAuth("ci", "s3cret").start();
        StaticChartRepo charts = new StaticChartRepo(null, null)) {
      Instant t0 = Instant.parse("2025-03-01T00:00:00Z");
      registry.pushImage("team/app", "1.0.0", OciRegistry.image().created(t0));
      String d110 = registry.pushImage("team/app", "1.1.0", OciRegistry.image().created(t0.plusSeconds(60)));
      registry.pushImage("team/app", "2.0.0", OciRegistry.image().created(t0.plusSeconds(120)));
      registry.pushChart("charts/app", "app", "0.1.0", OciRegistry.chartArchive("app", "0.1.0"));
      registry.pushChart("charts/app", "app", "0.2.0", OciRegistry.chartArchive("app", "0.2.0"));
      charts.publish("frontend", List.of("1.0.0", "0.9.0"));

      String imageUrl = registry.repository("team/app");
      String ociChartUrl = "oci://" + registry.repository("charts/app");
      CredentialsProvider creds = (type, url) ->
          (type == CredentialType.IMAGE && url.equals(imageUrl)) || (type == CredentialType.HELM && url.equals(ociChartUrl))
              ? Optional.of(Credentials.basic("ci", "s3cret")) : Optional.empty();
      OciClient oci = OciClient.builder().clock(clock).rateLimit(RateLimit.UNLIMITED).build();
      ChartSubscriptionSource chartSource = new ChartSubscriptionSource(oci,
          HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build());
      InMemoryStore store = InMemoryStore.create(clock);
      RuntimeDiscovery discoverer = new RuntimeDiscovery(store, clock,
          SubscriptionSourceRegistry.of(new ImageSubscriptionSource(oci), chartSource), creds);

      ImageSubscription image = new ImageSubscription("", imageUrl, ImageSelectionStrategy.SEMVER, "^1.0.0", true,
          List.of(), List.of(), "", 20, false, false);
      Warehouse warehouse = new Warehouse(ObjectMeta.of("demo", "guestbook"), new WarehouseSpec("", Duration.ofMinutes(5),
          null, List.of(image, ChartSubscription.of(ociChartUrl, ""), ChartSubscription.of(charts.url(), "frontend")),
          new FreightCreationCriteria("chartFrom('" + ociChartUrl + "').Version == '0.2.0' && imageFrom('" + imageUrl
              + "').Tag startsWith '1.'")), null);

      DiscoveryOutcome first = discoverer.discover(warehouse);
      assertThat(first.failure()).isNull();
      assertThat(first.healthy()).isTrue();
      assertThat(first.created()).isTrue();
      Freight freight = first.freight();
      assertThat(freight.images()).containsExactly(new Image(imageUrl, "1.1.0", d110, Map.of(), ""));
      assertThat(freight.charts()).containsExactly(Chart.of(ociChartUrl, "", "0.2.0"), Chart.of(charts.url(), "frontend", "1.0.0"));
      assertThat(freight.name()).isEqualTo(FreightIds.generate(FreightOrigin.warehouse("guestbook"), List.of(),
          freight.images(), freight.charts(), List.of()));
      assertThat(first.status().discoveredArtifacts().images().get(0).references()).extracting(r -> r.tag())
          .containsExactly("1.1.0", "1.0.0");
      assertThat(store.listFreight("demo")).hasSize(1);

      OciStats before = oci.stats();
      clock.advance(Duration.ofMinutes(6));
      assertThat(discoverer.isDue(warehouse)).isTrue();
      DiscoveryOutcome second = discoverer.discover(warehouse);
      assertThat(second.created()).isFalse();
      assertThat(second.freight().name()).isEqualTo(freight.name());
      assertThat(store.listFreight("demo")).hasSize(1);
      // warm: the image tag list and one HEAD per candidate, the chart tag list; the index was a 304
      assertThat(oci.stats().minus(before).requests()).isEqualTo(1 + 2 + 1);
      assertThat(charts.notModified.get()).isEqualTo(1);

      registry.pushImage("team/app", "1.2.0", OciRegistry.image().created(t0.plusSeconds(180)));
      DiscoveryOutcome third = discoverer.discover(warehouse);
      assertThat(third.created()).isTrue();
      assertThat(third.freight().images().get(0).tag()).isEqualTo("1.2.0");
      assertThat(third.status().lastFreightID()).isEqualTo(third.freight().name());
      assertThat(store.listFreightByOrigin("demo", FreightOrigin.warehouse("guestbook"))).hasSize(2);
    }
  }

  @Test
  void aWrongPasswordMakesTheWarehouseUnhealthyWithoutShowingIt() {
    ManualClock clock = ManualClock.at(Instant.parse("2025-04-01T08:00:00Z"));
    try (OciRegistry registry = OciRegistry.builder().basicAuth("ci", "s3cret").start()) {
      registry.pushImage("team/app", "1.0.0", OciRegistry.image());
      RuntimeDiscovery discoverer = new RuntimeDiscovery(InMemoryStore.create(clock), clock,
          SubscriptionSourceRegistry.of(new ImageSubscriptionSource(
              OciClient.builder().clock(clock).rateLimit(RateLimit.UNLIMITED).build())),
          (type, url) -> Optional.of(Credentials.basic("ci", "letmein-WRONG")));
      DiscoveryOutcome o = discoverer.discover(new Warehouse(ObjectMeta.of("demo", "locked"),
          WarehouseSpec.of(List.of(ImageSubscription.of(registry.repository("team/app")))), null));
      assertThat(o.healthy()).isFalse();
      assertThat(o.freight()).isNull();
      assertThat(o.condition(WarehouseDiscoverer.HEALTHY).get().message())
          .contains("refused the configured credentials").doesNotContain("letmein-WRONG");
    }
  }
}
