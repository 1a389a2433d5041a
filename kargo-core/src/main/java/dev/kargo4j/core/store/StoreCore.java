package dev.kargo4j.core.store;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.WarehouseStatus;
import dev.kargo4j.core.model.internal.Checks;
import dev.kargo4j.core.spi.DuplicateAliasException;
import dev.kargo4j.core.spi.ObjectAlreadyExistsException;
import dev.kargo4j.core.spi.ObjectNotFoundException;
import dev.kargo4j.core.spi.StaleVersionException;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.Store.StageRelation;
import dev.kargo4j.core.spi.Store.Versioned;
import dev.kargo4j.core.spi.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The logic shared by the built-in stores: version checks, alias uniqueness and in-memory
 * indexes, with a {@link Persistence} hook called under the Project's write lock before the
 * index changes. Thread-safe: each Project has its own read/write lock.
 */
final class StoreCore {
  /** The kinds a store keeps; {@code dir} is the directory store's folder name. */
  enum Kind {
    FREIGHT("freight", "Freight"),
    PROMOTION("promotions", "Promotion"),
    STAGE("stages", "Stage"),
    WAREHOUSE("warehouses", "Warehouse");

    final String dir;
    final String label;

    Kind(String dir, String label) {
      this.dir = dir;
      this.label = label;
    }
  }

  /** Writes ({@code value} non-null) or deletes an object durably before the index changes. */
  interface Persistence {
    void write(Kind kind, String project, String name, Object value);

    void delete(Kind kind, String project, String name);
  }

  private final Clock clock;
  private final Persistence persistence;
  private final AtomicLong versions = new AtomicLong();
  private final ConcurrentHashMap<String, ProjectIndex> projects = new ConcurrentHashMap<>();
  private volatile boolean closed;

  StoreCore(Clock clock, Persistence persistence) {
    this.clock = clock;
    this.persistence = persistence;
  }

  void close() {
    closed = true;
  }

  private void open() {
    if (closed) {
      throw new StoreException("the store is closed");
    }
  }

  // ---------------------------------------------------------------- indexes

  private static final class ProjectIndex {
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final TreeMap<String, Freight> freight = new TreeMap<>();
    final Map<String, String> aliases = new HashMap<>();
    // the Freight indexes hold the objects, sorted by name, so listings need no lookups
    final Map<FreightOrigin, TreeMap<String, Freight>> byOrigin = new HashMap<>();
    final Map<StageRelation, Map<String, Map<FreightOrigin, TreeMap<String, Freight>>>> byStage =
        new EnumMap<>(StageRelation.class);
    final TreeMap<String, Promotion> promotions = new TreeMap<>();
    final Map<String, TreeSet<String>> promotionsByStage = new HashMap<>();
    final Map<String, TreeSet<String>> promotionsByFreight = new HashMap<>();
    final TreeMap<String, Versioned<StageStatus>> stages = new TreeMap<>();
    final TreeMap<String, Versioned<WarehouseStatus>> warehouses = new TreeMap<>();

    boolean isEmpty() {
      return freight.isEmpty() && promotions.isEmpty() && stages.isEmpty() && warehouses.isEmpty();
    }

    private static Set<String> stagesOf(Freight f, StageRelation r) {
      switch (r) {
        case CURRENTLY_IN:
          return f.status().currentlyIn().keySet();
        case VERIFIED_IN:
          return f.status().verifiedIn().keySet();
        default:
          return f.status().approvedFor().keySet();
      }
    }

    void putFreight(Freight f) {
      removeFreight(f.name());
      freight.put(f.name(), f);
      if (!f.alias().isEmpty()) {
        aliases.put(f.alias(), f.name());
      }
      byOrigin.computeIfAbsent(f.origin(), o -> new TreeMap<>()).put(f.name(), f);
      for (StageRelation r : StageRelation.values()) {
        for (String stage : stagesOf(f, r)) {
          byStage.computeIfAbsent(r, x -> new HashMap<>()).computeIfAbsent(stage, st -> new HashMap<>())
              .computeIfAbsent(f.origin(), o -> new TreeMap<>()).put(f.name(), f);
        }
      }
    }

    void removeFreight(String name) {
      Freight old = freight.remove(name);
      if (old == null) {
        return;
      }
      if (!old.alias().isEmpty() && name.equals(aliases.get(old.alias()))) {
        aliases.remove(old.alias());
      }
      removeFreightFrom(byOrigin, old.origin(), name);
      for (StageRelation r : StageRelation.values()) {
        Map<String, Map<FreightOrigin, TreeMap<String, Freight>>> m = byStage.get(r);
        if (m != null) {
          for (String stage : stagesOf(old, r)) {
            Map<FreightOrigin, TreeMap<String, Freight>> byOriginInStage = m.get(stage);
            if (byOriginInStage != null) {
              removeFreightFrom(byOriginInStage, old.origin(), name);
              if (byOriginInStage.isEmpty()) {
                m.remove(stage);
              }
            }
          }
        }
      }
    }

    void putPromotion(Promotion p) {
      removePromotion(p.name());
      promotions.put(p.name(), p);
      promotionsByStage.computeIfAbsent(p.spec().stage(), s -> new TreeSet<>()).add(p.name());
      if (!p.spec().freight().isEmpty()) {
        promotionsByFreight.computeIfAbsent(p.spec().freight(), s -> new TreeSet<>()).add(p.name());
      }
    }

    void removePromotion(String name) {
      Promotion old = promotions.remove(name);
      if (old == null) {
        return;
      }
      removeFrom(promotionsByStage, old.spec().stage(), name);
      removeFrom(promotionsByFreight, old.spec().freight(), name);
    }

    private static <K> void removeFreightFrom(Map<K, TreeMap<String, Freight>> index, K key, String name) {
      TreeMap<String, Freight> byName = index.get(key);
      if (byName != null) {
        byName.remove(name);
        if (byName.isEmpty()) {
          index.remove(key);
        }
      }
    }

    private static <K> void removeFrom(Map<K, TreeSet<String>> index, K key, String name) {
      TreeSet<String> set = index.get(key);
      if (set != null) {
        set.remove(name);
        if (set.isEmpty()) {
          index.remove(key);
        }
      }
    }
  }

  private ProjectIndex index(String project) {
    return projects.computeIfAbsent(project, p -> new ProjectIndex());
  }

  private <T> T read(String project, Function<ProjectIndex, T> f) {
    open();
    ProjectIndex p = projects.get(project);
    if (p == null) {
      return f.apply(new ProjectIndex());
    }
    p.lock.readLock().lock();
    try {
      return f.apply(p);
    } finally {
      p.lock.readLock().unlock();
    }
  }

  private <T> T write(String project, Function<ProjectIndex, T> f) {
    open();
    ProjectIndex p = index(project);
    p.lock.writeLock().lock();
    try {
      open();
      return f.apply(p);
    } finally {
      p.lock.writeLock().unlock();
    }
  }

  /** The highest resource version handed out or seen so far. */
  long lastVersion() {
    return versions.get();
  }

  private String nextVersion() {
    return Long.toString(versions.incrementAndGet());
  }

  /** Makes sure later versions are greater than {@code version} (used when loading). */
  void observeVersion(String version) {
    try {
      long v = Long.parseLong(version);
      versions.accumulateAndGet(v, Math::max);
    } catch (NumberFormatException e) {
      // a non-numeric version from elsewhere; ours stay unique because they are numeric
    }
  }

  static String project(String project, String object) {
    if (project == null || project.isEmpty()) {
      throw new StoreException(object + ": metadata.namespace (the Project) is required");
    }
    if (project.length() > 63 || !Checks.DNS_LABEL.matcher(project).matches()) {
      throw new StoreException(object + ": \"" + project + "\" is not a valid Project name"
          + " (an RFC 1123 label)");
    }
    return project;
  }

  static String name(String name, String object) {
    if (name == null || name.isEmpty()) {
      throw new StoreException(object + ": metadata.name is required");
    }
    if (name.length() > 253 || !Checks.DNS_SUBDOMAIN.matcher(name).matches()) {
      throw new StoreException(object + ": \"" + name + "\" is not a valid name (an RFC 1123 subdomain)");
    }
    return name;
  }

  private static String describe(Kind kind, String project, String name) {
    return kind.label + (kind == Kind.STAGE || kind == Kind.WAREHOUSE ? " status " : " ")
        + project + "/" + name;
  }

  private ObjectMeta stamped(ObjectMeta meta, ObjectMeta previous) {
    ObjectMeta m = meta.withResourceVersion(nextVersion());
    if (m.creationTimestamp() == null) {
      m = m.withCreationTimestamp(previous != null && previous.creationTimestamp() != null
          ? previous.creationTimestamp() : clock.instant());
    }
    return m;
  }

  // ---------------------------------------------------------------- loading

  void loadFreight(Freight f) {
    ProjectIndex p = index(f.project());
    p.putFreight(f);
    observeVersion(f.metadata().resourceVersion());
  }

  void loadPromotion(Promotion f) {
    index(f.project()).putPromotion(f);
    observeVersion(f.metadata().resourceVersion());
  }

  void loadStageStatus(String project, String name, Versioned<StageStatus> v) {
    index(project).stages.put(name, v);
    observeVersion(v.resourceVersion());
  }

  void loadWarehouseStatus(String project, String name, Versioned<WarehouseStatus> v) {
    index(project).warehouses.put(name, v);
    observeVersion(v.resourceVersion());
  }

  /** Alias owner checks after loading; aliases must be unique. */
  String aliasOwner(String project, String alias) {
    return read(project, p -> p.aliases.get(alias));
  }

  // ---------------------------------------------------------------- Freight

  private static void checkAlias(ProjectIndex p, String project, Freight f) {
    if (f.alias().isEmpty()) {
      return;
    }
    String owner = p.aliases.get(f.alias());
    if (owner != null && !owner.equals(f.name())) {
      throw new DuplicateAliasException(project, f.alias(), f.name(), owner);
    }
  }

  Freight createFreight(Freight f) {
    String object = "Freight " + f.metadata().namespace() + "/" + f.name();
    String project = project(f.metadata().namespace(), object);
    String name = name(f.name(), object);
    return write(project, p -> {
      if (p.freight.containsKey(name)) {
        throw new ObjectAlreadyExistsException(describe(Kind.FREIGHT, project, name));
      }
      checkAlias(p, project, f);
      Freight stored = f.withMetadata(stamped(f.metadata(), null));
      persistence.write(Kind.FREIGHT, project, name, stored);
      p.putFreight(stored);
      return stored;
    });
  }

  Optional<Freight> getFreight(String project, String name) {
    return read(project, p -> Optional.ofNullable(p.freight.get(name)));
  }

  Optional<Freight> getFreightByAlias(String project, String alias) {
    return read(project, p -> {
      String name = p.aliases.get(alias);
      return Optional.ofNullable(name == null ? null : p.freight.get(name));
    });
  }

  Freight updateFreight(Freight f) {
    String object = "Freight " + f.metadata().namespace() + "/" + f.name();
    String project = project(f.metadata().namespace(), object);
    String name = name(f.name(), object);
    return write(project, p -> {
      Freight current = p.freight.get(name);
      String desc = describe(Kind.FREIGHT, project, name);
      if (current == null) {
        throw new ObjectNotFoundException(desc);
      }
      checkVersion(desc, f.metadata().resourceVersion(), current.metadata().resourceVersion());
      checkAlias(p, project, f);
      Freight stored = f.withMetadata(stamped(f.metadata(), current.metadata()));
      persistence.write(Kind.FREIGHT, project, name, stored);
      p.putFreight(stored);
      return stored;
    });
  }

  private static void checkVersion(String desc, String given, String stored) {
    if (!stored.equals(given == null ? "" : given)) {
      throw new StaleVersionException(desc, given == null ? "" : given, stored);
    }
  }

  void deleteFreight(String project, String name, String version) {
    write(project, p -> {
      Freight current = p.freight.get(name);
      String desc = describe(Kind.FREIGHT, project, name);
      if (current == null) {
        throw new ObjectNotFoundException(desc);
      }
      if (version != null) {
        checkVersion(desc, version, current.metadata().resourceVersion());
      }
      persistence.delete(Kind.FREIGHT, project, name);
      p.removeFreight(name);
      return null;
    });
  }

  List<Freight> listFreight(String project) {
    return read(project, p -> List.copyOf(p.freight.values()));
  }

  List<Freight> listFreightByOrigin(String project, FreightOrigin origin) {
    return read(project, p -> values(p.byOrigin.get(origin)));
  }

  List<Freight> listFreightByStage(String project, String stage, StageRelation relation) {
    return read(project, p -> {
      Map<FreightOrigin, TreeMap<String, Freight>> byOriginInStage = inStage(p, stage, relation);
      if (byOriginInStage.size() <= 1) {
        return byOriginInStage.isEmpty() ? List.of() : values(byOriginInStage.values().iterator().next());
      }
      TreeMap<String, Freight> all = new TreeMap<>();
      byOriginInStage.values().forEach(all::putAll);
      return values(all);
    });
  }

  List<Freight> listFreightByStage(String project, String stage, StageRelation relation, FreightOrigin origin) {
    return read(project, p -> values(inStage(p, stage, relation).get(origin)));
  }

  private static Map<FreightOrigin, TreeMap<String, Freight>> inStage(ProjectIndex p, String stage,
      StageRelation relation) {
    Map<String, Map<FreightOrigin, TreeMap<String, Freight>>> m = p.byStage.get(relation);
    Map<FreightOrigin, TreeMap<String, Freight>> found = m == null ? null : m.get(stage);
    return found == null ? Map.of() : found;
  }

  /** The index's objects in name order, as an unmodifiable snapshot. */
  private static <T> List<T> values(TreeMap<String, T> byName) {
    return byName == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(byName.values()));
  }

  private static <T> List<T> pick(Map<String, T> objects, TreeSet<String> names) {
    if (names == null) {
      return List.of();
    }
    List<T> out = new ArrayList<>(names.size());
    for (String n : names) {
      out.add(objects.get(n));
    }
    return Collections.unmodifiableList(out);
  }

  // ---------------------------------------------------------------- Promotions

  Promotion createPromotion(Promotion f) {
    String object = "Promotion " + f.metadata().namespace() + "/" + f.name();
    String project = project(f.metadata().namespace(), object);
    String name = name(f.name(), object);
    return write(project, p -> {
      if (p.promotions.containsKey(name)) {
        throw new ObjectAlreadyExistsException(describe(Kind.PROMOTION, project, name));
      }
      Promotion stored = f.withMetadata(stamped(f.metadata(), null));
      persistence.write(Kind.PROMOTION, project, name, stored);
      p.putPromotion(stored);
      return stored;
    });
  }

  Optional<Promotion> getPromotion(String project, String name) {
    return read(project, p -> Optional.ofNullable(p.promotions.get(name)));
  }

  Promotion updatePromotion(Promotion f) {
    String object = "Promotion " + f.metadata().namespace() + "/" + f.name();
    String project = project(f.metadata().namespace(), object);
    String name = name(f.name(), object);
    return write(project, p -> {
      Promotion current = p.promotions.get(name);
      String desc = describe(Kind.PROMOTION, project, name);
      if (current == null) {
        throw new ObjectNotFoundException(desc);
      }
      checkVersion(desc, f.metadata().resourceVersion(), current.metadata().resourceVersion());
      Promotion stored = f.withMetadata(stamped(f.metadata(), current.metadata()));
      persistence.write(Kind.PROMOTION, project, name, stored);
      p.putPromotion(stored);
      return stored;
    });
  }

  void deletePromotion(String project, String name, String version) {
    write(project, p -> {
      Promotion current = p.promotions.get(name);
      String desc = describe(Kind.PROMOTION, project, name);
      if (current == null) {
        throw new ObjectNotFoundException(desc);
      }
      if (version != null) {
        checkVersion(desc, version, current.metadata().resourceVersion());
      }
      persistence.delete(Kind.PROMOTION, project, name);
      p.removePromotion(name);
      return null;
    });
  }

  List<Promotion> listPromotions(String project) {
    return read(project, p -> List.copyOf(p.promotions.values()));
  }

  List<Promotion> listPromotionsByStage(String project, String stage) {
    return read(project, p -> pick(p.promotions, p.promotionsByStage.get(stage)));
  }

  List<Promotion> listPromotionsByFreight(String project, String freight) {
    return read(project, p -> pick(p.promotions, p.promotionsByFreight.get(freight)));
  }

  // ---------------------------------------------------------------- statuses

  private <S> Versioned<S> putStatus(Kind kind, String project, String name, S status,
      String expected, Function<ProjectIndex, TreeMap<String, Versioned<S>>> map) {
    String object = kind.label + " status " + project + "/" + name;
    project(project, object);
    name(name, object);
    if (status == null) {
      throw new StoreException(object + ": status is required");
    }
    return write(project, p -> {
      TreeMap<String, Versioned<S>> m = map.apply(p);
      Versioned<S> current = m.get(name);
      String desc = describe(kind, project, name);
      boolean create = expected == null || expected.isEmpty();
      if (create && current != null) {
        throw new StaleVersionException(desc, "", current.resourceVersion());
      }
      if (!create) {
        if (current == null) {
          throw new ObjectNotFoundException(desc);
        }
        checkVersion(desc, expected, current.resourceVersion());
      }
      Versioned<S> stored = new Versioned<>(status, nextVersion());
      persistence.write(kind, project, name, stored);
      m.put(name, stored);
      return stored;
    });
  }

  private <S> void deleteStatus(Kind kind, String project, String name, String expected,
      Function<ProjectIndex, TreeMap<String, Versioned<S>>> map) {
    write(project, p -> {
      TreeMap<String, Versioned<S>> m = map.apply(p);
      Versioned<S> current = m.get(name);
      String desc = describe(kind, project, name);
      if (current == null) {
        throw new ObjectNotFoundException(desc);
      }
      if (expected != null) {
        checkVersion(desc, expected, current.resourceVersion());
      }
      persistence.delete(kind, project, name);
      m.remove(name);
      return null;
    });
  }

  Optional<Versioned<StageStatus>> getStageStatus(String project, String stage) {
    return read(project, p -> Optional.ofNullable(p.stages.get(stage)));
  }

  Versioned<StageStatus> putStageStatus(String project, String stage, StageStatus status, String expected) {
    return putStatus(Kind.STAGE, project, stage, status, expected, p -> p.stages);
  }

  void deleteStageStatus(String project, String stage, String expected) {
    deleteStatus(Kind.STAGE, project, stage, expected, p -> p.stages);
  }

  Map<String, Versioned<StageStatus>> listStageStatuses(String project) {
    return read(project, p -> Collections.unmodifiableMap(new LinkedHashMap<>(p.stages)));
  }

  Optional<Versioned<WarehouseStatus>> getWarehouseStatus(String project, String warehouse) {
    return read(project, p -> Optional.ofNullable(p.warehouses.get(warehouse)));
  }

  Versioned<WarehouseStatus> putWarehouseStatus(String project, String warehouse,
      WarehouseStatus status, String expected) {
    return putStatus(Kind.WAREHOUSE, project, warehouse, status, expected, p -> p.warehouses);
  }

  void deleteWarehouseStatus(String project, String warehouse, String expected) {
    deleteStatus(Kind.WAREHOUSE, project, warehouse, expected, p -> p.warehouses);
  }

  Map<String, Versioned<WarehouseStatus>> listWarehouseStatuses(String project) {
    return read(project, p -> Collections.unmodifiableMap(new LinkedHashMap<>(p.warehouses)));
  }

  List<String> projects() {
    open();
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, ProjectIndex> e : new TreeMap<>(projects).entrySet()) {
      e.getValue().lock.readLock().lock();
      try {
        if (!e.getValue().isEmpty()) {
          out.add(e.getKey());
        }
      } finally {
        e.getValue().lock.readLock().unlock();
      }
    }
    return out;
  }

  /** Adapts this core to the {@link Store} interface. */
  abstract static class Delegating implements Store {
    abstract StoreCore core();

    @Override
    public Freight createFreight(Freight freight) {
      return core().createFreight(freight);
    }

    @Override
    public Optional<Freight> getFreight(String project, String name) {
      return core().getFreight(project, name);
    }

    @Override
    public Optional<Freight> getFreightByAlias(String project, String alias) {
      return core().getFreightByAlias(project, alias);
    }

    @Override
    public Freight updateFreight(Freight freight) {
      return core().updateFreight(freight);
    }

    @Override
    public void deleteFreight(String project, String name, String resourceVersion) {
      core().deleteFreight(project, name, resourceVersion);
    }

    @Override
    public List<Freight> listFreight(String project) {
      return core().listFreight(project);
    }

    @Override
    public List<Freight> listFreightByOrigin(String project, FreightOrigin origin) {
      return core().listFreightByOrigin(project, origin);
    }

    @Override
    public List<Freight> listFreightByStage(String project, String stage, StageRelation relation) {
      return core().listFreightByStage(project, stage, relation);
    }

    @Override
    public List<Freight> listFreightByStage(String project, String stage, StageRelation relation,
        FreightOrigin origin) {
      return core().listFreightByStage(project, stage, relation, origin);
    }

    @Override
    public Promotion createPromotion(Promotion promotion) {
      return core().createPromotion(promotion);
    }

    @Override
    public Optional<Promotion> getPromotion(String project, String name) {
      return core().getPromotion(project, name);
    }

    @Override
    public Promotion updatePromotion(Promotion promotion) {
      return core().updatePromotion(promotion);
    }

    @Override
    public void deletePromotion(String project, String name, String resourceVersion) {
      core().deletePromotion(project, name, resourceVersion);
    }

    @Override
    public List<Promotion> listPromotions(String project) {
      return core().listPromotions(project);
    }

    @Override
    public List<Promotion> listPromotionsByStage(String project, String stage) {
      return core().listPromotionsByStage(project, stage);
    }

    @Override
    public List<Promotion> listPromotionsByFreight(String project, String freight) {
      return core().listPromotionsByFreight(project, freight);
    }

    @Override
    public Optional<Versioned<StageStatus>> getStageStatus(String project, String stage) {
      return core().getStageStatus(project, stage);
    }

    @Override
    public Versioned<StageStatus> putStageStatus(String project, String stage, StageStatus status,
        String expectedVersion) {
      return core().putStageStatus(project, stage, status, expectedVersion);
    }

    @Override
    public void deleteStageStatus(String project, String stage, String expectedVersion) {
      core().deleteStageStatus(project, stage, expectedVersion);
    }

    @Override
    public Map<String, Versioned<StageStatus>> listStageStatuses(String project) {
      return core().listStageStatuses(project);
    }

    @Override
    public Optional<Versioned<WarehouseStatus>> getWarehouseStatus(String project, String warehouse) {
      return core().getWarehouseStatus(project, warehouse);
    }

    @Override
    public Versioned<WarehouseStatus> putWarehouseStatus(String project, String warehouse,
        WarehouseStatus status, String expectedVersion) {
      return core().putWarehouseStatus(project, warehouse, status, expectedVersion);
    }

    @Override
    public void deleteWarehouseStatus(String project, String warehouse, String expectedVersion) {
      core().deleteWarehouseStatus(project, warehouse, expectedVersion);
    }

    @Override
    public Map<String, Versioned<WarehouseStatus>> listWarehouseStatuses(String project) {
      return core().listWarehouseStatuses(project);
    }

    @Override
    public List<String> projects() {
      return core().projects();
    }
  }
}
