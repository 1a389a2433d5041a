package dev.kargo4j.expr.internal.builtins;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Go's {@code strings} package on Java strings. Go strings are UTF-8 bytes, so offsets that
 * Go reports (such as {@code strings.Index}) are byte offsets, and ordering is byte order,
 * which equals code point order. Stateless and thread-safe.
 */
public final class GoStrings {
  private GoStrings() {}

  /** Compares as Go compares strings: by UTF-8 bytes, that is by code points. */
  static int compareBytes(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** The number of UTF-8 bytes of the first {@code charIndex} UTF-16 units. */
  static int utf8Length(String s, int charIndex) {
    int n = 0;
    for (int i = 0; i < charIndex; ) {
      int cp = s.codePointAt(i);
      n += utf8Width(cp);
      i += Character.charCount(cp);
    }
    return n;
  }

  static int utf8Width(int cp) {
    if (cp < 0x80) {
      return 1;
    }
    if (cp < 0x800) {
      return 2;
    }
    if (cp < 0x10000) {
      return 3;
    }
    return 4;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code unicode.IsSpace}. */
  static boolean isSpace(int cp) {
    switch (cp) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
          0x3000:
        return true;
      default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
  }

  /** {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end) {
      int cp = s.codePointAt(start);
      if (!isSpace(cp)) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(start, end);
  }

  /** {@code strings.Trim}: strips leading and trailing code points contained in the cutset. */
  static String trim(String s, String cutset) {
    if (s.isEmpty() || cutset.isEmpty()) {
      return s;
    }
    int start = 0;
    int end = s.length();
    while (start < end) {
      int cp = s.codePointAt(start);
      if (cutset.indexOf(cp) < 0) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = s.codePointBefore(end);
      if (cutset.indexOf(cp) < 0) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(start, end);
  }

  /** {@code strings.ToUpper}: simple per-rune case mapping (no "SS" for "ß"). */
  static String toUpper(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
    return sb.toString();
  }

  /** {@code strings.ToLower}: simple per-rune case mapping (no final sigma). */
  static String toLower(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> sb.appendCodePoint(Character.toLowerCase(cp)));
    return sb.toString();
  }

  /** {@code strings.Index} as a UTF-8 byte offset, or -1. */
  static long index(String s, String sub) {
    int i = s.indexOf(sub);
    return i < 0 ? -1 : utf8Length(s, i);
  }

  /** {@code strings.LastIndex} as a UTF-8 byte offset, or -1. */
  static long lastIndex(String s, String sub) {
    int i = s.lastIndexOf(sub);
    return i < 0 ? -1 : utf8Length(s, i);
  }

  /**
   * {@code strings.SplitN} and {@code strings.SplitAfterN}: {@code n < 0} splits everywhere,
   * {@code n == 0} returns no substrings, otherwise at most {@code n}.
   */
  static List<Object> split(String s, String sep, long n, boolean keepSeparator) {
    List<Object> out = new ArrayList<>();
    if (n == 0) {
      return out;
    }
    if (sep.isEmpty()) {
      return explode(s, n);
    }
    long limit = n < 0 ? Long.MAX_VALUE : n;
    int from = 0;
    while (out.size() < limit - 1) {
      int i = s.indexOf(sep, from);
      if (i < 0) {
        break;
      }
      out.add(s.substring(from, keepSeparator ? i + sep.length() : i));
      from = i + sep.length();
    }
    out.add(s.substring(from));
    return out;
  }

  /** Splits into single code points, the last piece keeping the rest when n is reached. */
  private static List<Object> explode(String s, long n) {
    List<Object> out = new ArrayList<>();
    long count = s.codePointCount(0, s.length());
    long limit = (n < 0 || n > count) ? count : n;
    int i = 0;
    while (i < s.length()) {
      if (out.size() == limit - 1) {
        out.add(s.substring(i));
        return out;
      }
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      out.add(s.substring(i, next));
      i = next;
    }
    return out;
  }

  /** {@code strings.Replace}: the first {@code n} occurrences, all of them when n < 0. */
  static String replace(String s, String old, String replacement, long n) {
    if (n == 0 || old.equals(replacement)) {
      return s;
    }
    long limit = n < 0 ? Long.MAX_VALUE : n;
    StringBuilder sb = new StringBuilder();
    long done = 0;
    if (old.isEmpty()) {
      // An empty old string matches at the start and after each code point.
      int i = 0;
      while (true) {
        if (done < limit) {
          sb.append(replacement);
          done++;
        }
        if (i >= s.length()) {
          break;
        }
        int cp = s.codePointAt(i);
        sb.appendCodePoint(cp);
        i += Character.charCount(cp);
      }
      return sb.toString();
    }
    int from = 0;
    while (done < limit) {
      int i = s.indexOf(old, from);
      if (i < 0) {
        break;
      }
      sb.append(s, from, i).append(replacement);
      from = i + old.length();
      done++;
    }
    sb.append(s, from, s.length());
    return sb.toString();
  }

  /** The quoting of Go's {@code time} package error messages. */
  public static String timeQuote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    byte[] bytes = utf8(s);
    int i = 0;
    for (int k = 0; k < s.length(); ) {
      int cp = s.codePointAt(k);
      int w = utf8Width(cp);
      if (cp >= 0x80 || cp < ' ') {
        for (int j = 0; j < w; j++) {
          sb.append("\\x").append(String.format("%02x", bytes[i + j] & 0xff));
        }
      } else {
        if (cp == '"' || cp == '\\') {
          sb.append('\\');
        }
        sb.appendCodePoint(cp);
      }
      i += w;
      k += Character.charCount(cp);
    }
    return sb.append('"').toString();
  }

  /** {@code strconv.Quote}-style quoting of one rune, used by encoding/json errors. */
  static String quoteChar(int c) {
    if (c == '\'') {
      return "'\\''";
    }
    if (c == '"') {
      return "'\"'";
    }
    String q;
    switch (c) {
      case '\u0007' -> q = "\\a";
      case '\b' -> q = "\\b";
      case '\f' -> q = "\\f";
      case '\n' -> q = "\\n";
      case '\r' -> q = "\\r";
      case '\t' -> q = "\\t";
      case 0x0B -> q = "\\v";
      case '\\' -> q = "\\\\";
      default -> {
        if (c < 0x20 || c == 0x7f) {
          q = String.format("\\x%02x", c);
        } else if (!Character.isDefined(c) || Character.isISOControl(c)) {
          q = c <= 0xFFFF ? String.format("\\u%04x", c) : String.format("\\U%08x", c);
        } else {
          q = new String(Character.toChars(c));
        }
      }
    }
    return "'" + q + "'";
  }
}
