package dev.kargo4j.core.steps;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.TerminalStepException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code set-freight-alias}: renames a Freight's alias (and its {@code kargo.akuity.io/alias}
 * label), which must stay unique within the Project. Thread-safe.
 */
public final class FreightAliasSetter implements StepRunner {
  /** The step kind. */
  public static final String KIND = "set-freight-alias";
  /** The label Kargo keeps in sync with the alias. */
  public static final String ALIAS_LABEL = dev.kargo4j.core.freight.FreightAliases.LABEL;

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
    SetFreightAliasConfig config = context.config(SetFreightAliasConfig.class);
    Store store = context.capability(Capability.STORE);
    String project = context.project();
    Freight freight = store.getFreight(project, config.name()).orElseThrow(() -> new TerminalStepException(
        "Freight \"" + config.name() + "\" not found in project \"" + project + "\""));
    store.getFreightByAlias(project, config.alias())
        .filter(other -> !other.name().equals(freight.name()))
        .ifPresent(other -> {
          throw new TerminalStepException("alias \"" + config.alias() + "\" is already used by Freight \""
              + other.name() + "\" in project \"" + project + "\"; aliases must be unique within a project");
        });
    Map<String, String> labels = new LinkedHashMap<>(freight.metadata().labels());
    labels.put(ALIAS_LABEL, config.alias());
    ObjectMeta meta = freight.metadata();
    Freight renamed = freight.withAlias(config.alias()).withMetadata(new ObjectMeta(
        meta.name(), meta.namespace(), labels, meta.annotations(), meta.creationTimestamp(), meta.resourceVersion()));
    store.updateFreight(renamed);
    return StepResult.succeeded(Map.of());
  }
}
