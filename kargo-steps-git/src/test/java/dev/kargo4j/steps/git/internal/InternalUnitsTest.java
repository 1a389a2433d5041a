package dev.kargo4j.steps.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternalUnitsTest {
  @Test
  void backoffFollowsKargo() {
    Backoff b = Backoff.KARGO_PUSH;
    assertThat(b.delay(1, () -> 0.0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(2, () -> 0.0)).isEqualTo(Duration.ofMillis(1500));
    assertThat(b.delay(3, () -> 0.0)).isEqualTo(Duration.ofMillis(2250));
    assertThat(b.delay(2, () -> 0.999999)).isBetween(Duration.ofMillis(2249), Duration.ofMillis(2250));
    assertThat(b.delay(20, () -> 0.0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.delay(20, () -> 0.5)).isEqualTo(Duration.ofMillis(37500));
  }

  @Test
  void urlsAreNormalisedAndRedacted() {
    assertThat(RepoUrls.normalize("https://User:Pw@GitHub.com/Akuity/Kargo.git/")).isEqualTo("https://github.com/akuity/kargo");
    assertThat(RepoUrls.normalize("git@github.com:akuity/kargo.git")).isEqualTo("ssh://git@github.com/akuity/kargo");
    assertThat(RepoUrls.normalize("http://127.0.0.1:8080/git/x.git")).isEqualTo("http://127.0.0.1:8080/git/x");
    assertThat(RepoUrls.normalize("https://h/x?y=1")).isEqualTo("https://h/x?y=1");
    assertThat(RepoUrls.redact("cannot fetch https://alice:s3cret@h/x.git now")).isEqualTo("cannot fetch https://h/x.git now");
    assertThat(RepoUrls.host("https://gitlab.example.com/a/b")).isEqualTo("gitlab.example.com");
  }

  @Test
  void errorsNeverCarryThePassword() {
    Credentials c = Credentials.basic("alice", "s3cret-pw");
    assertThat(GitErrors.scrub("token s3cret-pw rejected at https://alice:s3cret-pw@h/x", c))
        .doesNotContain("s3cret-pw");
    RuntimeException auth = new RuntimeException("https://h/x.git: not authorized");
    assertThat(GitErrors.failure("cloning", "https://h/x.git", auth, c).getMessage())
        .contains("authentication failed cloning https://h/x.git").contains("user 'alice'").doesNotContain("s3cret");
    assertThat(GitErrors.failure("cloning", "https://h/x.git", auth, null).getMessage()).contains("no git credentials");
  }

  @Test
  void goDurations() {
    assertThat(ConfigRules.duration("30s", "f")).isEqualTo(Duration.ofSeconds(30));
    assertThat(ConfigRules.duration("1h2m3.5s", "f")).isEqualTo(Duration.ofMillis(3_723_500));
    assertThat(ConfigRules.duration("250ms", "f")).isEqualTo(Duration.ofMillis(250));
    assertThat(ConfigRules.duration("0", "f")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> ConfigRules.duration("5", "pollInterval")).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("pollInterval");
    assertThatThrownBy(() -> ConfigRules.duration("1d", "f")).isInstanceOf(InvalidConfigException.class);
  }

  @Test
  void globsAndBaseDirectories() {
    assertThat(PathPatterns.parse("glob:**/*.yaml").test("a/b/c.yaml")).isTrue();
    assertThat(PathPatterns.parse("glob:**/*.yaml").test("c.yaml")).isTrue();
    assertThat(PathPatterns.parse("glob:*.yaml").test("a/c.yaml")).isFalse();
    assertThat(PathPatterns.parse("glob:env/{dev,prod}/*").test("env/prod/k.yaml")).isTrue();
    assertThat(PathPatterns.parse("glob:env/[!p]*/x").test("env/dev/x")).isTrue();
    assertThat(PathPatterns.parse("glob:env/[!p]*/x").test("env/prod/x")).isFalse();
    assertThat(PathPatterns.parse("glob:src/**").test("src/a/b")).isTrue();
    assertThat(PathPatterns.parse("charts/app").test("charts/app/values.yaml")).isTrue();
    assertThat(PathPatterns.parse("charts/app").test("charts/app")).isTrue();
    assertThat(PathPatterns.parse("charts/app").test("charts/application/x")).isFalse();
    assertThat(PathPatterns.parse("./charts/").test("charts/app/x")).isTrue();
    assertThat(PathPatterns.rel("a/b", "a/c/d")).isEqualTo("../c/d");
    assertThat(PathPatterns.clean("a/./b/../c//")).isEqualTo("a/c");
    assertThatThrownBy(() -> PathPatterns.parse("regex:[")).isInstanceOf(IllegalArgumentException.class);
    assertThat(PathPatterns.matchesPaths(List.of(), null, null)).isFalse();
  }

  @Test
  void sparseCones() {
    List<String> cones = List.of("env/dev");
    assertThat(WorkTree.inCone("README.md", cones)).isTrue();
    assertThat(WorkTree.inCone("env/kustomization.yaml", cones)).isTrue();
    assertThat(WorkTree.inCone("env/dev/a/b.yaml", cones)).isTrue();
    assertThat(WorkTree.inCone("env/prod/a.yaml", cones)).isFalse();
    assertThat(WorkTree.inCone("base/a.yaml", cones)).isFalse();
  }

}
