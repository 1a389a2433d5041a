package dev.kargo4j.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A capability with a default: what a runner gets when the host supplies none. */
class CapabilityDefaultTest {
  static final Capability<String> POLICY = Capability.of("test-policy", String.class, "strict");

  @TempDir Path dir;

  private static StepRunner runner() {
    return new StepRunner() {
      @Override
      public String kind() {
        return "probe";
      }

      @Override
      public Set<Capability<?>> capabilities() {
        return Set.of(POLICY);
      }

      @Override
      public StepResult run(StepContext ctx) {
        return StepResult.succeeded(Map.of("policy", ctx.capability(POLICY)));
      }
    };
  }

  @Test
  void theDefaultAppliesUnlessTheHostSuppliesAValue() {
    assertThat(StepTestKit.forRunner(runner()).workDir(dir).run().output()).containsEntry("policy", "strict");
    assertThat(StepTestKit.forRunner(runner()).workDir(dir).capability(POLICY, "lenient").run().output())
        .containsEntry("policy", "lenient");
    assertThat(POLICY.defaultValue()).contains("strict");
    assertThat(Capability.of("x", String.class).defaultValue()).isEmpty();
  }
}
