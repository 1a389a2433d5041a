package dev.kargo4j.core.internal;

import dev.kargo4j.KargoException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable map from kind to plug-in, shared by the step, health-check, subscription and
 * metric registries. Duplicate kinds fail naming both classes; unknown kinds fail naming the
 * known ones; a broken plug-in fails loudly.
 */
public final class KindRegistry<T> {
  private static final Logger LOG = LoggerFactory.getLogger(KindRegistry.class);

  private final String what;
  private final Map<String, T> byKind;

  private KindRegistry(String what, Map<String, T> byKind) {
    this.what = what;
    this.byKind = byKind;
  }

  /** A registry of {@code plugins}, keyed by {@code kindOf}. */
  public static <T> KindRegistry<T> of(String what, Collection<? extends T> plugins, Function<T, String> kindOf) {
    Map<String, T> map = new LinkedHashMap<>();
    for (T p : plugins) {
      add(what, map, p, kindOf);
    }
    return new KindRegistry<>(what, map);
  }

  /** The plug-ins of {@code type} that {@link ServiceLoader} finds through {@code loader}. */
  public static <T> List<T> load(Class<T> type, ClassLoader loader) {
    try {
      List<T> found = ServiceLoader.load(type, loader).stream().map(ServiceLoader.Provider::get).toList();
      for (T p : found) {
        var src = p.getClass().getProtectionDomain().getCodeSource();
        LOG.debug("discovered {} {} from {}", type.getSimpleName(), p.getClass().getName(),
            src == null ? "(unknown)" : src.getLocation());
      }
      return found;
    } catch (ServiceConfigurationError e) {
      throw new KargoException("a " + type.getSimpleName() + " plug-in could not be loaded: "
          + e.getMessage() + "; check its META-INF/services entry and public no-arg constructor", e);
    }
  }

  /** A copy with {@code plugin} added. */
  public KindRegistry<T> with(T plugin, Function<T, String> kindOf) {
    Map<String, T> map = new LinkedHashMap<>(byKind);
    add(what, map, plugin, kindOf);
    return new KindRegistry<>(what, map);
  }

  /** The plug-in for {@code kind}, if registered. */
  public Optional<T> find(String kind) {
    return Optional.ofNullable(byKind.get(kind));
  }

  /** The plug-in for {@code kind}, or a {@link KargoException} naming the known kinds. */
  public T get(String kind) {
    T p = byKind.get(kind);
    if (p == null) {
      throw new KargoException("unknown " + what + " '" + kind + "'; known: " + String.join(", ", kinds()));
    }
    return p;
  }

  /** The registered kinds, sorted. */
  public Set<String> kinds() {
    return new TreeSet<>(byKind.keySet());
  }

  private static <T> void add(String what, Map<String, T> map, T p, Function<T, String> kindOf) {
    String kind = kindOf.apply(p);
    if (kind == null || kind.isBlank()) {
      throw new KargoException(p.getClass().getName() + " declares no " + what + " kind");
    }
    T previous = map.putIfAbsent(kind, p);
    if (previous != null) {
      throw new KargoException("duplicate " + what + " '" + kind + "': registered by both "
          + previous.getClass().getName() + " and " + p.getClass().getName());
    }
  }
}
