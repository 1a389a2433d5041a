package dev.kargo4j.steps.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.CommitSelectionStrategy;
import dev.kargo4j.steps.git.GitDiscoveryRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, finding 6: git tag regexes and path {@code regex:}/{@code glob:} selectors are RE2
 * (linear time), so a pattern that backtracks catastrophically in java.util.regex answers at once.
 */
class GitRegexSecurityTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final String INPUT = "a".repeat(5_000) + "!";

  private static GitDiscoveryRequest request(List<String> allow, List<String> ignore,
      List<String> include) {
    return new GitDiscoveryRequest("https://git.example.com/r.git",
        CommitSelectionStrategy.LEXICAL, null, null, false, allow, ignore, null, include,
        null, 20, null, false);
  }

  @Test
  void tagRegexesDoNotBacktrack() {
    CommitSelection allow = new CommitSelection(request(List.of("(a+)+$"), null, null));
    assertThat(assertTimeoutPreemptively(SECOND, () -> allow.matchesTag(INPUT))).isFalse();
    CommitSelection ignore = new CommitSelection(request(null, List.of("^(a|aa)+$"), null));
    assertThat(assertTimeoutPreemptively(SECOND, () -> ignore.matchesTag(INPUT))).isTrue();
  }

  @Test
  void tagRegexesWithLookAroundFailNamingTheField() {
    assertThatThrownBy(() -> new CommitSelection(request(List.of("^v(?=1)"), null, null)))
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("allowTagsRegexes[0]")
        .hasMessageContaining("invalid or unsupported Perl syntax");
  }

  @Test
  void pathRegexSelectorsDoNotBacktrack() {
    Predicate<String> p = PathPatterns.parse("regex:(a|aa)+$");
    assertThat(assertTimeoutPreemptively(SECOND, () -> p.test(INPUT))).isFalse();
  }

  @Test
  void pathGlobSelectorsDoNotBacktrack() {
    Predicate<String> p = PathPatterns.parse("glob:*a*a*a*a*a*a*a*a*a*a*a*b");
    String path = "a".repeat(200);
    assertThat(assertTimeoutPreemptively(SECOND, () -> p.test(path))).isFalse();
  }

  @Test
  void badPathRegexesFailNamingTheSelector() {
    assertThatThrownBy(() -> new CommitSelection(request(null, null, List.of("regex:(a)\\1"))))
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("includePaths")
        .hasMessageContaining("invalid escape sequence");
  }
}
