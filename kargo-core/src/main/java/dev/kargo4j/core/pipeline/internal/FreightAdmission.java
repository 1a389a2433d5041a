package dev.kargo4j.core.pipeline.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.freight.FreightAliases;
import dev.kargo4j.core.freight.FreightIds;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.spi.DuplicateAliasException;
import dev.kargo4j.core.spi.ObjectAlreadyExistsException;
import dev.kargo4j.core.spi.Store;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The one way Freight enters a Project, as Kargo's webhook admits it, whether a host creates
 * or imports it or discovery found it: checks its Project and origin, names it by its Freight
 * ID when unnamed, gives it an alias (its own, its label's, or a fresh
 * {@code <adjective>-<animal>}) mirrored in the alias label, stores it, announces it
 * ({@code freightCreated}) and wakes the Stages that request its origin. Admission is
 * idempotent on the name: Freight that is already stored is returned as stored and neither
 * announced nor stored again. Thread-safe.
 */
final class FreightAdmission {
  /** How often a generated alias may be taken by a concurrent writer before admission gives up. */
  private static final int ALIAS_ATTEMPTS = 5;

  /** The Freight as stored, and whether this admission created it. */
  record Admitted(Freight freight, boolean created) {}

  private final String project;
  private final Store store;
  private final Set<String> warehouses;
  private final FreightAliases aliases;
  private final Events events;
  private final Consumer<FreightOrigin> wake;

  /**
   * @param warehouses the Project's Warehouses, the only origins admitted
   * @param wake wakes the Stages that request an origin
   */
  FreightAdmission(String project, Store store, Set<String> warehouses, RandomGenerator random, Events events,
      Consumer<FreightOrigin> wake) {
    this.project = project;
    this.store = store;
    this.warehouses = Set.copyOf(warehouses);
    this.aliases = new FreightAliases(random);
    this.events = events;
    this.wake = wake;
  }

  /**
   * Creates new Freight (a host's {@code createFreight}).
   *
   * @throws ObjectAlreadyExistsException when Freight of that name exists
   * @throws DuplicateAliasException when its own alias is taken
   * @throws KargoException when its Project or origin is not this Project's
   */
  Freight create(Freight freight) {
    Admitted a = store(prepare(freight), true);
    wake.accept(a.freight().origin());
    return a.freight();
  }

  /** Admits Freight unless Freight of its name exists (then returns that). */
  Admitted admit(Freight freight) {
    Admitted a = store(prepare(freight), false);
    if (a.created()) {
      wake.accept(a.freight().origin());
    }
    return a;
  }

  /**
   * Admits each Freight as {@link #admit} does, in order, and wakes the requesting Stages once
   * all are stored, so that Freight arriving together is seen together.
   */
  List<Freight> admitAll(Collection<Freight> freight) {
    List<Freight> out = new ArrayList<>();
    Set<FreightOrigin> origins = new LinkedHashSet<>();
    try {
      for (Freight f : freight) {
        Admitted a = store(prepare(f), false);
        if (a.created()) {
          origins.add(a.freight().origin());
        }
        out.add(a.freight());
      }
    } finally {
      origins.forEach(wake);
    }
    return out;
  }

  private Freight prepare(Freight freight) {
    if (!freight.project().isEmpty() && !freight.project().equals(project)) {
      throw new KargoException("Freight \"" + freight.name() + "\" belongs to project \"" + freight.project()
          + "\", not \"" + project + "\"");
    }
    if (!FreightOrigin.WAREHOUSE.equals(freight.origin().kind()) || !warehouses.contains(freight.origin().name())) {
      throw new KargoException("Freight origin \"" + freight.origin() + "\" is not a Warehouse of project \""
          + project + "\"; known: " + (warehouses.isEmpty() ? "(none)"
              : String.join(", ", warehouses.stream().sorted().map(w -> "Warehouse/" + w).toList())));
    }
    Freight f = freight.withMetadata(freight.metadata().withNamespace(project).withResourceVersion(""));
    if (f.name() == null || f.name().isEmpty()) {
      f = f.withMetadata(f.metadata().withName(FreightIds.generate(f)));
    }
    return f;
  }

  private Admitted store(Freight f, boolean strict) {
    if (!strict) {
      Optional<Freight> existing = store.getFreight(project, f.name());
      if (existing.isPresent()) {
        return new Admitted(existing.get(), false);
      }
    }
    String own = f.alias().isEmpty() ? f.metadata().labels().getOrDefault(FreightAliases.LABEL, "") : f.alias();
    for (int attempt = 1; ; attempt++) {
      String alias = own.isEmpty() ? aliases.generate(a -> store.getFreightByAlias(project, a).isPresent()) : own;
      Freight named = f.withAlias(alias).withMetadata(f.metadata().withLabel(FreightAliases.LABEL, alias));
      Freight stored;
      try {
        stored = store.createFreight(named);
      } catch (DuplicateAliasException e) {
        if (!own.isEmpty() || attempt >= ALIAS_ATTEMPTS) {
          throw e; // the caller's alias is taken, or someone keeps taking ours: give up loudly
        }
        continue;
      } catch (ObjectAlreadyExistsException e) {
        if (strict) {
          throw e;
        }
        // created concurrently: the first one in is the Freight, and it was announced by its creator
        return new Admitted(store.getFreight(project, f.name()).orElseThrow(() -> e), false);
      }
      events.freightCreated(stored);
      return new Admitted(stored, true);
    }
  }
}
