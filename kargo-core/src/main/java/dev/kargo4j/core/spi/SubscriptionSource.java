package dev.kargo4j.core.spi;

import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.Subscription;
import java.util.Set;

/**
 * Discovers the artifacts of one kind of Warehouse subscription ({@code git}, {@code image},
 * {@code chart}, or a plug-in's own type): the candidates, best first, of which the first goes
 * into new Freight. Found through {@link java.util.ServiceLoader} or registered by the host.
 * Implementations are thread-safe; caches they keep (a shared git clone, a registry's
 * manifests by digest) must be safe for concurrent Warehouses.
 */
public interface SubscriptionSource {

  /** The subscription type this source handles, e.g. {@code image}; equals {@link Subscription#type()}. */
  String type();

  /** The capabilities this source needs (credentials, HTTP client). */
  default Set<Capability<?>> capabilities() {
    return Set.of();
  }

  /**
   * Discovers the candidates of {@code subscription}, best first, at most its
   * {@code discoveryLimit}. The result holds exactly one entry, in the list of its kind
   * ({@code git}, {@code images}, {@code charts} or {@code results}); an empty candidate list
   * makes the Warehouse unhealthy. A failure to reach the source is thrown as a
   * {@link dev.kargo4j.KargoException} naming the repository, never the credentials.
   */
  DiscoveredArtifacts discover(Subscription subscription, DiscoveryContext context);
}
