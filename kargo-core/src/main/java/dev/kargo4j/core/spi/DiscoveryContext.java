package dev.kargo4j.core.spi;

import dev.kargo4j.core.model.DiscoveredArtifacts;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;

/** What a {@link SubscriptionSource} sees while discovering for one Warehouse. */
public interface DiscoveryContext {

  /** The Project of the Warehouse. */
  String project();

  /** The Warehouse's name. */
  String warehouse();

  /**
   * What the previous discovery of this Warehouse found, if any: a source may skip work when
   * nothing changed (git compares its observed refs with {@code ls-remote}).
   */
  Optional<DiscoveredArtifacts> previous();

  /** A declared capability supplied by the host. */
  <T> T capability(Capability<T> capability);

  Logger logger();

  Clock clock();
}
