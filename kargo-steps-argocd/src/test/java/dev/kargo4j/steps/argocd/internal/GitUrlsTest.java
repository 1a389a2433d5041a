package dev.kargo4j.steps.argocd.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The cases of Kargo's pkg/urls TestNormalizeGit. */
class GitUrlsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      https://not a url|https://not a url
      http://github.com/example/repo?foo=bar|http://github.com/example/repo?foo=bar
      ssh://not a url|ssh://not a url
      ssh://github.com/example/repo?foo=bar|ssh://github.com/example/repo?foo=bar
      not even remotely a url|not even remotely a url
      https://github.com|https://github.com
      https://github.com/|https://github.com
      https://foo:bar@github.com|https://github.com
      https://foo:bar@github.com/|https://github.com
      https://github.com/example/repo|https://github.com/example/repo
      https://github.com/example/repo/|https://github.com/example/repo
      https://github.com/example/repo.git|https://github.com/example/repo
      https://github.com/example/repo.git/|https://github.com/example/repo
      https://localhost:8443/example/repo|https://localhost:8443/example/repo
      https://localhost:8443/example/repo.git/|https://localhost:8443/example/repo
      https://foo:bar@github.com/example/repo.git|https://github.com/example/repo
      https://foo:bar@localhost:8443/example/repo.git/|https://localhost:8443/example/repo
      HTTPS://GitHub.com/Example/Repo.GIT|https://github.com/example/repo
      ssh://git.example.com|ssh://git.example.com
      ssh://git.example.com/|ssh://git.example.com
      ssh://git@git.example.com|ssh://git@git.example.com
      ssh://github.com/example/repo.git/|ssh://github.com/example/repo
      ssh://localhost:2222/example/repo.git|ssh://localhost:2222/example/repo
      ssh://git@github.com/example/repo/|ssh://git@github.com/example/repo
      ssh://git@localhost:2222/example/repo.git/|ssh://git@localhost:2222/example/repo
      git.example.com|ssh://git.example.com
      git@git.example.com|ssh://git@git.example.com
      github.com:example/repo|ssh://github.com/example/repo
      github.com:example/repo.git/|ssh://github.com/example/repo
      git@github.com:example/repo|ssh://git@github.com/example/repo
      git@github.com:example/repo.git|ssh://git@github.com/example/repo
      """)
  void normalizesLikeKargo(String in, String out) {
    assertThat(GitUrls.normalize(in)).isEqualTo(out);
  }

  @org.junit.jupiter.api.Test
  void dropsInvisibleCharactersAndSurroundingSpace() {
    assertThat(GitUrls.normalize("\uFEFF https://github.com/example/repo.git \n")).isEqualTo("https://github.com/example/repo");
  }
}
