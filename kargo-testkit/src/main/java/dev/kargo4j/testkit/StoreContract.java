package dev.kargo4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.model.ApprovedStage;
import dev.kargo4j.core.model.CurrentStage;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightSources;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionSpec;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.VerifiedStage;
import dev.kargo4j.core.model.WarehouseStatus;
import dev.kargo4j.core.spi.DuplicateAliasException;
import dev.kargo4j.core.spi.ObjectAlreadyExistsException;
import dev.kargo4j.core.spi.ObjectNotFoundException;
import dev.kargo4j.core.spi.StaleVersionException;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.Store.StageRelation;
import dev.kargo4j.core.spi.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Store} contract as a JUnit 5 test suite: what kargo4j's runtime relies on from any
 * store (create, read, update and delete of each kind; optimistic concurrency with
 * {@link StaleVersionException}; unique aliases; the Freight indexes by Warehouse, Stage and
 * alias; no lost update under concurrent writers; a closed store refuses work). kargo4j's own
 * {@code InMemoryStore} and {@code DirectoryStore} pass it.
 *
 * <p>A host that writes its own store runs the suite by extending this class in its tests and
 * returning a fresh, empty store from {@link #newStore()}:
 *
 * <pre>{@code
 * class JdbcStoreTest extends StoreContract {
 *   @Override
 *   protected Store newStore() {
 *     return JdbcStore.create(freshDatabase(), CLOCK);
 *   }
 * }
 * }</pre>
 *
 * <p>The subclass may add its own {@code @Test} methods; {@link #store} holds the store of the
 * current test and is closed after it. Each test gets its own instance (JUnit's default
 * lifecycle), so the class is not shared between threads; a few tests start threads of their
 * own against the store.
 */
public abstract class StoreContract {
  /** The instant of {@link #CLOCK}. */
  public static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  /** A fixed clock at {@link #NOW}, in UTC, for stores that stamp creation times. */
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** The store under test, from {@link #newStore()}; set before each test, closed after it. */
  protected Store store;

  /** A subclass for JUnit. */
  protected StoreContract() {}

  /**
   * A new store holding nothing, called once before each test. Stores that stamp times should
   * use {@link #CLOCK}; never null.
   */
  protected abstract Store newStore();

  @BeforeEach
  void setUp() {
    store = newStore();
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  /** A Freight from {@code warehouse} with one commit and one image, for tests of a store. */
  public static Freight freight(String project, String name, String warehouse, String alias) {
    return new Freight(ObjectMeta.of(project, name), alias, null, FreightOrigin.warehouse(warehouse),
        List.of(GitCommit.of("https://github.com/a/b", name)), List.of(Image.of("ghcr.io/a/b", "1.0.0", "")),
        List.of(), List.of(), null);
  }

  /** A Promotion of {@code freight} to {@code stage} with one step, for tests of a store. */
  public static Promotion promotion(String project, String name, String stage, String freight) {
    return new Promotion(ObjectMeta.of(project, name),
        new PromotionSpec(stage, freight, null, List.of(), List.of(PromotionStep.uses("fail", Map.of()))), null);
  }

  @Test
  void createReadUpdateDeleteFreight() {
    Freight created = store.createFreight(freight("demo", "f1", "w", "happy-otter"));
    assertThat(created.metadata().resourceVersion()).isNotEmpty();
    assertThat(created.metadata().creationTimestamp()).isEqualTo(NOW);
    assertThat(store.getFreight("demo", "f1")).contains(created);
    assertThat(store.getFreightByAlias("demo", "happy-otter")).contains(created);
    assertThat(store.getFreight("other", "f1")).isEmpty();

    Freight updated = store.updateFreight(created.withAlias("brave-wolf"));
    assertThat(Long.parseLong(updated.metadata().resourceVersion()))
        .isGreaterThan(Long.parseLong(created.metadata().resourceVersion()));
    assertThat(updated.metadata().creationTimestamp()).isEqualTo(NOW);
    assertThat(store.getFreightByAlias("demo", "happy-otter")).isEmpty();
    assertThat(store.getFreightByAlias("demo", "brave-wolf")).contains(updated);

    assertThatThrownBy(() -> store.deleteFreight("demo", "f1", created.metadata().resourceVersion()))
        .isInstanceOf(StaleVersionException.class);
    store.deleteFreight("demo", "f1", updated.metadata().resourceVersion());
    assertThat(store.getFreight("demo", "f1")).isEmpty();
    assertThat(store.listFreight("demo")).isEmpty();
    assertThatThrownBy(() -> store.deleteFreight("demo", "f1", null)).isInstanceOf(ObjectNotFoundException.class)
        .hasMessage("Freight demo/f1 does not exist");
  }

  @Test
  void staleWritesFailNamingObjectAndVersions() {
    Freight v1 = store.createFreight(freight("demo", "f1", "w", ""));
    Freight v2 = store.updateFreight(v1.withAlias("a"));
    assertThatThrownBy(() -> store.updateFreight(v1.withAlias("b")))
        .isInstanceOf(StaleVersionException.class)
        .hasMessage("Freight demo/f1: stale write: it carries resourceVersion " + v1.metadata().resourceVersion()
            + " but the stored object is at " + v2.metadata().resourceVersion() + "; re-read it and retry")
        .satisfies(e -> {
          StaleVersionException s = (StaleVersionException) e;
          assertThat(s.object()).isEqualTo("Freight demo/f1");
          assertThat(s.expectedVersion()).isEqualTo(v1.metadata().resourceVersion());
          assertThat(s.actualVersion()).isEqualTo(v2.metadata().resourceVersion());
        });
    assertThat(store.getFreight("demo", "f1")).contains(v2);
  }

  @Test
  void createTwiceAndUpdateMissing() {
    store.createFreight(freight("demo", "f1", "w", ""));
    assertThatThrownBy(() -> store.createFreight(freight("demo", "f1", "w", "")))
        .isInstanceOf(ObjectAlreadyExistsException.class).hasMessage("Freight demo/f1 already exists");
    assertThatThrownBy(() -> store.updateFreight(freight("demo", "f2", "w", "")))
        .isInstanceOf(ObjectNotFoundException.class);
    assertThatThrownBy(() -> store.createFreight(freight("", "f3", "w", "")))
        .isInstanceOf(StoreException.class).hasMessageContaining("metadata.namespace (the Project) is required");
  }

  @Test
  void aliasesAreUniquePerProject() {
    store.createFreight(freight("demo", "f1", "w", "happy-otter"));
    store.createFreight(freight("other", "f1", "w", "happy-otter"));
    assertThatThrownBy(() -> store.createFreight(freight("demo", "f2", "w", "happy-otter")))
        .isInstanceOf(DuplicateAliasException.class)
        .hasMessage("Freight demo/f2: alias \"happy-otter\" is already used by Freight demo/f1; aliases are unique per Project");
  }

  @Test
  void freightIndexes() {
    Freight a = store.createFreight(freight("demo", "a", "w1", ""));
    store.createFreight(freight("demo", "b", "w2", ""));
    Freight c = store.createFreight(freight("demo", "c", "w1", ""));
    store.createFreight(freight("other", "d", "w1", ""));
    assertThat(store.listFreight("demo")).extracting(Freight::name).containsExactly("a", "b", "c");
    assertThat(store.listFreightByOrigin("demo", FreightOrigin.warehouse("w1"))).extracting(Freight::name)
        .containsExactly("a", "c");
    Freight inDev = store.updateFreight(a.withStatus(FreightStatus.EMPTY
        .withCurrentlyIn("dev", new CurrentStage(NOW))
        .withVerifiedIn("dev", new VerifiedStage(NOW, null))));
    store.updateFreight(c.withStatus(FreightStatus.EMPTY.withApprovedFor("prod", new ApprovedStage(NOW))));
    assertThat(store.listFreightByStage("demo", "dev", StageRelation.CURRENTLY_IN)).containsExactly(inDev);
    assertThat(store.listFreightByStage("demo", "dev", StageRelation.VERIFIED_IN)).containsExactly(inDev);
    assertThat(store.listFreightByStage("demo", "prod", StageRelation.APPROVED_FOR)).extracting(Freight::name)
        .containsExactly("c");
    store.updateFreight(inDev.withStatus(inDev.status().withCurrentlyIn("dev", null)));
    assertThat(store.listFreightByStage("demo", "dev", StageRelation.CURRENTLY_IN)).isEmpty();
    assertThat(store.listFreightByStage("demo", "dev", StageRelation.VERIFIED_IN)).hasSize(1);
    assertThat(store.projects()).containsExactly("demo", "other");
  }

  @Test
  void freightByStageAcrossOriginsStaysInNameOrder() {
    for (String[] f : new String[][] {{"d", "w2"}, {"a", "w1"}, {"c", "w2"}, {"b", "w1"}}) {
      Freight created = store.createFreight(freight("demo", f[0], f[1], ""));
      store.updateFreight(created.withStatus(FreightStatus.EMPTY.withVerifiedIn("dev", new VerifiedStage(NOW, null))));
    }
    assertThat(store.listFreightByStage("demo", "dev", StageRelation.VERIFIED_IN)).extracting(Freight::name)
        .containsExactly("a", "b", "c", "d");
    assertThat(store.listFreightByStage("demo", "dev", StageRelation.VERIFIED_IN, FreightOrigin.warehouse("w2")))
        .extracting(Freight::name).containsExactly("c", "d");
    assertThat(store.listFreightByStage("demo", "dev", StageRelation.VERIFIED_IN, FreightOrigin.warehouse("w3")))
        .isEmpty();
    Freight c = store.getFreight("demo", "c").orElseThrow();
    store.updateFreight(c.withStatus(FreightStatus.EMPTY));
    assertThat(store.listFreightByStage("demo", "dev", StageRelation.VERIFIED_IN, FreightOrigin.warehouse("w2")))
        .extracting(Freight::name).containsExactly("d");
    store.deleteFreight("demo", "d", store.getFreight("demo", "d").orElseThrow().metadata().resourceVersion());
    assertThat(store.listFreightByStage("demo", "dev", StageRelation.VERIFIED_IN, FreightOrigin.warehouse("w2")))
        .isEmpty();
    assertThat(store.listFreightByStage("demo", "dev", StageRelation.VERIFIED_IN)).extracting(Freight::name)
        .containsExactly("a", "b");
  }

  @Test
  void promotions() {
    Promotion p1 = store.createPromotion(promotion("demo", "dev.01a.abc", "dev", "f1"));
    store.createPromotion(promotion("demo", "dev.01b.def", "dev", "f2"));
    store.createPromotion(promotion("demo", "prod.01c.abc", "prod", "f1"));
    assertThat(store.listPromotions("demo")).extracting(Promotion::name)
        .containsExactly("dev.01a.abc", "dev.01b.def", "prod.01c.abc");
    assertThat(store.listPromotionsByStage("demo", "dev")).extracting(Promotion::name)
        .containsExactly("dev.01a.abc", "dev.01b.def");
    assertThat(store.listPromotionsByFreight("demo", "f1")).extracting(Promotion::name)
        .containsExactly("dev.01a.abc", "prod.01c.abc");
    Promotion running = store.updatePromotion(p1.withStatus(PromotionStatus.EMPTY.withPhase(PromotionPhase.RUNNING, "")));
    assertThat(store.getPromotion("demo", "dev.01a.abc")).contains(running);
    assertThatThrownBy(() -> store.updatePromotion(p1)).isInstanceOf(StaleVersionException.class)
        .hasMessageStartingWith("Promotion demo/dev.01a.abc: stale write");
    store.deletePromotion("demo", "dev.01a.abc", null);
    assertThat(store.listPromotionsByFreight("demo", "f1")).extracting(Promotion::name).containsExactly("prod.01c.abc");
    assertThatThrownBy(() -> store.createPromotion(promotion("demo", "prod.01c.abc", "prod", "f1")))
        .isInstanceOf(ObjectAlreadyExistsException.class);
  }

  @Test
  void statuses() {
    Store.Versioned<StageStatus> s1 = store.putStageStatus("demo", "dev", StageStatus.EMPTY, null);
    assertThat(store.getStageStatus("demo", "dev")).contains(s1);
    assertThatThrownBy(() -> store.putStageStatus("demo", "dev", StageStatus.EMPTY, null))
        .isInstanceOf(StaleVersionException.class)
        .hasMessage("Stage status demo/dev: stale write: it carries resourceVersion (none) but the stored object is at "
            + s1.resourceVersion() + "; re-read it and retry");
    Store.Versioned<StageStatus> s2 =
        store.putStageStatus("demo", "dev", StageStatus.EMPTY.withFreightSummary("1/1"), s1.resourceVersion());
    assertThat(s2.value().freightSummary()).isEqualTo("1/1");
    assertThatThrownBy(() -> store.putStageStatus("demo", "dev", StageStatus.EMPTY, s1.resourceVersion()))
        .isInstanceOf(StaleVersionException.class);
    assertThatThrownBy(() -> store.putStageStatus("demo", "qa", StageStatus.EMPTY, "7"))
        .isInstanceOf(ObjectNotFoundException.class).hasMessage("Stage status demo/qa does not exist");
    assertThat(store.listStageStatuses("demo")).containsOnlyKeys("dev");

    Store.Versioned<WarehouseStatus> w = store.putWarehouseStatus("demo", "w", WarehouseStatus.EMPTY.withLastFreightID("f1"), "");
    assertThat(store.listWarehouseStatuses("demo")).containsEntry("w", w);
    store.deleteWarehouseStatus("demo", "w", w.resourceVersion());
    assertThat(store.getWarehouseStatus("demo", "w")).isEmpty();
    store.deleteStageStatus("demo", "dev", null);
    assertThat(store.projects()).isEmpty();
  }

  @Test
  void concurrentWritersNeverLoseAnUpdate() throws Exception {
    store.putStageStatus("demo", "dev", StageStatus.EMPTY.withFreightSummary("0"), null);
    int threads = 4;
    int increments = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          int conflicts = 0;
          for (int i = 0; i < increments; i++) {
            while (true) {
              Store.Versioned<StageStatus> cur = store.getStageStatus("demo", "dev").orElseThrow();
              int n = Integer.parseInt(cur.value().freightSummary());
              try {
                store.putStageStatus("demo", "dev", cur.value().withFreightSummary(Integer.toString(n + 1)),
                    cur.resourceVersion());
                break;
              } catch (StaleVersionException e) {
                conflicts++;
              }
            }
          }
          return conflicts;
        }));
      }
      for (Future<Integer> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.getStageStatus("demo", "dev").orElseThrow().value().freightSummary())
        .isEqualTo(Integer.toString(threads * increments));
  }

  @Test
  void closedStoresRefuseWork() {
    store.close();
    assertThatThrownBy(() -> store.listFreight("demo")).isInstanceOf(StoreException.class)
        .hasMessage("the store is closed");
  }
}
