package dev.kargo4j.core.freight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cases beyond the conformance vectors, following Go's net/url and go-containerregistry. */
class RepoUrlsTest {
  @Test
  void git() {
    assertThat(RepoUrls.normalizeGit("https://user:pass@github.com:443/a/b.git/")).isEqualTo("https://github.com:443/a/b");
    assertThat(RepoUrls.normalizeGit("HTTPS://GitHub.com/A/B.GIT")).isEqualTo("https://github.com/a/b");
    assertThat(RepoUrls.normalizeGit("  https://github.com/a/b\u200b  ")).isEqualTo("https://github.com/a/b");
    assertThat(RepoUrls.normalizeGit("https://github.com/a%20b.git")).isEqualTo("https://github.com/a%20b");
    assertThat(RepoUrls.normalizeGit("https://github.com/a/b#frag")).isEqualTo("https://github.com/a/b#frag");
    assertThat(RepoUrls.normalizeGit("ssh://git@[::1]:22/a.git")).isEqualTo("ssh://git@[::1]:22/a");
    assertThat(RepoUrls.normalizeGit("https://localhost:80:80/x")).isEqualTo("https://localhost:80:80/x");
    assertThat(RepoUrls.normalizeGit("https://github.com/a/b?x=1")).isEqualTo("https://github.com/a/b?x=1");
    assertThat(RepoUrls.normalizeGit("https://github.com/a/%zz")).isEqualTo("https://github.com/a/%zz");
    assertThat(RepoUrls.normalizeGit("git@github.com:a/b")).isEqualTo("ssh://git@github.com/a/b");
  }

  @Test
  void images() {
    assertThat(RepoUrls.normalizeImage("nginx:1.27")).isEqualTo("nginx");
    assertThat(RepoUrls.normalizeImage("localhost/foo")).isEqualTo("localhost/foo");
    assertThat(RepoUrls.normalizeImage("localhost:5000/foo/bar")).isEqualTo("localhost:5000/foo/bar");
    assertThat(RepoUrls.normalizeImage("GHCR.io/A/B")).isEqualTo("ghcr.io/a/b");
    assertThat(RepoUrls.normalizeImage("ghcr.io/a/b@sha256:" + "0".repeat(64))).isEqualTo("ghcr.io/a/b");
    assertThat(RepoUrls.normalizeImage("ghcr.io/a/b:1.0@sha256:" + "0".repeat(64))).isEqualTo("ghcr.io/a/b");
    assertThat(RepoUrls.normalizeImage("a")).isEqualTo("a");
    assertThat(RepoUrls.normalizeImage("ghcr.io/a/b:")).isEqualTo("ghcr.io/a/b:");
    assertThat(RepoUrls.normalizeImage("user@ghcr.io/a/b")).isEqualTo("user@ghcr.io/a/b");
  }

  @Test
  void charts() {
    assertThat(RepoUrls.normalizeChart("oci://GHCR.io/a/b")).isEqualTo("ghcr.io/a/b");
    assertThat(RepoUrls.normalizeChart("oci://docker.io/library/redis")).isEqualTo("redis");
    assertThat(RepoUrls.normalizeChart("https://charts.example.com/%zz")).isEqualTo("https://charts.example.com/%zz");
  }
}
