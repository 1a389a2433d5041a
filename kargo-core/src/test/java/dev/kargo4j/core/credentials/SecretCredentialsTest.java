package dev.kargo4j.core.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.CredentialsSecret;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.spi.CredentialType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretCredentialsTest {
  static CredentialsSecret secret(String name, CredentialType type, String url, boolean regex, String password) {
    return new CredentialsSecret(ObjectMeta.of("demo", name), type, url, regex, "user-" + name, password, "", Map.of());
  }

  final SecretCredentials creds = SecretCredentials.of(List.of(
      secret("exact", CredentialType.GIT, "https://GitHub.com/acme/repo.git/", false, "pw-exact"),
      secret("pattern", CredentialType.GIT, "^https://github\\.com/acme/.*", true, "pw-pattern"),
      secret("image", CredentialType.IMAGE, "ghcr.io/acme/app", false, "pw-image")));

  @Test
  void anExactNormalisedUrlWinsOverAPattern() {
    assertThat(creds.credentials(CredentialType.GIT, "https://github.com/acme/repo").orElseThrow().password())
        .isEqualTo("pw-exact");
    assertThat(creds.credentials(CredentialType.GIT, "https://github.com/acme/other.git").orElseThrow().password())
        .isEqualTo("pw-pattern");
  }

  @Test
  void typesDoNotMixAndUnknownUrlsHaveNone() {
    assertThat(creds.credentials(CredentialType.IMAGE, "https://github.com/acme/repo")).isEmpty();
    assertThat(creds.credentials(CredentialType.IMAGE, "ghcr.io/acme/app").orElseThrow().username())
        .isEqualTo("user-image");
    assertThat(creds.credentials(CredentialType.GIT, "https://gitlab.com/acme/repo")).isEmpty();
  }

  @Test
  void toStringNeverShowsPasswords() {
    assertThat(creds.toString()).doesNotContain("pw-");
    assertThat(creds.credentials(CredentialType.GIT, "https://github.com/acme/repo").orElseThrow().toString())
        .doesNotContain("pw-exact");
  }
}
