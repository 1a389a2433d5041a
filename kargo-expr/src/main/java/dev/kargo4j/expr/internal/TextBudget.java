package dev.kargo4j.expr.internal;

/**
 * The longest text a builtin may build during the current evaluation on this thread, so that
 * {@code toJSON}, {@code string}, {@code join}, {@code toYAML} and the template marshallers
 * fail before they allocate past the limit instead of after. Set by the evaluator around each
 * function call ({@link #enter}/{@link #exit}); outside an evaluation there is no limit.
 * The state is per thread, so concurrent evaluations do not see each other's limits.
 */
public final class TextBudget {
  private static final ThreadLocal<long[]> LIMIT = new ThreadLocal<>();

  private TextBudget() {}

  /**
   * Sets the limit for this thread until {@link #exit}.
   *
   * @return the previous limit, to pass to {@link #exit}
   */
  public static long enter(long maxChars) {
    long[] cell = LIMIT.get();
    if (cell == null) {
      cell = new long[] {Long.MAX_VALUE};
      LIMIT.set(cell);
    }
    long previous = cell[0];
    cell[0] = Math.min(previous, maxChars);
    return previous;
  }

  /** Restores the limit {@link #enter} returned. */
  public static void exit(long previous) {
    long[] cell = LIMIT.get();
    if (previous == Long.MAX_VALUE) {
      LIMIT.remove();
    } else if (cell != null) {
      cell[0] = previous;
    }
  }

  /**
   * Fails when text of {@code length} chars would exceed the limit.
   *
   * @throws ExprError "memory budget exceeded" with the limit (the caller adds the position)
   */
  public static void check(long length) {
    long[] cell = LIMIT.get();
    if (cell != null && length > cell[0]) {
      throw new ExprError(-1, "memory budget exceeded: the text built would be longer than "
          + cell[0] + " chars", "a result of at most " + cell[0] + " chars");
    }
  }
}
