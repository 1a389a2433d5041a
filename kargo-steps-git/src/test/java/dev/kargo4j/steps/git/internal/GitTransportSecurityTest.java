package dev.kargo4j.steps.git.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Credentials;
import java.util.List;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;

/** Issue 13 (finding 3, 11 and the lower items) at the level of the URL and credential rules. */
class GitTransportSecurityTest {

  @Test
  void credentialsAnswerOnlyForTheirOrigin() throws Exception {
    var p = new GitTransport.OriginCredentials(RepoUrls.origin("https://git.example.com/org/repo.git"),
        Credentials.basic("kargo", "s3cret"), false);
    for (String same : List.of("https://git.example.com/org/repo.git", "https://GIT.example.com:443/other.git")) {
      CredentialItem.Username u = new CredentialItem.Username();
      CredentialItem.Password pw = new CredentialItem.Password();
      assertThat(p.get(new URIish(same), u, pw)).as(same).isTrue();
      assertThat(new String(pw.getValue())).isEqualTo("s3cret");
    }
    for (String other : List.of("https://evil.example.com/org/repo.git", "http://git.example.com/org/repo.git",
        "https://git.example.com:8443/org/repo.git", "ssh://git.example.com/org/repo.git")) {
      CredentialItem.Password pw = new CredentialItem.Password();
      assertThat(p.get(new URIish(other), new CredentialItem.Username(), pw)).as(other).isFalse();
      assertThat(pw.getValue()).isNull();
    }
  }

  @Test
  void insecureTrustsTheCertificateForThisOperationOnlyAndNeverStoresIt() throws Exception {
    String url = "https://git.example.com/repo.git";
    var insecure = new GitTransport.OriginCredentials(RepoUrls.origin(url), null, true);
    var now = new CredentialItem.YesNoType("now");
    var forRepo = new CredentialItem.YesNoType("repo");
    var always = new CredentialItem.YesNoType("always");
    assertThat(insecure.supports(new CredentialItem.InformationalMessage("x"), now, forRepo, always)).isTrue();
    insecure.get(new URIish(url), new CredentialItem.InformationalMessage("x"), now, forRepo, always);
    assertThat(List.of(now.getValue(), forRepo.getValue(), always.getValue())).containsExactly(true, false, false);

    var strict = new GitTransport.OriginCredentials(RepoUrls.origin(url), null, false);
    var now2 = new CredentialItem.YesNoType("now");
    strict.get(new URIish(url), new CredentialItem.InformationalMessage("x"), now2);
    assertThat(now2.getValue()).isFalse();
  }

  @Test
  void onlyRemoteSchemesAreAllowedByDefault() {
    for (String ok : List.of("https://github.com/org/repo.git", "http://127.0.0.1:8080/git/r.git",
        "ssh://git@github.com/org/repo.git", "git@github.com:org/repo.git", "git://example.com/repo.git")) {
      RepoUrls.requireAllowed(ok, false, "repoURL");
    }
    for (String local : List.of("file:///etc/repo.git", "/var/lib/secret.git", "../other.git", "repo.git",
        "file://localhost/etc/repo.git", "FILE:///etc/r.git", "C:\\repos\\secret.git", "c:/repos/secret.git")) {
      assertThatThrownBy(() -> RepoUrls.requireAllowed(local, false, "repoURL")).as(local)
          .isInstanceOf(KargoException.class).hasMessageContaining("local repositories are not allowed")
          .hasMessageContaining("GitHostPolicy.allowingLocalRepositories()");
      RepoUrls.requireAllowed(local, true, "repoURL");
    }
    for (String bad : List.of("amazon-s3://.jgit@bucket/repo.git", "sftp://host/repo.git", "ftp://host/r.git")) {
      assertThatThrownBy(() -> RepoUrls.requireAllowed(bad, true, "repoURL")).as(bad)
          .isInstanceOf(KargoException.class).hasMessageContaining("not a remote git URL");
    }
  }

  @Test
  void userInfoIsNeverKept() {
    assertThat(RepoUrls.withoutUserInfo("https://user:p@ss@git.example.com/r.git")).isEqualTo("https://git.example.com/r.git");
    assertThat(RepoUrls.withoutUserInfo("https://token@git.example.com/r.git")).isEqualTo("https://git.example.com/r.git");
    assertThat(RepoUrls.withoutUserInfo("ssh://git:pw@git.example.com/r.git")).isEqualTo("ssh://git@git.example.com/r.git");
    assertThat(RepoUrls.withoutUserInfo("git@github.com:org/r.git")).isEqualTo("git@github.com:org/r.git");
    assertThat(RepoUrls.withoutUserInfo("https://git.example.com/a@b/r.git")).isEqualTo("https://git.example.com/a@b/r.git");
  }
}
