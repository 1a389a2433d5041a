package dev.kargo4j.steps.git.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Credentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RebaseCommand;
import org.eclipse.jgit.api.RebaseResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.Checkout;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheCheckout.CheckoutMetadata;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.CoreConfig.EolStreamType;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * One checkout (a linked worktree of a {@link BareRepo}, or any ordinary repository) and the
 * operations the git steps run in it. Not thread-safe; open, use and close within one step.
 */
public final class WorkTree implements AutoCloseable {
  private final Git git;
  private final Repository repo;
  private final Path path;

  private WorkTree(Git git, Path path) {
    this.git = git;
    this.repo = git.getRepository();
    this.path = path;
  }

  /**
   * Opens the checkout at {@code path} made by git-clone in the work directory {@code workRoot}.
   * Fails when it is not a git working tree, or when its git folders are not in the promotion's
   * git store: a {@code .git} file written by a step could otherwise point at any repository on
   * the host's disk (or one with content-controlled config and alternates).
   */
  public static WorkTree open(Path path, Path workRoot) {
    WorkTree wt = open(path);
    try {
      Path store = workRoot.resolve(BareRepo.STORE_DIR).toRealPath();
      for (java.io.File dir : List.of(wt.repo.getDirectory(), wt.repo.getCommonDirectory())) {
        if (!dir.toPath().toRealPath().startsWith(store)) {
          throw new KargoException("'" + workRoot.relativize(path) + "' is not a checkout made by git-clone in this "
              + "promotion (its .git points elsewhere); check it out with git-clone first");
        }
      }
      return wt;
    } catch (IOException e) {
      wt.close();
      throw new KargoException("'" + workRoot.relativize(path) + "' is not a checkout made by git-clone in this "
          + "promotion; check it out with git-clone first");
    } catch (RuntimeException e) {
      wt.close();
      throw e;
    }
  }

  /** Opens the checkout at {@code path}; fails when it is not a git working tree. */
  static WorkTree open(Path path) {
    if (!Files.exists(path.resolve(".git"))) {
      throw new KargoException("'" + path + "' is not a git working tree (no .git); check it out with git-clone first");
    }
    try {
      return new WorkTree(Git.open(path.toFile(), GitFs.get()), path);
    } catch (IOException e) {
      throw new KargoException("error opening the git working tree at '" + path + "': " + GitErrors.describe(e, null));
    }
  }

  /** The URL of remote {@code origin}; never contains credentials that were not in the config. */
  public String url() {
    String url = repo.getConfig().getString("remote", "origin", "url");
    if (url == null) {
      throw new KargoException("the git working tree at '" + path + "' has no remote 'origin'");
    }
    return url;
  }

  /**
   * The settings of talking to {@link #url()}: {@code creds} for it, and TLS leniency when the
   * git-clone that made this checkout asked for {@code insecureSkipTLSVerify}.
   */
  public GitTransport.Remote remote(Credentials creds, boolean allowLocal) {
    boolean insecure = Files.isRegularFile(repo.getDirectory().toPath().resolve(BareRepo.INSECURE_MARKER));
    return new GitTransport.Remote(url(), creds, null, allowLocal, insecure);
  }

  /** The checked-out branch, or empty when HEAD is detached. */
  public Optional<String> currentBranch() {
    try {
      Ref head = repo.exactRef(Constants.HEAD);
      if (head != null && head.isSymbolic()) {
        return Optional.of(Repository.shortenRefName(head.getTarget().getName()));
      }
      return Optional.empty();
    } catch (IOException e) {
      throw io("reading HEAD", e);
    }
  }

  /** The commit HEAD points to; fails when there is none. */
  public String headCommit() {
    try {
      ObjectId id = repo.resolve(Constants.HEAD);
      if (id == null) {
        throw new KargoException("the git working tree at '" + path + "' has no commit yet");
      }
      return id.name();
    } catch (IOException e) {
      throw io("resolving HEAD", e);
    }
  }

  /**
   * Writes the tree of {@code commit} into a fresh index and the (empty) working directory.
   * Paths outside {@code sparse} (when given) are kept in the index but not written, as a
   * cone-mode sparse checkout does (flagged assume-valid, which JGit and git both leave alone).
   */
  void checkoutFresh(ObjectId commit, List<String> sparse) throws IOException {
    List<String> cones = new ArrayList<>();
    for (String s : sparse) {
      String c = s.replace('\\', '/');
      while (c.startsWith("./")) {
        c = c.substring(2);
      }
      while (c.endsWith("/")) {
        c = c.substring(0, c.length() - 1);
      }
      if (c.isEmpty() || c.startsWith("/") || c.startsWith("..") || c.contains("/../")
          || c.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[')) {
        throw new KargoException("sparse path '" + s + "' is not allowed: use a relative directory "
            + "inside the repository, without '..' or glob characters (e.g. 'src/app')");
      }
      cones.add(c);
    }
    DirCache dc = repo.lockDirCache();
    boolean committed = false;
    try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
         TreeWalk tw = new TreeWalk(repo, reader)) {
      DirCacheBuilder b = dc.builder();
      if (commit != null) {
        RevCommit c = walk.parseCommit(commit);
        tw.addTree(c.getTree());
        tw.setRecursive(true);
        Checkout checkout = new Checkout(repo);
        CheckoutMetadata meta = new CheckoutMetadata(EolStreamType.DIRECT, null);
        while (tw.next()) {
          String p = tw.getPathString();
          DirCacheEntry e = new DirCacheEntry(p);
          e.setFileMode(tw.getFileMode(0));
          e.setObjectId(tw.getObjectId(0));
          if (cones.isEmpty() || inCone(p, cones)) {
            if (FileMode.GITLINK.equals(e.getFileMode())) {
              checkout.checkoutGitlink(e, p);
            } else {
              checkout.checkout(e, meta, reader, p);
            }
          } else {
            e.setAssumeValid(true); // JGit cannot set skip-worktree; assume-valid keeps the file out of status and add
          }
          b.add(e);
        }
      }
      b.commit();
      committed = true;
    } finally {
      if (!committed) {
        dc.unlock();
      }
    }
  }

  private static boolean isSparse(DirCacheEntry e) {
    return e.isSkipWorkTree() || e.isAssumeValid();
  }

  /** Cone mode: everything below a cone, plus files directly in the root or in a cone's parents. */
  static boolean inCone(String file, List<String> cones) {
    int slash = file.lastIndexOf('/');
    String parent = slash < 0 ? "" : file.substring(0, slash);
    for (String cone : cones) {
      if (file.startsWith(cone + "/")) {
        return true;
      }
      if (parent.isEmpty() || cone.equals(parent) || cone.startsWith(parent + "/")) {
        return true;
      }
    }
    return false;
  }

  /** {@code git add -A}: stages new, changed and deleted files (skip-worktree entries stay). */
  public void addAll() {
    try {
      List<DirCacheEntry> skipped = skipWorkTreeEntries();
      git.add().addFilepattern(".").setAll(true).call();
      if (!skipped.isEmpty()) {
        restore(skipped);
      }
    } catch (GitAPIException | IOException e) {
      throw new KargoException("error staging changes in '" + path + "': " + GitErrors.describe(e, null));
    }
  }

  private List<DirCacheEntry> skipWorkTreeEntries() throws IOException {
    List<DirCacheEntry> out = new ArrayList<>();
    DirCache dc = repo.readDirCache();
    for (int i = 0; i < dc.getEntryCount(); i++) {
      DirCacheEntry e = dc.getEntry(i);
      if (isSparse(e)) {
        out.add(e);
      }
    }
    return out;
  }

  private void restore(List<DirCacheEntry> skipped) throws IOException {
    DirCache dc = repo.lockDirCache();
    boolean committed = false;
    try {
      java.util.Map<String, DirCacheEntry> byPath = new java.util.TreeMap<>();
      for (int i = 0; i < dc.getEntryCount(); i++) {
        byPath.put(dc.getEntry(i).getPathString(), dc.getEntry(i));
      }
      for (DirCacheEntry e : skipped) {
        byPath.put(e.getPathString(), e);
      }
      DirCacheBuilder b = dc.builder();
      byPath.values().forEach(b::add);
      b.commit();
      committed = true;
    } finally {
      if (!committed) {
        dc.unlock();
      }
    }
  }

  /**
   * Kargo's git-clear: stages everything, then removes every tracked file from the index and
   * the working tree (ignored files and {@code .git} stay), pruning emptied directories.
   */
  public void clear() {
    addAll();
    DirCache dc;
    try {
      dc = repo.lockDirCache();
    } catch (IOException e) {
      throw io("locking the index", e);
    }
    boolean committed = false;
    try {
      for (int i = 0; i < dc.getEntryCount(); i++) {
        DirCacheEntry e = dc.getEntry(i);
        if (isSparse(e)) {
          continue;
        }
        Path f = path.resolve(e.getPathString());
        if (FileMode.GITLINK.equals(e.getFileMode())) {
          deleteTree(f);
        } else {
          Files.deleteIfExists(f);
        }
        pruneEmptyParents(f.getParent());
      }
      DirCacheBuilder b = dc.builder();
      b.commit();
      committed = true;
    } catch (IOException e) {
      throw io("clearing the working tree", e);
    } finally {
      if (!committed) {
        dc.unlock();
      }
    }
  }

  private void pruneEmptyParents(Path dir) throws IOException {
    Path root = path.toAbsolutePath().normalize();
    Path d = dir == null ? null : dir.toAbsolutePath().normalize();
    while (d != null && d.startsWith(root) && !d.equals(root)) {
      try (var s = Files.list(d)) {
        if (s.findAny().isPresent()) {
          return;
        }
      }
      Files.delete(d);
      d = d.getParent();
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }

  /** True when the index differs from HEAD (call {@link #addAll()} first). */
  public boolean hasStagedChanges() {
    try (ObjectInserter ins = repo.newObjectInserter()) {
      DirCache dc = repo.readDirCache();
      ObjectId indexTree = dc.writeTree(ins);
      ins.flush();
      ObjectId head = repo.resolve(Constants.HEAD + "^{tree}");
      if (head == null) {
        return dc.getEntryCount() > 0;
      }
      return !indexTree.equals(head);
    } catch (IOException e) {
      throw io("comparing the index with HEAD", e);
    }
  }

  /** Commits the index; {@code author} (may be null) overrides the configured identity. */
  public String commit(String message, Author author) {
    try {
      var cmd = git.commit().setMessage(message).setNoVerify(true).setSign(false).setAllowEmpty(true);
      if (author != null) {
        PersonIdent who = new PersonIdent(author.name(), author.email());
        cmd.setAuthor(who).setCommitter(who);
      }
      return cmd.call().getId().name();
    } catch (GitAPIException e) {
      throw new KargoException("error committing in '" + path + "': " + GitErrors.describe(e, null));
    }
  }

  /** Creates annotated tag {@code tag} at HEAD; with {@code force} an existing tag is replaced. */
  public void tag(String tag, String message, boolean force) {
    try {
      git.tag().setName(tag).setMessage(message).setAnnotated(true).setSigned(false)
          .setForceUpdate(force).setTagger(new PersonIdent(repo)).call();
    } catch (org.eclipse.jgit.api.errors.RefAlreadyExistsException e) {
      throw new KargoException("error creating tag '" + tag + "' in '" + path
          + "': the tag already exists; set force: true to move it");
    } catch (GitAPIException e) {
      throw new KargoException("error creating tag '" + tag + "' in '" + path + "': " + GitErrors.describe(e, null));
    }
  }

  /**
   * Fetches {@code branch} from origin into {@code refs/remotes/origin/<branch>}; empty when the
   * remote has no such branch. Uses one ls-remote-like advertisement and, only when the remote
   * head is not known locally, one fetch.
   */
  public Optional<ObjectId> fetchBranch(String branch, GitTransport.Remote remote) {
    String url = remote.url();
    Credentials creds = remote.creds();
    String remoteRef = Constants.R_HEADS + branch;
    try {
      var refs = GitTransport.configure(git.lsRemote(), remote).setRemote(url).setHeads(true).call();
      Ref found = refs.stream().filter(r -> r.getName().equals(remoteRef)).findFirst().orElse(null);
      if (found == null) {
        return Optional.empty();
      }
      ObjectId id = found.getObjectId();
      if (!repo.getObjectDatabase().has(id)) {
        FetchResult ignored = GitTransport.configure(git.fetch(), remote).setRemote(url)
            .setRefSpecs(new RefSpec("+" + remoteRef + ":" + Constants.R_REMOTES + "origin/" + branch))
            .setTagOpt(TagOpt.NO_TAGS).call();
      } else {
        var u = repo.updateRef(Constants.R_REMOTES + "origin/" + branch);
        u.setNewObjectId(id);
        u.setForceUpdate(true);
        u.update();
      }
      return Optional.of(id);
    } catch (GitAPIException | IOException e) {
      throw GitErrors.failure("fetching branch '" + branch + "' of", url, e, creds);
    }
  }

  /** Thrown when integrating remote changes stopped on a conflict. */
  public static final class MergeConflictException extends KargoException {
    private static final long serialVersionUID = 1L;

    MergeConflictException(String message) {
      super(message);
    }
  }

  /**
   * Rebases the checked-out branch onto {@code upstream} ({@code git pull --rebase}); a
   * conflict aborts the rebase and throws {@link MergeConflictException}.
   */
  public void rebaseOnto(ObjectId upstream) {
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId head = repo.resolve(Constants.HEAD);
      if (head == null || head.equals(upstream)) {
        return;
      }
      RevCommit up = walk.parseCommit(upstream);
      if (walk.isMergedInto(up, walk.parseCommit(head))) {
        return;
      }
      RebaseResult r = git.rebase().setUpstream(upstream).setStrategy(
          org.eclipse.jgit.merge.MergeStrategy.RECURSIVE).call();
      if (!r.getStatus().isSuccessful()) {
        try {
          git.rebase().setOperation(RebaseCommand.Operation.ABORT).call();
        } catch (GitAPIException ignored) {
          // the conflict is what the user needs to hear about
        }
        throw new MergeConflictException("the remote branch has changes that conflict with the "
            + "local commits in '" + path + "' (rebase " + r.getStatus().name().toLowerCase(Locale.ROOT)
            + (r.getConflicts() == null ? "" : " on " + r.getConflicts()) + ")");
      }
    } catch (GitAPIException | IOException e) {
      throw new KargoException("error rebasing '" + path + "' onto the remote branch: " + GitErrors.describe(e, null));
    }
  }

  /** The outcome of one push. */
  public enum PushStatus { OK, NON_FAST_FORWARD }

  /**
   * Pushes {@code source} (e.g. {@code HEAD}) to {@code refs/heads/<branch>} or a tag ref on
   * origin. A rejection because the remote moved is reported as {@link PushStatus#NON_FAST_FORWARD};
   * any other rejection fails.
   */
  public PushStatus push(String source, String destinationRef, boolean force, GitTransport.Remote remote) {
    String url = remote.url();
    Credentials creds = remote.creds();
    try {
      Iterable<PushResult> results = GitTransport.pushRetryingPackLocks(() -> GitTransport.configure(git.push(), remote)
          .setRemote(url).setRefSpecs(new RefSpec(source + ":" + destinationRef).setForceUpdate(force))
          .setForce(force).call());
      for (PushResult pr : results) {
        for (RemoteRefUpdate u : pr.getRemoteUpdates()) {
          switch (u.getStatus()) {
            case OK, UP_TO_DATE -> { }
            case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
              return PushStatus.NON_FAST_FORWARD;
            }
            case REJECTED_OTHER_REASON -> {
              String m = String.valueOf(u.getMessage()).toLowerCase(Locale.ROOT);
              if (m.contains("cannot lock ref") || m.contains("failed to lock") || m.contains("fetch first")
                  || m.contains("incorrect old value") || m.contains("failed to update ref")) {
                return PushStatus.NON_FAST_FORWARD;
              }
              throw new KargoException("the push of " + destinationRef + " to " + RepoUrls.redact(url)
                  + " was rejected: " + GitErrors.scrub(String.valueOf(u.getMessage()), creds));
            }
            default -> throw new KargoException("the push of " + destinationRef + " to "
                + RepoUrls.redact(url) + " failed: " + u.getStatus()
                + (u.getMessage() == null ? "" : " (" + GitErrors.scrub(u.getMessage(), creds) + ")"));
          }
        }
      }
      return PushStatus.OK;
    } catch (GitAPIException e) {
      throw GitErrors.failure("pushing to", url, e, creds);
    }
  }

  /** The working directory. */
  public Path path() {
    return path;
  }

  private KargoException io(String what, IOException e) {
    return new KargoException("error " + what + " in '" + path + "': " + GitErrors.describe(e, null));
  }

  @Override
  public void close() {
    git.close();
  }
}
