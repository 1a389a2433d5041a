package dev.kargo4j.core.verification.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes JSONPath template syntax ({@code k8s.io/client-go/util/jsonpath}) as the
 * {@code web} provider uses it, e.g. {@code {$.base_experience}} or
 * {@code {.data.result[0].value[1]}}: text outside braces is literal; inside braces a path of
 * {@code $}, {@code .field}, {@code ['field']}, {@code ..field} (recursive), {@code .*},
 * {@code [n]} (negative from the end), {@code [a:b]} and {@code [*]}. Filters and functions
 * are not supported and fail to compile. Immutable and thread-safe.
 */
final class JsonPath {
  private sealed interface Part permits Text, Path {}

  private record Text(String text) implements Part {}

  private record Path(List<Step> steps) implements Part {}

  private sealed interface Step permits Field, Recursive, Wildcard, Index, Slice {}

  private record Field(String name) implements Step {}

  private record Recursive(String name) implements Step {}

  private record Wildcard() implements Step {}

  private record Index(int index) implements Step {}

  private record Slice(Integer from, Integer to) implements Step {}

  private final String source;
  private final List<Part> parts;

  private JsonPath(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts;
  }

  /**
   * Compiles a template; empty means {@code {$}}.
   *
   * @throws IllegalArgumentException for a malformed or unsupported template
   */
  static JsonPath compile(String template) {
    String t = template == null || template.isEmpty() ? "{$}" : template;
    List<Part> parts = new ArrayList<>();
    int i = 0;
    while (i < t.length()) {
      int open = t.indexOf('{', i);
      if (open < 0) {
        parts.add(new Text(t.substring(i)));
        break;
      }
      if (open > i) {
        parts.add(new Text(t.substring(i, open)));
      }
      int close = t.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("unclosed action in JSONPath \"" + t + "\"");
      }
      parts.add(new Path(steps(t.substring(open + 1, close).strip(), t)));
      i = close + 1;
    }
    return new JsonPath(t, List.copyOf(parts));
  }

  private static List<Step> steps(String expr, String whole) {
    List<Step> steps = new ArrayList<>();
    int i = 0;
    if (expr.startsWith("$")) {
      i = 1;
    }
    while (i < expr.length()) {
      char c = expr.charAt(i);
      if (c == '.') {
        if (i + 1 < expr.length() && expr.charAt(i + 1) == '.') {
          int end = nameEnd(expr, i + 2);
          steps.add(new Recursive(expr.substring(i + 2, end)));
          i = end;
          continue;
        }
        if (i + 1 < expr.length() && expr.charAt(i + 1) == '*') {
          steps.add(new Wildcard());
          i += 2;
          continue;
        }
        int end = nameEnd(expr, i + 1);
        if (end == i + 1) {
          i++;
          continue;
        }
        steps.add(new Field(expr.substring(i + 1, end)));
        i = end;
      } else if (c == '[') {
        int close = expr.indexOf(']', i);
        if (close < 0) {
          throw new IllegalArgumentException("unclosed [ in JSONPath \"" + whole + "\"");
        }
        String inner = expr.substring(i + 1, close).strip();
        steps.add(bracket(inner, whole));
        i = close + 1;
      } else {
        throw new IllegalArgumentException("unrecognized character '" + c + "' in JSONPath \"" + whole
            + "\"; supported: $, .field, ['field'], ..field, .*, [n], [a:b], [*]");
      }
    }
    return steps;
  }

  private static Step bracket(String inner, String whole) {
    if (inner.equals("*")) {
      return new Wildcard();
    }
    if ((inner.startsWith("'") && inner.endsWith("'") || inner.startsWith("\"") && inner.endsWith("\""))
        && inner.length() >= 2) {
      return new Field(inner.substring(1, inner.length() - 1));
    }
    if (inner.startsWith("?") || inner.startsWith("(")) {
      throw new IllegalArgumentException("JSONPath filters are not supported: \"" + whole + "\"");
    }
    try {
      int colon = inner.indexOf(':');
      if (colon >= 0) {
        String a = inner.substring(0, colon).strip();
        String b = inner.substring(colon + 1).strip();
        if (b.contains(":")) {
          b = b.substring(0, b.indexOf(':')).strip();
        }
        return new Slice(a.isEmpty() ? null : Integer.parseInt(a), b.isEmpty() ? null : Integer.parseInt(b));
      }
      return new Index(Integer.parseInt(inner));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid array index \"" + inner + "\" in JSONPath \"" + whole + "\"");
    }
  }

  private static int nameEnd(String expr, int from) {
    int i = from;
    while (i < expr.length() && expr.charAt(i) != '.' && expr.charAt(i) != '[') {
      i++;
    }
    return i;
  }

  /**
   * Client-go's {@code FindResults}: the values each part of the template yields, in order.
   *
   * @throws IllegalArgumentException when a field or index is not there
   */
  List<List<Object>> findResults(Object data) {
    List<List<Object>> out = new ArrayList<>();
    for (Part p : parts) {
      if (p instanceof Text t) {
        out.add(List.of(t.text()));
        continue;
      }
      List<Object> current = new ArrayList<>();
      current.add(data);
      for (Step s : ((Path) p).steps()) {
        current = apply(s, current);
      }
      out.add(current);
    }
    return out;
  }

  private static List<Object> apply(Step s, List<Object> in) {
    List<Object> out = new ArrayList<>();
    for (Object v : in) {
      if (s instanceof Field f) {
        if (!(v instanceof Map<?, ?> m) || !m.containsKey(f.name())) {
          throw new IllegalArgumentException(f.name() + " is not found");
        }
        out.add(m.get(f.name()));
      } else if (s instanceof Recursive r) {
        collect(v, r.name(), out);
      } else if (s instanceof Wildcard) {
        if (v instanceof Map<?, ?> m) {
          out.addAll(m.values());
        } else if (v instanceof List<?> l) {
          out.addAll(l);
        }
      } else if (s instanceof Index ix) {
        if (!(v instanceof List<?> l)) {
          throw new IllegalArgumentException("object is not a slice");
        }
        int idx = ix.index() < 0 ? l.size() + ix.index() : ix.index();
        if (idx < 0 || idx >= l.size()) {
          throw new IllegalArgumentException("array index out of bounds: index " + ix.index() + ", length "
              + l.size());
        }
        out.add(l.get(idx));
      } else if (s instanceof Slice sl) {
        if (!(v instanceof List<?> l)) {
          throw new IllegalArgumentException("object is not a slice");
        }
        int from = sl.from() == null ? 0 : sl.from() < 0 ? l.size() + sl.from() : sl.from();
        int to = sl.to() == null ? l.size() : sl.to() < 0 ? l.size() + sl.to() : sl.to();
        from = Math.max(0, Math.min(from, l.size()));
        to = Math.max(from, Math.min(to, l.size()));
        out.addAll(l.subList(from, to));
      }
    }
    return out;
  }

  private static void collect(Object v, String name, List<Object> out) {
    if (v instanceof Map<?, ?> m) {
      if (m.containsKey(name)) {
        out.add(m.get(name));
      }
      for (Object c : m.values()) {
        collect(c, name, out);
      }
    } else if (v instanceof List<?> l) {
      for (Object c : l) {
        collect(c, name, out);
      }
    }
  }

  @Override
  public String toString() {
    return source;
  }
}
