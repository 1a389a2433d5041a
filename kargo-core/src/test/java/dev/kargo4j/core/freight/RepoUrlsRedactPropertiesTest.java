package dev.kargo4j.core.freight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, lower item: {@link RepoUrls#redact} removes the whole user information of a URL,
 * whatever the user name and password hold ({@code @} and {@code :} included).
 */
class RepoUrlsRedactPropertiesTest {

  @Test
  void aPasswordContainingAtIsRemovedWhole() {
    // the git module's pattern stopped at the first @ and left "ss@w0rd@" in the message
    assertThat(RepoUrls.redact("cannot fetch https://alice:p@ss@w0rd@git.example.com/x.git now"))
        .isEqualTo("cannot fetch https://git.example.com/x.git now");
    assertThat(RepoUrls.redact("a https://u:p@h/x and ssh://git:k@ey@h2:22/r?q=a@b#c@d, then https://h3/@scope/pkg"))
        .isEqualTo("a https://h/x and ssh://h2:22/r?q=a@b#c@d, then https://h3/@scope/pkg");
    assertThat(RepoUrls.redact("no url@here")).isEqualTo("no url@here");
    assertThat(RepoUrls.redact(null)).isNull();
  }

  /** Characters a user writes into a URL's user information unescaped: all but the authority's ends. */
  @Provide
  Arbitrary<String> userinfoPart() {
    return Arbitraries.strings().withCharRange('!', '~').withChars('@', ':', '%', 'é')
        .excludeChars('/', '?', '#').ofMinLength(1).ofMaxLength(24);
  }

  @Property(tries = 1000)
  void redactedUrlsHoldNeitherUserNorPassword(@ForAll("userinfoPart") String user,
      @ForAll("userinfoPart") String password, @ForAll @StringLength(max = 30) String before,
      @ForAll("path") String path) {
    String url = "https://" + user + ":" + password + "@git.example.com" + path;
    String text = before + " " + url + " trailing";
    String redacted = RepoUrls.redact(text);
    String expected = " https://git.example.com" + path + " trailing";
    String tail = redacted.substring(redacted.lastIndexOf(" https://"));
    assertThat(tail).isEqualTo(expected);
    if (!expected.contains(password)) {
      assertThat(tail).doesNotContain(password);
    }
    if (!expected.contains(user)) {
      assertThat(tail).doesNotContain(user);
    }
  }

  @Property(tries = 500)
  void percentEncodedUserinfoOfAnyTextIsRemoved(@ForAll @StringLength(min = 1, max = 40) String user,
      @ForAll @StringLength(min = 1, max = 40) String password) {
    String u = URLEncoder.encode(user, StandardCharsets.UTF_8);
    String p = URLEncoder.encode(password, StandardCharsets.UTF_8);
    assertThat(RepoUrls.redact("x https://" + u + ":" + p + "@h.example/r.git"))
        .isEqualTo("x https://h.example/r.git");
  }

  @Provide
  Arbitrary<String> path() {
    return Arbitraries.of("", "/", "/org/repo.git", "?ref=main", "#frag", "/@scope/pkg@1.0");
  }
}
