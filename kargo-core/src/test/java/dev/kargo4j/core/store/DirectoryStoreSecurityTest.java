package dev.kargo4j.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionSpec;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.spi.CorruptStoreException;
import dev.kargo4j.core.spi.StoreException;
import dev.kargo4j.testkit.StoreContract;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 10 (the store half) and the lower item on resource versions: the directory
 * store never writes what it cannot read back, never reads a file whole before checking its
 * size, and never hands out a resource version twice.
 */
class DirectoryStoreSecurityTest {
  @TempDir Path dir;

  private Path root() {
    return dir.resolve("store");
  }

  /** A Promotion whose one step config repeats a 1 MiB string {@code copies} times (shared, so cheap in memory). */
  static Promotion amplified(String name, int copies) {
    String big = "x".repeat(1 << 20);
    return new Promotion(ObjectMeta.of("demo", name), new PromotionSpec("dev", "f1", null, List.of(),
        List.of(PromotionStep.uses("fail", Map.of("copies", Collections.nCopies(copies, big))))), null);
  }

  @Test
  void anObjectTooLargeToReadBackIsRefusedAndTheStoreStillOpens() {
    try (DirectoryStore store = DirectoryStore.open(root(), StoreContract.CLOCK)) {
      store.createFreight(StoreContract.freight("demo", "f1", "w", "happy-otter"));
      assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
          assertThatThrownBy(() -> store.createPromotion(amplified("dev.01a.big", 20)))
              .isInstanceOf(StoreException.class)
              .hasMessageContaining("Promotion demo/dev.01a.big")
              .hasMessageContaining("limit"));
      assertThat(store.getPromotion("demo", "dev.01a.big")).isEmpty();
    }
    try (DirectoryStore again = DirectoryStore.open(root(), StoreContract.CLOCK)) {
      assertThat(again.getFreight("demo", "f1")).isPresent();
    }
  }

  @Test
  void theLimitIsOneForWritingAndReadingAndTheHostsToChange() {
    Path r = root();
    try (DirectoryStore store = DirectoryStore.builder(r).clock(StoreContract.CLOCK)
        .maxObjectBytes(3 << 20).open()) {
      store.createPromotion(amplified("dev.01a.two", 2)); // about 2 MiB: within 3 MiB
      assertThatThrownBy(() -> store.createPromotion(amplified("dev.01a.four", 4)))
          .isInstanceOf(StoreException.class).hasMessageContaining("Promotion demo/dev.01a.four")
          .hasMessageContaining(String.valueOf(3 << 20));
    }
    // what was written with 3 MiB reads back with 3 MiB, and is named when the limit is lowered
    try (DirectoryStore again = DirectoryStore.builder(r).clock(StoreContract.CLOCK)
        .maxObjectBytes(3 << 20).open()) {
      assertThat(again.getPromotion("demo", "dev.01a.two")).isPresent();
    }
    Path file = r.resolve("demo/promotions/dev.01a.two.yaml");
    assertThatThrownBy(() -> DirectoryStore.builder(r).maxObjectBytes(1 << 20).open())
        .isInstanceOf(CorruptStoreException.class)
        .hasMessageContaining(file.toString()).hasMessageContaining("maxObjectBytes")
        .satisfies(e -> assertThat(((CorruptStoreException) e).location()).isEqualTo(file.toString()));
  }

  @Test
  void anObjectTheStoreCouldNotReadBackIsRefusedAndTheStoreStillOpens() {
    // small, but nested deeper than the store reads: written, it would stop every later open
    Object deep = "leaf";
    for (int i = 0; i < 600; i++) {
      deep = Map.of("k", deep);
    }
    Promotion p = new Promotion(ObjectMeta.of("demo", "dev.01a.deep"), new PromotionSpec("dev", "f1", null,
        List.of(), List.of(PromotionStep.uses("fail", Map.of("deep", deep)))), null);
    try (DirectoryStore store = DirectoryStore.open(root(), StoreContract.CLOCK)) {
      assertThatThrownBy(() -> store.createPromotion(p)).isInstanceOf(StoreException.class)
          .hasMessageContaining("Promotion demo/dev.01a.deep").hasMessageContaining("would not read back");
    }
    try (DirectoryStore again = DirectoryStore.open(root(), StoreContract.CLOCK)) {
      assertThat(again.getPromotion("demo", "dev.01a.deep")).isEmpty();
    }
  }

  @Test
  void aHugeFileIsNamedWithoutBeingReadWhole() throws Exception {
    try (DirectoryStore store = DirectoryStore.open(root(), StoreContract.CLOCK)) {
      store.createFreight(StoreContract.freight("demo", "f1", "w", "happy-otter"));
    }
    Path huge = root().resolve("demo/promotions/dev.01a.huge.yaml");
    Files.createDirectories(huge.getParent());
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(3L << 30); // sparse: 3 GiB that cost no disk, but would not fit any heap
    }
    assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
        assertThatThrownBy(() -> DirectoryStore.open(root(), StoreContract.CLOCK))
            .isInstanceOf(CorruptStoreException.class)
            .hasMessageContaining(huge.toString()));
  }

  @Test
  void resourceVersionsAreNeverReusedAfterADeleteAndAReopen() {
    String deleted;
    try (DirectoryStore store = DirectoryStore.open(root(), StoreContract.CLOCK)) {
      store.createFreight(StoreContract.freight("demo", "f1", "w", "a1"));
      Freight f2 = store.createFreight(StoreContract.freight("demo", "f2", "w", "a2"));
      deleted = f2.metadata().resourceVersion();
      store.deleteFreight("demo", "f2", deleted);
    }
    try (DirectoryStore again = DirectoryStore.open(root(), StoreContract.CLOCK)) {
      Freight f2 = again.createFreight(StoreContract.freight("demo", "f2", "w", "a2"));
      assertThat(f2.metadata().resourceVersion()).isNotEqualTo(deleted);
      assertThat(Long.parseLong(f2.metadata().resourceVersion())).isGreaterThan(Long.parseLong(deleted));
    }
  }
}
