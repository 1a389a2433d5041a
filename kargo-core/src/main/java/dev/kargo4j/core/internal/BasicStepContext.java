package dev.kargo4j.core.internal;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.TargetFreight;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.core.spi.WorkDir;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * A {@link StepContext} over plain values; capabilities are handed out only when declared by
 * the runner and supplied by the host.
 */
public record BasicStepContext(
    String project,
    String stage,
    String promotion,
    String actor,
    String uiBaseUrl,
    String alias,
    Map<String, Object> config,
    WorkDir workDir,
    Map<String, Object> previousOutput,
    TargetFreight freight,
    Set<Capability<?>> declared,
    Map<Capability<?>, Object> supplied,
    Logger logger,
    Clock clock,
    BooleanSupplier cancelled) implements StepContext {

  @Override
  public <T> T config(Class<T> type) {
    return ConfigBinder.bind(config, type, "steps[" + alias + "].config");
  }

  @Override
  public <T> T capability(Capability<T> capability) {
    return capabilityOf(capability, declared, supplied, "step " + alias);
  }

  @Override
  public boolean isCancelled() {
    return cancelled.getAsBoolean();
  }

  /** The supplied value of a declared capability, or a terminal error saying what is missing. */
  public static <T> T capabilityOf(
      Capability<T> capability, Set<Capability<?>> declared, Map<Capability<?>, Object> supplied, String who) {
    if (!declared.contains(capability)) {
      throw new TerminalStepException(who + " did not declare the capability '" + capability
          + "'; a runner or checker receives only the capabilities it lists in capabilities()");
    }
    Object value = supplied.get(capability);
    if (value == null) {
      value = capability.defaultValue().orElse(null);
    }
    if (value == null) {
      throw new TerminalStepException(who + " needs the capability '" + capability
          + "' but the host supplied none; supply it when building the engine (capability("
          + capability.name() + ", ...))");
    }
    return capability.cast(value);
  }
}
