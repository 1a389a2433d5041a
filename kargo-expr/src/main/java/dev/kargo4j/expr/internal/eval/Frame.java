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
  private final long deadline;
  private final long budgetMillis;
  private int ticks;

  /**
   * Creates a frame.
   *
   * @param env the variables
   * @param slots how many local slots the compiled code needs
   * @param limits the limits
   * @param startNanos {@link System#nanoTime()} when the evaluation started
   */
  public Frame(Map<String, ?> env, int slots, EvalLimits limits, long startNanos) {
    this.env = env;
    this.slots = slots == 0 ? NO_SLOTS : new Object[slots];
    this.maxString = limits.maxStringLength();
    this.maxCollection = limits.maxCollectionSize();
    this.maxRange = limits.maxRangeLength();
    long budget = limits.timeBudget().toNanos();
    this.deadline = startNanos + budget;
    this.budgetMillis = limits.timeBudget().toMillis();
  }

  private static final Object[] NO_SLOTS = new Object[0];

  /** Makes sure there are at least {@code n} slots (a template's expressions share a frame). */
  public void ensureSlots(int n) {
    if (slots.length < n) {
      slots = new Object[n];
    }
  }

  /** Counts one step of a loop and fails once the time budget is spent. */
  void tick(int pos) {
    if ((++ticks & 255) == 0) {
      checkDeadline(pos);
    }
  }

  /** Fails when the time budget is spent. */
  public void checkDeadline(int pos) {
    if (System.nanoTime() - deadline > 0) {
      throw new ExprError(pos, "evaluation exceeded its time budget of " + budgetMillis + " ms",
          "an expression that finishes within " + budgetMillis + " ms");
    }
  }

  void checkStringLength(int pos, long length) {
    if (length > maxString) {
      throw new ExprError(pos, "string of " + length + " chars exceeds the limit of " + maxString,
          "a string of at most " + maxString + " chars");
    }
  }

  void checkCollectionSize(int pos, long size) {
    if (size > maxCollection) {
      throw new ExprError(pos, "collection of " + size + " elements exceeds the limit of "
          + maxCollection, "a collection of at most " + maxCollection + " elements");
    }
  }

  /** The environment. */
  public Map<String, ?> env() {
    return env;
  }
}
