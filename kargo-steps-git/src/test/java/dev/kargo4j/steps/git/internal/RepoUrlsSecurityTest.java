package dev.kargo4j.steps.git.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 13, masking: the git steps' messages lose a password containing {@code @} whole. */
class RepoUrlsSecurityTest {
  @Test
  void aPasswordContainingAtLeavesNoTraceInAMessage() {
    assertThat(RepoUrls.redact("https://alice:p@ss@w0rd@git.example.com/x.git"))
        .isEqualTo("https://git.example.com/x.git");
    assertThat(RepoUrls.redact("cannot fetch https://bot:s3cr@t@git.example.com/x.git: refused"))
        .isEqualTo("cannot fetch https://git.example.com/x.git: refused")
        .doesNotContain("s3cr").doesNotContain("t@");
  }
}
