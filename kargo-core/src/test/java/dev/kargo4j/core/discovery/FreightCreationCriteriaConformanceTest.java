package dev.kargo4j.core.discovery;

import dev.kargo4j.core.conformance.ConformanceVectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.internal.DiscoveredFunctions;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.FreightCreationCriteria;
import dev.kargo4j.expr.EvalLimits;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code freightCreationCriteria} section of expr/kargo-templates.json (the
 * {@code @discovered} cases of its {@code functions} section run in the engine's
 * KargoTemplatesConformanceTest).
 */
class FreightCreationCriteriaConformanceTest {
  private static final String FILE = "expr/kargo-templates.json";

  @Test
  @SuppressWarnings("unchecked")
  void freightCreationCriteria() throws Exception {
    ConformanceVectors.load(FILE).run("freightCreationCriteria", c -> {
      FreightCreationCriteria fcc = c.get("expression") == null ? null
          : new FreightCreationCriteria(String.valueOf(c.get("expression")));
      DiscoveredArtifacts artifacts = Artifacts.fromJson((Map<String, Object>) c.get("discoveredArtifacts"));
      if (Boolean.TRUE.equals(c.get("error"))) {
        assertThatThrownBy(() -> DiscoveredFunctions.criteriaSatisfied(fcc, artifacts, EvalLimits.defaults(),
            Clock.systemUTC())).isInstanceOf(KargoException.class);
      } else {
        assertThat(DiscoveredFunctions.criteriaSatisfied(fcc, artifacts, EvalLimits.defaults(), Clock.systemUTC()))
            .isEqualTo(c.get("expect"));
      }
    });
  }

}
