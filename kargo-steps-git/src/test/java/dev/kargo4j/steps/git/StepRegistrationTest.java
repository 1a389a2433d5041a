package dev.kargo4j.steps.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class StepRegistrationTest {
  @Test
  void everyGitStepIsFoundByServiceLoaderOnce() {
    List<StepRunner> runners = new ArrayList<>();
    ServiceLoader.load(StepRunner.class).forEach(r -> {
      if (r.getClass().getPackageName().startsWith("dev.kargo4j.steps.git")) {
        runners.add(r);
      }
    });
    assertThat(runners).extracting(StepRunner::kind).containsExactlyInAnyOrder("git-clone", "git-clear",
        "git-commit", "git-tag", "git-push", "git-open-pr", "git-wait-for-pr", "git-merge-pr");
    for (StepRunner r : runners) {
      assertThat(r.defaultErrorThreshold()).isEqualTo(1);
      assertThat(r.defaultTimeout()).isEmpty();
      if (r.kind().endsWith("-pr")) {
        assertThat(r.capabilities()).contains(Capability.CREDENTIALS, Capability.HTTP_CLIENT);
      }
    }
  }
}
