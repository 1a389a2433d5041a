package dev.kargo4j.steps.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Repository URLs come from Stage and Warehouse authors and from {@code .gitmodules}: for any
 * of them the URL rules fail only with a {@link KargoException}, quickly, and a password never
 * survives {@link RepoUrls#withoutUserInfo}.
 */
class RepoUrlsFuzzTest {

  @Provide
  Arbitrary<String> urls() {
    Arbitrary<String> scheme = Arbitraries.of("https://", "http://", "ssh://", "git://", "file://", "FILE://",
        "git+ssh://", "amazon-s3://", "sftp://", "ext::", "", "//", "C:", "c:\\", "\\\\server\\share\\");
    Arbitrary<String> user = Arbitraries.of("", "u@", "u:PASSWORD@", "u:PASS@WORD@", ":PASSWORD@", "@", "a@b@",
        "%40:PASSWORD%40@");
    Arbitrary<String> host = Arbitraries.of("", "github.com", "127.0.0.2:8080", "[::1]:22", "localhost",
        "host:", "h\u00e9st", "..", "/");
    Arbitrary<String> path = Arbitraries.oneOf(
        Arbitraries.of("", "/org/repo.git", "/../../etc/passwd", ":org/repo.git", "/a@b/c", "?x=1#f", "/%00"),
        Arbitraries.strings().ofMaxLength(40),
        Arbitraries.strings().withChars('/', '.', ':', '@', '\\', '%', 'a').ofMaxLength(2000));
    return Combinators.combine(scheme, user, host, path).as((s, u, h, p) -> s + u + h + p);
  }

  @Property(tries = 1500)
  void onlyKargoExceptionsEscapeAndPasswordsNeverSurvive(@ForAll("urls") String url) {
    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      int scheme = url.indexOf("://");
      int slash = scheme < 0 ? -1 : url.indexOf('/', scheme + 3);
      String authority = scheme < 0 ? "" : url.substring(scheme + 3, slash < 0 ? url.length() : slash);
      boolean secret = authority.contains("PASSWORD") && authority.lastIndexOf('@') > authority.indexOf("PASSWORD")
          && (slash < 0 || !url.substring(slash).contains("PASSWORD"));
      for (boolean allowLocal : new boolean[] {false, true}) {
        try {
          RepoUrls.requireAllowed(url, allowLocal, "repoURL");
        } catch (KargoException e) {
          if (secret) {
            assertThat(e.getMessage()).doesNotContain("PASSWORD");
          }
        }
      }
      RepoUrls.origin(url);
      String clean = RepoUrls.withoutUserInfo(url);
      if (secret) {
        assertThat(clean).doesNotContain("PASSWORD");
      }
    });
  }
}
