package dev.kargo4j.core.steps.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The few pieces of Go's {@code fmt} and {@code strconv} behaviour that Kargo's steps put into
 * files and commit messages: {@code %v} of JSON values, {@code %q} quoting,
 * {@code strconv.ParseFloat}/{@code ParseBool} acceptance and {@code encoding/json} validity.
 * Numbers are treated as Go's {@code float64}, because Kargo decodes step configs from JSON.
 * Stateless and thread-safe.
 */
public final class GoFormat {
  private GoFormat() {}

  private static final Pattern DECIMAL_FLOAT =
      Pattern.compile("[+-]?(?:[0-9_]+(?:\\.[0-9_]*)?|\\.[0-9_]+)(?:[eE][+-]?[0-9_]+)?");
  private static final Pattern HEX_FLOAT = Pattern.compile(
      "[+-]?0[xX](?:[0-9a-fA-F_]+(?:\\.[0-9a-fA-F_]*)?|\\.[0-9a-fA-F_]+)[pP][+-]?[0-9_]+");
  private static final Pattern INF_NAN = Pattern.compile("(?i)[+-]?(?:inf|infinity)|nan");

  /** Go's {@code fmt.Sprintf("%v", v)} for a JSON-like value (numbers as float64). */
  public static String formatValue(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof Number n) {
      return formatFloatV(n.doubleValue());
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(formatValue(l.get(i)));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      // fmt prints maps with their keys sorted
      TreeMap<String, Object> sorted = new TreeMap<>();
      m.forEach((k, val) -> sorted.put(String.valueOf(k), val));
      StringBuilder sb = new StringBuilder("map[");
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        sb.append(e.getKey()).append(':').append(formatValue(e.getValue()));
      }
      return sb.append(']').toString();
    }
    return v.toString();
  }

  /** Go's {@code %v} of a float64: shortest digits, exponent form below 1e-4 and from 1e21. */
  public static String formatFloatV(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+Inf" : "-Inf";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal shortest = shortest(d);
    int exp = shortest.precision() - shortest.scale() - 1; // decimal exponent of the first digit
    if (exp < -4 || exp >= 21) {
      String digits = shortest.unscaledValue().abs().toString();
      StringBuilder sb = new StringBuilder();
      if (d < 0) {
        sb.append('-');
      }
      sb.append(digits.charAt(0));
      if (digits.length() > 1) {
        sb.append('.').append(digits, 1, digits.length());
      }
      sb.append('e').append(exp < 0 ? '-' : '+');
      int abs = Math.abs(exp);
      if (abs < 10) {
        sb.append('0');
      }
      return sb.append(abs).toString();
    }
    return shortest.toPlainString();
  }

  /** Go's {@code strconv.FormatFloat(d, 'f', -1, 64)}: shortest digits, never an exponent. */
  public static String formatFloatPlain(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return formatFloatV(d);
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    return shortest(d).toPlainString();
  }

  /** The shortest decimal that reads back as {@code d}, without trailing zeros (scale may be negative). */
  private static BigDecimal shortest(double d) {
    BigDecimal exact = new BigDecimal(d);
    for (int p = 1; p <= 17; p++) {
      BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() == d) {
        return candidate.stripTrailingZeros();
      }
    }
    return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
  }

  /** Go's {@code strconv.Quote} ({@code %q}): double quotes and Go escapes. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0B -> sb.append("\\v");
        default -> {
          if (isPrint(cp)) {
            sb.appendCodePoint(cp);
          } else if (cp < ' ' || cp == 0x7f) {
            sb.append(String.format("\\x%02x", cp));
          } else if (Character.isSurrogate((char) cp)) {
            sb.append("\\ufffd"); // a lone surrogate is not valid UTF-8 in Go
          } else if (cp < 0x10000) {
            sb.append(String.format("\\u%04x", cp));
          } else {
            sb.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Go's {@code unicode.IsPrint}: graphic characters and the ASCII space only. */
  static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }

  /**
   * Kargo's {@code yaml.QuoteIfNecessary}: a string that Go would read as a float or a bool, or
   * that is valid JSON, is returned quoted with {@link #quote}; anything else is returned as is.
   */
  public static Object quoteIfNecessary(Object value) {
    if (value instanceof String s && (parsesAsFloat(s) || parsesAsBool(s) || isValidJson(s))) {
      return quote(s);
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
