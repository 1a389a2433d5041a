package dev.kargo4j.expr.internal.eval;

import dev.kargo4j.expr.EvalLimits;
import dev.kargo4j.expr.internal.ExprError;
import java.util.Map;

/**
 * The state of one evaluation: the environment, the slots of {@code let} variables and predicate
 * scopes, and the limits with the deadline. Not thread-safe; one per evaluation.
 */
public final class Frame {
  final Map<String, ?> env;
  Object[] slots;
  final int maxString;
  final int maxCollection;
  final int maxRange;
  private final long budgetNanos;
  private long deadline;
  private boolean started;
  private int ticks;
  private long allocated;
  private long chars;

  /**
   * Creates a frame.
   *
   * @param env the variables
   * @param slots how many local slots the compiled code needs
   * @param limits the limits
   */
  public Frame(Map<String, ?> env, int slots, EvalLimits limits) {
    this.env = env;
    this.slots = slots == 0 ? NO_SLOTS : new Object[slots];
    this.maxString = limits.maxStringLength();
    this.maxCollection = limits.maxCollectionSize();
    this.maxRange = limits.maxRangeLength();
    this.budgetNanos = budgetNanos(limits);
  }

  private static long budgetNanos(EvalLimits limits) {
    try {
      return limits.timeBudget().toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 2;
    }
  }

  private static final Object[] NO_SLOTS = new Object[0];

  /** Makes sure there are at least {@code n} slots (a template's expressions share a frame). */
  public void ensureSlots(int n) {
    if (slots.length < n) {
      slots = new Object[n];
    }
  }

  /**
   * Counts one step of a loop and fails once the time budget is spent. The clock starts at
   * the first step: straight-line code is bounded by the expression's size, only loops (and
   * regular expression matching) can run long.
   */
  void tick(int pos) {
    if (!started) {
      start();
    }
    if ((++ticks & 255) == 0) {
      checkDeadline(pos);
    }
  }

  private void start() {
    started = true;
    deadline = System.nanoTime() + budgetNanos;
  }

  /** Fails when the time budget is spent. */
  public void checkDeadline(int pos) {
    if (!started) {
      start();
      return;
    }
    if (System.nanoTime() - deadline > 0) {
      long ms = budgetNanos / 1_000_000;
      String budget = ms > 0 ? ms + " ms" : budgetNanos + " ns";
      throw new ExprError(pos, "evaluation exceeded its time budget of " + budget,
          "an expression that finishes within " + budget);
    }
  }

  void checkStringLength(int pos, long length) {
    if (length > maxString) {
      throw new ExprError(pos, "string of " + length + " chars exceeds the limit of " + maxString,
          "a string of at most " + maxString + " chars");
    }
  }

  /**
   * Counts the chars of a string a function built against the evaluation's budget: one string
   * may hold {@link EvalLimits#maxStringLength()} chars, all of them together four times that.
   */
  void allocateChars(int pos, long length) {
    checkStringLength(pos, length);
    chars += length;
    if (chars > 4L * maxString) {
      throw new ExprError(pos, "memory budget exceeded: functions built more than "
          + 4L * maxString + " chars of text", "an evaluation that builds at most "
          + 4L * maxString + " chars of text in all");
    }
  }

  /**
   * The longest text one function may still build: one string's limit, or what is left of the
   * evaluation's text budget when that is less.
   */
  public long textLimit() {
    return Math.max(0, Math.min(maxString, 4L * maxString - chars));
  }

  /**
   * Counts {@code size} elements of a new array or map against the evaluation's budget, as
   * expr's memory budget does: one collection, or all of them together, may not exceed
   * {@link EvalLimits#maxCollectionSize()}.
   */
  void allocate(int pos, long size) {
    if (size > maxCollection) {
      throw new ExprError(pos, "collection of " + size + " elements exceeds the limit of "
          + maxCollection, "a collection of at most " + maxCollection + " elements");
    }
    allocated += size;
    if (allocated > maxCollection) {
      throw new ExprError(pos, "memory budget exceeded: the evaluation built more than "
          + maxCollection + " array and map elements", "an evaluation that builds at most "
          + maxCollection + " elements in all");
    }
  }

  /**
   * Fails when {@code size} more elements would not fit the budget {@link #allocate} keeps,
   * without counting them (the result is counted once it exists).
   */
  void checkRoom(int pos, long size) {
    if (size > maxCollection || allocated + size > maxCollection) {
      throw new ExprError(pos, "memory budget exceeded: " + size + " more elements would pass the"
          + " limit of " + maxCollection, "an evaluation that builds at most " + maxCollection
          + " elements in all");
    }
  }

  /** The environment. */
  public Map<String, ?> env() {
    return env;
  }
}
