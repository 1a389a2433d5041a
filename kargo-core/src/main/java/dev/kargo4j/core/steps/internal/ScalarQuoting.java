package dev.kargo4j.core.steps.internal;

import dev.kargo4j.expr.go.GoFmt;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Kargo's {@code yaml.QuoteIfNecessary} and the Go acceptance rules it rests on
 * ({@code strconv.ParseFloat}/{@code ParseBool} and {@code encoding/json} validity). Go's
 * {@code %v}, {@code %q} and float forms themselves live in {@link dev.kargo4j.expr.go}.
 * Stateless and thread-safe.
 */
public final class ScalarQuoting {
  private ScalarQuoting() {}

  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("[+-]?(?:[0-9_]+(?:\\.[0-9_]*)?|\\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?");
  private static final Pattern HEX_FLOAT = Pattern.compile(
      "[+-]?0[xX](?:[0-9a-fA-F_]+(?:\\.[0-9a-fA-F_]*)?|\\.[0-9a-fA-F_]+)[pP][+-]?[0-9_]+");
  private static final Pattern INF_NAN = Pattern.compile("(?i)[+-]?(?:inf|infinity)|nan");

  /**
   * Kargo's {@code yaml.QuoteIfNecessary}: a string that Go would read as a float or a bool, or
   * that is valid JSON, is returned quoted with {@link GoFmt#quote}; anything else is returned
   * as is.
   */
  public static Object quoteIfNecessary(Object value) {
    if (value instanceof String s && (parsesAsFloat(s) || parsesAsBool(s) || isValidJson(s))) {
      return GoFmt.quote(s);
    }
    return value;
  }

  /** Whether Go's {@code strconv.ParseFloat(s, 64)} succeeds (no syntax or range error). */
  public static boolean parsesAsFloat(String s) {
    if (INF_NAN.matcher(s).matches()) {
      return true;
    }
    boolean hex = HEX_FLOAT.matcher(s).matches();
    if (!hex && !DECIMAL_FLOAT.matcher(s).matches()) {
      return false;
    }
    if (s.indexOf('_') >= 0 && !underscoreOk(s)) {
      return false;
    }
    String digits = s.replace("_", "");
    String mantissa = digits.replaceFirst("^[+-]", "");
    if (!hex && mantissa.replaceFirst("[eE].*$", "").replace(".", "").isEmpty()) {
      return false;
    }
    try {
      double d = hex ? Double.parseDouble(digits) : new BigDecimal(digits).doubleValue();
      return !Double.isInfinite(d); // Go reports a range error beyond float64
    } catch (NumberFormatException e) {
      return false;
    }
  }

  // Go's strconv.underscoreOK: underscores only between digits or after a base prefix.
  private static boolean underscoreOk(String s) {
    char saw = '^';
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      s = s.substring(1);
    }
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char b = Character.toLowerCase(s.charAt(1));
      if (b == 'b' || b == 'o' || b == 'x') {
        i = 2;
        saw = '0';
        hex = b == 'x';
      }
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char lc = Character.toLowerCase(c);
      if ((c >= '0' && c <= '9') || (hex && lc >= 'a' && lc <= 'f')) {
        saw = '0';
        continue;
      }
      if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
        continue;
      }
      if (saw == '_') {
        return false;
      }
      saw = '!';
    }
    return saw != '_';
  }

  /** Whether Go's {@code strconv.ParseBool} succeeds. */
  public static boolean parsesAsBool(String s) {
    return switch (s) {
      case "1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False" -> true;
      default -> false;
    };
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
