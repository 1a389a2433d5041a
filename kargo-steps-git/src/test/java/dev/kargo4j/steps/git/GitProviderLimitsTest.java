package dev.kargo4j.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.steps.git.spi.GitProviderOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GitProviderLimitsTest {
  @Test
  void defaults() {
    assertThat(GitProviderLimits.DEFAULTS.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(GitProviderLimits.DEFAULTS.maxResponseBytes()).isEqualTo(16L << 20);
    assertThat(GitProviderLimits.CAPABILITY.name()).isEqualTo("git-provider-limits");
    assertThat(GitProviderOptions.urlOnly("https://github.com/o/r").limits()).isEqualTo(GitProviderLimits.DEFAULTS);
    assertThat(new GitProviderOptions("https://github.com/o/r", "t", false, null).limits())
        .isEqualTo(GitProviderLimits.DEFAULTS);
  }

  @Test
  void withersChangeOneComponent() {
    GitProviderLimits l = GitProviderLimits.DEFAULTS.withTimeout(Duration.ofSeconds(5)).withMaxResponseBytes(10);
    assertThat(l).isEqualTo(new GitProviderLimits(Duration.ofSeconds(5), 10));
    assertThat(GitProviderOptions.urlOnly("https://github.com/o/r").withLimits(l).limits()).isEqualTo(l);
  }

  @Test
  void boundsMustBePositive() {
    assertThatThrownBy(() -> GitProviderLimits.DEFAULTS.withTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be positive");
    assertThatThrownBy(() -> GitProviderLimits.DEFAULTS.withTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> GitProviderLimits.DEFAULTS.withTimeout(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> GitProviderLimits.DEFAULTS.withMaxResponseBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxResponseBytes must be positive");
    assertThatThrownBy(() -> GitProviderLimits.DEFAULTS.withMaxResponseBytes(1L << 31))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below 2 GiB");
    assertThatThrownBy(() -> new GitProviderOptions("https://github.com/o/r", null, false, null, null))
        .isInstanceOf(NullPointerException.class);
  }
}
