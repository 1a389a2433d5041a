package dev.kargo4j.steps.git.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.WorkDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;

/**
 * The one object store of a repository inside a promotion's work directory: a bare repository
 * fetched once (all branches and tags, mapped as {@code git clone --bare} maps them), to which
 * each checkout is added as a linked git worktree ({@code <bare>/worktrees/<name>} plus a
 * {@code .git} file in the checkout), the layout the git CLI uses. Not thread-safe: one step
 * uses it at a time.
 */
public final class BareRepo implements AutoCloseable {
  /**
   * Where bare repositories live inside the work directory: below the engine's reserved folder,
   * which no step may read or write, so that repository content can never become one of the
   * store's hooks or config.
   */
  public static final String STORE_DIR = WorkDir.RESERVED_DIR + "/git";

  /**
   * A file in a checkout's private git folder ({@code <store>/worktrees/<name>}) saying that
   * its git-clone asked for {@code insecureSkipTLSVerify}, so that git-push of that checkout
   * talks to the remote the same way; kept out of the git config, so nothing else inherits it.
   */
  static final String INSECURE_MARKER = "kargo4j-insecure-skip-tls-verify";

  private final Repository repo;
  private final GitTransport.Remote remote;
  private final boolean fetched;

  private BareRepo(Repository repo, GitTransport.Remote remote, boolean fetched) {
    this.repo = repo;
    this.remote = remote;
    this.fetched = fetched;
  }

  /**
   * The bare repository of {@code remote.url()} in {@code workDir}: fetched now when it does not
   * exist yet (one network fetch), reused as it is otherwise (a later git-clone step of the same
   * promotion fetches nothing). The URL must be one the host allows; it is stored without user
   * information.
   */
  public static BareRepo cloneOrReuse(Path workDir, GitTransport.Remote remote, Author author) {
    String url = remote.url();
    RepoUrls.requireAllowed(url, remote.allowLocal(), "repoURL");
    GitTransport.Remote bare = new GitTransport.Remote(RepoUrls.withoutUserInfo(url), remote.creds(), remote.host(),
        remote.allowLocal(), remote.insecure());
    Path dir = workDir.resolve(STORE_DIR).resolve(key(url) + ".git");
    try {
      if (Files.isRegularFile(dir.resolve("config")) && Files.isDirectory(dir.resolve("objects"))) {
        Repository r = new FileRepositoryBuilder().setFS(GitFs.get()).setGitDir(dir.toFile()).setBare().build();
        BareRepo reused = new BareRepo(r, bare, false);
        reused.configure(author);
        return reused;
      }
      Files.createDirectories(dir.getParent());
      Repository r;
      try (Git git = Git.init().setFs(GitFs.get()).setBare(true).setDirectory(dir.toFile()).setInitialBranch("main")
          .call()) {
        r = git.getRepository();
        r.incrementOpen();
      }
      BareRepo created = new BareRepo(r, bare, true);
      created.configure(author);
      created.fetchAll();
      return created;
    } catch (IOException | GitAPIException e) {
      throw GitErrors.failure("cloning", url, e, remote.creds());
    }
  }

  private static String key(String url) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1")
          .digest(RepoUrls.normalize(url).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is always available", e);
    }
  }

  private void configure(Author author) throws IOException {
    StoredConfig c = repo.getConfig();
    c.setString("remote", "origin", "url", remote.url());
    if (author != null) {
      c.setString("user", null, "name", author.name());
      c.setString("user", null, "email", author.email());
    } else if (c.getString("user", null, "name") == null) {
      c.setString("user", null, "name", Author.KARGO.name());
      c.setString("user", null, "email", Author.KARGO.email());
    }
    // a user's global git configuration must not change what a promotion writes
    c.setBoolean("commit", null, "gpgSign", false);
    c.setBoolean("tag", null, "gpgSign", false);
    c.setBoolean("core", null, "autocrlf", false);
    // no background auto-gc: the store lives only as long as the promotion
    c.setInt("gc", null, "auto", 0);
    // hooks never run (GitFs); should anything ever look, it finds an empty folder nobody writes to
    c.setString("core", null, "hooksPath", GitFs.emptyHooksDir().toString());
    // TLS leniency is per operation (GitTransport), never stored: a later clone must not inherit it
    c.unset("http", null, "sslVerify");
    c.save();
  }

  private void fetchAll() throws GitAPIException, IOException {
    try (Git git = new Git(repo)) {
      FetchResult result = GitTransport.configure(git.fetch(), remote)
          .setRemote(remote.url())
          .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
          .setTagOpt(TagOpt.NO_TAGS)
          .call();
      Ref head = result.getAdvertisedRef(Constants.HEAD);
      String target = null;
      if (head != null && head.isSymbolic()) {
        target = head.getTarget().getName();
      } else if (head != null && head.getObjectId() != null) {
        for (Ref r : result.getAdvertisedRefs()) {
          if (r.getName().startsWith(Constants.R_HEADS) && head.getObjectId().equals(r.getObjectId())) {
            if (target == null || r.getName().equals("refs/heads/main") || r.getName().equals("refs/heads/master")) {
              target = r.getName();
            }
          }
        }
      }
      if (target != null) {
        RefUpdate u = repo.updateRef(Constants.HEAD);
        u.link(target);
      }
    }
  }

  /** Fetches all branches and tags again, for a store reused from an earlier step. */
  public void refresh() {
    try {
      fetchAll();
    } catch (IOException | GitAPIException e) {
      throw GitErrors.failure("fetching", remote.url(), e, remote.creds());
    }
  }

  /** The repository URL, as configured (without user information). */
  public String url() {
    return remote.url();
  }

  /** True when this object fetched from the remote (false when an existing store was reused). */
  public boolean fetched() {
    return fetched;
  }

  /** The directory of the bare repository. */
  public Path dir() {
    return repo.getDirectory().toPath();
  }

  /** The remote's default branch (the target of the fetched HEAD), if known. */
  public Optional<String> defaultBranch() {
    try {
      Ref head = repo.exactRef(Constants.HEAD);
      if (head != null && head.isSymbolic() && head.getTarget().getObjectId() != null) {
        return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commit {@code refs/heads/<branch>} points to locally, if the branch exists. */
  public Optional<ObjectId> branch(String branch) {
    try {
      Ref r = repo.exactRef(Constants.R_HEADS + branch);
      return Optional.ofNullable(r).map(Ref::getObjectId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The commit a tag points to (peeled), if the tag exists. */
  public Optional<ObjectId> tagCommit(String tag) {
    try {
      Ref r = repo.exactRef(Constants.R_TAGS + tag);
      if (r == null) {
        return Optional.empty();
      }
      return Optional.of(peelToCommit(r.getObjectId()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The full id of the commit {@code rev} (a full or abbreviated sha) names, if present. */
  public Optional<ObjectId> commit(String rev) {
    try {
      ObjectId id = repo.resolve(rev + "^{commit}");
      return Optional.ofNullable(id);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private ObjectId peelToCommit(ObjectId id) throws IOException {
    try (RevWalk walk = new RevWalk(repo)) {
      RevObject o = walk.parseAny(id);
      while (o instanceof RevTag t) {
        o = walk.parseAny(t.getObject());
      }
      if (!(o instanceof RevCommit)) {
        throw new KargoException("tag object " + id.name() + " does not point to a commit");
      }
      return o.getId();
    }
  }

  /**
   * Creates branch {@code branch} on the remote as an orphan with one empty commit
   * ("Initial commit"), as Kargo's {@code create: true} does, and the same branch locally. When
   * someone else created the branch meanwhile, theirs is fetched and used instead.
   */
  public ObjectId createOrphanBranch(String branch) {
    String url = remote.url();
    Credentials creds = remote.creds();
    try (ObjectInserter ins = repo.newObjectInserter(); Git git = new Git(repo)) {
      ObjectId emptyTree = ins.insert(new TreeFormatter());
      PersonIdent who = new PersonIdent(repo);
      CommitBuilder cb = new CommitBuilder();
      cb.setTreeId(emptyTree);
      cb.setAuthor(who);
      cb.setCommitter(who);
      cb.setMessage("Initial commit");
      ObjectId commit = ins.insert(cb);
      ins.flush();
      Iterable<PushResult> results = GitTransport.pushRetryingPackLocks(() -> GitTransport.configure(git.push(), remote)
          .setRemote(url)
          .setRefSpecs(new RefSpec(commit.name() + ":" + Constants.R_HEADS + branch))
          .call());
      RemoteRefUpdate.Status found = null;
      for (PushResult pr : results) {
        RemoteRefUpdate ru = pr.getRemoteUpdate(Constants.R_HEADS + branch);
        if (ru != null) {
          found = ru.getStatus();
        }
      }
      RemoteRefUpdate.Status status = found;
      if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
        setLocalBranch(branch, commit);
        return commit;
      }
      if ((status == RemoteRefUpdate.Status.REJECTED_NONFASTFORWARD
          || status == RemoteRefUpdate.Status.REJECTED_REMOTE_CHANGED
          || status == RemoteRefUpdate.Status.REJECTED_OTHER_REASON)) {
        // the branch appeared on the remote since we fetched: use it
        GitTransport.configure(git.fetch(), remote).setRemote(url)
            .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch))
            .setTagOpt(TagOpt.NO_TAGS).call();
        return branch(branch).orElseThrow(() -> new KargoException("could not create branch '"
            + branch + "' in " + RepoUrls.redact(url) + ": the push was rejected (" + status + ")"));
      }
      throw new KargoException("could not create branch '" + branch + "' in " + RepoUrls.redact(url)
          + ": push status " + status);
    } catch (IOException | GitAPIException e) {
      throw GitErrors.failure("creating branch '" + branch + "' in", url, e, creds);
    }
  }

  private void setLocalBranch(String branch, ObjectId commit) throws IOException {
    RefUpdate u = repo.updateRef(Constants.R_HEADS + branch);
    u.setNewObjectId(commit);
    u.setForceUpdate(true);
    u.update();
  }

  /** Checkouts already registered: worktree gitdir name to the checkout's {@code .git} path. */
  public Map<String, Path> workTrees() {
    Map<String, Path> out = new TreeMap<>();
    Path wts = dir().resolve("worktrees");
    if (!Files.isDirectory(wts)) {
      return out;
    }
    try (Stream<Path> s = Files.list(wts)) {
      for (Path wt : s.toList()) {
        Path gitdir = wt.resolve("gitdir");
        if (Files.isRegularFile(gitdir)) {
          out.put(wt.getFileName().toString(), Path.of(Files.readString(gitdir).trim()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Adds a checkout at {@code path} (which must not exist or be empty). With {@code branch}
   * the checkout is on that local branch (which must exist); otherwise HEAD is detached at
   * {@code commit}. {@code sparse}, when not empty, limits the files written to those
   * directories (cone mode: files at the root and directly in their parents are kept too).
   */
  public WorkTree addWorkTree(Path path, String branch, ObjectId commit, List<String> sparse) {
    try {
      Path abs = path.toAbsolutePath().normalize();
      if (Files.exists(abs)) {
        try (Stream<Path> s = Files.list(abs)) {
          if (s.findAny().isPresent()) {
            throw new KargoException("cannot check out into '" + path + "': the directory exists and is not empty");
          }
        }
      }
      if (branch != null) {
        String ref = Constants.R_HEADS + branch;
        for (Map.Entry<String, Path> e : workTrees().entrySet()) {
          Path head = dir().resolve("worktrees").resolve(e.getKey()).resolve("HEAD");
          if (Files.isRegularFile(head) && Files.readString(head).trim().equals("ref: " + ref)
              && Files.exists(e.getValue())) {
            throw new KargoException("branch '" + branch + "' is already checked out at '"
                + e.getValue().getParent() + "'; a branch can be in one checkout only");
          }
        }
      }
      Files.createDirectories(abs);
      String base = abs.getFileName() == null ? "wt" : abs.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
      if (base.isEmpty() || base.startsWith(".")) {
        base = "wt" + base;
      }
      Path wtGitDir = dir().resolve("worktrees").resolve(base);
      for (int i = 1; Files.exists(wtGitDir); i++) {
        wtGitDir = dir().resolve("worktrees").resolve(base + i);
      }
      Files.createDirectories(wtGitDir);
      Files.writeString(wtGitDir.resolve("commondir"), "../..\n");
      Files.writeString(wtGitDir.resolve("gitdir"), abs.resolve(".git") + "\n");
      Files.writeString(wtGitDir.resolve("HEAD"),
          branch != null ? "ref: " + Constants.R_HEADS + branch + "\n" : commit.name() + "\n");
      Files.writeString(abs.resolve(".git"), "gitdir: " + wtGitDir + "\n");
      if (remote.insecure()) {
        Files.writeString(wtGitDir.resolve(INSECURE_MARKER), "true\n");
      }
      WorkTree wt = WorkTree.open(abs);
      wt.checkoutFresh(commit, sparse == null ? List.of() : sparse);
      return wt;
    } catch (IOException e) {
      throw new KargoException("error adding a checkout at '" + path + "' to " + RepoUrls.redact(remote.url())
          + ": " + GitErrors.describe(e, null));
    }
  }

  /** Names of local branches, for messages. */
  public Set<String> branchNames() {
    try {
      return new java.util.TreeSet<>(repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS).stream()
          .map(r -> Repository.shortenRefName(r.getName())).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
