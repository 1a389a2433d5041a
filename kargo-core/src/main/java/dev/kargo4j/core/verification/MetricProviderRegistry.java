package dev.kargo4j.core.verification;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.internal.KindRegistry;
import dev.kargo4j.core.spi.MetricProvider;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The metric providers a {@link Verifier} can use besides the built-in {@code web}, keyed by
 * {@link MetricProvider#type()}. Built by the host, never global: {@link #discover(ClassLoader)}
 * uses {@link java.util.ServiceLoader}, {@link #of} takes providers explicitly. A duplicate type
 * fails naming both classes, and so does a provider that claims {@code web}. Immutable and
 * thread-safe.
 */
public final class MetricProviderRegistry {
  private static final MetricProviderRegistry EMPTY = of(List.of());

  private final KindRegistry<MetricProvider> providers;

  private MetricProviderRegistry(KindRegistry<MetricProvider> providers) {
    this.providers = providers;
  }

  /** No providers besides {@code web}. */
  public static MetricProviderRegistry empty() {
    return EMPTY;
  }

  /** The providers {@link java.util.ServiceLoader} finds through {@code loader}. */
  public static MetricProviderRegistry discover(ClassLoader loader) {
    return of(KindRegistry.load(MetricProvider.class, loader));
  }

  /** Exactly these providers. */
  public static MetricProviderRegistry of(MetricProvider... providers) {
    return of(List.of(providers));
  }

  /** Exactly these providers. */
  public static MetricProviderRegistry of(List<? extends MetricProvider> providers) {
    for (MetricProvider p : providers) {
      rejectWeb(p);
    }
    return new MetricProviderRegistry(KindRegistry.of("metric provider", providers, MetricProvider::type));
  }

  /** A copy with {@code provider} added; fails if its type is already registered. */
  public MetricProviderRegistry with(MetricProvider provider) {
    rejectWeb(provider);
    return new MetricProviderRegistry(providers.with(provider, MetricProvider::type));
  }

  /** The provider for {@code type}, if any. */
  public Optional<MetricProvider> find(String type) {
    return providers.find(type);
  }

  /** The registered types, sorted ({@code web} is built in and not listed). */
  public Set<String> types() {
    return providers.kinds();
  }

  private static void rejectWeb(MetricProvider p) {
    if ("web".equals(p.type())) {
      throw new KargoException(p.getClass().getName() + " declares metric provider 'web', which is"
          + " built in; give the plug-in another provider key");
    }
  }
}
