package dev.kargo4j.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionSpec;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.spi.ObjectNotFoundException;
import dev.kargo4j.core.spi.StaleVersionException;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.store.InMemoryStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one Promotion writer, table-driven: what is stored before the write, what another writer
 * does in between (the race), what is written, and what must come out.
 */
class PromotionWriterTest {
  private static final String NAME = "dev.01abc.f1";

  private static Promotion promotion(PromotionPhase phase, String message) {
    return new Promotion(ObjectMeta.of("demo", NAME), new PromotionSpec("dev", "f1", null, List.of(),
        List.of(PromotionStep.uses("fake", Map.of()))), PromotionStatus.EMPTY.withPhase(phase, message));
  }

  /** The stored Promotion with another phase and message, written by "someone else". */
  private static Consumer<Store> otherWriter(PromotionPhase phase, String message) {
    return store -> {
      Promotion stored = store.getPromotion("demo", NAME).orElseThrow();
      store.updatePromotion(stored.withStatus(stored.status().withPhase(phase, message)));
    };
  }

  /**
   * One case.
   *
   * @param stored what the store holds before (null: nothing)
   * @param races how many of the writer's updates another writer gets in before
   * @param race what that other writer does
   * @param write what the writer is asked to save; versioned: carrying the stored version
   * @param phase the phase the store must hold afterwards (and the writer returns)
   * @param message the message it must hold
   * @param failure the exception the write must end in, or null
   */
  record Case(String name, Promotion stored, int races, Consumer<Store> race, Promotion write, boolean versioned,
      PromotionPhase phase, String message, Class<? extends Throwable> failure) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    Promotion running = promotion(PromotionPhase.RUNNING, "step 1");
    Promotion step2 = promotion(PromotionPhase.RUNNING, "step 2");
    Consumer<Store> nothing = s -> {};
    return Stream.of(
        new Case("a new Promotion is created", null, 0, nothing, running, false,
            PromotionPhase.RUNNING, "step 1", null),
        new Case("an unversioned Promotion replaces the stored one", running, 0, nothing, step2, false,
            PromotionPhase.RUNNING, "step 2", null),
        new Case("a versioned write succeeds at once", running, 0, nothing, step2, true,
            PromotionPhase.RUNNING, "step 2", null),
        new Case("stale, then success on the stored version", running, 1,
            otherWriter(PromotionPhase.RUNNING, "someone else"), step2, true, PromotionPhase.RUNNING, "step 2", null),
        new Case("stale twice, then success", running, 2,
            otherWriter(PromotionPhase.RUNNING, "someone else"), step2, true, PromotionPhase.RUNNING, "step 2", null),
        new Case("terminal guard: a Succeeded Promotion is not overwritten", running, 1,
            otherWriter(PromotionPhase.SUCCEEDED, "All steps completed"), step2, true,
            PromotionPhase.SUCCEEDED, "All steps completed", null),
        new Case("concurrent abort: the abort wins over a step's save", running, 1,
            otherWriter(PromotionPhase.ABORTED, "Promotion terminated by bob"), step2, true,
            PromotionPhase.ABORTED, "Promotion terminated by bob", null),
        new Case("terminal guard for an unversioned write too", promotion(PromotionPhase.ERRORED, "boom"), 0, nothing,
            step2, false, PromotionPhase.ERRORED, "boom", null),
        new Case("a Promotion that keeps changing: the stale write goes up", running, Integer.MAX_VALUE,
            otherWriter(PromotionPhase.RUNNING, "someone else"), step2, true, PromotionPhase.RUNNING, "someone else",
            StaleVersionException.class),
        new Case("a deleted Promotion is not resurrected", running, 1,
            s -> s.deletePromotion("demo", NAME, null), step2, true, null, null, ObjectNotFoundException.class))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void writes(Case c) {
    InMemoryStore backing = InMemoryStore.create();
    Promotion write = c.write();
    if (c.stored() != null) {
      Promotion stored = backing.createPromotion(c.stored());
      if (c.versioned()) {
        write = write.withMetadata(write.metadata().withResourceVersion(stored.metadata().resourceVersion()));
      }
    }
    AtomicInteger updates = new AtomicInteger();
    PromotionWriter writer = new PromotionWriter(racing(backing, c.races(), c.race(), updates));

    if (c.failure() != null) {
      Promotion w = write;
      assertThatThrownBy(() -> writer.save(w)).isInstanceOf(c.failure());
    } else {
      Promotion saved = writer.save(write);
      assertThat(saved.status().phase()).isEqualTo(c.phase());
      assertThat(saved.status().message()).isEqualTo(c.message());
      assertThat(saved.metadata().resourceVersion()).isNotEmpty();
    }
    if (c.phase() != null) {
      Promotion stored = backing.getPromotion("demo", NAME).orElseThrow();
      assertThat(stored.status().phase()).isEqualTo(c.phase());
      assertThat(stored.status().message()).isEqualTo(c.message());
    } else {
      assertThat(backing.getPromotion("demo", NAME)).isEmpty();
    }
    if (c.races() == Integer.MAX_VALUE) {
      assertThat(updates.get()).isEqualTo(PromotionWriter.MAX_ATTEMPTS);
    }
  }

  /** {@code store}, with {@code race} run before each of its first {@code races} Promotion updates. */
  private static Store racing(Store store, int races, Consumer<Store> race, AtomicInteger updates) {
    return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[] {Store.class},
        (proxy, method, args) -> {
          if (method.getName().equals("updatePromotion") && updates.getAndIncrement() < races) {
            race.accept(store);
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
