package dev.kargo4j.core.steps.internal;

import dev.kargo4j.expr.go.GoStrconv;
import java.math.BigInteger;

/**
 * Kargo's {@code yaml.QuoteIfNecessary} and the Go acceptance rules it rests on
 * ({@code strconv.ParseFloat}/{@code ParseBool} and {@code encoding/json} validity). Go's
 * {@code %v}, {@code %q} and float forms themselves live in {@link dev.kargo4j.expr.go}.
 * Stateless and thread-safe.
 */
public final class ScalarQuoting {
  private ScalarQuoting() {}

  /**
   * Kargo's {@code yaml.QuoteIfNecessary}: a string that Go would read as a float or a bool, or
   * that is valid JSON, is returned quoted with {@link GoStrconv#quote}; anything else is returned
   * as is.
   */
  public static Object quoteIfNecessary(Object value) {
    if (value instanceof String s && (parsesAsFloat(s) || parsesAsBool(s) || isValidJson(s))) {
      return GoStrconv.quote(s);
    }
    return value;
  }

  /** Whether Go's {@code strconv.ParseFloat(s, 64)} succeeds (no syntax or range error). */
  public static boolean parsesAsFloat(String s) {
    return GoStrconv.parseFloat(s) != null;
  }

  /** Whether Go's {@code strconv.ParseBool} succeeds. */
  public static boolean parsesAsBool(String s) {
    return GoStrconv.parseBool(s) != null;
  }

  /** Whether {@code s} is one valid JSON value, surrounding whitespace allowed ({@code json.Valid}). */
  public static boolean isValidJson(String s) {
    return JsonText.isValid(s);
  }

  /** Whole numbers that are not floats (for callers that keep integers exact). */
  static boolean isIntegral(Number n) {
    return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
        || n instanceof BigInteger;
  }
}
