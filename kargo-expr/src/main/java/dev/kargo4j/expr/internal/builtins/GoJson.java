package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.go.GoFloat;
import dev.kargo4j.expr.ExprObject;
import dev.kargo4j.expr.internal.TextBudget;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code encoding/json} for the expression value model: {@code json.Marshal} /
 * {@code json.MarshalIndent} (sorted keys, HTML-safe escaping, Go's float form) and
 * {@code json.Unmarshal} into {@code interface{}} (numbers become float64, with Go's syntax
 * error messages). Stateless and thread-safe.
 */
final class GoJson {
  private GoJson() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  // ---------------------------------------------------------------- encoding

  /**
   * Encodes a value. A null or empty indent gives {@code json.Marshal}'s compact form;
   * otherwise {@code json.MarshalIndent(v, "", indent)}.
   */
  static String encode(Object v, String indent) {
    StringBuilder sb = new StringBuilder();
    encode(sb, v, indent == null || indent.isEmpty() ? null : indent, 0);
    return sb.toString();
  }

  private static void newline(StringBuilder sb, String indent, int depth) {
    sb.append('\n');
    for (int i = 0; i < depth; i++) {
      sb.append(indent);
    }
  }

  private static void encode(StringBuilder sb, Object v, String indent, int depth) {
    TextBudget.check(sb.length());
    if (depth > 10_000) {
      throw new IllegalArgumentException("json: unsupported value: encountered a cycle");
    }
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Boolean || GoValues.isInt(v) || v instanceof BigInteger) {
      sb.append(v);
    } else if (GoValues.isFloat(v) || v instanceof BigDecimal) {
      // BigDecimal can come from a host (a YAML or JSON reader); Go would hold it as float64.
      sb.append(GoFloat.formatJson(((Number) v).doubleValue()));
    } else if (v instanceof List<?> list) {
      if (list.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        if (indent != null) {
          newline(sb, indent, depth + 1);
        }
        encode(sb, list.get(i), indent, depth + 1);
      }
      if (indent != null) {
        newline(sb, indent, depth);
      }
      sb.append(']');
    } else if (v instanceof InterfaceKeyedMap) {
      throw new IllegalArgumentException(
          "json: unsupported type: map[interface {}]interface {}");
    } else if (v instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        sb.append("{}");
        return;
      }
      List<Map.Entry<String, Object>> entries = new ArrayList<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        entries.add(Map.entry(GoFormat.formatV(e.getKey()), wrapNull(e.getValue())));
      }
      entries.sort((a, b) -> GoStrings.compareBytes(a.getKey(), b.getKey()));
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : entries) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        if (indent != null) {
          newline(sb, indent, depth + 1);
        }
        quote(sb, e.getKey());
        sb.append(indent != null ? ": " : ":");
        encode(sb, unwrapNull(e.getValue()), indent, depth + 1);
      }
      if (indent != null) {
        newline(sb, indent, depth);
      }
      sb.append('}');
    } else if (v instanceof ZonedDateTime t) {
      int year = t.getYear();
      if (year < 0 || year > 9999) {
        throw new IllegalArgumentException(
            "json: error calling MarshalJSON for type time.Time: "
                + "Time.MarshalJSON: year outside of range [0,9999]");
      }
      quote(sb, GoTimes.format(t, GoTimes.RFC3339_NANO));
    } else if (v instanceof Duration d) {
      sb.append(d.toNanos());
    } else if (v instanceof ZoneId) {
      // *time.Location has no exported fields.
      sb.append("{}");
    } else if (v instanceof ExprObject o) {
      // A host object marshals as its Go struct would: the value it declares for JSON.
      encode(sb, o.jsonValue(), indent, depth + 1);
    } else {
      throw new IllegalArgumentException("json: unsupported type: " + GoValues.typeName(v));
    }
  }

  private static final Object NULL = new Object();

  private static Object wrapNull(Object v) {
    return v == null ? NULL : v;
  }

  private static Object unwrapNull(Object v) {
    return v == NULL ? null : v;
  }

  /** A JSON string literal with Go's HTML-safe escaping. */
  static void quote(StringBuilder sb, String s) {
    TextBudget.check((long) sb.length() + s.length() + 2);
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if ((i & 0xFFF) == 0xFFF) {
        TextBudget.check(sb.length()); // escapes may grow the text up to six times
      }
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicodeEscape(sb, c);
        default -> {
          if (c < 0x20) {
            unicodeEscape(sb, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            // A lone surrogate is not valid UTF-8; Go writes the replacement character.
            sb.append("\\ufffd");
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static void unicodeEscape(StringBuilder sb, char c) {
    sb.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }

  // ---------------------------------------------------------------- decoding

  /** {@code json.Unmarshal(data, &v)} with {@code v interface{}}. */
  static Object decode(String text) {
    Parser p = new Parser(text);
    p.skipSpace();
    Object v = p.value();
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.syntax(p.peekCodePoint(), "after top-level value");
    }
    if (p.rangeError != null) {
      throw new IllegalArgumentException(p.rangeError);
    }
    return v;
  }

  private static final class Parser {
    final String s;
    int pos;
    String rangeError;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException eof() {
      return new IllegalArgumentException("unexpected end of JSON input");
    }

    IllegalArgumentException syntax(int c, String context) {
      return new IllegalArgumentException(
          "invalid character " + GoStrings.quoteChar(c) + " " + context);
    }

    int peekCodePoint() {
      return s.codePointAt(pos);
    }

    void skipSpace() {
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
          pos++;
        } else {
          break;
        }
      }
    }

    Object value() {
      if (pos >= s.length()) {
        throw eof();
      }
      char c = s.charAt(pos);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          literal("true");
          return Boolean.TRUE;
        case 'f':
          literal("false");
          return Boolean.FALSE;
        case 'n':
          literal("null");
          return null;
        default:
          if (c == '-' || (c >= '0' && c <= '9')) {
            return number();
          }
          throw syntax(peekCodePoint(), "looking for beginning of value");
      }
    }

    void literal(String word) {
      for (int i = 0; i < word.length(); i++) {
        if (pos >= s.length()) {
          throw eof();
        }
        if (s.charAt(pos) != word.charAt(i)) {
          throw syntax(
              peekCodePoint(), "in literal " + word + " (expecting '" + word.charAt(i) + "')");
        }
        pos++;
      }
    }

    Object number() {
      int start = pos;
      if (s.charAt(pos) == '-') {
        pos++;
        if (pos >= s.length()) {
          throw eof();
        }
        char c = s.charAt(pos);
        if (c < '0' || c > '9') {
          throw syntax(peekCodePoint(), "in numeric literal");
        }
      }
      if (s.charAt(pos) == '0') {
        pos++;
      } else {
        while (pos < s.length() && isDigit(s.charAt(pos))) {
          pos++;
        }
      }
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        if (pos >= s.length()) {
          throw eof();
        }
        if (!isDigit(s.charAt(pos))) {
          throw syntax(peekCodePoint(), "after decimal point in numeric literal");
        }
        while (pos < s.length() && isDigit(s.charAt(pos))) {
          pos++;
        }
      }
      if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
        pos++;
        if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
          pos++;
        }
        if (pos >= s.length()) {
          throw eof();
        }
        if (!isDigit(s.charAt(pos))) {
          throw syntax(peekCodePoint(), "in exponent of numeric literal");
        }
        while (pos < s.length() && isDigit(s.charAt(pos))) {
          pos++;
        }
      }
      String text = s.substring(start, pos);
      double d = Double.parseDouble(text);
      if (Double.isInfinite(d)) {
        if (rangeError == null) {
          rangeError =
              "json: cannot unmarshal number " + text + " into Go value of type float64";
        }
        return null;
      }
      return d;
    }

    static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    String string() {
      pos++; // opening quote
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos >= s.length()) {
          throw eof();
        }
        char c = s.charAt(pos);
        if (c == '"') {
          pos++;
          return sb.toString();
        }
        if (c < 0x20) {
          throw syntax(c, "in string literal");
        }
        if (c == '\\') {
          pos++;
          if (pos >= s.length()) {
            throw eof();
          }
          char e = s.charAt(pos);
          switch (e) {
            case '"', '\\', '/' -> sb.append(e);
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
              pos++;
              char u = hex4();
              if (Character.isHighSurrogate(u)
                  && pos + 1 < s.length()
                  && s.charAt(pos) == '\\'
                  && s.charAt(pos + 1) == 'u') {
                int save = pos;
                pos += 2;
                char low = hex4();
                if (Character.isLowSurrogate(low)) {
                  sb.append(u).append(low);
                } else {
                  sb.append('\ufffd');
                  pos = save;
                }
              } else if (Character.isSurrogate(u)) {
                sb.append('\ufffd');
              } else {
                sb.append(u);
              }
              continue;
            }
            default -> throw syntax(s.codePointAt(pos), "in string escape code");
          }
          pos++;
          continue;
        }
        if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c)
              && pos + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(pos + 1))) {
            sb.append(c).append(s.charAt(pos + 1));
            pos += 2;
          } else {
            sb.append('\ufffd');
            pos++;
          }
          continue;
        }
        sb.append(c);
        pos++;
      }
    }

    /** Reads four hex digits at pos and advances past them. */
    char hex4() {
      int v = 0;
      for (int i = 0; i < 4; i++) {
        if (pos >= s.length()) {
          throw eof();
        }
        char h = s.charAt(pos);
        int d;
        if (h >= '0' && h <= '9') {
          d = h - '0';
        } else if (h >= 'a' && h <= 'f') {
          d = h - 'a' + 10;
        } else if (h >= 'A' && h <= 'F') {
          d = h - 'A' + 10;
        } else {
          throw syntax(s.codePointAt(pos), "in \\u hexadecimal character escape");
        }
        v = v * 16 + d;
        pos++;
      }
      return (char) v;
    }

    List<Object> array() {
      pos++;
      List<Object> out = new ArrayList<>();
      skipSpace();
      if (pos >= s.length()) {
        throw eof();
      }
      if (s.charAt(pos) == ']') {
        pos++;
        return out;
      }
      while (true) {
        skipSpace();
        out.add(value());
        skipSpace();
        if (pos >= s.length()) {
          throw eof();
        }
        char c = s.charAt(pos);
        if (c == ',') {
          pos++;
          skipSpace();
          if (pos >= s.length()) {
            throw eof();
          }
          continue;
        }
        if (c == ']') {
          pos++;
          return out;
        }
        throw syntax(peekCodePoint(), "after array element");
      }
    }

    Map<String, Object> object() {
      pos++;
      Map<String, Object> out = new LinkedHashMap<>();
      skipSpace();
      if (pos >= s.length()) {
        throw eof();
      }
      if (s.charAt(pos) == '}') {
        pos++;
        return out;
      }
      while (true) {
        skipSpace();
        if (pos >= s.length()) {
          throw eof();
        }
        if (s.charAt(pos) != '"') {
          throw syntax(peekCodePoint(), "looking for beginning of object key string");
        }
        String key = string();
        skipSpace();
        if (pos >= s.length()) {
          throw eof();
        }
        if (s.charAt(pos) != ':') {
          throw syntax(peekCodePoint(), "after object key");
        }
        pos++;
        skipSpace();
        Object v = value();
        out.put(key, v);
        skipSpace();
        if (pos >= s.length()) {
          throw eof();
        }
        char c = s.charAt(pos);
        if (c == ',') {
          pos++;
          continue;
        }
        if (c == '}') {
          pos++;
          return out;
        }
        throw syntax(peekCodePoint(), "after object key:value pair");
      }
    }
  }
}
