package dev.kargo4j.core.manifest.internal;

import dev.kargo4j.core.manifest.InvalidManifestException;
import dev.kargo4j.core.manifest.ManifestWarning;
import dev.kargo4j.core.model.InvalidModelException;
import dev.kargo4j.expr.go.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Typed access to one YAML mapping at a known field path, failing with
 * {@link InvalidManifestException}s that name source, line and path.
 */
public final class MapReader {
  /** Where warnings go and what the source is called. */
  public static final class Context {
    final String source;
    final List<ManifestWarning> warnings;

    public Context(String source, List<ManifestWarning> warnings) {
      this.source = source;
      this.warnings = warnings;
    }

    public String source() {
      return source;
    }

    public InvalidManifestException error(int line, String path, String problem) {
      return new InvalidManifestException(source, line, path, problem);
    }

    public void warn(int line, String path, String message) {
      warnings.add(new ManifestWarning(source, line, path, message));
    }
  }

  /** Decodes one element of a list. */
  @FunctionalInterface
  public interface ElementDecoder<T> {
    T decode(YNode node, String path);
  }

  private final Context ctx;
  private final YNode.YMap map;
  private final String path;

  private MapReader(Context ctx, YNode.YMap map, String path) {
    this.ctx = ctx;
    this.map = map;
    this.path = path;
  }

  /** Reads {@code node}, which must be a mapping. */
  public static MapReader of(Context ctx, YNode node, String path) {
    if (!(node instanceof YNode.YMap)) {
      throw ctx.error(node.line(), path, "expected an object, got " + describe(node));
    }
    return new MapReader(ctx, (YNode.YMap) node, path);
  }

  public Context context() {
    return ctx;
  }

  public String path() {
    return path;
  }

  public int line() {
    return map.line();
  }

  public YNode.YMap node() {
    return map;
  }

  /** The path of a child field. */
  public String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** Fails on the first key that is not allowed, listing the allowed keys. */
  public MapReader allow(String... keys) {
    Set<String> allowed = new TreeSet<>(List.of(keys));
    for (Map.Entry<String, YNode.Entry> e : map.entries().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw ctx.error(e.getValue().keyLine(), child(e.getKey()),
            "unknown field; allowed: " + String.join(", ", allowed));
      }
    }
    return this;
  }

  /** The keys present, in document order. */
  public Set<String> keys() {
    return map.entries().keySet();
  }

  /** Whether the key is present with a non-null value. */
  public boolean has(String key) {
    return get(key) != null;
  }

  /** The value node, or null when absent or null. */
  public YNode get(String key) {
    YNode.Entry e = map.entries().get(key);
    if (e == null) {
      return null;
    }
    YNode v = e.value();
    if (v instanceof YNode.YScalar && ((YNode.YScalar) v).kind() == YNode.Kind.NULL) {
      return null;
    }
    return v;
  }

  /** The line of a key, or of this mapping when absent. */
  public int lineOf(String key) {
    YNode.Entry e = map.entries().get(key);
    return e == null ? map.line() : e.keyLine();
  }

  /** An optional string; "" when absent. */
  public String str(String key) {
    YNode v = get(key);
    return v == null ? "" : string(ctx, v, child(key));
  }

  /** A required non-empty string. */
  public String reqStr(String key) {
    String s = str(key);
    if (s.isEmpty()) {
      throw ctx.error(lineOf(key), child(key), "required field is missing or empty");
    }
    return s;
  }

  /** An optional boolean. */
  public boolean bool(String key, boolean dflt) {
    YNode v = get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof YNode.YScalar && ((YNode.YScalar) v).kind() == YNode.Kind.BOOL) {
      return (Boolean) ((YNode.YScalar) v).value();
    }
    throw ctx.error(v.line(), child(key), "expected a boolean (true or false), got " + describe(v));
  }

  /** An optional integer in [min, max]. */
  public long integer(String key, long dflt, long min, long max) {
    YNode v = get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof YNode.YScalar && ((YNode.YScalar) v).kind() == YNode.Kind.INT
        && ((YNode.YScalar) v).value() instanceof Long) {
      long n = (Long) ((YNode.YScalar) v).value();
      if (n < min || n > max) {
        throw ctx.error(v.line(), child(key),
            "value " + n + " is out of range; allowed: " + min + ".." + max);
      }
      return n;
    }
    throw ctx.error(v.line(), child(key), "expected an integer, got " + describe(v));
  }

  /** An optional Go duration; null when absent. */
  public Duration duration(String key) {
    YNode v = get(key);
    if (v == null) {
      return null;
    }
    String s = string(ctx, v, child(key));
    try {
      return GoDuration.parse(s);
    } catch (IllegalArgumentException e) {
      throw ctx.error(v.line(), child(key), "invalid duration \"" + s + "\"; allowed: a Go"
          + " duration such as \"5m0s\", \"1h30m\", \"90s\" or \"300ms\" (units ns, us, ms, s, m, h)");
    }
  }

  /** An optional RFC 3339 time; null when absent. */
  public Instant time(String key) {
    YNode v = get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof YNode.YScalar)
        || !(((YNode.YScalar) v).kind() == YNode.Kind.STRING
            || ((YNode.YScalar) v).kind() == YNode.Kind.TIMESTAMP)) {
      throw ctx.error(v.line(), child(key), "expected an RFC 3339 time, got " + describe(v));
    }
    String s = ((YNode.YScalar) v).text();
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw ctx.error(v.line(), child(key),
          "\"" + s + "\" is not an RFC 3339 time; allowed: e.g. 2024-05-01T12:00:00Z");
    }
  }

  /** An optional enum; null when absent. */
  public <E> E enumValue(String key, Function<String, E> parse) {
    YNode v = get(key);
    if (v == null) {
      return null;
    }
    String s = string(ctx, v, child(key));
    if (s.isEmpty()) {
      return null;
    }
    try {
      return parse.apply(s);
    } catch (InvalidModelException e) {
      throw ctx.error(v.line(), child(key), e.problem());
    }
  }

  /** An optional map of strings; empty when absent. */
  public Map<String, String> strMap(String key) {
    YNode v = get(key);
    if (v == null) {
      return Map.of();
    }
    MapReader m = of(ctx, v, child(key));
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : m.keys()) {
      out.put(k, m.str(k));
    }
    return out;
  }

  /** An optional list of strings; empty when absent. */
  public List<String> strList(String key) {
    return list(key, (n, p) -> string(ctx, n, p));
  }

  /** An optional list; empty when absent. */
  public <T> List<T> list(String key, ElementDecoder<T> decoder) {
    YNode v = get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof YNode.YList)) {
      throw ctx.error(v.line(), child(key), "expected a list, got " + describe(v));
    }
    List<YNode> items = ((YNode.YList) v).items();
    List<T> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      YNode item = items.get(i);
      String p = child(key) + "[" + i + "]";
      if (item instanceof YNode.YScalar && ((YNode.YScalar) item).kind() == YNode.Kind.NULL) {
        throw ctx.error(item.line(), p, "list elements must not be null");
      }
      out.add(decoder.decode(item, p));
    }
    return out;
  }

  /** An optional nested mapping; null when absent. */
  public MapReader obj(String key) {
    YNode v = get(key);
    return v == null ? null : of(ctx, v, child(key));
  }

  /** A required nested mapping. */
  public MapReader reqObj(String key) {
    YNode v = get(key);
    if (v == null) {
      throw ctx.error(lineOf(key), child(key), "required field is missing");
    }
    return of(ctx, v, child(key));
  }

  /** An optional JSON-like value; null when absent. */
  public Object json(String key) {
    YNode v = get(key);
    return v == null ? null : toJson(ctx, v, child(key));
  }

  /** An optional JSON-like object; empty when absent. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> jsonObject(String key) {
    YNode v = get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof YNode.YMap)) {
      throw ctx.error(v.line(), child(key), "expected an object, got " + describe(v));
    }
    return (Map<String, Object>) toJson(ctx, v, child(key));
  }

  /**
   * Runs a record constructor; an {@link InvalidModelException} becomes an
   * {@link InvalidManifestException} at the offending field's path and line.
   */
  public <T> T build(Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (InvalidModelException e) {
      String field = e.field();
      String full;
      if (field.isEmpty()) {
        full = path;
      } else if (path.isEmpty()) {
        full = field;
      } else {
        full = field.startsWith("[") ? path + field : path + "." + field;
      }
      throw ctx.error(lineOf(map, field), full, e.problem());
    }
  }

  /** The line of a relative field path such as {@code steps[2].as}; the mapping's when not found. */
  static int lineOf(YNode.YMap base, String field) {
    int line = base.line();
    YNode node = base;
    int i = 0;
    while (i < field.length()) {
      char c = field.charAt(i);
      if (c == '.') {
        i++;
        continue;
      }
      if (c == '[') {
        int close = field.indexOf(']', i);
        if (close < 0 || !(node instanceof YNode.YList)) {
          return line;
        }
        int idx;
        try {
          idx = Integer.parseInt(field.substring(i + 1, close));
        } catch (NumberFormatException e) {
          return line;
        }
        List<YNode> items = ((YNode.YList) node).items();
        if (idx < 0 || idx >= items.size()) {
          return line;
        }
        node = items.get(idx);
        line = node.line();
        i = close + 1;
        continue;
      }
      int end = i;
      while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
        end++;
      }
      String key = field.substring(i, end);
      if (!(node instanceof YNode.YMap)) {
        return line;
      }
      YNode.Entry e = ((YNode.YMap) node).entries().get(key);
      if (e == null) {
        return line;
      }
      line = e.keyLine();
      node = e.value();
      i = end;
    }
    return line;
  }

  /** A scalar as a string; strings and timestamps only. */
  public static String string(Context ctx, YNode v, String path) {
    if (v instanceof YNode.YScalar) {
      YNode.YScalar s = (YNode.YScalar) v;
      if (s.kind() == YNode.Kind.STRING || s.kind() == YNode.Kind.TIMESTAMP) {
        return s.text();
      }
      if (s.kind() == YNode.Kind.NULL) {
        return "";
      }
      throw ctx.error(v.line(), path,
          "expected a string, got " + describe(v) + " (quote it: \"" + s.text() + "\")");
    }
    throw ctx.error(v.line(), path, "expected a string, got " + describe(v));
  }

  /** Converts a node to a JSON-like Java value. */
  public static Object toJson(Context ctx, YNode v, String path) {
    if (v instanceof YNode.YScalar) {
      YNode.YScalar s = (YNode.YScalar) v;
      return s.kind() == YNode.Kind.TIMESTAMP ? s.text() : s.value();
    }
    if (v instanceof YNode.YList) {
      List<YNode> items = ((YNode.YList) v).items();
      List<Object> out = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        out.add(toJson(ctx, items.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, YNode.Entry> e : ((YNode.YMap) v).entries().entrySet()) {
      out.put(e.getKey(), toJson(ctx, e.getValue().value(), path + "." + e.getKey()));
    }
    return Collections.unmodifiableMap(out);
  }

  static String describe(YNode v) {
    if (v instanceof YNode.YScalar) {
      YNode.YScalar s = (YNode.YScalar) v;
      if (s.kind() == YNode.Kind.STRING) {
        String t = s.text();
        return "string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
      }
      return s.kind().label + " " + s.text();
    }
    return v.typeName();
  }
}
