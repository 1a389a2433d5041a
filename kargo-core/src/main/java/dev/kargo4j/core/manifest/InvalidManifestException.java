package dev.kargo4j.core.manifest;

import dev.kargo4j.KargoException;

/**
 * A manifest could not be read: invalid YAML, an input over a safety limit, an unknown field,
 * a wrong type, a missing field or a value Kargo rejects. The message has the form
 * {@code <source>:<line>: <field path>: <problem>; allowed: ...}, for example
 * {@code stages.yaml:14: spec.promotionTemplate.spec.steps[2].confg: unknown field; allowed:
 * as, config, continueOnError, if, retry, task, uses, vars}. Secret values never appear.
 *
 * <p>Immutable and thread-safe.
 */
public class InvalidManifestException extends KargoException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final String path;
  private final String problem;

  /**
   * @param source the file or source name
   * @param line the 1-based line, or 0 when unknown
   * @param path the field path inside the document, e.g. {@code spec.steps[2].as}; may be empty
   * @param problem what is wrong and what is allowed
   */
  public InvalidManifestException(String source, int line, String path, String problem) {
    this(source, line, path, problem, null);
  }

  /** As {@link #InvalidManifestException(String, int, String, String)}, with a cause. */
  public InvalidManifestException(
      String source, int line, String path, String problem, Throwable cause) {
    super(format(source, line, path, problem), cause);
    this.source = source;
    this.line = line;
    this.path = path == null ? "" : path;
    this.problem = problem;
  }

  static String format(String source, int line, String path, String problem) {
    StringBuilder sb = new StringBuilder(source == null ? "<unknown>" : source);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (path != null && !path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(problem).toString();
  }

  /** The file or source name. */
  public String source() {
    return source;
  }

  /** The 1-based line, or 0 when unknown. */
  public int line() {
    return line;
  }

  /** The field path inside the document; empty for the whole document. */
  public String path() {
    return path;
  }

  /** The problem, without location. */
  public String problem() {
    return problem;
  }
}
