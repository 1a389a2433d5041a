package dev.kargo4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.discovery.internal.TagFilter;
import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.model.CredentialsSecret;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.steps.internal.Glob;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, finding 6: every user-supplied pattern kargo-core matches is RE2 (linear time), so
 * a pattern that backtracks catastrophically in java.util.regex answers at once.
 */
class RegexSecurityTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final String EVIL = "(a|aa)+$";
  private static final String INPUT = "a".repeat(5_000) + "!";

  @Test
  void imageTagFiltersDoNotBacktrack() {
    TagFilter f = TagFilter.of(List.of(EVIL), List.of(), "Warehouse p/w");
    assertThat(assertTimeoutPreemptively(SECOND, () -> f.matches(INPUT))).isFalse();
    TagFilter ignore = TagFilter.of(List.of(), List.of(EVIL), "Warehouse p/w");
    assertThat(assertTimeoutPreemptively(SECOND, () -> ignore.matches(INPUT))).isTrue();
  }

  @Test
  void tagRegexesWithLookAroundFailNamingTheField() {
    assertThatThrownBy(() -> TagFilter.of(List.of("^v1"), List.of("a(?!b)"), "Warehouse p/w"))
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("Warehouse p/w")
        .hasMessageContaining("ignoreTagsRegexes[0]")
        .hasMessageContaining("invalid or unsupported Perl syntax");
  }

  @Test
  void credentialRepoUrlRegexesDoNotBacktrack() {
    CredentialsSecret c = new CredentialsSecret(ObjectMeta.of("p", "creds"), CredentialType.GIT,
        "^https://(a+)+$", true, "u", "p", "", Map.of());
    String url = "https://" + INPUT;
    assertThat(assertTimeoutPreemptively(SECOND, () -> c.matches(url, url, ""))).isFalse();
  }

  @Test
  void credentialRepoUrlRegexesWithBackReferencesAreRefused() {
    assertThatThrownBy(() -> new CredentialsSecret(ObjectMeta.of("p", "creds"),
        CredentialType.GIT, "^(https)://\\1", true, "u", "p", "", Map.of()))
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("data.repoURL")
        .hasMessageContaining("invalid escape sequence");
  }

  @Test
  void globsDoNotBacktrack() {
    Glob g = Glob.compile("*a*a*a*a*a*a*a*a*a*a*a*b");
    String path = "a".repeat(200);
    assertThat(assertTimeoutPreemptively(SECOND, () -> g.matches(path))).isFalse();
  }

  @Test
  void kargoRepoUrlPatternsNeitherOverflowTheStackNorBacktrack() {
    // java.util.regex recursed once per "a." and threw StackOverflowError from validation
    String git = "https://" + "a.".repeat(10_000) + "!";
    assertThat(assertTimeoutPreemptively(SECOND,
        () -> GitSubscription.REPO_URL.matchString(git))).isFalse();
    String image = "a.a".repeat(5_000) + "!";
    assertThat(assertTimeoutPreemptively(SECOND,
        () -> ImageSubscription.REPO_URL.matchString(image))).isFalse();
    String chart = "https://a" + "/".repeat(20_000) + "\n";
    assertThat(assertTimeoutPreemptively(SECOND,
        () -> ChartSubscription.REPO_URL.matchString(chart))).isFalse();
  }
}
