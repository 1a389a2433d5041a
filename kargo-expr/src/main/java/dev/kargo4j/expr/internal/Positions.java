package dev.kargo4j.expr.internal;

import dev.kargo4j.expr.ExpressionException;

/** Turns char offsets into 1-based line and code-point column, and errors into the API type. */
public final class Positions {
  private Positions() {}

  /** Returns {line, column} (both 1-based, column in code points) of {@code offset}. */
  public static int[] lineColumn(String source, int offset) {
    int line = 1;
    int col = 1;
    int end = Math.min(Math.max(offset, 0), source.length());
    for (int i = 0; i < end; ) {
      int cp = source.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new int[] {line, col};
  }

  /** Converts an internal error into the public exception for {@code source}. */
  public static ExpressionException toPublic(ExprError e, String source, int baseOffset) {
    int off = e.pos() < 0 ? baseOffset : baseOffset + e.pos();
    int[] lc = lineColumn(source, off);
    return new ExpressionException(
        e.getMessage(), source, lc[0], lc[1], e.expected(), e.getCause());
  }
}
