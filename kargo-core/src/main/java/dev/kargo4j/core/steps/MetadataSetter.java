package dev.kargo4j.core.steps;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StaleVersionException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.TerminalStepException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code set-metadata}: upserts keys of {@code status.metadata} on Stages and Freight of the
 * promotion's Project, read back by the {@code stageMetadata()} and {@code freightMetadata()}
 * expression functions. A missing object fails the step; a concurrent change is retried.
 * Thread-safe.
 */
public final class MetadataSetter implements StepRunner {
  /** The step kind. */
  public static final String KIND = "set-metadata";
  private static final int ATTEMPTS = 5;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.STORE);
  }

  @Override
  public StepResult run(StepContext context) {
    SetMetadataConfig config = context.config(SetMetadataConfig.class);
    Store store = context.capability(Capability.STORE);
    String project = context.project();
    for (SetMetadataConfig.Update u : config.updates()) {
      if ("Stage".equals(u.kind())) {
        updateStage(store, project, u);
      } else {
        updateFreight(store, project, u);
      }
    }
    return StepResult.succeeded(Map.of());
  }

  private static void updateStage(Store store, String project, SetMetadataConfig.Update u) {
    for (int attempt = 1; ; attempt++) {
      Optional<Store.Versioned<StageStatus>> current = store.getStageStatus(project, u.name());
      StageStatus status = current.map(Store.Versioned::value).orElse(StageStatus.EMPTY);
      for (Map.Entry<String, Object> e : u.values().entrySet()) {
        status = status.withMetadata(e.getKey(), e.getValue());
      }
      try {
        store.putStageStatus(project, u.name(), status, current.map(Store.Versioned::resourceVersion).orElse(null));
        return;
      } catch (StaleVersionException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static void updateFreight(Store store, String project, SetMetadataConfig.Update u) {
    for (int attempt = 1; ; attempt++) {
      Freight freight = store.getFreight(project, u.name()).orElseThrow(() -> new TerminalStepException(
          "Freight \"" + u.name() + "\" not found in project \"" + project + "\""));
      FreightStatus status = freight.status();
      for (Map.Entry<String, Object> e : u.values().entrySet()) {
        status = status.withMetadata(e.getKey(), e.getValue());
      }
      try {
        store.updateFreight(freight.withStatus(status));
        return;
      } catch (StaleVersionException e) {
        if (attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
