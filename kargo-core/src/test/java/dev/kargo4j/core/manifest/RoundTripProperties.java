package dev.kargo4j.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Stage;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** model → YAML → model is the identity. */
class RoundTripProperties {

  @Provide
  Arbitrary<Freight> freight() {
    return ModelArbitraries.freight();
  }

  @Provide
  Arbitrary<Stage> stages() {
    return ModelArbitraries.stage();
  }

  @Property(tries = 150)
  void freightRoundTrips(@ForAll("freight") Freight freight) {
    String yaml = Manifests.toYaml(freight);
    assertThat(Manifests.loadString("freight.yaml", yaml).freight()).as(yaml).containsExactly(freight);
  }

  @Property(tries = 150)
  void stagesRoundTrip(@ForAll("stages") Stage stage) {
    String yaml = Manifests.toYaml(stage);
    assertThat(Manifests.loadString("stage.yaml", yaml).stages()).as(yaml).containsExactly(stage);
  }
}
