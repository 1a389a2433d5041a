package dev.kargo4j.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.freight.FreightIds;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredCommit;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.GitDiscoveryResult;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseSpec;
import dev.kargo4j.core.oci.OciClient;
import dev.kargo4j.core.oci.RateLimit;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.core.spi.SubscriptionSource;
import dev.kargo4j.core.store.InMemoryStore;
import dev.kargo4j.testkit.ManualClock;
import dev.kargo4j.testpeers.GitHttpServer;
import dev.kargo4j.testpeers.OciRegistry;
import dev.kargo4j.testpeers.TestPeers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kargo-advanced Warehouse (shared fixture) with its URLs pointed at a local registry and a
 * local git server: its image subscription (SemVer, the deprecated allowTags read as a regex)
 * goes through {@link ImageSubscriptionSource}; its git subscription through a minimal
 * test-only {@code git} source plugged in by type, as kargo-steps-git's source would be.
 */
class KargoAdvancedWarehouseIT {

  /** NewestFromBranch through the git CLI: the head of the branch. Test-only. */
  static final class CliGitSource implements SubscriptionSource {
    private final Path scratch;

    CliGitSource(Path scratch) {
      this.scratch = scratch;
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
    public DiscoveredArtifacts discover(Subscription s, DiscoveryContext ctx) {
      GitSubscription sub = (GitSubscription) s;
      Credentials c = ctx.capability(Capability.CREDENTIALS).credentials(CredentialType.GIT, sub.repoURL()).orElseThrow();
      String url = sub.repoURL().replace("http://", "http://" + c.username() + ":" + c.password() + "@");
      Path dir = scratch.resolve("clone-" + System.nanoTime());
      TestPeers.run(scratch, Map.of("GIT_TERMINAL_PROMPT", "0"), List.of("git", "clone", "-q", "--bare", "--depth=1",
          "--branch", sub.branch(), url, dir.toString()));
      String[] log = TestPeers.run(dir, "git", "--git-dir=" + dir, "log", "-1", "--format=%H%n%s%n%an <%ae>%n%cn <%ce>")
          .split("\n");
      TestPeers.deleteRecursively(dir);
      DiscoveredCommit commit = new DiscoveredCommit(log[0], sub.branch(), "", log[1], log[2], log[3], null);
      return new DiscoveredArtifacts(null, List.of(new GitDiscoveryResult(sub.repoURL(), List.of(commit), sub.name(), null)),
          List.of(), List.of(), List.of());
    }
  }

  @Test
  void theFixtureWarehouseMakesTheExpectedFreightFromLocalPeers(@TempDir Path tmp) throws Exception {
    String fixtures = System.getProperty("kargo4j.fixtures");
    Path file = fixtures == null ? null : Path.of(fixtures, "kargo-advanced", "kargo", "warehouse.yaml");
    Assumptions.assumeTrue(file != null && Files.isRegularFile(file),
        "skipped: system property kargo4j.fixtures does not name the shared fixtures (kargo-advanced/kargo/warehouse.yaml)");
    Warehouse fixture = Manifests.load(file).warehouse("kargo-advanced", "guestbook").orElseThrow();

    try (OciRegistry registry = OciRegistry.builder().basicAuth("ci", "s3cret").start();
        GitHttpServer git = GitHttpServer.start()) {
      Instant t0 = Instant.parse("2025-02-01T00:00:00Z");
      registry.pushImage("akuity/guestbook", "v0.0.1", OciRegistry.image().created(t0));
      String best = registry.pushImage("akuity/guestbook", "v0.1.0", OciRegistry.image().created(t0.plusSeconds(1)));
      registry.pushImage("akuity/guestbook", "latest", OciRegistry.image().created(t0.plusSeconds(2)));
      registry.pushImage("akuity/guestbook", "v0.2", OciRegistry.image().created(t0.plusSeconds(3))); // not strict
      Path seed = Files.createDirectories(tmp.resolve("seed"));
      Files.writeString(seed.resolve("README.md"), "guestbook\n");
      String gitUrl = git.createRepo("akuity/kargo-advanced", seed);

      String imageUrl = registry.repository("akuity/guestbook");
      List<Subscription> local = new ArrayList<>();
      for (Subscription s : fixture.spec().subscriptions()) {
        if (s instanceof ImageSubscription i) {
          assertThat(i.allowTagsRegexes()).isNotEmpty(); // the deprecated allowTags, read as a regex
          local.add(new ImageSubscription(i.name(), imageUrl, i.imageSelectionStrategy(), i.constraint(),
              i.strictSemvers(), i.allowTagsRegexes(), i.ignoreTagsRegexes(), i.platform(), i.discoveryLimit(),
              i.cacheByTag(), i.insecureSkipTLSVerify()));
        } else if (s instanceof GitSubscription g) {
          local.add(new GitSubscription(g.name(), gitUrl, g.commitSelectionStrategy(), g.branch(), g.strictSemvers(),
              g.semverConstraint(), g.allowTagsRegexes(), g.ignoreTagsRegexes(), g.expressionFilter(), g.includePaths(),
              g.excludePaths(), g.discoveryLimit(), g.since(), g.insecureSkipTLSVerify(), g.blobless()));
        }
      }
      Warehouse warehouse = new Warehouse(fixture.metadata(), new WarehouseSpec(fixture.spec().shard(),
          fixture.spec().interval(), fixture.spec().freightCreationPolicy(), local,
          fixture.spec().freightCreationCriteria()), null);

      CredentialsProvider creds = (type, url) -> switch (type) {
        case IMAGE -> url.equals(imageUrl) ? Optional.of(Credentials.basic("ci", "s3cret")) : Optional.empty();
        case GIT -> url.equals(gitUrl) ? Optional.of(Credentials.basic(git.username(), git.password())) : Optional.empty();
        default -> Optional.empty();
      };
      ManualClock clock = ManualClock.at(Instant.parse("2025-04-01T08:00:00Z"));
      InMemoryStore store = InMemoryStore.create(clock);
      RuntimeDiscovery discoverer = new RuntimeDiscovery(store, clock,
          SubscriptionSourceRegistry.of(new ImageSubscriptionSource(
              OciClient.builder().clock(clock).rateLimit(RateLimit.UNLIMITED).build()), new CliGitSource(tmp)), creds);

      DiscoveryOutcome first = discoverer.discover(warehouse);
      assertThat(first.failure()).isNull();
      assertThat(first.created()).isTrue();
      String head = git.head("akuity/kargo-advanced", "main").orElseThrow();
      Freight f = first.freight();
      assertThat(f.images()).containsExactly(new Image(imageUrl, "v0.1.0", best, Map.of(), ""));
      assertThat(f.commits()).singleElement().satisfies(c -> {
        assertThat(c.repoURL()).isEqualTo(gitUrl);
        assertThat(c.id()).isEqualTo(head);
        assertThat(c.branch()).isEqualTo("main");
        assertThat(c.message()).isEqualTo("Initial commit");
      });
      assertThat(f.name()).isEqualTo(FreightIds.generate(FreightOrigin.warehouse("guestbook"),
          List.of(new GitCommit(gitUrl, head, "main", "", "", "", "", "")), f.images(), List.of(), List.of()));
      assertThat(f.project()).isEqualTo("kargo-advanced");

      clock.advance(Duration.ofMinutes(6));
      DiscoveryOutcome second = discoverer.discover(warehouse);
      assertThat(second.created()).isFalse();
      assertThat(store.listFreight("kargo-advanced")).hasSize(1);

      Files.writeString(seed.resolve("README.md"), "guestbook v2\n");
      String next = git.commit("akuity/kargo-advanced", "main", seed, "Second commit");
      DiscoveryOutcome third = discoverer.discover(warehouse);
      assertThat(third.created()).isTrue();
      assertThat(third.freight().commits().get(0).id()).isEqualTo(next);
      assertThat(store.listFreight("kargo-advanced")).hasSize(2);
    }
  }
}
