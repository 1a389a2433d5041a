package dev.kargo4j.core.discovery;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.DiscoveryContext;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A discovery context for source tests: a clock and a credentials provider. */
public record TestDiscoveryContext(Clock clock, CredentialsProvider credentials) implements DiscoveryContext {
  @Override
  public String project() {
    return "test";
  }

  @Override
  public String warehouse() {
    return "test-warehouse";
  }

  @Override
  public Optional<DiscoveredArtifacts> previous() {
    return Optional.empty();
  }

  @Override
  public <T> T capability(Capability<T> capability) {
    if (capability.equals(Capability.CREDENTIALS)) {
      return capability.cast(credentials);
    }
    throw new KargoException("capability " + capability + " is not supplied in this test");
  }

  @Override
  public Logger logger() {
    return LoggerFactory.getLogger("test-discovery");
  }
}
