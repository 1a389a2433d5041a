package dev.kargo4j.expr.internal.eval;

import dev.kargo4j.expr.GoRegexp;
import dev.kargo4j.expr.InvalidRegexpException;
import dev.kargo4j.expr.internal.ExprError;

/**
 * expr's {@code matches}: compiles with {@link GoRegexp} (RE2, linear time, Go's syntax and
 * meaning), reporting a bad expression as expr does, and matches with the frame's deadline.
 */
public final class GoRegex {
  private GoRegex() {}

  /**
   * Compiles {@code re}.
   *
   * @throws ExprError (without position) with Go's error text
   */
  public static GoRegexp compile(String re) {
    try {
      return GoRegexp.compile(re);
    } catch (InvalidRegexpException e) {
      throw new ExprError(-1, e.reason(),
          "a valid RE2 regular expression (no look-around or back-references)");
    }
  }

  /** Go's {@code MatchString} of {@code s}, bounded by the frame's time budget. */
  static boolean find(GoRegexp re, String s, Frame f, int pos) {
    return re.matchString(guarded(s, f, pos));
  }

  /**
   * Wraps text so that a long match notices the deadline. RE2 is linear in the input, but the
   * factor is the size of the expression, and one expression may be 100,000 chars long.
   */
  static CharSequence guarded(String s, Frame f, int pos) {
    if (f == null) {
      return s;
    }
    return new Guarded(s, f, pos);
  }

  private static final class Guarded implements CharSequence {
    private final String s;
    private final Frame f;
    private final int pos;
    private int reads;

    Guarded(String s, Frame f, int pos) {
      this.s = s;
      this.f = f;
      this.pos = pos;
      f.checkDeadline(pos); // starts the clock, or fails when it has already run out
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      if ((++reads & 0xFFF) == 0) {
        f.checkDeadline(pos);
      }
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return s.subSequence(start, end);
    }

    @Override
    public String toString() {
      return s;
    }
  }
}
