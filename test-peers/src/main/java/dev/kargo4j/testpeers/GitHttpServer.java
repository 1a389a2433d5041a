package dev.kargo4j.testpeers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A real git smart-HTTP server for integration tests: lighttpd in front of
 * {@code git-http-backend}, with HTTP basic authentication, bound to 127.0.0.1 on a free port,
 * configured in a temporary directory (see {@code TEST-PEERS.md} §1a). Clone, fetch, ls-remote
 * and push work for the configured user; a wrong password gets HTTP 401.
 *
 * <pre>{@code
 * try (GitHttpServer git = GitHttpServer.start()) {
 *   String url = git.createRepo("demo", seedDir);   // http://127.0.0.1:<port>/git/demo.git
 *   ... clone url with git.username() / git.password() ...
 * }
 * }</pre>
 *
 * <p>When lighttpd, htpasswd, git or git-http-backend is missing, {@link #start()} skips the
 * calling test through a JUnit assumption. Thread-safe: repositories can be created while clients
 * use the server. {@link #close()} stops the one process this object started and deletes its
 * directory.
 */
public final class GitHttpServer implements AutoCloseable {
  /** Debian's location of the CGI program. */
  public static final Path GIT_HTTP_BACKEND = Path.of("/usr/lib/git-core/git-http-backend");

  private static final Pattern REPO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

  private final Path base;
  private final Path repos;
  private final int port;
  private final String username;
  private final String password;
  private final Process process;

  private GitHttpServer(Path base, int port, String username, String password, Process process) {
    this.base = base;
    this.repos = base.resolve("repos");
    this.port = port;
    this.username = username;
    this.password = password;
    this.process = process;
  }

  /** Starts a server with user {@code kargo} and a password made for this run. */
  public static GitHttpServer start() {
    return builder().start();
  }

  /** A builder to choose the user and password. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds and starts a {@link GitHttpServer}. Not thread-safe. */
  public static final class Builder {
    private String username = "kargo";
    private String password = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));

    private Builder() {}

    /** The one user the server accepts. */
    public Builder user(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Starts lighttpd; skips the calling test when a binary is missing. */
    public GitHttpServer start() {
      Path lighttpd = TestPeers.requireBinary("lighttpd",
          "apt-get install -y --no-install-recommends lighttpd apache2-utils");
      Path htpasswd = TestPeers.requireBinary("htpasswd", "apt-get install -y apache2-utils");
      TestPeers.requireBinary("git", "apt-get install -y git");
      TestPeers.requireBinary(GIT_HTTP_BACKEND.toString(), "apt-get install -y git");
      Path base;
      try {
        base = Files.createTempDirectory("git-lighttpd-");
        Files.createDirectories(base.resolve("repos"));
        Files.createDirectories(base.resolve("www"));
      } catch (IOException e) {
        throw new UncheckedIOException("could not create the server directory", e);
      }
      TestPeers.run(base, htpasswd.toString(), "-bc", base.resolve("htpasswd").toString(),
          username, password);
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = TestPeers.freePort();
        Path conf = writeConfig(base, port);
        TestPeers.run(base, lighttpd.toString(), "-tt", "-f", conf.toString());
        ProcessBuilder pb = new ProcessBuilder(lighttpd.toString(), "-D", "-f", conf.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(base.resolve("stdout.log").toFile());
        Optional<Process> started = TestPeers.startListening(pb, port, Duration.ofSeconds(10), "lighttpd");
        if (started.isPresent()) {
          Process p = started.get();
          return new GitHttpServer(base, port, username, password, p);
        }
        last = new IllegalStateException("lighttpd did not listen on 127.0.0.1:" + port
            + "; see " + base.resolve("error.log"));
      }
      throw last;
    }
  }

  private static Path writeConfig(Path b, int port) {
    String conf = """
        server.modules = ( "mod_access", "mod_alias", "mod_auth", "mod_authn_file", "mod_cgi", "mod_setenv" )
        server.bind = "127.0.0.1"
        server.port = %d
        server.document-root = "%s"
        server.errorlog = "%s"
        server.pid-file = "%s"
        alias.url = ( "/git/" => "%s/" )
        $HTTP["url"] =~ "^/git/" {
          cgi.assign = ( "" => "" )
          setenv.set-environment = ( "GIT_PROJECT_ROOT" => "%s", "GIT_HTTP_EXPORT_ALL" => "1" )
          auth.backend = "htpasswd"
          auth.backend.htpasswd.userfile = "%s"
          auth.require = ( "" => ( "method" => "basic", "realm" => "git", "require" => "valid-user" ) )
        }
        """.formatted(port, b.resolve("www"), b.resolve("error.log"), b.resolve("lighttpd.pid"),
        GIT_HTTP_BACKEND, b.resolve("repos"), b.resolve("htpasswd"));
    Path file = b.resolve("lighttpd.conf");
    try {
      Files.writeString(file, conf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    return file;
  }

  /** {@code http://127.0.0.1:<port>/git/}: repositories live below it. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/git/";
  }

  /** The clone URL of repository {@code name}, e.g. {@code http://127.0.0.1:4711/git/demo.git}. */
  public String repoUrl(String name) {
    return baseUrl() + checkName(name) + ".git";
  }

  /** The port the server listens on (127.0.0.1 only). */
  public int port() {
    return port;
  }

  /** The user the server accepts. */
  public String username() {
    return username;
  }

  /** That user's password. */
  public String password() {
    return password;
  }

  /** The bare repository directory of {@code name} on the server's disk. */
  public Path repoDir(String name) {
    return repos.resolve(checkName(name) + ".git");
  }

  /** Creates an empty bare repository whose default branch is {@code main}; returns its URL. */
  public String createRepo(String name) {
    Path dir = repoDir(name);
    if (Files.exists(dir)) {
      throw new IllegalArgumentException("repository '" + name + "' already exists");
    }
    try {
      Files.createDirectories(dir.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + dir.getParent(), e);
    }
    TestPeers.run(repos, "git", "init", "-q", "--bare", "-b", "main", dir.toString());
    return repoUrl(name);
  }

  /**
   * Creates a bare repository whose {@code main} branch has one commit holding the files of
   * {@code seed} (recursively); returns its URL.
   */
  public String createRepo(String name, Path seed) {
    String url = createRepo(name);
    commit(name, "main", seed, "Initial commit");
    return url;
  }

  /**
   * Commits the content of {@code dir} (replacing the whole tree) on top of {@code branch} of
   * repository {@code name}, directly on the server's disk, as another user of the repository
   * would; returns the new commit id.
   */
  public String commit(String name, String branch, Path dir, String message) {
    Path gitDir = repoDir(name);
    Path index;
    try {
      index = Files.createTempFile(base, "index-", "");
      Files.delete(index);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create an index file", e);
    }
    Map<String, String> env = Map.of(
        "GIT_INDEX_FILE", index.toString(),
        "GIT_AUTHOR_NAME", "Test Peer", "GIT_AUTHOR_EMAIL", "peer@example.invalid",
        "GIT_COMMITTER_NAME", "Test Peer", "GIT_COMMITTER_EMAIL", "peer@example.invalid");
    try {
      git(env, gitDir, "--work-tree=" + dir, "add", "-A", ".");
      String tree = git(env, gitDir, "write-tree").trim();
      List<String> args = new ArrayList<>(List.of("commit-tree", tree, "-m", message));
      Optional<String> parent = head(name, branch);
      parent.ifPresent(p -> args.addAll(List.of("-p", p)));
      String commit = git(env, gitDir, args.toArray(String[]::new)).trim();
      git(env, gitDir, "update-ref", "refs/heads/" + branch, commit);
      return commit;
    } finally {
      try {
        Files.deleteIfExists(index);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }

  /** The commit {@code refs/heads/<branch>} of repository {@code name} points to, if any. */
  public Optional<String> head(String name, String branch) {
    String out = git(Map.of(), repoDir(name), "for-each-ref", "--format=%(objectname)",
        "refs/heads/" + branch).trim();
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  /**
   * Runs {@code git --git-dir=<repo> args...} on the server's copy of repository {@code name} and
   * returns its standard output, e.g. {@code git("demo", "log", "--format=%s", "main")}.
   */
  public String git(String name, String... args) {
    return git(Map.of(), repoDir(name), args);
  }

  private static String git(Map<String, String> env, Path gitDir, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.add("--git-dir=" + gitDir);
    cmd.addAll(List.of(args));
    return TestPeers.run(gitDir, env, cmd);
  }

  private static String checkName(String name) {
    if (name == null || !REPO_NAME.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException("invalid repository name '" + name
          + "'; allowed: letters, digits, '.', '_', '-', '/'");
    }
    return name;
  }

  /** Stops lighttpd (the process this object started) and deletes the server directory. */
  public void stop() {
    TestPeers.stop(process);
    TestPeers.deleteRecursively(base);
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "GitHttpServer[" + baseUrl() + ", user=" + username + "]";
  }
}
