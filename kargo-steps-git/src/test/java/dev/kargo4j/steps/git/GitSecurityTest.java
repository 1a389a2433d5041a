package dev.kargo4j.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.steps.FileCopier;
import dev.kargo4j.testkit.StepTestKit;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 attacks on the git steps that need no server: hooks from repository content
 * (finding 1), local repositories (finding 11), the discovery cache (finding 12), and the sticky
 * {@code http.sslVerify=false} (lower).
 */
class GitSecurityTest {
  @TempDir Path tmp;
  Path remote;
  String url;
  Path work;
  Path marker;

  @BeforeEach
  void setUp() throws Exception {
    marker = tmp.resolve("PWNED");
    remote = tmp.resolve("remote.git");
    url = TestRepos.bare(remote, Map.of("README.md", "hi\n"));
    // the Stage author pushes an executable "hook" to a repository they control
    Path seed = tmp.resolve("seed");
    try (Git git = Git.cloneRepository().setURI(url).setDirectory(seed.toFile()).call()) {
      for (String hook : List.of("post-commit", "pre-commit", "commit-msg", "pre-push", "post-checkout",
          "post-merge", "pre-rebase", "reference-transaction")) {
        Path h = seed.resolve("evil/" + hook);
        Files.createDirectories(h.getParent());
        Files.writeString(h, "#!/bin/sh\necho " + hook + " >> '" + marker + "'\n");
        Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Attacker", "a@example.invalid");
      git.commit().setMessage("hooks").setAuthor(who).setCommitter(who).setSign(false).call();
      git.push().setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
    }
    work = Files.createDirectories(tmp.resolve("work"));
  }

  private static Path store(Path work) throws Exception {
    try (Stream<Path> s = Files.walk(work)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".git") && Files.isDirectory(p.resolve("objects")))
          .findFirst().orElseThrow();
    }
  }

  @Test
  void copyCannotWriteIntoTheGitStoreAndNoHookEverRuns() throws Exception {
    TestRepos.kit(new GitCloner(), work, CredentialsProvider.NONE).config(Map.of("repoURL", url, "checkout",
        List.of(Map.of("branch", "main", "path", "./src"), Map.of("branch", "out", "create", true, "path", "./out"))))
        .run();
    Path store = store(work);
    String hooks = work.relativize(store.resolve("hooks")).toString();
    // the copy step is refused (the store is reserved for the engine) ...
    Throwable refused = null;
    try {
      StepTestKit.forRunner(new FileCopier()).workDir(work)
          .config(Map.of("inPath", "./src/evil", "outPath", hooks)).run();
    } catch (KargoException e) {
      refused = e;
    }
    // ... and even a symbolic link into it does not help
    Files.createSymbolicLink(work.resolve("link"), work.relativize(store));
    try {
      StepTestKit.forRunner(new FileCopier()).workDir(work)
          .config(Map.of("inPath", "./src/evil", "outPath", "./link/hooks")).run();
    } catch (KargoException e) {
      // expected after the fix
    }
    Files.writeString(work.resolve("out/a.txt"), "a\n");
    TestRepos.kit(new GitCommitter(), work, CredentialsProvider.NONE)
        .config(Map.of("path", "./out", "message", "m")).run();
    TestRepos.kit(new GitPusher(), work, CredentialsProvider.NONE).config(Map.of("path", "./out")).run();
    assertThat(marker).as("a hook from the repository ran as the host").doesNotExist();
    assertThat(refused).as("copy into the git store").isNotNull();
    assertThat(refused.getMessage()).contains("reserved");
    assertThat(Files.exists(store.resolve("hooks/post-commit"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void hooksPlantedInTheStoreOrConfiguredInTheRepositoryNeverRun() throws Exception {
    TestRepos.kit(new GitCloner(), work, CredentialsProvider.NONE).config(Map.of("repoURL", url, "checkout",
        List.of(Map.of("branch", "out", "create", true, "path", "./out")))).run();
    Path store = store(work);
    // whatever writes into the store (a bug elsewhere, another step kind): hooks still never run
    Path src = tmp.resolve("remote-hooks");
    Files.createDirectories(src);
    for (String hook : List.of("post-commit", "pre-commit", "commit-msg", "pre-push", "prepare-commit-msg")) {
      for (Path dir : List.of(store.resolve("hooks"), src)) {
        Files.createDirectories(dir);
        Path h = dir.resolve(hook);
        Files.writeString(h, "#!/bin/sh\necho " + hook + " >> '" + marker + "'\n");
        Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwxr-xr-x"));
      }
    }
    try (var r = TestRepos.open(store)) {
      r.getConfig().setString("core", null, "hooksPath", src.toString());
      r.getConfig().save();
    }
    Files.writeString(work.resolve("out/a.txt"), "a\n");
    TestRepos.kit(new GitCommitter(), work, CredentialsProvider.NONE)
        .config(Map.of("path", "./out", "message", "m")).run();
    TestRepos.kit(new GitPusher(), work, CredentialsProvider.NONE).config(Map.of("path", "./out")).run();
    assertThat(marker).as("a hook ran as the host").doesNotExist();
  }

  @Test
  void filterCommandsFromAGitConfigNeverRun() throws Exception {
    TestRepos.kit(new GitCloner(), work, CredentialsProvider.NONE).config(Map.of("repoURL", url, "checkout",
        List.of(Map.of("branch", "out", "create", true, "path", "./out")))).run();
    try (var r = TestRepos.open(store(work))) {
      r.getConfig().setString("filter", "evil", "clean", "sh -c 'echo clean >> \"" + marker + "\"; cat'");
      r.getConfig().setString("filter", "evil", "smudge", "sh -c 'echo smudge >> \"" + marker + "\"; cat'");
      r.getConfig().save();
    }
    Files.writeString(work.resolve("out/.gitattributes"), "* filter=evil\n");
    Files.writeString(work.resolve("out/a.txt"), "a\n");
    try {
      TestRepos.kit(new GitCommitter(), work, CredentialsProvider.NONE)
          .config(Map.of("path", "./out", "message", "m")).run();
    } catch (KargoException e) {
      assertThat(e.getMessage()).contains("runs no commands");
    }
    assertThat(marker).as("a filter command from the git config ran as the host").doesNotExist();
  }

  @Test
  void aDotGitFileWrittenByAStepCannotPointTheGitStepsAtAHostRepository() throws Exception {
    TestRepos.kit(new GitCloner(), work, CredentialsProvider.NONE).config(Map.of("repoURL", url, "checkout",
        List.of(Map.of("branch", "main", "path", "./src"), Map.of("branch", "out", "create", true, "path", "./out"))))
        .run();
    // a repository of the host's, elsewhere on its disk
    Path host = tmp.resolve("host-repo");
    try (Git git = Git.cloneRepository().setURI(url).setDirectory(host.toFile()).call()) {
      assertThat(git.getRepository().getDirectory()).exists();
    }
    String before = TestRepos.head(host.resolve(".git"), "HEAD").orElseThrow();
    // repository content names it; copy puts that in place of out/.git
    Files.writeString(work.resolve("src/gitfile"), "gitdir: " + host.resolve(".git").toAbsolutePath() + "\n");
    StepTestKit.forRunner(new FileCopier()).workDir(work)
        .config(Map.of("inPath", "./src/gitfile", "outPath", "./out/.git")).run();
    Files.writeString(work.resolve("out/pwned.txt"), "x\n");
    assertThatThrownBy(() -> TestRepos.kit(new GitCommitter(), work, CredentialsProvider.NONE)
        .config(Map.of("path", "./out", "message", "m")).run())
        .isInstanceOf(KargoException.class).hasMessageContaining("not a checkout made by git-clone");
    assertThat(TestRepos.head(host.resolve(".git"), "HEAD")).as("the host's repository").contains(before);
  }

  @Test
  void theHostCanAllowLocalRepositories() throws Exception {
    var r = StepTestKit.forRunner(new GitCloner()).workDir(work)
        .capability(Capability.CREDENTIALS, CredentialsProvider.NONE)
        .capability(GitHostPolicy.CAPABILITY, GitHostPolicy.allowingLocalRepositories())
        .config(Map.of("repoURL", url, "checkout", List.of(Map.of("branch", "main", "path", "./src")))).run();
    assertThat(work.resolve("src/README.md")).hasContent("hi\n");
    assertThat(r.status().name()).isEqualTo("SUCCEEDED");
  }

  @Test
  void localRepositoriesAreRefusedUnlessTheHostOptsIn() throws Exception {
    for (String local : List.of(url, remote.toString(), "file://" + remote, "../remote.git")) {
      Path w = Files.createTempDirectory(tmp, "w");
      assertThatThrownBy(() -> StepTestKit.forRunner(new GitCloner()).workDir(w)
          .capability(Capability.CREDENTIALS, CredentialsProvider.NONE)
          .config(Map.of("repoURL", local, "checkout", List.of(Map.of("branch", "main", "path", "./src")))).run())
          .as(local).isInstanceOf(KargoException.class)
          .hasMessageContaining("local repositories are not allowed");
      assertThat(w.resolve("src/README.md")).doesNotExist();
    }
  }

  @Test
  void discoveryOfLocalRepositoriesIsRefusedUnlessTheHostOptsIn() {
    GitDiscovery d = GitDiscovery.builder().cacheDir(tmp.resolve("cache")).build();
    assertThatThrownBy(() -> d.discover(GitDiscoveryRequest.builder(url).build(), null))
        .isInstanceOf(KargoException.class).hasMessageContaining("local repositories are not allowed");
  }

  @Test
  void theDefaultDiscoveryCacheIsPrivateAndNotAtASharedPredictablePath() throws Exception {
    Path dir = new GitSubscriptionSource().cacheDir();
    assertThat(dir).isNotEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "kargo4j-git-cache"));
    assertThat(Files.getPosixFilePermissions(dir)).containsExactlyInAnyOrder(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
  }

  @Test
  void aCacheOthersCanWriteOrASymlinkedCacheIsRefused() throws Exception {
    Path open = Files.createDirectories(tmp.resolve("open-cache"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path link = Files.createSymbolicLink(tmp.resolve("link-cache"), Files.createDirectories(tmp.resolve("real")));
    for (Path cache : List.of(open, link)) {
      GitDiscovery d = TestRepos.discovery(GitDiscovery.builder().cacheDir(cache)).build();
      assertThatThrownBy(() -> d.discover(GitDiscoveryRequest.builder(url).build(), null))
          .as(cache.toString()).isInstanceOf(KargoException.class).hasMessageContaining("git cache");
    }
  }

  @Test
  void projectsWithDifferentCredentialsNeverShareAMirror() throws Exception {
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwx------"));
    for (String password : List.of("team-a-token", "team-b-token")) {
      CredentialsProvider p = (type, u) -> type == CredentialType.GIT
          ? Optional.of(Credentials.basic("git", password)) : Optional.empty();
      TestRepos.discovery(GitDiscovery.builder().cacheDir(cache).credentials(p)).build()
          .discover(GitDiscoveryRequest.builder(url).build(), null);
    }
    try (Stream<Path> s = Files.list(cache)) {
      assertThat(s.filter(p -> p.toString().endsWith(".git")).count()).isEqualTo(2);
    }
  }

  @Test
  void insecureSkipTlsVerifyIsNotStoredForLaterClones() throws Exception {
    TestRepos.kit(new GitCloner(), work, CredentialsProvider.NONE).config(Map.of("repoURL", url,
        "insecureSkipTLSVerify", true, "checkout", List.of(Map.of("branch", "main", "path", "./src")))).run();
    Path store = store(work);
    assertThat(Files.readString(store.resolve("config")).toLowerCase()).doesNotContain("sslverify");
  }

  @Test
  void storedRemoteUrlsNeverCarryUserInfo() throws Exception {
    Set<String> seen = new java.util.HashSet<>();
    String withUser = "file://someone:s3cret@" + remote.toAbsolutePath();
    try {
      TestRepos.kit(new GitCloner(), work, CredentialsProvider.NONE).config(Map.of("repoURL", withUser,
          "checkout", List.of(Map.of("branch", "main", "path", "./src")))).run();
    } catch (KargoException e) {
      seen.add(e.getMessage());
    }
    try (Stream<Path> s = Files.walk(work)) {
      for (Path p : s.filter(p -> p.getFileName().toString().equals("config")).toList()) {
        assertThat(Files.readString(p)).doesNotContain("s3cret");
      }
    }
    assertThat(seen).allSatisfy(m -> assertThat(m).doesNotContain("s3cret"));
  }
}
