package dev.kargo4j.steps.git.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.InsecureTls;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.steps.git.GitProviderLimits;
import dev.kargo4j.steps.git.spi.GitProvider;
import dev.kargo4j.steps.git.spi.GitProviderFactory;
import dev.kargo4j.steps.git.spi.GitProviderOptions;
import dev.kargo4j.steps.git.spi.PullRequest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/** What the pull-request steps share: provider setup, the source-branch probe, outputs. */
public final class PullRequests {
  private PullRequests() {}

  /**
   * A provider for {@code repoUrl}, with the password of its git credentials as the token and
   * the host's {@link GitProviderLimits} (the step must declare {@link GitProviderLimits#CAPABILITY}).
   */
  public static GitProvider provider(StepContext ctx, GitProviderFactory factory, String repoUrl, boolean insecure) {
    Credentials creds = StepSupport.gitCredentials(ctx, repoUrl);
    HttpClient http = insecure ? insecureClient() : ctx.capability(Capability.HTTP_CLIENT);
    return factory.create(new GitProviderOptions(repoUrl, creds == null ? null : creds.password(), insecure, http,
        ctx.capability(GitProviderLimits.CAPABILITY)));
  }

  /**
   * The client for {@code insecureSkipTLSVerify}: any certificate and any host name, as Kargo
   * (Go's {@code InsecureSkipVerify}) accepts them; per client, never JVM-wide. It follows no
   * redirects itself (the providers' bounded exchange does) and connects within 10 s.
   */
  static HttpClient insecureClient() {
    return HttpClient.newBuilder()
        .sslContext(InsecureTls.sslContext())
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The source branch's head and message, whether the target exists, and whether their trees differ. */
  public record BranchProbe(String sourceHead, String sourceMessage, boolean targetExists, boolean hasDiff) {}

  /**
   * Looks at {@code source} and {@code target} of {@code url} with a depth-1 fetch into a scratch
   * repository below {@code scratchRoot}, deleted afterwards.
   */
  public static BranchProbe probe(Path scratchRoot, String source, String target, GitTransport.Remote remote) {
    String url = remote.url();
    Credentials creds = remote.creds();
    RepoUrls.requireAllowed(url, remote.allowLocal(), "repoURL");
    Path dir;
    try {
      Files.createDirectories(scratchRoot);
      dir = Files.createTempDirectory(scratchRoot, "pr-");
    } catch (IOException e) {
      throw new KargoException("could not create a scratch directory in " + scratchRoot + ": " + e.getMessage());
    }
    try (Git git = Git.init().setFs(GitFs.get()).setBare(true).setDirectory(dir.toFile()).call()) {
      Repository repo = git.getRepository();
      repo.getConfig().setInt("gc", null, "auto", 0);
      repo.getConfig().save();
      var refs = GitTransport.configure(git.lsRemote(), remote).setRemote(url).setHeads(true).call();
      Optional<Ref> src = refs.stream().filter(r -> r.getName().equals(Constants.R_HEADS + source)).findFirst();
      boolean targetExists = refs.stream().anyMatch(r -> r.getName().equals(Constants.R_HEADS + target));
      if (src.isEmpty()) {
        throw new KargoException("source branch '" + source + "' does not exist in " + RepoUrls.redact(url)
            + "; push it first (e.g. git-push with generateTargetBranch)");
      }
      var specs = new java.util.ArrayList<RefSpec>();
      specs.add(new RefSpec("+refs/heads/" + source + ":refs/remotes/origin/" + source));
      if (targetExists) {
        specs.add(new RefSpec("+refs/heads/" + target + ":refs/remotes/origin/" + target));
      }
      GitTransport.configure(git.fetch(), remote).setRemote(url).setRefSpecs(specs).setDepth(1)
          .setTagOpt(TagOpt.NO_TAGS).call();
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit s = walk.parseCommit(src.get().getObjectId());
        boolean diff = true;
        if (targetExists) {
          ObjectId t = repo.resolve("refs/remotes/origin/" + target);
          diff = !walk.parseCommit(t).getTree().equals(s.getTree());
        }
        return new BranchProbe(s.getName(), s.getFullMessage(), targetExists, diff);
      }
    } catch (GitAPIException | IOException e) {
      throw GitErrors.failure("inspecting branches '" + source + "' and '" + target + "' of", url, e, creds);
    } finally {
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | java.io.UncheckedIOException ignored) {
      // a scratch directory left in the work directory goes with it
    }
  }

  /** Kargo's preference among existing pull requests: open first, then merged, then newest. */
  public static Optional<PullRequest> best(List<PullRequest> prs) {
    Comparator<PullRequest> order = Comparator.comparing((PullRequest p) -> !p.open())
        .thenComparing(p -> !p.merged())
        .thenComparing(p -> p.createdAt() == null ? java.time.Instant.MIN : p.createdAt(), Comparator.reverseOrder());
    return prs.stream().min(order);
  }

  /** The output {@code pr: {id, url}}. */
  public static Map<String, Object> prOutput(PullRequest pr) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", pr.number());
    m.put("url", pr.url());
    return Map.of("pr", m);
  }
}
