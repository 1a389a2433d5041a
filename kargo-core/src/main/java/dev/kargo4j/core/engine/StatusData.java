package dev.kargo4j.core.engine;

import java.util.Map;
import java.util.Optional;

/**
 * Live status data read by the expression functions {@code freightMetadata(name)} and
 * {@code stageMetadata(name)}; the pipeline supplies its store. Thread-safe.
 */
public interface StatusData {

  /** No Freight or Stage metadata. */
  StatusData NONE = new StatusData() {
    @Override
    public Optional<Map<String, Object>> freightMetadata(String project, String name) {
      return Optional.empty();
    }

    @Override
    public Optional<Map<String, Object>> stageMetadata(String project, String name) {
      return Optional.empty();
    }
  };

  /** {@code status.metadata} of Freight {@code name}; empty when it has none or does not exist. */
  Optional<Map<String, Object>> freightMetadata(String project, String name);

  /** {@code status.metadata} of Stage {@code name}; empty when it has none or does not exist. */
  Optional<Map<String, Object>> stageMetadata(String project, String name);
}
