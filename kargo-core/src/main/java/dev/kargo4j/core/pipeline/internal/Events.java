package dev.kargo4j.core.pipeline.internal;

import dev.kargo4j.core.discovery.DiscoveryOutcome;
import dev.kargo4j.core.internal.Failures;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.Health;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.pipeline.PipelineListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to the host's listeners, isolating their failures, and reports each
 * Promotion phase once. Thread-safe.
 */
final class Events implements PipelineListener {
  private static final Logger LOG = LoggerFactory.getLogger(Events.class);

  private final List<PipelineListener> listeners;
  private final Map<String, PromotionPhase> lastPhase = new ConcurrentHashMap<>();

  Events(List<PipelineListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  private void each(String what, Consumer<PipelineListener> call) {
    for (PipelineListener l : listeners) {
      try {
        call.accept(l);
      } catch (Throwable e) {
        // one host listener failing (even with an Error) must not break the runtime or starve
        // the other listeners (Failures)
        Failures.rethrowIfFatal(e);
        LOG.warn("pipeline listener {} failed on {}: {}", l.getClass().getName(), what, Failures.describe(e));
      }
    }
  }

  @Override
  public void freightCreated(Freight freight) {
    each("freightCreated", l -> l.freightCreated(freight));
  }

  @Override
  public void warehouseDiscovered(DiscoveryOutcome outcome) {
    each("warehouseDiscovered", l -> l.warehouseDiscovered(outcome));
  }

  @Override
  public void freightStatusChanged(Freight freight) {
    each("freightStatusChanged", l -> l.freightStatusChanged(freight));
  }

  @Override
  public void promotionCreated(Promotion promotion) {
    each("promotionCreated", l -> l.promotionCreated(promotion));
  }

  @Override
  public void promotionPhaseChanged(Promotion promotion) {
    PromotionPhase phase = promotion.status().phase();
    if (phase == null) {
      return;
    }
    boolean[] changed = {false};
    lastPhase.compute(promotion.name(), (k, before) -> {
      if (before == phase || (before != null && before.isTerminal())) {
        return before;
      }
      changed[0] = true;
      return phase;
    });
    if (!changed[0]) {
      return;
    }
    each("promotionPhaseChanged", l -> l.promotionPhaseChanged(promotion));
  }

  @Override
  public void stepUpdated(Promotion promotion, StepExecutionMetadata step) {
    each("stepUpdated", l -> l.stepUpdated(promotion, step));
  }

  @Override
  public void verificationUpdated(String stage, FreightCollection collection, VerificationInfo info) {
    each("verificationUpdated", l -> l.verificationUpdated(stage, collection, info));
  }

  @Override
  public void healthChanged(String stage, Health health) {
    each("healthChanged", l -> l.healthChanged(stage, health));
  }
}
