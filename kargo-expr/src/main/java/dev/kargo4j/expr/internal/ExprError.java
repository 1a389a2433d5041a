package dev.kargo4j.expr.internal;

/**
 * An internal failure with a position (a char offset into the source), turned into a public
 * {@link dev.kargo4j.expr.ExpressionException} at the API boundary where the source is known.
 * It records no stack trace: it is created often by hostile input and never debugged by trace.
 */
public final class ExprError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int pos;
  private final String expected;

  /**
   * Creates an error.
   *
   * @param pos the char offset into the source, {@code -1} when unknown
   * @param reason what went wrong
   * @param expected what would have been accepted
   */
  public ExprError(int pos, String reason, String expected) {
    super(reason, null, false, false);
    this.pos = pos;
    this.expected = expected == null ? "" : expected;
  }

  /** Creates an error caused by a host failure. */
  public ExprError(int pos, String reason, String expected, Throwable cause) {
    super(reason, cause, false, false);
    this.pos = pos;
    this.expected = expected == null ? "" : expected;
  }

  /** The char offset into the source, {@code -1} when unknown. */
  public int pos() {
    return pos;
  }

  /** What would have been accepted. */
  public String expected() {
    return expected;
  }

  /** Returns this error, or a copy positioned at {@code p} when it has no position yet. */
  public ExprError at(int p) {
    if (pos >= 0) {
      return this;
    }
    return new ExprError(p, getMessage(), expected, getCause());
  }
}
