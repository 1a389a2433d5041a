package dev.kargo4j.steps.git.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Credentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * A bare mirror of one remote repository in the discovery cache: all branches and tags, fetched
 * only when {@code ls-remote} shows they changed. Not thread-safe: the caller holds the
 * repository's lock while using it.
 */
public final class GitMirror implements AutoCloseable {
  private final Repository repo;
  private final String url;
  private final Credentials creds;
  private final GitTransport.Remote remote;

  private GitMirror(Repository repo, GitTransport.Remote remote) {
    this.repo = repo;
    this.url = remote.url();
    this.creds = remote.creds();
    this.remote = remote;
  }

  /**
   * Opens (creating when needed) the mirror of {@code remote.url()} fetched with
   * {@code remote.creds()} below {@code cacheDir}, which must be private to this user (see
   * {@link CacheDir}). The URL must be one the host allows.
   */
  public static GitMirror open(Path cacheDir, GitTransport.Remote remote) {
    RepoUrls.requireAllowed(remote.url(), remote.allowLocal(), "git subscription repoURL");
    CacheDir.requirePrivate(cacheDir);
    GitTransport.Remote clean = new GitTransport.Remote(RepoUrls.withoutUserInfo(remote.url()), remote.creds(),
        remote.host(), remote.allowLocal(), remote.insecure());
    String url = remote.url();
    Path dir = cacheDir.resolve(key(url, remote.creds()) + ".git");
    try {
      Repository r;
      if (Files.isRegularFile(dir.resolve("config"))) {
        r = new FileRepositoryBuilder().setFS(GitFs.get()).setGitDir(dir.toFile()).setBare().build();
      } else {
        try (Git git = Git.init().setFs(GitFs.get()).setBare(true).setDirectory(dir.toFile()).call()) {
          r = git.getRepository();
          r.incrementOpen();
        }
      }
      StoredConfig c = r.getConfig();
      c.setString("remote", "origin", "url", clean.url());
      c.setInt("gc", null, "auto", 0);
      c.setString("core", null, "hooksPath", GitFs.emptyHooksDir().toString());
      // TLS leniency is per operation (GitTransport), never stored in a mirror others share
      c.unset("http", null, "sslVerify");
      c.save();
      return new GitMirror(r, clean);
    } catch (IOException | GitAPIException e) {
      throw new KargoException("error opening the discovery cache of " + RepoUrls.redact(url) + " in " + dir
          + ": " + GitErrors.describe(e, remote.creds()));
    }
  }

  /**
   * The mirror's name: a hash of the normalised URL and the identity of the credentials it is
   * fetched with, so that projects with different credentials never share a mirror (one could
   * otherwise read what only the other's credentials may fetch).
   */
  static String key(String url, Credentials creds) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(RepoUrls.normalize(url).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      if (creds != null) {
        sha.update(String.valueOf(creds.username()).getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(MessageDigest.getInstance("SHA-256")
            .digest(String.valueOf(creds.password()).getBytes(StandardCharsets.UTF_8)));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The remote's refs ({@code git ls-remote}): full name to id; {@code HEAD} maps to its target's name in {@code headTarget}. */
  public record RemoteRefs(Map<String, String> refs, String headTarget) {}

  /** {@code git ls-remote} of the repository. */
  public RemoteRefs lsRemote() {
    try (Git git = new Git(repo)) {
      Map<String, Ref> all = GitTransport.configure(git.lsRemote(), remote).setRemote(url).callAsMap();
      Map<String, String> refs = new TreeMap<>();
      String head = null;
      for (Ref r : all.values()) {
        if (r.getObjectId() == null) {
          continue;
        }
        refs.put(r.getName(), r.getObjectId().name());
        if (r.getName().equals(Constants.HEAD) && r.isSymbolic()) {
          head = r.getTarget().getName();
        }
      }
      if (head == null && refs.containsKey(Constants.HEAD)) {
        String id = refs.get(Constants.HEAD);
        for (String candidate : List.of("refs/heads/main", "refs/heads/master")) {
          if (id.equals(refs.get(candidate))) {
            head = candidate;
          }
        }
        for (Map.Entry<String, String> e : refs.entrySet()) {
          if (head == null && e.getKey().startsWith(Constants.R_HEADS) && e.getValue().equals(id)) {
            head = e.getKey();
          }
        }
      }
      return new RemoteRefs(refs, head);
    } catch (GitAPIException e) {
      throw GitErrors.failure("listing the refs of", url, e, creds);
    }
  }

  /**
   * Makes the mirror's branches and tags equal the remote's; fetches only when they differ.
   *
   * @return true when a fetch happened
   */
  public boolean sync(RemoteRefs refs) {
    try {
      Map<String, String> wanted = new TreeMap<>();
      refs.refs().forEach((k, v) -> {
        if ((k.startsWith(Constants.R_HEADS) || k.startsWith(Constants.R_TAGS)) && !k.endsWith("^{}")) {
          wanted.put(k, v);
        }
      });
      Map<String, String> local = new TreeMap<>();
      for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        local.put(r.getName(), r.getObjectId().name());
      }
      for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
        local.put(r.getName(), r.getObjectId().name());
      }
      boolean fetched = false;
      if (!local.equals(wanted)) {
        try (Git git = new Git(repo)) {
          GitTransport.configure(git.fetch(), remote).setRemote(url)
              .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
              .setTagOpt(TagOpt.NO_TAGS).setRemoveDeletedRefs(true).call();
        }
        fetched = true;
      }
      if (refs.headTarget() != null) {
        RefUpdate u = repo.updateRef(Constants.HEAD);
        u.link(refs.headTarget());
      }
      return fetched;
    } catch (GitAPIException | IOException e) {
      throw GitErrors.failure("fetching", url, e, creds);
    }
  }

  /** A first-parent commit of a branch. */
  public record CommitMeta(String id, Instant commitDate, String author, String committer, String subject) {}

  /** Walks the first-parent history of {@code ref}, newest first; stop by returning false from {@code visitor}. */
  public void walkFirstParent(String ref, java.util.function.Predicate<CommitMeta> visitor) {
    try (RevWalk walk = new RevWalk(repo)) {
      ObjectId start = repo.resolve(ref);
      if (start == null) {
        throw new KargoException("ref '" + Repository.shortenRefName(ref) + "' does not exist in " + RepoUrls.redact(url));
      }
      walk.setFirstParent(true);
      walk.markStart(walk.parseCommit(start));
      for (RevCommit c : walk) {
        if (!visitor.test(meta(c))) {
          return;
        }
      }
    } catch (IOException e) {
      throw new KargoException("error listing commits of " + RepoUrls.redact(url) + ": " + GitErrors.describe(e, creds));
    }
  }

  private static CommitMeta meta(RevCommit c) {
    PersonIdent committer = c.getCommitterIdent();
    return new CommitMeta(c.getName(), committer.getWhenAsInstant(), ident(c.getAuthorIdent()), ident(committer),
        c.getShortMessage());
  }

  private static String ident(PersonIdent p) {
    return p == null ? "" : p.getName() + " <" + p.getEmailAddress() + ">";
  }

  /** Every tag pointing (through annotated tags) to a commit, newest creator date first, then by name. */
  public List<TagInfo> tags() {
    List<TagInfo> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo)) {
      for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
        RevObject o = walk.parseAny(r.getObjectId());
        String tagger = "";
        String annotation = "";
        Instant created = null;
        if (o instanceof RevTag t) {
          walk.parseBody(t);
          PersonIdent ti = t.getTaggerIdent();
          if (ti != null) {
            tagger = ident(ti);
            created = ti.getWhenAsInstant();
          }
          annotation = t.getShortMessage();
        }
        RevObject peeled = walk.peel(o);
        if (!(peeled instanceof RevCommit c)) {
          continue;
        }
        walk.parseBody(c);
        CommitMeta m = meta(c);
        if (created == null) {
          created = m.commitDate();
        }
        out.add(new TagInfo(r.getName().substring(Constants.R_TAGS.length()), c.getName(), created, m.author(),
            m.committer(), m.subject(), tagger, annotation));
      }
    } catch (IOException e) {
      throw new KargoException("error listing tags of " + RepoUrls.redact(url) + ": " + GitErrors.describe(e, creds));
    }
    out.sort(java.util.Comparator.comparing(TagInfo::creatorDate).reversed().thenComparing(TagInfo::tag));
    return out;
  }

  /** The paths commit {@code id} changed against its first parent (all paths for a root commit). */
  public List<String> diffPaths(String id) {
    List<String> paths = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repo); ObjectReader reader = repo.newObjectReader();
         TreeWalk tw = new TreeWalk(repo, reader)) {
      RevCommit c = walk.parseCommit(ObjectId.fromString(id));
      if (c.getParentCount() > 0) {
        RevCommit p = walk.parseCommit(c.getParent(0));
        CanonicalTreeParser parent = new CanonicalTreeParser();
        parent.reset(reader, p.getTree());
        tw.addTree(parent);
      } else {
        tw.addTree(new EmptyTreeIterator());
      }
      tw.addTree(c.getTree());
      tw.setRecursive(true);
      tw.setFilter(TreeFilter.ANY_DIFF);
      while (tw.next()) {
        paths.add(tw.getPathString());
      }
      return paths;
    } catch (IOException e) {
      throw new KargoException("error reading the changes of commit " + id + " in " + RepoUrls.redact(url) + ": "
          + GitErrors.describe(e, creds));
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
