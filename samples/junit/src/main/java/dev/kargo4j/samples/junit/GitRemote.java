package dev.kargo4j.samples.junit;

import dev.kargo4j.KargoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A git remote for tests: a bare repository on disk, reached by its {@code file://} URL, which
 * git steps ({@code git-clone}, {@code git-push}) use like any remote. Tests put content in with
 * {@link #commit} and read what promotions pushed with {@link #read}, {@link #files} and
 * {@link #log}. Made with JGit; no git binary or server needed.
 *
 * <p>Thread-safe for reads; commits from tests are serialized.
 */
public final class GitRemote {
  private static final PersonIdent TEST_AUTHOR = new PersonIdent("kargo4j test", "test@kargo4j.invalid");

  private final Path dir;
  private final Path scratch;

  private GitRemote(Path dir, Path scratch) {
    this.dir = dir;
    this.scratch = scratch;
  }

  /** An empty bare repository at {@code dir} whose default branch is {@code main}. */
  static GitRemote init(Path dir, Path scratch) {
    try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call()) {
      // no background auto-gc racing the test's cleanup
      git.getRepository().getConfig().setInt("gc", null, "auto", 0);
      git.getRepository().getConfig().save();
    } catch (GitAPIException | IOException e) {
      throw new KargoException("cannot create the test git remote at " + dir + ": " + e.getMessage(), e);
    }
    return new GitRemote(dir, scratch);
  }

  /** The URL for manifests and steps, {@code file:///...}. */
  public String url() {
    return dir.toUri().toString();
  }

  /** The bare repository's folder. */
  public Path dir() {
    return dir;
  }

  /**
   * Commits {@code files} (path to UTF-8 content; added or replaced, other files kept) on top
   * of {@code branch}, creating the branch when it does not exist, and pushes it.
   *
   * @return the new commit's ID
   */
  public synchronized String commit(String branch, Map<String, String> files, String message) {
    try {
      Path work = Files.createTempDirectory(Files.createDirectories(scratch), "commit");
      try (Git git = Git.init().setInitialBranch(branch).setDirectory(work.toFile()).call()) {
        git.remoteAdd().setName("origin").setUri(new URIish(url())).call();
        if (head(branch).isPresent()) {
          git.fetch().setRemote("origin")
              .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/remotes/origin/" + branch)).call();
          git.reset().setMode(ResetCommand.ResetType.HARD).setRef("refs/remotes/origin/" + branch).call();
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
          Path p = work.resolve(f.getKey()).normalize();
          if (!p.startsWith(work)) {
            throw new IllegalArgumentException("file path " + f.getKey() + " leaves the repository");
          }
          Files.createDirectories(p.getParent());
          Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
        }
        git.add().addFilepattern(".").call();
        RevCommit c = git.commit().setMessage(message).setAuthor(TEST_AUTHOR).setCommitter(TEST_AUTHOR)
            .setSign(false).call();
        git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).call();
        return c.getName();
      }
    } catch (GitAPIException | IOException | java.net.URISyntaxException e) {
      throw new KargoException("cannot commit to " + branch + " of the test git remote: " + e.getMessage(), e);
    }
  }

  /** The commit {@code branch} points to, if the branch exists. */
  public Optional<String> head(String branch) {
    try (Repository r = open()) {
      return Optional.ofNullable(r.resolve("refs/heads/" + branch)).map(ObjectId::name);
    } catch (IOException e) {
      throw new KargoException("cannot read the test git remote: " + e.getMessage(), e);
    }
  }

  /** The content of {@code path} on {@code branch}, if both exist. */
  public Optional<String> read(String branch, String path) {
    try (Repository r = open(); RevWalk walk = new RevWalk(r)) {
      ObjectId id = r.resolve("refs/heads/" + branch);
      if (id == null) {
        return Optional.empty();
      }
      try (TreeWalk tw = TreeWalk.forPath(r, path, walk.parseCommit(id).getTree())) {
        if (tw == null) {
          return Optional.empty();
        }
        ObjectLoader loader = r.open(tw.getObjectId(0));
        return Optional.of(new String(loader.getBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new KargoException("cannot read " + path + " of " + branch + ": " + e.getMessage(), e);
    }
  }

  /** Every file path on {@code branch}, sorted; empty when the branch does not exist. */
  public List<String> files(String branch) {
    List<String> out = new ArrayList<>();
    try (Repository r = open(); RevWalk walk = new RevWalk(r)) {
      ObjectId id = r.resolve("refs/heads/" + branch);
      if (id == null) {
        return out;
      }
      try (TreeWalk tw = new TreeWalk(r)) {
        tw.addTree(walk.parseCommit(id).getTree());
        tw.setRecursive(true);
        while (tw.next()) {
          out.add(tw.getPathString());
        }
      }
    } catch (IOException e) {
      throw new KargoException("cannot list " + branch + ": " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  /** The subjects of {@code branch}'s first-parent history, newest first. */
  public List<String> log(String branch) {
    List<String> out = new ArrayList<>();
    try (Repository r = open(); RevWalk walk = new RevWalk(r)) {
      ObjectId id = r.resolve("refs/heads/" + branch);
      if (id == null) {
        return out;
      }
      RevCommit c = walk.parseCommit(id);
      while (c != null) {
        out.add(c.getShortMessage());
        c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
      }
    } catch (IOException e) {
      throw new KargoException("cannot read the log of " + branch + ": " + e.getMessage(), e);
    }
    return out;
  }

  private Repository open() throws IOException {
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
  }

  @Override
  public String toString() {
    return "GitRemote[" + url() + "]";
  }
}
