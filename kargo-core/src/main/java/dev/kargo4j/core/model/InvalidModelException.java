package dev.kargo4j.core.model;

import dev.kargo4j.KargoException;

/**
 * A model record was constructed with a value Kargo does not allow (a missing required field,
 * a bad name, two fields that exclude each other). {@link #field()} names the offending field
 * relative to the record being built (for example {@code steps[2].as}); the manifest reader
 * prefixes it with the document path and adds file and line.
 *
 * <p>Thread-safe (immutable).
 */
public class InvalidModelException extends KargoException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String problem;

  /**
   * @param field the offending field relative to the record, e.g. {@code uses}; may be empty
   *     when the problem concerns the whole record
   * @param problem what is wrong and what is allowed
   */
  public InvalidModelException(String field, String problem) {
    super(field == null || field.isEmpty() ? problem : field + ": " + problem);
    this.field = field == null ? "" : field;
    this.problem = problem;
  }

  /** The offending field relative to the record being built; empty for the whole record. */
  public String field() {
    return field;
  }

  /** The problem without the field prefix. */
  public String problem() {
    return problem;
  }

  /**
   * Returns a copy whose field is prefixed by {@code parent}, so that nested validation can
   * report full paths such as {@code spec.steps[1].retry.timeout}.
   */
  public InvalidModelException under(String parent) {
    if (parent == null || parent.isEmpty()) {
      return this;
    }
    String joined;
    if (field.isEmpty()) {
      joined = parent;
    } else if (field.startsWith("[")) {
      joined = parent + field;
    } else {
      joined = parent + "." + field;
    }
    return new InvalidModelException(joined, problem);
  }
}
