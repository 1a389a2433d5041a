package dev.kargo4j.expr;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Objects;

/**
 * A regular expression with the syntax and meaning of Go's {@code regexp} package (RE2), which
 * is what Kargo uses for every pattern a user writes: tag filters, path {@code regex:} selectors,
 * credential {@code repoURL}s, expr's {@code matches}. Matching runs in time linear in the input
 * (there is no backtracking), so a hostile pattern cannot pin a thread; look-around and
 * back-references do not exist in RE2 and fail to compile, as in Go.
 *
 * <p>Every module of kargo4j compiles user-supplied patterns through this class;
 * {@code java.util.regex} is kept for the library's own fixed patterns only.
 *
 * <p>Immutable and thread-safe. No method accepts or returns {@code null}.
 */
public final class GoRegexp {
  private final String expr;
  private final Pattern pattern;

  private GoRegexp(String expr, Pattern pattern) {
    this.expr = expr;
    this.pattern = pattern;
  }

  /**
   * Compiles {@code expr} as Go's {@code regexp.Compile} does.
   *
   * @param expr the expression in RE2 syntax
   * @return the compiled expression
   * @throws InvalidRegexpException with Go's error text ({@code error parsing regexp: ...})
   */
  public static GoRegexp compile(String expr) {
    Objects.requireNonNull(expr, "expr");
    try {
      return new GoRegexp(expr, Pattern.compile(expr));
    } catch (PatternSyntaxException e) {
      throw new InvalidRegexpException(null, expr, e.getMessage());
    }
  }

  /**
   * Compiles {@code expr}, naming {@code field} (for example
   * {@code spec.subscriptions[0].image.allowTagsRegexes[1]}) in the error.
   *
   * @throws InvalidRegexpException whose message names the field, the expression, Go's error
   *     text and what is allowed
   */
  public static GoRegexp compile(String expr, String field) {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(field, "field");
    try {
      return new GoRegexp(expr, Pattern.compile(expr));
    } catch (PatternSyntaxException e) {
      throw new InvalidRegexpException(field, expr, e.getMessage());
    }
  }

  /**
   * Returns the expression matching {@code literal} exactly, as Go's {@code regexp.QuoteMeta}
   * (for building a pattern from user text, such as a glob).
   */
  public static String quoteMeta(String literal) {
    Objects.requireNonNull(literal, "literal");
    StringBuilder out = new StringBuilder(literal.length() + 8);
    for (int i = 0; i < literal.length(); i++) {
      char c = literal.charAt(i);
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * Whether {@code input} contains a match anywhere, as Go's {@code MatchString} (unanchored;
   * write {@code ^...$} to match the whole input). Linear in the length of {@code input}.
   */
  public boolean matchString(CharSequence input) {
    return pattern.matcher(input).find();
  }

  /** Whether the whole of {@code input} matches (as if the expression were {@code ^(?:...)$}). */
  public boolean matchesEntirely(CharSequence input) {
    return pattern.matcher(input).matches();
  }

  /** The expression as written. */
  public String expr() {
    return expr;
  }

  /** Two expressions are equal when written the same. */
  @Override
  public boolean equals(Object o) {
    return o instanceof GoRegexp g && g.expr.equals(expr);
  }

  @Override
  public int hashCode() {
    return expr.hashCode();
  }

  /** The expression as written. */
  @Override
  public String toString() {
    return expr;
  }
}
