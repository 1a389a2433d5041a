package dev.kargo4j.steps.git;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.steps.git.internal.Author;
import dev.kargo4j.steps.git.internal.BareRepo;
import dev.kargo4j.steps.git.internal.GitErrors;
import dev.kargo4j.steps.git.internal.GitFs;
import dev.kargo4j.steps.git.internal.GitTransport;
import dev.kargo4j.steps.git.internal.RepoUrls;
import dev.kargo4j.steps.git.internal.StepSupport;
import dev.kargo4j.steps.git.internal.WorkTree;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.submodule.SubmoduleWalk;

/**
 * {@code git-clone}: fetches the repository once into a bare store inside the work directory,
 * then adds one linked worktree per {@code checkout} entry (branch, commit, tag or the default
 * branch; {@code create: true} makes a missing branch as an empty orphan branch, pushed at
 * once; {@code sparse} limits the files written). A second git-clone of the same repository
 * in the same promotion reuses the store and fetches again only when a ref is missing.
 * Output {@code commits}: alias (or path) to the checked-out commit.
 *
 * <p>{@code repoURL} and submodule URLs must be remote ({@code https}, {@code http}, {@code ssh},
 * {@code git}, scp-style) unless the host's {@link GitHostPolicy} allows local repositories.
 * Credentials are the host's for {@code repoURL}, sent only to its origin; a submodule on
 * another host gets what the host has for the submodule's own URL. No git hook ever runs.
 * Thread-safe.
 */
public final class GitCloner implements StepRunner {

  /** Found by {@link java.util.ServiceLoader}. */
  public GitCloner() {}

  @Override
  public String kind() {
    return "git-clone";
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.CREDENTIALS, GitHostPolicy.CAPABILITY);
  }

  @Override
  public StepResult run(StepContext ctx) {
    GitCloneConfig cfg = ctx.config(GitCloneConfig.class);
    String url = cfg.repoURL();
    boolean allowLocal = ctx.capability(GitHostPolicy.CAPABILITY).localRepositoriesAllowed();
    RepoUrls.requireAllowed(url, allowLocal, "repoURL");
    Credentials creds = StepSupport.gitCredentials(ctx, url);
    GitTransport.Remote remote = new GitTransport.Remote(url, creds, ctx.capability(Capability.CREDENTIALS),
        allowLocal, cfg.insecureSkipTLSVerify());
    Author author = cfg.author() == null ? null : new Author(cfg.author().name(), cfg.author().email());
    if (cfg.blobless()) {
      ctx.logger().debug("blobless: JGit has no partial clone; fetching the full repository");
    }
    Path[] paths = new Path[cfg.checkout().size()];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = ctx.workDir().resolve(cfg.checkout().get(i).path(), "checkout[" + i + "].path");
    }
    Map<String, Object> commits = new LinkedHashMap<>();
    try (BareRepo bare = BareRepo.cloneOrReuse(ctx.workDir().root(), remote, author)) {
      ctx.logger().debug("{} {}", bare.fetched() ? "fetched" : "reusing the store of", RepoUrls.redact(url));
      boolean[] refreshed = {bare.fetched()};
      for (int i = 0; i < paths.length; i++) {
        GitCloneConfig.Checkout co = cfg.checkout().get(i);
        String branch = null;
        ObjectId commit;
        if (notEmpty(co.branch())) {
          branch = co.branch();
          String b = branch;
          Optional<ObjectId> local = lookup(bare, refreshed, () -> bare.branch(b));
          if (local.isEmpty() && !co.create()) {
            throw new KargoException("remote branch '" + branch + "' of repo " + RepoUrls.redact(url)
                + " does not exist; set create: true on checkout[" + i + "] to create it as an empty branch");
          }
          commit = local.isPresent() ? local.get() : bare.createOrphanBranch(branch);
        } else if (notEmpty(co.commit())) {
          commit = lookup(bare, refreshed, () -> bare.commit(co.commit()))
              .orElseThrow(() -> new KargoException("commit '" + co.commit() + "' was not found in repo "
                  + RepoUrls.redact(url) + " (only commits reachable from its branches and tags are fetched)"));
        } else if (notEmpty(co.tag())) {
          commit = lookup(bare, refreshed, () -> bare.tagCommit(co.tag()))
              .orElseThrow(() -> new KargoException("tag '" + co.tag() + "' was not found in repo "
                  + RepoUrls.redact(url)));
        } else {
          branch = bare.defaultBranch().orElseThrow(() -> new KargoException("repo " + RepoUrls.redact(url)
              + " has no default branch (it is empty); check out a branch with create: true"));
          commit = bare.branch(branch).orElseThrow();
        }
        try (WorkTree wt = bare.addWorkTree(paths[i], branch, commit, co.sparse())) {
          if (cfg.recurseSubmodules()) {
            updateSubmodules(paths[i], remote, bare.url());
          }
          commits.put(notEmpty(co.as()) ? co.as() : co.path(), wt.headCommit());
        }
      }
    }
    return StepResult.succeeded(Map.of("commits", commits));
  }

  /** Looks a ref up; a store reused from an earlier step is fetched again (once) when it lacks it. */
  private static Optional<ObjectId> lookup(BareRepo bare, boolean[] refreshed,
      java.util.function.Supplier<Optional<ObjectId>> find) {
    Optional<ObjectId> found = find.get();
    if (found.isEmpty() && !refreshed[0]) {
      bare.refresh();
      refreshed[0] = true;
      found = find.get();
    }
    return found;
  }

  /**
   * {@code git submodule update --init}: each submodule URL (relative ones resolved against the
   * parent's) must be one the host allows, and gets the credentials of its own origin: the
   * parent's when on the parent's host, otherwise what the host's provider has for that URL.
   */
  private static void updateSubmodules(Path path, GitTransport.Remote remote, String url) {
    try (Git git = Git.open(path.toFile(), GitFs.get())) {
      git.submoduleInit().call();
      try (SubmoduleWalk walk = SubmoduleWalk.forIndex(git.getRepository())) {
        while (walk.next()) {
          String sub = walk.getConfigUrl();
          if (sub != null) {
            RepoUrls.requireAllowed(sub, remote.allowLocal(), "submodule '" + walk.getPath() + "' url");
          }
        }
      }
      GitTransport.configure(git.submoduleUpdate(), remote).call();
    } catch (KargoException e) {
      throw e;
    } catch (Exception e) {
      throw GitErrors.failure("updating the submodules of", url, e, remote.creds());
    }
  }

  private static boolean notEmpty(String s) {
    return s != null && !s.isEmpty();
  }
}
