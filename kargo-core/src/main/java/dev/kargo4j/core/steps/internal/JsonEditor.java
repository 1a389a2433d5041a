package dev.kargo4j.core.steps.internal;

import dev.kargo4j.expr.go.GoFloat;
import dev.kargo4j.expr.go.GoJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets scalar values in JSON text in place, with the semantics of tidwall/sjson v1.2.5
 * {@code Set}, which Kargo's {@code json-update} uses: an existing value is replaced where it
 * stands and every other byte is kept; a missing key is appended compactly
 * ({@code ,"key":value}) before the closing brace of its object, creating intermediate objects
 * (or arrays, for numeric parts) as needed; {@code -1} appends to an array; empty text becomes a
 * new object.
 *
 * <p>Key syntax is sjson's: {@code .} separates parts, a backslash escapes the next character,
 * a part that starts with {@code :} is always an object key, and a numeric part indexes an
 * array. Parts holding sjson query characters ({@code | # @ * ?}) unescaped are refused.
 *
 * <p>Unlike sjson, which does not validate, the text must be valid JSON (or blank).
 * Stateless and thread-safe.
 */
public final class JsonEditor {
  private JsonEditor() {}

  private record Part(String part, boolean force) {}

  /**
   * Returns {@code json} with {@code value} set at {@code key}.
   *
   * @param value a string, boolean or number (numbers are written in shortest plain form)
   * @throws IllegalArgumentException when the text is not JSON, the key is malformed, the value
   *     is not a scalar, or the key cannot be set (e.g. a non-numeric key on an array)
   */
  public static String set(String json, String key, Object value) {
    return set(json, key, value, DocumentValues.DEFAULT_LIMITS.maxNestingDepth());
  }

  /**
   * As {@link #set(String, String, Object)}, refusing text whose arrays and objects nest deeper
   * than {@code maxDepth}.
   */
  public static String set(String json, String key, Object value, int maxDepth) {
    String problem = blank(json) ? null : JsonText.validate(json, maxDepth);
    if (problem != null) {
      throw new IllegalArgumentException("the file is not valid JSON: " + problem);
    }
    String raw;
    boolean stringify = false;
    if (value instanceof String s) {
      raw = s;
      stringify = true;
    } else if (value instanceof Boolean b) {
      raw = b.toString();
    } else if (value instanceof Number n) {
      raw = ScalarQuoting.isIntegral(n) ? n.toString() : GoFloat.formatF(n.doubleValue());
      if (Double.isNaN(n.doubleValue()) || Double.isInfinite(n.doubleValue())) {
        throw new IllegalArgumentException("value for key \"" + key + "\" is not a finite number");
      }
    } else {
      throw new IllegalArgumentException("value for key \"" + key + "\" is not a scalar type");
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException("path cannot be empty");
    }
    List<Part> parts = parse(key);
    StringBuilder out = new StringBuilder(json.length() + raw.length() + 16);
    appendRawPaths(out, json, parts, raw, stringify);
    return out.toString();
  }

  private static boolean blank(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > ' ') {
        return false;
      }
    }
    return true;
  }

  // sjson's parsePath, applied part after part
  private static List<Part> parse(String path) {
    List<Part> parts = new ArrayList<>();
    String rest = path;
    while (true) {
      boolean force = false;
      if (!rest.isEmpty() && rest.charAt(0) == ':') {
        force = true;
        rest = rest.substring(1);
      }
      StringBuilder part = new StringBuilder();
      int i = 0;
      boolean more = false;
      while (i < rest.length()) {
        char c = rest.charAt(i);
        if (c == '.') {
          more = true;
          break;
        }
        if (c == '\\') {
          i++;
          if (i < rest.length()) {
            part.append(rest.charAt(i));
          }
          i++;
          continue;
        }
        if (c == '|' || c == '#' || c == '@' || c == '*' || c == '?') {
          throw new IllegalArgumentException("key \"" + path + "\": the character '" + c
              + "' is an sjson query character, which json-update does not support;"
              + " escape it with a backslash to use it literally");
        }
        part.append(c);
        i++;
      }
      parts.add(new Part(part.toString(), force));
      if (!more) {
        return parts;
      }
      rest = rest.substring(i + 1);
    }
  }

  /** The span of the value at {@code part} inside the container value {@code jstr}, or null. */
  private static JsonText.Span get(String jstr, Part part) {
    int i = JsonText.skipWs(jstr, 0);
    if (i >= jstr.length()) {
      return null;
    }
    char c = jstr.charAt(i);
    if (c == '{') {
      return JsonText.member(jstr, i, part.part());
    }
    if (c == '[') {
      String p = part.part();
      if (p.isEmpty() || !p.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
        return null;
      }
      List<JsonText.Span> elems = JsonText.elements(jstr, i);
      int n;
      try {
        n = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        return null;
      }
      return n < elems.size() ? elems.get(n) : null;
    }
    return null;
  }

  /** sjson's atoui: -1 when the part is forced or not all digits (an empty part counts as 0). */
  private static int atoui(Part p) {
    if (p.force()) {
      return -1;
    }
    int n = 0;
    for (int i = 0; i < p.part().length(); i++) {
      char c = p.part().charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
      if (n > 1_000_000) {
        throw new IllegalArgumentException("array index " + p.part() + " is too large");
      }
    }
    return n;
  }

  private static void appendRawPaths(
      StringBuilder buf, String jstr, List<Part> paths, String raw, boolean stringify) {
    JsonText.Span res = get(jstr, paths.get(0));
    if (res != null) {
      buf.append(jstr, 0, res.start());
      if (paths.size() > 1) {
        appendRawPaths(buf, jstr.substring(res.start(), res.end()), paths.subList(1, paths.size()),
            raw, stringify);
      } else {
        appendValue(buf, raw, stringify);
      }
      buf.append(jstr, res.end(), jstr.length());
      return;
    }
    int n = atoui(paths.get(0));
    boolean numeric = n >= 0;
    if (blank(jstr)) {
      jstr = numeric ? "[]" : "{}";
    }
    int first = JsonText.skipWs(jstr, 0);
    char open = jstr.charAt(first);
    String rawContainer;
    if (open == '{' || open == '[') {
      rawContainer = jstr.substring(first); // sjson keeps everything after the opening bracket
    } else {
      rawContainer = numeric ? "[]" : "{}"; // a scalar is replaced by a new container
      open = rawContainer.charAt(0);
    }
    boolean comma = false;
    for (int i = 1; i < rawContainer.length(); i++) {
      char c = rawContainer.charAt(i);
      if (c <= ' ') {
        continue;
      }
      comma = c != '}' && c != ']';
      break;
    }
    if (open == '{') {
      int end = rawContainer.lastIndexOf('}');
      buf.append(rawContainer, 0, end);
      if (comma) {
        buf.append(',');
      }
      appendBuild(buf, false, paths, raw, stringify);
      buf.append('}');
      return;
    }
    Part p0 = paths.get(0);
    if (!numeric) {
      if (!(p0.part().equals("-1") && !p0.force())) {
        throw new IllegalArgumentException(
            "cannot set array element for non-numeric key '" + p0.part() + "'");
      }
      String trimmed = rawContainer.strip();
      if (trimmed.endsWith("]")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      buf.append(trimmed);
      if (comma) {
        buf.append(',');
      }
      appendBuild(buf, true, paths, raw, stringify);
      buf.append(']');
      return;
    }
    // a numeric index past the end: sjson rebuilds the array compactly, padding with nulls
    List<JsonText.Span> elems = JsonText.elements(rawContainer, 0);
    buf.append('[');
    for (int i = 0; i < elems.size(); i++) {
      if (i > 0) {
        buf.append(',');
      }
      buf.append(rawContainer, elems.get(i).start(), elems.get(i).end());
    }
    if (elems.isEmpty()) {
      buf.append("null,".repeat(n));
    } else {
      buf.append(",null".repeat(Math.max(0, n - elems.size())));
      if (comma) {
        buf.append(',');
      }
    }
    appendBuild(buf, true, paths, raw, stringify);
    buf.append(']');
  }

  private static void appendBuild(
      StringBuilder buf, boolean array, List<Part> paths, String raw, boolean stringify) {
    if (!array) {
      appendStringify(buf, paths.get(0).part());
      buf.append(':');
    }
    if (paths.size() > 1) {
      Part next = paths.get(1);
      int n = atoui(next);
      if (n >= 0 || (!next.force() && next.part().equals("-1"))) {
        buf.append('[').append("null,".repeat(Math.max(n, 0)));
        appendBuild(buf, true, paths.subList(1, paths.size()), raw, stringify);
        buf.append(']');
      } else {
        buf.append('{');
        appendBuild(buf, false, paths.subList(1, paths.size()), raw, stringify);
        buf.append('}');
      }
    } else {
      appendValue(buf, raw, stringify);
    }
  }

  private static void appendValue(StringBuilder buf, String raw, boolean stringify) {
    if (stringify) {
      appendStringify(buf, raw);
    } else {
      buf.append(raw);
    }
  }

  /** sjson's appendStringify: plain quotes, or Go's json.Marshal when escaping is needed. */
  static void appendStringify(StringBuilder buf, String s) {
    boolean marshal = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < ' ' || c > 0x7f || c == '"' || c == '\\') {
        marshal = true;
        break;
      }
    }
    if (!marshal) {
      buf.append('"').append(s).append('"');
      return;
    }
    buf.append(GoJson.marshal(s));
  }
}
