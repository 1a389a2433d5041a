package dev.kargo4j.samples.cli.internal;

import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.pipeline.PipelineListener;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Completes futures when a Stage's verification of some Freight ends, for commands that wait.
 * Thread-safe.
 */
public final class VerificationWatcher implements PipelineListener {
  private record Watch(String stage, String freight, String ignoreId, CompletableFuture<VerificationInfo> done) {}

  private final List<Watch> watches = new CopyOnWriteArrayList<>();

  /**
   * A future completing with the first terminal verification of {@code stage} whose collection
   * holds Freight {@code freight}, other than the one with id {@code ignoreId} (null: none).
   */
  public CompletableFuture<VerificationInfo> watch(String stage, String freight, String ignoreId) {
    Watch w = new Watch(stage, freight, ignoreId, new CompletableFuture<>());
    watches.add(w);
    return w.done();
  }

  @Override
  public void verificationUpdated(String stage, FreightCollection collection, VerificationInfo info) {
    if (info == null || !info.isTerminal()) {
      return;
    }
    for (Watch w : watches) {
      if (w.stage().equals(stage) && collection.includes(w.freight()) && !Objects.equals(w.ignoreId(), info.id())) {
        w.done().complete(info);
        watches.remove(w);
      }
    }
  }
}
