package dev.kargo4j.core.steps.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A strict scanner over JSON text that reports where values are, as character offsets, so that
 * an editor can splice new values into the original text. Only {@link #isValid} and
 * {@link #validate} check syntax; the other methods assume text that passed them.
 * Stateless and thread-safe.
 */
final class JsonText {
  private JsonText() {}

  /** A value's span {@code [start, end)} in the text. */
  record Span(int start, int end) {}

  /**
   * Whether {@code s} holds exactly one JSON value, with optional whitespace around it, nested
   * no deeper than the default limit ({@link DocumentValues#DEFAULT_LIMITS}).
   */
  static boolean isValid(String s) {
    return validate(s, DocumentValues.DEFAULT_LIMITS.maxNestingDepth()) == null;
  }

  /**
   * Null when {@code s} is one valid JSON value nested no deeper than {@code maxDepth} arrays
   * and objects; otherwise a description of the first problem. The depth bound keeps this
   * recursive scanner (and the methods that trust its verdict) far from the thread's stack
   * limit on hostile input.
   */
  static String validate(String s, int maxDepth) {
    try {
      int i = skipWs(s, 0);
      i = parseValue(s, i, 0, maxDepth);
      i = skipWs(s, i);
      if (i != s.length()) {
        throw new Bad("unexpected '" + s.charAt(i) + "' after the top-level value", i);
      }
      return null;
    } catch (Bad b) {
      return b.getMessage() + " at " + position(s, b.at);
    }
  }

  private static String position(String s, int at) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(at, s.length()); i++) {
      if (s.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return "line " + line + ", column " + col;
  }

  private static final class Bad extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int at;

    Bad(String msg, int at) {
      super(msg, null, false, false);
      this.at = at;
    }
  }

  static int skipWs(String s, int i) {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static int parseValue(String s, int i, int depth, int maxDepth) {
    if (depth > maxDepth) {
      throw new Bad("arrays and objects nest deeper than the limit of " + maxDepth + " levels", i);
    }
    if (i >= s.length()) {
      throw new Bad("unexpected end of input", i);
    }
    char c = s.charAt(i);
    switch (c) {
      case '{' -> {
        i = skipWs(s, i + 1);
        if (i < s.length() && s.charAt(i) == '}') {
          return i + 1;
        }
        while (true) {
          if (i >= s.length() || s.charAt(i) != '"') {
            throw new Bad("expected a string key", i);
          }
          i = skipWs(s, parseString(s, i));
          if (i >= s.length() || s.charAt(i) != ':') {
            throw new Bad("expected ':'", i);
          }
          i = skipWs(s, parseValue(s, skipWs(s, i + 1), depth + 1, maxDepth));
          if (i < s.length() && s.charAt(i) == ',') {
            i = skipWs(s, i + 1);
          } else if (i < s.length() && s.charAt(i) == '}') {
            return i + 1;
          } else {
            throw new Bad("expected ',' or '}'", i);
          }
        }
      }
      case '[' -> {
        i = skipWs(s, i + 1);
        if (i < s.length() && s.charAt(i) == ']') {
          return i + 1;
        }
        while (true) {
          i = skipWs(s, parseValue(s, i, depth + 1, maxDepth));
          if (i < s.length() && s.charAt(i) == ',') {
            i = skipWs(s, i + 1);
          } else if (i < s.length() && s.charAt(i) == ']') {
            return i + 1;
          } else {
            throw new Bad("expected ',' or ']'", i);
          }
        }
      }
      case '"' -> {
        return parseString(s, i);
      }
      case 't' -> {
        return literal(s, i, "true");
      }
      case 'f' -> {
        return literal(s, i, "false");
      }
      case 'n' -> {
        return literal(s, i, "null");
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          return parseNumber(s, i);
        }
        throw new Bad("unexpected '" + c + "'", i);
      }
    }
  }

  private static int literal(String s, int i, String word) {
    if (!s.startsWith(word, i)) {
      throw new Bad("invalid literal", i);
    }
    return i + word.length();
  }

  private static int parseString(String s, int i) {
    i++; // opening quote
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c < 0x20) {
        throw new Bad("control character in string", i);
      }
      if (c == '\\') {
        if (i + 1 >= s.length()) {
          break;
        }
        char e = s.charAt(i + 1);
        if (e == 'u') {
          if (i + 6 > s.length() || !s.substring(i + 2, i + 6).matches("[0-9a-fA-F]{4}")) {
            throw new Bad("invalid \\u escape", i);
          }
          i += 6;
          continue;
        }
        if ("\"\\/bfnrt".indexOf(e) < 0) {
          throw new Bad("invalid escape", i);
        }
        i += 2;
        continue;
      }
      i++;
    }
    throw new Bad("unterminated string", i);
  }

  private static int parseNumber(String s, int i) {
    int start = i;
    if (s.charAt(i) == '-') {
      i++;
    }
    if (i >= s.length()) {
      throw new Bad("invalid number", start);
    }
    if (s.charAt(i) == '0') {
      i++;
    } else if (s.charAt(i) >= '1' && s.charAt(i) <= '9') {
      while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
        i++;
      }
    } else {
      throw new Bad("invalid number", start);
    }
    if (i < s.length() && s.charAt(i) == '.') {
      i++;
      int d = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (d == i) {
        throw new Bad("invalid number", start);
      }
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int d = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (d == i) {
        throw new Bad("invalid number", start);
      }
    }
    return i;
  }

  /** The end of the (valid) value starting at {@code i}. */
  static int valueEnd(String s, int i) {
    return parseValue(s, i, 0, Integer.MAX_VALUE); // validated text: its depth is already bounded
  }

  /** The decoded text of the (valid) string literal starting at {@code i}. */
  static String decodeString(String s, int i) {
    StringBuilder sb = new StringBuilder();
    i++;
    while (true) {
      char c = s.charAt(i);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char e = s.charAt(i + 1);
        switch (e) {
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
            i += 4;
          }
          default -> sb.append(e);
        }
        i += 2;
      } else {
        sb.append(c);
        i++;
      }
    }
  }

  /**
   * The span of the value of the first member named {@code key} of the object starting at
   * {@code i}, or null.
   */
  static Span member(String s, int i, String key) {
    i = skipWs(s, i + 1);
    if (s.charAt(i) == '}') {
      return null;
    }
    while (true) {
      int keyEnd = valueEnd(s, i);
      String name = decodeString(s, i);
      int v = skipWs(s, skipWs(s, keyEnd) + 1);
      int vEnd = valueEnd(s, v);
      if (name.equals(key)) {
        return new Span(v, vEnd);
      }
      i = skipWs(s, vEnd);
      if (s.charAt(i) == '}') {
        return null;
      }
      i = skipWs(s, i + 1);
    }
  }

  /** The spans of the elements of the array starting at {@code i}. */
  static List<Span> elements(String s, int i) {
    List<Span> out = new ArrayList<>();
    i = skipWs(s, i + 1);
    if (s.charAt(i) == ']') {
      return out;
    }
    while (true) {
      int end = valueEnd(s, i);
      out.add(new Span(i, end));
      i = skipWs(s, end);
      if (s.charAt(i) == ']') {
        return out;
      }
      i = skipWs(s, i + 1);
    }
  }
}
