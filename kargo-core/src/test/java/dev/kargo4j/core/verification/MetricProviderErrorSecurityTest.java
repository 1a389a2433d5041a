package dev.kargo4j.core.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.spi.MetricContext;
import dev.kargo4j.core.spi.MetricMeasurement;
import dev.kargo4j.core.spi.MetricProvider;
import dev.kargo4j.testkit.ManualClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, finding 5 (verification): a metric provider that throws an {@link Error} makes an
 * Error measurement naming the provider, as an exception does, instead of escaping the run.
 */
class MetricProviderErrorSecurityTest {
  @Test
  void aProviderThrowingAnErrorMakesAnErrorMeasurement() {
    MetricProvider broken = new MetricProvider() {
      @Override
      public String type() {
        return "broken";
      }

      @Override
      public MetricMeasurement measure(MetricContext context) {
        throw new NoClassDefFoundError("io/prometheus/Client");
      }
    };
    String t = """
        apiVersion: argoproj.io/v1alpha1
        kind: AnalysisTemplate
        metadata: {name: broken, namespace: demo}
        spec:
          metrics:
          - name: b
            consecutiveErrorLimit: 0
            provider:
              broken: {}
        """;
    AnalysisRun run = Verifier.builder().clock(ManualClock.at(Instant.parse("2026-01-01T00:00:00Z")))
        .metricProviders(MetricProviderRegistry.of(broken)).build()
        .start("demo", "dev", "r", Manifests.loadString("t.yaml", t).analysisTemplates(), List.of());
    run.reconcile();
    assertThat(run.phase()).isEqualTo(VerificationPhase.ERROR);
    assertThat(run.message()).contains("NoClassDefFoundError").contains("io/prometheus/Client")
        .contains(broken.getClass().getName());
  }
}
