package dev.kargo4j.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.VerificationPhase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Verification inside the runtime: AnalysisTemplates against a loopback server answering like the PokeAPI. */
class PipelineVerificationTest {
  private HttpServer server;
  private String base;
  private final List<String> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v2/pokemon/", ex -> {
      String name = ex.getRequestURI().getPath().substring("/api/v2/pokemon/".length());
      asked.add(name);
      Integer xp = Map.of("pikachu", 112, "charizard", 267).get(name);
      byte[] body = (xp == null ? "{}" : "{\"base_experience\": " + xp + "}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(xp == null ? 404 : 200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String template() {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: pokemon-xp, namespace: demo}
        spec:
          args:
          - name: pokemon
          metrics:
          - name: pokemon-xp
            interval: 5s
            count: 5
            successCondition: result < 200
            failureLimit: 3
            provider:
              web:
                url: %s/api/v2/pokemon/{{args.pokemon}}
                jsonPath: "{$.base_experience}"
        ---
        """.formatted(base);
  }

  private static String verified(String name, String pokemonArg) {
    return Fixture.stage(name, "{direct: true}", "{uses: test-step, config: {}}", """
        verification:
          analysisTemplates:
          - name: pokemon-xp
          args:
          - name: pokemon
            value: %s
        """.formatted(pokemonArg));
  }

  @Test
  void passingVerificationMakesFreightAvailableDownstreamAndGatesTheNextPromotion() {
    String vars = verified("test", "${{ vars.pokemon }}").replace("spec:\n  requestedFreight:",
        "spec:\n  vars:\n  - {name: pokemon, value: '${{ ctx.stage == \"test\" ? \"pikachu\" : \"charizard\" }}'}\n"
            + "  requestedFreight:");
    try (Fixture fx = new Fixture(template() + vars + Fixture.stage("prod", "{stages: [test]}"))) {
      Freight f1 = fx.create("1.0.0", 0);
      Freight f2 = fx.create("2.0.0", 1);
      fx.runtime.promote("test", f1.name());
      PromotionHandle second = fx.runtime.promote("test", f2.name());
      fx.settle();
      Stage test = fx.runtime.stage("test");
      VerificationInfo vi = test.status().currentFreight().currentVerification();
      assertThat(vi.phase()).isEqualTo(VerificationPhase.RUNNING);
      assertThat(vi.analysisRun().name()).startsWith("test.").endsWith("." + test.status().currentFreight().id());
      assertThat(vi.analysisRun().namespace()).isEqualTo("demo");
      // the gate: the second Promotion waits for the verification
      assertThat(fx.runtime.promotion(second.name()).orElseThrow().status().phase()).isEqualTo(PromotionPhase.PENDING);
      assertThat(fx.get(f1.name()).isVerifiedIn("test")).isFalse();
      assertThat(fx.runtime.availableFreight("prod")).isEmpty();

      fx.settle(Duration.ofSeconds(19));
      assertThat(fx.runtime.promotion(second.name()).orElseThrow().status().phase()).isEqualTo(PromotionPhase.PENDING);
      fx.settle(Duration.ofSeconds(1));
      assertThat(asked).hasSize(6).containsOnly("pikachu");
      FreightCollection first = fx.runtime.stage("test").status().freightHistory().stream()
          .filter(c -> c.includes(f1.name())).findFirst().orElseThrow();
      VerificationInfo done = first.currentVerification();
      assertThat(done.phase()).isEqualTo(VerificationPhase.SUCCESSFUL);
      assertThat(done.finishTime()).isEqualTo(Fixture.T0.plusSeconds(20));
      assertThat(done.startTime()).isEqualTo(Fixture.T0);
      assertThat(fx.get(f1.name()).status().verifiedIn().get("test").verifiedAt()).isEqualTo(Fixture.T0.plusSeconds(20));
      assertThat(second.await(Duration.ofSeconds(1)).status().startedAt()).isEqualTo(Fixture.T0.plusSeconds(20));
    }
  }

  @Test
  void failingVerificationKeepsFreightFromMovingOn() {
    try (Fixture fx = new Fixture(template() + verified("test", "charizard") + Fixture.stage("prod", "{stages: [test]}"))) {
      Freight f = fx.create("1.0.0", 0);
      fx.runtime.promote("test", f.name());
      fx.settle(Duration.ofMinutes(1));
      Stage test = fx.runtime.stage("test");
      VerificationInfo vi = test.status().currentFreight().currentVerification();
      assertThat(vi.phase()).isEqualTo(VerificationPhase.FAILED);
      assertThat(vi.message()).isEqualTo("Metric \"pokemon-xp\" assessed Failed due to failed (4) > failureLimit (3)");
      assertThat(vi.finishTime()).isEqualTo(Fixture.T0.plusSeconds(15));
      assertThat(vi.analysisRun().phase()).isEqualTo("Failed");
      assertThat(test.status().conditions()).anyMatch(c -> c.type().equals("Verified") && c.status().equals("False")
          && c.reason().equals("VerificationFailed"));
      assertThat(fx.get(f.name()).status().verifiedIn()).isEmpty();
      assertThat(fx.runtime.availableFreight("prod")).isEmpty();
      assertThat(fx.events).contains("verification test Pending", "verification test Running",
          "verification test Failed");

      // a failed verification does not block the next Promotion, and a re-verification runs again
      fx.runtime.reverify("test");
      fx.settle();
      assertThat(fx.runtime.stage("test").status().currentFreight().verificationHistory()).hasSize(2);
      assertThat(fx.runtime.stage("test").status().currentFreight().currentVerification().phase())
          .isEqualTo(VerificationPhase.RUNNING);
      fx.runtime.abortVerification("test");
      fx.settle();
      VerificationInfo aborted = fx.runtime.stage("test").status().currentFreight().currentVerification();
      assertThat(aborted.phase()).isEqualTo(VerificationPhase.FAILED);
      assertThat(aborted.message()).isEqualTo("Verification aborted by user");
      assertThat(aborted.actor()).isEqualTo("kargo4j");
      int before = asked.size();
      fx.settle(Duration.ofMinutes(1));
      assertThat(asked).hasSize(before);
    }
  }

  @Test
  void aMissingTemplateIsAnErrorVerification() {
    try (Fixture fx = new Fixture(verified("test", "pikachu"))) {
      Freight f = fx.create("1.0.0", 0);
      fx.runtime.promote("test", f.name());
      fx.settle();
      VerificationInfo vi = fx.runtime.stage("test").status().currentFreight().currentVerification();
      assertThat(vi.phase()).isEqualTo(VerificationPhase.ERROR);
      assertThat(vi.message()).contains("AnalysisTemplate \"pokemon-xp\" not found in namespace \"demo\"");
    }
  }

  @Test
  void aVerificationInterruptedByARestartRunsAgainInTheNextRuntime() {
    dev.kargo4j.core.store.InMemoryStore store =
        dev.kargo4j.core.store.InMemoryStore.create(dev.kargo4j.testkit.ManualClock.at(Fixture.T0));
    Fixture fx = new Fixture(template() + verified("test", "pikachu"), store, b -> {});
    Freight f = fx.create("1.0.0", 0);
    fx.runtime.promote("test", f.name());
    fx.settle(Duration.ofSeconds(7));
    VerificationInfo running = fx.runtime.stage("test").status().currentFreight().currentVerification();
    assertThat(running.phase()).isEqualTo(VerificationPhase.RUNNING);
    fx.runtime.close();

    fx.runtime = fx.newRuntime(b -> {});
    fx.settle(Duration.ofMinutes(1));
    VerificationInfo done = fx.runtime.stage("test").status().currentFreight().currentVerification();
    assertThat(done.id()).isEqualTo(running.id());
    assertThat(done.phase()).isEqualTo(VerificationPhase.SUCCESSFUL);
    assertThat(done.analysisRun().name()).isEqualTo(running.analysisRun().name());
    assertThat(fx.get(f.name()).isVerifiedIn("test")).isTrue();
    assertThat(asked).hasSize(2 + 5);
    fx.close();
  }
}
