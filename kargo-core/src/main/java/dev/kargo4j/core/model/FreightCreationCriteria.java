package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.str;

/**
 * A Warehouse's {@code freightCreationCriteria}: an expr-lang {@code expression} over the
 * discovered artifacts that must be true for Freight to be created (empty means no criteria).
 *
 * <p>Immutable and thread-safe.
 */
public record FreightCreationCriteria(String expression) {
  /** Null becomes empty. */
  public FreightCreationCriteria {
    expression = str(expression);
  }
}
