package dev.kargo4j.steps.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.testpeers.GitHttpServer;
import dev.kargo4j.testpeers.GitHttpServerExtension;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 3: the git host's credentials never reach another host, neither through a
 * redirect nor through a submodule URL; and a URL's user information is never stored.
 */
class GitSecurityIT {
  @RegisterExtension static final GitHttpServerExtension GIT = new GitHttpServerExtension();

  @TempDir Path tmp;
  HttpServer other;
  final List<String> otherAuth = new CopyOnWriteArrayList<>();
  final List<String> otherPaths = new CopyOnWriteArrayList<>();

  /** The "other host": records every Authorization header and asks for one, as a thief would. */
  @BeforeEach
  void startOtherHost() throws Exception {
    other = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
    other.createContext("/", ex -> {
      otherPaths.add(ex.getRequestURI().toString());
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth != null) {
        otherAuth.add(auth);
      }
      ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"steal\"");
      ex.sendResponseHeaders(401, -1);
      ex.close();
    });
    other.start();
  }

  @AfterEach
  void stop() {
    other.stop(0);
  }

  private String otherUrl(String path) {
    return "http://127.0.0.2:" + other.getAddress().getPort() + path;
  }

  /** The host's provider: it has a token for the git server's URL only, as a host would configure. */
  private static CredentialsProvider credentialsFor(GitHttpServer git) {
    return (type, url) -> type == CredentialType.GIT && url.startsWith("http://127.0.0.1:" + git.port() + "/")
        ? Optional.of(Credentials.basic(git.username(), git.password())) : Optional.empty();
  }

  @Test
  void aRedirectToAnotherHostNeverReceivesTheToken(GitHttpServer git) throws Exception {
    // the front server on the git host asks for credentials, then redirects to the other host
    HttpServer front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    front.createContext("/", ex -> {
      if (ex.getRequestHeaders().getFirst("Authorization") == null) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
        ex.sendResponseHeaders(401, -1);
      } else {
        ex.getResponseHeaders().add("Location", otherUrl(ex.getRequestURI().toString()));
        ex.sendResponseHeaders(302, -1);
      }
      ex.close();
    });
    front.start();
    try {
      String url = "http://127.0.0.1:" + front.getAddress().getPort() + "/git/repo.git";
      CredentialsProvider creds = (type, u) -> Optional.of(Credentials.basic(git.username(), git.password()));
      Path work = Files.createDirectories(tmp.resolve("w"));
      try {
        TestRepos.kit(new GitCloner(), work, creds).config(Map.of("repoURL", url,
            "checkout", List.of(Map.of("branch", "main", "path", "./src")))).run();
      } catch (RuntimeException expected) {
        // the clone fails: the other host has no repository for us
      }
      assertThat(otherPaths).as("the redirect was followed").isNotEmpty();
      assertThat(otherAuth).as("Authorization headers the other host received").isEmpty();
    } finally {
      front.stop(0);
    }
  }

  @Test
  void aSubmoduleOnAnotherHostNeverReceivesTheToken(GitHttpServer git) throws Exception {
    Path seed = Files.createDirectories(tmp.resolve("seed"));
    Files.writeString(seed.resolve("README.md"), "parent\n");
    String url = git.createRepo("parent", seed);
    addSubmodule(git.repoDir("parent"), "lib", otherUrl("/lib.git"), null);
    Path work = Files.createDirectories(tmp.resolve("w"));
    try {
      TestRepos.kit(new GitCloner(), work, credentialsFor(git)).config(Map.of("repoURL", url,
          "recurseSubmodules", true, "checkout", List.of(Map.of("branch", "main", "path", "./src")))).run();
    } catch (RuntimeException expected) {
      // the submodule cannot be fetched without credentials
    }
    assertThat(otherPaths).as("the submodule was fetched from the other host").isNotEmpty();
    assertThat(otherAuth).as("Authorization headers the other host received").isEmpty();
  }

  @Test
  void aRelativeSubmoduleOnTheSameHostGetsTheCredentials(GitHttpServer git) throws Exception {
    Path libSeed = Files.createDirectories(tmp.resolve("lib-seed"));
    Files.writeString(libSeed.resolve("lib.txt"), "lib\n");
    git.createRepo("lib", libSeed);
    Path seed = Files.createDirectories(tmp.resolve("seed"));
    Files.writeString(seed.resolve("README.md"), "parent\n");
    String url = git.createRepo("app", seed);
    addSubmodule(git.repoDir("app"), "lib", "../lib.git", git.head("lib", "main").orElseThrow());
    Path work = Files.createDirectories(tmp.resolve("w"));
    TestRepos.kit(new GitCloner(), work, credentialsFor(git)).config(Map.of("repoURL", url,
        "recurseSubmodules", true, "checkout", List.of(Map.of("branch", "main", "path", "./src")))).run();
    assertThat(work.resolve("src/lib/lib.txt")).hasContent("lib\n");
  }

  @Test
  void aSubmoduleOnTheHostsDiskIsRefusedByDefault(GitHttpServer git) throws Exception {
    Path seed = Files.createDirectories(tmp.resolve("seed"));
    Files.writeString(seed.resolve("README.md"), "parent\n");
    String url = git.createRepo("local-sub", seed);
    addSubmodule(git.repoDir("local-sub"), "secrets", git.repoDir("local-sub").toString(), null);
    Path work = Files.createDirectories(tmp.resolve("w"));
    assertThatThrownBy(() -> dev.kargo4j.testkit.StepTestKit.forRunner(new GitCloner()).workDir(work)
        .capability(dev.kargo4j.core.spi.Capability.CREDENTIALS, credentialsFor(git))
        .config(Map.of("repoURL", url, "recurseSubmodules", true,
            "checkout", List.of(Map.of("branch", "main", "path", "./src")))).run())
        .isInstanceOf(dev.kargo4j.KargoException.class)
        .hasMessageContaining("submodule 'secrets' url").hasMessageContaining("local repositories are not allowed");
    assertThat(work.resolve("src/secrets/README.md")).doesNotExist();
  }

  @Test
  void aUrlsUserInfoIsNeverStoredInTheGitConfig(GitHttpServer git) throws Exception {
    Path seed = Files.createDirectories(tmp.resolve("seed"));
    Files.writeString(seed.resolve("README.md"), "hi\n");
    String url = git.createRepo("userinfo", seed);
    String withUser = url.replace("http://", "http://" + git.username() + ":" + git.password() + "@");
    Path work = Files.createDirectories(tmp.resolve("w"));
    TestRepos.kit(new GitCloner(), work, credentialsFor(git)).config(Map.of("repoURL", withUser,
        "checkout", List.of(Map.of("branch", "main", "path", "./src")))).run();
    assertThat(work.resolve("src/README.md")).hasContent("hi\n");
    try (var s = Files.walk(work)) {
      for (Path p : s.filter(p -> p.getFileName().toString().equals("config")).toList()) {
        assertThat(Files.readString(p)).as(p.toString()).doesNotContain(git.password());
      }
    }
  }

  /** Commits a gitlink {@code path} with a .gitmodules entry pointing at {@code subUrl} on main. */
  private static void addSubmodule(Path bare, String path, String subUrl, String commit) throws Exception {
    try (Repository r = TestRepos.open(bare); ObjectInserter ins = r.newObjectInserter(); RevWalk walk = new RevWalk(r)) {
      ObjectId head = r.resolve("refs/heads/main");
      DirCache dc = DirCache.newInCore();
      DirCacheBuilder b = dc.builder();
      try (TreeWalk tw = new TreeWalk(r)) {
        tw.addTree(walk.parseCommit(head).getTree());
        tw.setRecursive(true);
        while (tw.next()) {
          DirCacheEntry e = new DirCacheEntry(tw.getPathString());
          e.setFileMode(tw.getFileMode(0));
          e.setObjectId(tw.getObjectId(0));
          b.add(e);
        }
      }
      String modules = "[submodule \"" + path + "\"]\n\tpath = " + path + "\n\turl = " + subUrl + "\n";
      DirCacheEntry gm = new DirCacheEntry(".gitmodules");
      gm.setFileMode(FileMode.REGULAR_FILE);
      gm.setObjectId(ins.insert(Constants.OBJ_BLOB, modules.getBytes(StandardCharsets.UTF_8)));
      b.add(gm);
      DirCacheEntry link = new DirCacheEntry(path);
      link.setFileMode(FileMode.GITLINK);
      link.setObjectId(ObjectId.fromString(commit != null ? commit : "0123456789012345678901234567890123456789"));
      b.add(link);
      b.finish();
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(dc.writeTree(ins));
      cb.setParentId(head);
      PersonIdent who = new PersonIdent("Attacker", "a@example.invalid");
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage("add submodule");
      ObjectId c = ins.insert(cb);
      ins.flush();
      RefUpdate u = r.updateRef("refs/heads/main");
      u.setNewObjectId(c);
      u.setForceUpdate(true);
      u.update();
    }
  }
}
