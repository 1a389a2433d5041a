package dev.kargo4j.steps.git;

import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.GitDiscoveryResult;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.core.spi.SubscriptionSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code git} subscriptions of Warehouses, discovered through {@link GitDiscovery}: one
 * mirror per repository and credentials in the cache directory, shared by every Warehouse, and
 * no fetch at all when {@code ls-remote} shows the refs the subscription depends on unchanged
 * since the Warehouse's previous discovery. Which URLs may be read is the host's
 * {@link GitHostPolicy} (capability {@link GitHostPolicy#CAPABILITY}; remote repositories only by
 * default). Thread-safe.
 */
public final class GitSubscriptionSource implements SubscriptionSource {
  private volatile Path cacheDir;
  private final Map<List<Object>, GitDiscovery> discoveries = new ConcurrentHashMap<>();

  /**
   * A source (for ServiceLoader) caching mirrors in a private (0700) folder of its own, created
   * in the system temp folder on first use and deleted when the JVM exits. A host that wants
   * mirrors to survive restarts passes its own folder to {@link #GitSubscriptionSource(Path)}.
   */
  public GitSubscriptionSource() {
    this.cacheDir = null;
  }

  /**
   * A source caching mirrors in {@code cacheDir}, created (0700) when missing. The folder must be
   * the host's alone: a real directory owned by the user the JVM runs as, closed to group and
   * others; otherwise discovery fails with an error naming it.
   */
  public GitSubscriptionSource(Path cacheDir) {
    this.cacheDir = java.util.Objects.requireNonNull(cacheDir, "cacheDir");
  }

  /** The cache folder, created on first use when the host chose none. */
  Path cacheDir() {
    Path dir = cacheDir;
    if (dir == null) {
      synchronized (this) {
        dir = cacheDir;
        if (dir == null) {
          dir = dev.kargo4j.steps.git.internal.CacheDir.createTemporary();
          Path created = dir;
          Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(created), "kargo4j-git-cache-cleanup"));
          cacheDir = dir;
        }
      }
    }
    return dir;
  }

  private static void deleteQuietly(Path dir) {
    try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit
    }
  }

  @Override
  public String type() {
    return "git";
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.CREDENTIALS, GitHostPolicy.CAPABILITY);
  }

  @Override
  public DiscoveredArtifacts discover(Subscription subscription, DiscoveryContext context) {
    GitSubscription git = (GitSubscription) subscription;
    CredentialsProvider credentials = context.capability(Capability.CREDENTIALS);
    GitHostPolicy policy = context.capability(GitHostPolicy.CAPABILITY);
    Path dir = cacheDir();
    GitDiscovery discovery = discoveries.computeIfAbsent(List.of(credentials, policy),
        k -> GitDiscovery.builder().cacheDir(dir).credentials(credentials).hostPolicy(policy).build());
    GitDiscoveryRequest request = GitDiscoveryRequest.builder(git.repoURL())
        .strategy(git.commitSelectionStrategy())
        .branch(git.branch())
        .semverConstraint(git.semverConstraint())
        .strictSemvers(git.strictSemvers())
        .allowTagsRegexes(git.allowTagsRegexes())
        .ignoreTagsRegexes(git.ignoreTagsRegexes())
        .expressionFilter(git.expressionFilter())
        .includePaths(git.includePaths())
        .excludePaths(git.excludePaths())
        .discoveryLimit(git.discoveryLimit())
        .since(git.since())
        .insecureSkipTLSVerify(git.insecureSkipTLSVerify())
        .build();
    GitDiscoveryResult previous = previous(context, git).orElse(null);
    GitDiscoveryResult found = discovery.discover(request, previous);
    GitDiscoveryResult named = new GitDiscoveryResult(found.repoURL(), found.commits(), git.name(),
        found.observedRefs());
    return new DiscoveredArtifacts(context.clock().instant(), List.of(named), List.of(), List.of(), List.of());
  }

  /** How many network fetches this source made so far (ls-remote calls not counted). */
  public long fetchCount() {
    return discoveries.values().stream().mapToLong(GitDiscovery::fetchCount).sum();
  }

  private static Optional<GitDiscoveryResult> previous(DiscoveryContext context, GitSubscription git) {
    return context.previous().flatMap(p -> p.git().stream()
        .filter(r -> r.repoURL().equals(git.repoURL()) && r.subscriptionName().equals(git.name()))
        .findFirst());
  }
}
