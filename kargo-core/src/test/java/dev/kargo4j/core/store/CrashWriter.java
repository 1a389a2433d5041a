package dev.kargo4j.core.store;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionSpec;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.spi.Store;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The child process of {@link DirectoryStoreCrashTest}: writes to a {@link DirectoryStore} in an
 * endless loop and logs each write before ({@code W <key> <marker>}) and after
 * ({@code C <key> <marker> <version>}) it to a log file (which survives a kill, being in the
 * kernel's page cache), echoing commits on stdout for the parent to pace the kill. A marker
 * {@code -} means deleted.
 */
public final class CrashWriter {
  static final String PROJECT = "crash";
  static final List<String> KEYS = List.of("freight/f0", "freight/f1", "freight/f2", "freight/f3",
      "stage/s0", "stage/s1", "stage/s2", "promotion/p0", "promotion/p1");

  private CrashWriter() {}

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    long seed = Long.parseLong(args[1]);
    PrintStream log;
    try {
      log = new PrintStream(new FileOutputStream(args[2]), true, java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Random random = new Random(seed);
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    try (DirectoryStore store = DirectoryStore.open(root)) {
      out.println("READY");
      for (long i = 0; ; i++) {
        String key = KEYS.get(random.nextInt(KEYS.size()));
        String marker = random.nextInt(10) == 0 ? "-" : seed + "." + i;
        log.println("W " + key + " " + marker);
        String version = write(store, key, marker);
        log.println("C " + key + " " + marker + " " + version);
        out.println("C");
      }
    }
  }

  /** Reads the marker and version of {@code key}; marker "-" when absent. */
  static String[] read(Store store, String key) {
    String name = key.substring(key.indexOf('/') + 1);
    if (key.startsWith("freight/")) {
      Optional<Freight> f = store.getFreight(PROJECT, name);
      return f.map(x -> new String[] {(String) x.status().metadata().get("marker"), x.metadata().resourceVersion()})
          .orElse(new String[] {"-", ""});
    }
    if (key.startsWith("stage/")) {
      return store.getStageStatus(PROJECT, name)
          .map(v -> new String[] {v.value().freightSummary(), v.resourceVersion()})
          .orElse(new String[] {"-", ""});
    }
    return store.getPromotion(PROJECT, name)
        .map(p -> new String[] {p.status().message(), p.metadata().resourceVersion()})
        .orElse(new String[] {"-", ""});
  }

  private static String write(Store store, String key, String marker) {
    String name = key.substring(key.indexOf('/') + 1);
    boolean delete = marker.equals("-");
    if (key.startsWith("freight/")) {
      Optional<Freight> current = store.getFreight(PROJECT, name);
      if (delete) {
        current.ifPresent(f -> store.deleteFreight(PROJECT, name, f.metadata().resourceVersion()));
        return "";
      }
      FreightStatus status = FreightStatus.EMPTY.withMetadata("marker", marker)
          .withMetadata("padding", "x".repeat(2000 + marker.length()));
      if (current.isPresent()) {
        return store.updateFreight(current.get().withStatus(status)).metadata().resourceVersion();
      }
      Freight f = new Freight(ObjectMeta.of(PROJECT, name), "", null, FreightOrigin.warehouse("w"),
          List.of(GitCommit.of("https://github.com/example/repo", name)), List.of(), List.of(), List.of(), status);
      return store.createFreight(f).metadata().resourceVersion();
    }
    if (key.startsWith("stage/")) {
      Optional<Store.Versioned<StageStatus>> current = store.getStageStatus(PROJECT, name);
      if (delete) {
        current.ifPresent(v -> store.deleteStageStatus(PROJECT, name, v.resourceVersion()));
        return "";
      }
      return store.putStageStatus(PROJECT, name, StageStatus.EMPTY.withFreightSummary(marker),
          current.map(Store.Versioned::resourceVersion).orElse(null)).resourceVersion();
    }
    Optional<Promotion> current = store.getPromotion(PROJECT, name);
    if (delete) {
      current.ifPresent(p -> store.deletePromotion(PROJECT, name, p.metadata().resourceVersion()));
      return "";
    }
    PromotionStatus status = PromotionStatus.EMPTY.withPhase(PromotionPhase.RUNNING, marker);
    if (current.isPresent()) {
      return store.updatePromotion(current.get().withStatus(status)).metadata().resourceVersion();
    }
    Promotion p = new Promotion(ObjectMeta.of(PROJECT, name), new PromotionSpec("dev", "f0", null, List.of(),
        List.of(PromotionStep.uses("fail", Map.of("message", "x")))), status);
    return store.createPromotion(p).metadata().resourceVersion();
  }
}
