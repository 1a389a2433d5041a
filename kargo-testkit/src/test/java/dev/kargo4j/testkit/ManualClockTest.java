package dev.kargo4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ManualClockTest {
  private static final Instant START = Instant.parse("2026-05-01T12:00:00Z");

  @Test
  void movesOnlyForward() {
    ManualClock clock = ManualClock.at(START);
    assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(START.plusSeconds(300));
    assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("only moves forward");
  }

  @Test
  void runUntilIdleLetsTheHorizonPassOnAnIdleRuntime() {
    ManualClock clock = ManualClock.at(START);
    try (ProjectRuntime runtime = ProjectRuntime.builder().project("demo").steps(StepRegistry.of())
        .clock(clock).manualTimers().build()) {
      assertThat(clock.runUntilIdle(runtime, Duration.ofHours(1))).isEqualTo(START.plus(Duration.ofHours(1)));
      assertThat(runtime.nextTimer()).isEmpty();
    }
  }
}
