package dev.kargo4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepRegistryTest {
  static final class First implements StepRunner {
    @Override public String kind() { return "echo"; }
    @Override public StepResult run(StepContext c) { return StepResult.succeeded(Map.of()); }
  }

  static final class Second implements StepRunner {
    @Override public String kind() { return "echo"; }
    @Override public StepResult run(StepContext c) { return StepResult.succeeded(Map.of()); }
  }

  @Test
  void duplicateKindNamesBothClasses() {
    assertThatThrownBy(() -> StepRegistry.of(new First(), new Second()))
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("duplicate step kind 'echo'")
        .hasMessageContaining(First.class.getName())
        .hasMessageContaining(Second.class.getName());
  }

  @Test
  void unknownKindNamesTheKnownOnes() {
    StepRegistry r = StepRegistry.of(new First());
    assertThat(r.kinds()).containsExactly("echo");
    assertThatThrownBy(() -> r.runner("git-clone"))
        .isInstanceOf(KargoException.class)
        .hasMessage("unknown step kind 'git-clone'; known: echo");
  }
}
