package dev.kargo4j.core.discovery;

import dev.kargo4j.core.internal.KindRegistry;
import dev.kargo4j.core.spi.SubscriptionSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The subscription sources a {@link WarehouseDiscoverer} can use, keyed by
 * {@link SubscriptionSource#type()} ({@code git}, {@code image}, {@code chart}, or a plug-in's
 * own type). Built by the host, never global: {@link #discover(ClassLoader)} finds sources
 * through {@link java.util.ServiceLoader} (kargo-core registers {@code image} and
 * {@code chart}; kargo-steps-git registers {@code git}), {@link #of} takes them explicitly. A
 * duplicate type fails naming both classes. Immutable and thread-safe.
 */
public final class SubscriptionSourceRegistry {
  private final KindRegistry<SubscriptionSource> sources;

  private SubscriptionSourceRegistry(KindRegistry<SubscriptionSource> sources) {
    this.sources = sources;
  }

  /** The sources {@link java.util.ServiceLoader} finds through {@code loader}. */
  public static SubscriptionSourceRegistry discover(ClassLoader loader) {
    return of(KindRegistry.load(SubscriptionSource.class, loader));
  }

  /** Exactly these sources. */
  public static SubscriptionSourceRegistry of(SubscriptionSource... sources) {
    return of(List.of(sources));
  }

  /** Exactly these sources. */
  public static SubscriptionSourceRegistry of(List<? extends SubscriptionSource> sources) {
    return new SubscriptionSourceRegistry(KindRegistry.of("subscription type", sources, SubscriptionSource::type));
  }

  /** A copy with {@code source} added; fails if its type is already registered. */
  public SubscriptionSourceRegistry with(SubscriptionSource source) {
    return new SubscriptionSourceRegistry(sources.with(source, SubscriptionSource::type));
  }

  /** The source for {@code type}, if any. */
  public Optional<SubscriptionSource> find(String type) {
    return sources.find(type);
  }

  /** The source for {@code type}; an unknown type fails naming the known ones. */
  public SubscriptionSource source(String type) {
    return sources.get(type);
  }

  /** The registered types, sorted. */
  public Set<String> types() {
    return sources.kinds();
  }
}
