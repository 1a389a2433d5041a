package dev.kargo4j.expr;

import dev.kargo4j.KargoException;

/**
 * A regular expression does not compile as RE2 (Go's {@code regexp}): bad syntax, or a feature
 * RE2 lacks (look-around, back-references, possessive quantifiers). Thrown by
 * {@link GoRegexp#compile(String, String)}; the message names the field, the expression, Go's
 * error text and what is allowed. Immutable.
 */
public class InvalidRegexpException extends KargoException {
  private static final long serialVersionUID = 1L;

  /** What RE2 accepts, for messages. */
  static final String ALLOWED =
      "RE2 syntax as Go's regexp (no look-around, back-references or possessive quantifiers)";

  private final String field;
  private final String expr;
  private final String reason;

  InvalidRegexpException(String field, String expr, String reason) {
    super((field == null ? "" : field + " ") + "\"" + expr + "\" is not a valid regular expression ("
        + reason + "); allowed: " + ALLOWED);
    this.field = field;
    this.expr = expr;
    this.reason = reason;
  }

  /** The field the expression came from, or {@code null} when none was named. */
  public String field() {
    return field;
  }

  /** The expression that failed. */
  public String expr() {
    return expr;
  }

  /** Go's error text, such as {@code error parsing regexp: missing closing ]: `[a`}. */
  public String reason() {
    return reason;
  }
}
