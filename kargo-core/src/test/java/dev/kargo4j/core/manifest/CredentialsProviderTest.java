package dev.kargo4j.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.CredentialsProvider;
import org.junit.jupiter.api.Test;

class CredentialsProviderTest {
  private static String secret(String name, String project, String type, String data) {
    return "---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\n  namespace: " + project
        + "\n  labels: {kargo.akuity.io/cred-type: " + type + "}\nstringData:\n" + data;
  }

  @Test
  void findsCredentialsAsKargoDoes() {
    ManifestSet set = Manifests.loadString("creds.yaml",
        secret("b-git", "demo", "git", "  repoURL: https://github.com/example/repo.git\n  username: u1\n  password: p1\n")
        + secret("a-regex", "demo", "git", "  repoURL: '^https://github.com/other/.*$'\n  repoURLIsRegex: 'true'\n  password: p2\n")
        + secret("c-image", "demo", "image", "  repoURL: docker.io/library/nginx\n  password: p3\n")
        + secret("d-other", "other", "git", "  repoURL: https://github.com/example/repo\n  password: p4\n"));
    CredentialsProvider demo = set.credentialsProvider("demo");
    assertThat(demo.credentials(CredentialType.GIT, "https://GitHub.com/example/repo/").orElseThrow().password()).isEqualTo("p1");
    assertThat(demo.credentials(CredentialType.GIT, "https://github.com/other/x").orElseThrow().password()).isEqualTo("p2");
    assertThat(demo.credentials(CredentialType.IMAGE, "nginx").orElseThrow().password()).isEqualTo("p3");
    assertThat(demo.credentials(CredentialType.HELM, "nginx")).isEmpty();
    assertThat(demo.credentials(CredentialType.GIT, "https://github.com/third/x")).isEmpty();
    assertThat(set.credentialsProvider("other").credentials(CredentialType.GIT, "https://github.com/example/repo.git")
        .orElseThrow().password()).isEqualTo("p4");
  }
}
