package dev.kargo4j.samples.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.steps.git.GitHostPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Programmatic promotion in a Java test: Freight through two Stages, asserting on the rendered files. */
@KargoTest(project = "shop")
class PipelineTest {
  private static final String DEPLOYMENT = """
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: shop
      spec:
        template:
          spec:
            containers:
            - name: shop
              image: registry.example.com/shop:1.0.0
      """;

  private static void setUp(KargoProject kargo) throws IOException {
    // the remote is a repository on disk: the test host opts in to local repositories
    kargo.capability(GitHostPolicy.CAPABILITY, GitHostPolicy.allowingLocalRepositories());
    kargo.remote().commit("main", Map.of("app/deployment.yaml", DEPLOYMENT,
        "app/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\n"), "shop app");
    kargo.apply(resource("/shop-pipeline.yaml").replace("REMOTE_URL", kargo.remote().url()));
  }

  @Test
  void freightGoesThroughDevThenProdAfterItsSoakTime(KargoProject kargo) throws IOException {
    setUp(kargo);
    Freight release = kargo.createFreight("shop", Image.of("registry.example.com/shop", "1.1.0", ""));

    Promotion toDev = kargo.promote("dev", release);

    assertThat(toDev.status().phase()).as(toDev.status().message()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(kargo.remote().files("env/dev")).containsExactly("deployment.yaml", "service.yaml");
    assertThat(kargo.remote().read("env/dev", "deployment.yaml")).get(STRING)
        .contains("image: registry.example.com/shop:1.1.0");
    assertThat(kargo.remote().log("env/dev").get(0)).startsWith("Updated ./out/deployment.yaml");

    // prod takes Freight that soaked an hour in dev: not yet...
    assertThat(kargo.isAvailable(release, "prod")).isFalse();
    assertThatThrownBy(() -> kargo.promote("prod", release)).isInstanceOf(KargoException.class);
    // ...but after an hour on the test's clock (no real waiting)
    kargo.advance(Duration.ofHours(1));
    assertThat(kargo.isAvailable(release, "prod")).isTrue();

    Promotion toProd = kargo.promote("prod", release);

    assertThat(toProd.status().phase()).as(toProd.status().message()).isEqualTo(PromotionPhase.SUCCEEDED);
    assertThat(kargo.remote().read("env/prod", "deployment.yaml")).get(STRING)
        .contains("image: registry.example.com/shop:1.1.0");
    assertThat(kargo.runtime().stage("prod").status().currentFreight().includes(release.name())).isTrue();
    assertThat(kargo.remote().read("main", "app/deployment.yaml")).contains(DEPLOYMENT);
  }

  @Test
  void aNewerReleaseReplacesTheOldOneInDev(KargoProject kargo) throws IOException {
    setUp(kargo);
    Freight first = kargo.createFreight("shop", Image.of("registry.example.com/shop", "1.1.0", ""));
    kargo.promote("dev", first);
    kargo.advance(Duration.ofMinutes(5));
    Freight second = kargo.createFreight("shop", Image.of("registry.example.com/shop", "1.2.0", ""));

    assertThat(kargo.promote("dev", second).status().phase()).isEqualTo(PromotionPhase.SUCCEEDED);

    assertThat(kargo.remote().read("env/dev", "deployment.yaml")).get(STRING)
        .contains("image: registry.example.com/shop:1.2.0");
    assertThat(kargo.remote().log("env/dev")).hasSize(3); // the branch's first commit, then one per promotion
    assertThat(kargo.runtime().freight(first.name()).orElseThrow().isCurrentlyIn("dev")).isFalse();
  }

  @Test
  void eachTestGetsItsOwnProjectAndClock(KargoProject kargo) {
    assertThat(kargo.name()).isEqualTo("shop");
    assertThat(kargo.clock().instant()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(kargo.remote().head("main")).isEmpty();
    assertThat(kargo.store().listFreight("shop")).isEmpty();
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PipelineTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
