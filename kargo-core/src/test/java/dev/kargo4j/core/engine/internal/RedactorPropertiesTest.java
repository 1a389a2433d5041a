package dev.kargo4j.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/**
 * Issue 13, lower items (masking): for any secret and any surrounding text, the masked text
 * never contains the secret, nor its URL-encoded or base64 forms.
 */
class RedactorPropertiesTest {

  @Provide
  Arbitrary<String> secret() {
    // hostile shapes too: the mask itself, repeats, unicode, separators
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMinLength(4).ofMaxLength(40),
        Arbitraries.strings().withChars('*', 'a', '@', ':', '%', '+', '/').ofMinLength(4).ofMaxLength(12),
        Arbitraries.strings().alpha().numeric().ofMinLength(4).ofMaxLength(64));
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.strings().withChars('*', 'a', '@', ':', '%', '+', '/').ofMaxLength(20));
  }

  @Property(tries = 1500)
  void maskedTextNeverContainsTheSecret(@ForAll("secret") String secret, @ForAll("text") String before,
      @ForAll("text") String after, @ForAll("text") String middle) {
    Redactor r = new Redactor();
    r.remember(Map.of("token", secret));
    String text = before + secret + middle + secret + after;
    assertThat(r.mask(text)).doesNotContain(secret);
    assertThat(r.redact(text)).doesNotContain(secret);
    @SuppressWarnings("unchecked")
    Map<String, Object> tree = (Map<String, Object>) r.redactTree(Map.of(text, List.of(text)));
    assertThat(tree.toString()).doesNotContain(secret);
  }

  @Property(tries = 1000)
  void encodedSecretsAreMaskedToo(@ForAll("secret") String secret, @ForAll("text") String before,
      @ForAll @StringLength(max = 5) String encodedPrefix) {
    Redactor r = new Redactor();
    r.remember(Map.of("token", secret));
    String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    assertThat(r.mask(before + form + before)).doesNotContain(form);
    String b64 = Base64.getEncoder().encodeToString((encodedPrefix + secret + before).getBytes(StandardCharsets.UTF_8));
    String masked = r.mask("Authorization: Basic " + b64);
    for (String core : Redactor.base64Cores(secret)) {
      if (core.length() >= 8) {
        assertThat(masked).doesNotContain(core);
      }
    }
    if (secret.getBytes(StandardCharsets.UTF_8).length >= 7) {
      assertThat(masked).doesNotContain(b64);
    }
  }

  @Property(tries = 500)
  void basicCredentialsOfAnyPairAreMasked(@ForAll @StringLength(min = 1, max = 20) String user,
      @ForAll("secret") String password) {
    Redactor r = new Redactor();
    r.remember(Map.of("username", user, "password", password));
    String header = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(r.redact("sent " + header + " to the server")).doesNotContain(header.substring(6));
  }
}
