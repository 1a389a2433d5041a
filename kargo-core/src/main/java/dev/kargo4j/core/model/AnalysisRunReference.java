package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

/**
 * The AnalysisRun (or native verification run) behind a verification: {@code namespace},
 * {@code name} and its {@code phase} as text.
 *
 * <p>Immutable and thread-safe.
 */
public record AnalysisRunReference(String namespace, String name, String phase) {

  /** Null components become empty strings. */
  public AnalysisRunReference {
    namespace = str(namespace);
    name = str(name);
    phase = str(phase);
  }
}
