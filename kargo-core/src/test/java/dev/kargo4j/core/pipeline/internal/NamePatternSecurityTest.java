package dev.kargo4j.core.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 13, finding 6: ProjectConfig promotion-policy name patterns are RE2 (linear time). */
class NamePatternSecurityTest {
  @Test
  void regexNamePatternsDoNotBacktrack() {
    String name = "a".repeat(5_000) + "!";
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(1),
        () -> Availability.nameMatches("regex:(a+)+$", name))).isFalse();
    assertThat(assertTimeoutPreemptively(Duration.ofSeconds(1),
        () -> Availability.nameMatches("regexp:^(a|aa)+$", name))).isFalse();
  }

  @Test
  void lookAroundIsRefusedAsKargoRefusesIt() {
    assertThatThrownBy(() -> Availability.nameMatches("regex:^(?=prod)", "prod"))
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("invalid or unsupported Perl syntax");
  }
}
