package dev.kargo4j.expr;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on compiling and evaluating one expression or template, so that hostile input cannot
 * hang or exhaust the host. Exceeding a bound raises an {@link ExpressionException}.
 *
 * @param maxRangeLength the most elements a range {@code a..b} may have
 * @param maxNestingDepth the deepest nesting accepted when parsing (brackets, operator chains,
 *     calls, member chains), which also bounds the depth of evaluation; nested values are
 *     walked (compared, printed) up to 1000 levels deep
 * @param maxStringLength the longest string an evaluation may build, in chars; the strings
 *     functions and {@code +} build may together hold four times as many (the memory budget
 *     for text). Functions that build text from a value ({@code toJSON}, {@code string},
 *     {@code join}, template marshalling) stop as soon as their result would pass the limit
 * @param maxCollectionSize the most elements an evaluation may put in one array or map, and in
 *     all the arrays and maps it builds together (expr's memory budget)
 * @param timeBudget the longest one evaluation (one expression, or one whole template) may run
 * @param maxExpressionLength the longest expression or template text accepted, in chars
 */
public record EvalLimits(
    int maxRangeLength,
    int maxNestingDepth,
    int maxStringLength,
    int maxCollectionSize,
    Duration timeBudget,
    int maxExpressionLength) {

  /** Validates that every bound is positive. */
  public EvalLimits {
    Objects.requireNonNull(timeBudget, "timeBudget");
    if (maxRangeLength < 0
        || maxNestingDepth < 1
        || maxStringLength < 1
        || maxCollectionSize < 1
        || maxExpressionLength < 1
        || timeBudget.isNegative()
        || timeBudget.isZero()) {
      throw new IllegalArgumentException(
          "every limit must be positive (maxRangeLength may be 0): " + tupleText(
              maxRangeLength, maxNestingDepth, maxStringLength, maxCollectionSize, timeBudget,
              maxExpressionLength));
    }
  }

  private static String tupleText(
      int range, int depth, int string, int collection, Duration time, int length) {
    return "maxRangeLength=" + range + ", maxNestingDepth=" + depth + ", maxStringLength="
        + string + ", maxCollectionSize=" + collection + ", timeBudget=" + time
        + ", maxExpressionLength=" + length;
  }

  /**
   * The defaults: ranges of up to 1,000,000 elements (expr's own memory budget), nesting up to
   * 256 levels, strings up to 16 Mi chars, collections up to 1,000,000 elements, 5 seconds per
   * evaluation and expressions up to 100,000 chars.
   */
  public static EvalLimits defaults() {
    return new EvalLimits(1_000_000, 256, 16 * 1024 * 1024, 1_000_000, Duration.ofSeconds(5),
        100_000);
  }

  /** Returns a copy with another time budget. */
  public EvalLimits withTimeBudget(Duration budget) {
    return new EvalLimits(maxRangeLength, maxNestingDepth, maxStringLength, maxCollectionSize,
        budget, maxExpressionLength);
  }
}
