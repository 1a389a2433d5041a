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
 * mirror per repository in the cache directory, shared by every Warehouse, and no fetch at all
 * when {@code ls-remote} shows the refs the subscription depends on unchanged since the
 * Warehouse's previous discovery. Thread-safe.
 */
public final class GitSubscriptionSource implements SubscriptionSource {
  private final Path cacheDir;
  private final Map<CredentialsProvider, GitDiscovery> discoveries = new ConcurrentHashMap<>();

  /** A source caching mirrors under {@code java.io.tmpdir}/kargo4j-git-cache (for ServiceLoader). */
  public GitSubscriptionSource() {
    this(Path.of(System.getProperty("java.io.tmpdir"), "kargo4j-git-cache"));
  }

  /** A source caching mirrors in {@code cacheDir}. */
  public GitSubscriptionSource(Path cacheDir) {
    this.cacheDir = cacheDir;
  }

  @Override
  public String type() {
    return "git";
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.CREDENTIALS);
  }

  @Override
  public DiscoveredArtifacts discover(Subscription subscription, DiscoveryContext context) {
    GitSubscription git = (GitSubscription) subscription;
    CredentialsProvider credentials = context.capability(Capability.CREDENTIALS);
    GitDiscovery discovery = discoveries.computeIfAbsent(credentials, c -> {
      try {
        Files.createDirectories(cacheDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the git cache " + cacheDir, e);
      }
      return GitDiscovery.builder().cacheDir(cacheDir).credentials(c).build();
    });
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
