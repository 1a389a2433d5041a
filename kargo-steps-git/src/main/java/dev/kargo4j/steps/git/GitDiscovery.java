package dev.kargo4j.steps.git;

import dev.kargo4j.core.model.DiscoveredCommit;
import dev.kargo4j.core.model.GitDiscoveryRefs;
import dev.kargo4j.core.model.GitDiscoveryResult;
import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.steps.git.internal.CommitSelection;
import dev.kargo4j.steps.git.internal.GitMirror;
import dev.kargo4j.steps.git.internal.GitTransport;
import dev.kargo4j.steps.git.internal.RepoUrls;
import dev.kargo4j.steps.git.internal.TagInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the commits of git subscriptions as Kargo's Warehouses do (NewestFromBranch, SemVer,
 * Lexical, NewestTag; tag regexes, semver constraints, {@code expressionFilter},
 * {@code includePaths}/{@code excludePaths}, {@code since}, {@code discoveryLimit}).
 *
 * <p>Every call starts with one {@code ls-remote}. When the refs the subscription depends on are
 * the same as in the {@code previous} result, that result stands and nothing is fetched. Otherwise
 * the repository's mirror in the cache directory (one per normalised URL and credentials, shared
 * by every subscription and Warehouse using this object) is fetched, but only when its branches or tags
 * differ from the remote's, so that several Warehouses watching one repository cause one fetch.
 *
 * <p>Thread-safe: calls for different repositories run in parallel, calls for one repository
 * take turns.
 */
public final class GitDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(GitDiscovery.class);

  private final Path cacheDir;
  private final CredentialsProvider credentials;
  private final GitHostPolicy policy;
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final AtomicLong fetches = new AtomicLong();

  private GitDiscovery(Builder b) {
    this.cacheDir = b.cacheDir;
    this.credentials = b.credentials;
    this.policy = b.policy;
  }

  /** A builder; {@link Builder#cacheDir} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link GitDiscovery}. Not thread-safe. */
  public static final class Builder {
    private Path cacheDir;
    private CredentialsProvider credentials = CredentialsProvider.NONE;
    private GitHostPolicy policy = GitHostPolicy.remoteOnly();

    private Builder() {}

    /**
     * Where repository mirrors are kept; required. Created (0700) when missing; an existing
     * folder must be a real directory owned by the user the JVM runs as and closed to group and
     * others, or discovery fails. Mirrors are keyed by URL and credentials, so providers with
     * different credentials may share the folder without sharing mirrors.
     */
    public Builder cacheDir(Path dir) {
      this.cacheDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** The host's credentials, asked by (git, repository URL); default none. */
    public Builder credentials(CredentialsProvider provider) {
      this.credentials = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** Which repository URLs may be read; default {@link GitHostPolicy#remoteOnly()}. */
    public Builder hostPolicy(GitHostPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public GitDiscovery build() {
      if (cacheDir == null) {
        throw new KargoException("GitDiscovery needs a cacheDir");
      }
      return new GitDiscovery(this);
    }
  }

  /** How many fetches this object made so far (for tests and metrics). */
  public long fetchCount() {
    return fetches.get();
  }

  /**
   * Discovers the commits of {@code request}.
   *
   * @param previous the result of the last discovery of the same subscription, or null
   * @return the commits, best first, with the refs they were computed from
   * @throws KargoException when the repository cannot be read (the message names it and never
   *     contains credentials) or the subscription is invalid
   */
  public GitDiscoveryResult discover(GitDiscoveryRequest request, GitDiscoveryResult previous) {
    CommitSelection sel = new CommitSelection(request);
    String url = request.repoURL();
    RepoUrls.requireAllowed(url, policy.localRepositoriesAllowed(), "git subscription repoURL");
    Credentials creds = credentials.credentials(CredentialType.GIT, url).orElse(null);
    GitTransport.Remote access = new GitTransport.Remote(url, creds, null, policy.localRepositoriesAllowed(),
        request.insecureSkipTLSVerify());
    ReentrantLock lock = locks.computeIfAbsent(RepoUrls.normalize(url), k -> new ReentrantLock());
    lock.lock();
    try (GitMirror mirror = GitMirror.open(cacheDir, access)) {
      GitMirror.RemoteRefs remote = mirror.lsRemote();
      GitDiscoveryRefs observed = observe(sel, remote);
      if (previous != null && previous.repoURL().equals(url) && observed != null
          && observed.equals(previous.observedRefs())) {
        LOG.debug("remote refs of {} unchanged since the last discovery; nothing fetched", RepoUrls.redact(url));
        return new GitDiscoveryResult(url, previous.commits(), "", observed);
      }
      if (mirror.sync(remote)) {
        fetches.incrementAndGet();
        LOG.debug("fetched {}", RepoUrls.redact(url));
      }
      List<DiscoveredCommit> commits = sel.tagBased() ? selectTags(sel, mirror) : selectBranch(sel, mirror, remote);
      LOG.debug("discovered {} commits in {}", commits.size(), RepoUrls.redact(url));
      return new GitDiscoveryResult(url, commits, "", observed);
    } finally {
      lock.unlock();
    }
  }

  private static GitDiscoveryRefs observe(CommitSelection sel, GitMirror.RemoteRefs remote) {
    if (sel.tagBased()) {
      return sel.observeTags(remote.refs());
    }
    String branch = sel.request().branch();
    String ref = branch == null || branch.isEmpty() ? "HEAD" : "refs/heads/" + branch;
    String id = remote.refs().get(ref);
    return id == null ? null : new GitDiscoveryRefs(id, List.of());
  }

  private static List<DiscoveredCommit> selectBranch(CommitSelection sel, GitMirror mirror, GitMirror.RemoteRefs remote) {
    GitDiscoveryRequest req = sel.request();
    String branch = req.branch() == null ? "" : req.branch();
    String ref = branch.isEmpty() ? remote.headTarget() : "refs/heads/" + branch;
    if (ref == null || !remote.refs().containsKey(ref)) {
      throw new KargoException("git subscription " + RepoUrls.redact(req.repoURL()) + ": "
          + (branch.isEmpty() ? "the repository has no default branch" : "branch '" + branch + "' does not exist"));
    }
    int limit = req.discoveryLimit();
    List<DiscoveredCommit> out = new ArrayList<>();
    mirror.walkFirstParent(ref, c -> {
      if (req.since() != null && c.commitDate().isBefore(req.since())) {
        return true;
      }
      if (!sel.acceptsExpression(CommitSelection.commitEnv(c.id(), c.commitDate(), c.author(), c.committer(),
          c.subject()))) {
        return true;
      }
      if (sel.pathConstrained() && !sel.matchesPaths(mirror.diffPaths(c.id()))) {
        return true;
      }
      out.add(new DiscoveredCommit(c.id(), branch, null, CommitSelection.shorten(c.subject()), c.author(),
          c.committer(), c.commitDate()));
      return out.size() < limit;
    });
    return out;
  }

  private static List<DiscoveredCommit> selectTags(CommitSelection sel, GitMirror mirror) {
    List<TagInfo> tags = sel.selectTags(mirror.tags(), mirror::diffPaths, sel.request().discoveryLimit());
    List<DiscoveredCommit> out = new ArrayList<>();
    for (TagInfo t : tags) {
      out.add(new DiscoveredCommit(t.commitId(), null, t.tag(), CommitSelection.shorten(t.subject()), t.author(),
          t.committer(), t.creatorDate()));
    }
    return out;
  }

  @Override
  public String toString() {
    return "GitDiscovery[cacheDir=" + cacheDir + "]";
  }

}
