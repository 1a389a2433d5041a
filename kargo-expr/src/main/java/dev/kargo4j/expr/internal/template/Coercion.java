package dev.kargo4j.expr.internal.template;

import dev.kargo4j.expr.go.GoStrconv;
import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.eval.Lib;

/** Kargo's typing of a rendered template text ({@code EvaluateTemplate}). */
public final class Coercion {
  private Coercion() {}

  /**
   * Types {@code result}: one trailing newline is set aside; text wrapped in double quotes is
   * unwrapped and stays a string; else a Go float becomes a {@link Double}, a Go bool a
   * {@link Boolean}, valid JSON its value; anything else stays the (original) string.
   *
   * @throws ExprError (without position) when the text is a float JSON cannot represent
   */
  public static Object coerce(String result) {
    boolean removedNewline = false;
    String text = result;
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
      removedNewline = true;
    }
    if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
      text = text.substring(1, text.length() - 1);
      return removedNewline ? text + "\n" : text;
    }
    Double d = GoStrconv.parseFloat(text);
    if (d != null) {
      if (d.isInfinite() || d.isNaN()) {
        throw new ExprError(-1, "json: unsupported value: " + Lib.formatV(d),
            "a finite number (quote the text to keep it a string)");
      }
      return d;
    }
    Boolean b = GoStrconv.parseBool(text);
    if (b != null) {
      return b;
    }
    if (looksLikeJson(text)) {
      try {
        return Lib.fromJson(text);
      } catch (RuntimeException e) {
        // not JSON after all: it stays a string
      }
    }
    return removedNewline ? text + "\n" : text;
  }

  /** A cheap pre-check: JSON text starts (after white space) with one of these. */
  private static boolean looksLikeJson(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9')
          || c == 't' || c == 'f' || c == 'n';
    }
    return false;
  }
}
