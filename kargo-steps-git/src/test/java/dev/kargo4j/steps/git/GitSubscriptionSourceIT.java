package dev.kargo4j.steps.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredCommit;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.DiscoveryContext;
import dev.kargo4j.testpeers.GitHttpServer;
import dev.kargo4j.testpeers.GitHttpServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The git SubscriptionSource against a real smart-HTTP git server, as Warehouses use it. */
class GitSubscriptionSourceIT {
  @RegisterExtension static final GitHttpServerExtension GIT = new GitHttpServerExtension();

  @TempDir Path tmp;

  record Context(Optional<DiscoveredArtifacts> previous, CredentialsProvider credentials) implements DiscoveryContext {
    @Override public String project() { return "demo"; }
    @Override public String warehouse() { return "app"; }
    @Override public <T> T capability(Capability<T> c) {
      return c.equals(Capability.CREDENTIALS) ? c.cast(credentials) : c.defaultValue().orElseThrow();
    }
    @Override public Logger logger() { return LoggerFactory.getLogger("test"); }
    @Override public Clock clock() { return Clock.systemUTC(); }
  }

  @Test
  void twoWarehousesShareOneMirrorAndUnchangedRefsFetchNothing(GitHttpServer git) throws Exception {
    Path tree = Files.createTempDirectory(tmp, "tree");
    Files.writeString(tree.resolve("a.txt"), "1");
    String url = git.createRepo("shared", tree);
    CredentialsProvider creds = TestRepos.credentials(Credentials.basic(git.username(), git.password()), new ArrayList<>());
    GitSubscriptionSource source = new GitSubscriptionSource(tmp.resolve("cache"));
    GitSubscription sub = GitSubscription.of(url).withBranch("main");

    DiscoveredArtifacts first = source.discover(sub, new Context(Optional.empty(), creds));
    DiscoveredArtifacts otherWarehouse = source.discover(sub.withName("other"), new Context(Optional.empty(), creds));
    assertThat(first.git()).hasSize(1);
    assertThat(first.git().get(0).commits()).extracting(DiscoveredCommit::id)
        .containsExactly(git.head("shared", "main").orElseThrow());
    assertThat(otherWarehouse.git().get(0).subscriptionName()).isEqualTo("other");
    assertThat(source.fetchCount()).isEqualTo(1);

    DiscoveredArtifacts again = source.discover(sub, new Context(Optional.of(first), creds));
    assertThat(again.git().get(0).commits()).isEqualTo(first.git().get(0).commits());
    assertThat(source.fetchCount()).isEqualTo(1);
  }
}
