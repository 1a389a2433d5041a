package dev.kargo4j.expr.internal.eval;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bridge to the non-predicate builtins and Go formatting.
 *
 * <p>TEMPORARY: until {@code dev.kargo4j.expr.internal.builtins.Builtins} lands, this carries a
 * minimal stand-in so the evaluator can be tested; it is replaced by plain delegation then.
 */
public final class Lib {
  private Lib() {}

  private static final Map<String, ExprFunction> FUNCTIONS = new HashMap<>();

  static {
    FUNCTIONS.put("len", a -> {
      Object v = a.get(0);
      if (v instanceof String s) {
        return (long) s.codePointCount(0, s.length());
      }
      if (v instanceof List<?> l) {
        return (long) l.size();
      }
      if (v instanceof Map<?, ?> m) {
        return (long) m.size();
      }
      throw new IllegalArgumentException("invalid argument for len (type " + Values.typeName(v)
          + ")");
    });
    FUNCTIONS.put("upper", a -> ((String) a.get(0)).toUpperCase(java.util.Locale.ROOT));
    FUNCTIONS.put("lower", a -> ((String) a.get(0)).toLowerCase(java.util.Locale.ROOT));
    FUNCTIONS.put("string", a -> formatV(a.get(0)));
    FUNCTIONS.put("toJSON", a -> toJson(a.get(0), "  "));
    FUNCTIONS.put("fromJSON", a -> fromJson((String) a.get(0)));
    FUNCTIONS.put("first", a -> {
      List<?> l = (List<?>) a.get(0);
      return l.isEmpty() ? null : l.get(0);
    });
    FUNCTIONS.put("split", a -> {
      String s = (String) a.get(0);
      String sep = (String) a.get(1);
      List<Object> out = new ArrayList<>();
      int i = 0;
      while (true) {
        int j = s.indexOf(sep, i);
        if (j < 0 || sep.isEmpty()) {
          out.add(s.substring(i));
          return out;
        }
        out.add(s.substring(i, j));
        i = j + sep.length();
      }
    });
    FUNCTIONS.put("join", a -> {
      StringBuilder sb = new StringBuilder();
      String sep = a.size() > 1 ? (String) a.get(1) : "";
      List<?> l = (List<?>) a.get(0);
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(sep);
        }
        sb.append((String) l.get(i));
      }
      return sb.toString();
    });
    FUNCTIONS.put("trimPrefix", a -> {
      String s = (String) a.get(0);
      String p = a.size() > 1 ? (String) a.get(1) : " ";
      return s.startsWith(p) ? s.substring(p.length()) : s;
    });
    FUNCTIONS.put("int", a -> {
      Object v = a.get(0);
      if (v instanceof String s) {
        return Long.parseLong(s);
      }
      return Ops.toInt(-1, v);
    });
    FUNCTIONS.put("abs", a -> {
      Object v = a.get(0);
      return v instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs((Double) v);
    });
    FUNCTIONS.put("repeat", a -> ((String) a.get(0)).repeat((int) (long) (Long) a.get(1)));
    FUNCTIONS.put("reverse", a -> {
      List<Object> l = new ArrayList<>((List<?>) a.get(0));
      java.util.Collections.reverse(l);
      return l;
    });
    FUNCTIONS.put("sort", a -> {
      List<Object> l = new ArrayList<>((List<?>) a.get(0));
      l.sort((x, y) -> Ops.order(-1, x, y));
      return l;
    });
  }

  /** The builtin functions by name. */
  public static Map<String, ExprFunction> functions() {
    return FUNCTIONS;
  }

  /** A field-style member of a time.Time or time.Duration. */
  public static Object member(Object target, String name) {
    return ExprObject.NO_SUCH_MEMBER;
  }

  /** A method call on a time.Time or time.Duration. */
  public static Object invoke(Object target, String method, List<Object> args) {
    throw new IllegalArgumentException("type " + Values.typeName(target) + " has no method "
        + method);
  }

  /** Go's %v. */
  public static String formatV(Object v) {
    if (v == null) {
      return "<nil>";
    }
    if (v instanceof Double d) {
      if (d == Math.rint(d) && Math.abs(d) < 1e21) {
        return Long.toString((long) (double) d);
      }
      return d.toString();
    }
    return v.toString();
  }

  /** Go's encoding/json; {@code indent == null} is compact json.Marshal. */
  public static String toJson(Object v, String indent) {
    StringBuilder sb = new StringBuilder();
    json(sb, v, indent, 0);
    return sb.toString();
  }

  private static void json(StringBuilder sb, Object v, String indent, int depth) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      sb.append('"');
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"':
            sb.append("\\\"");
            break;
          case '\\':
            sb.append("\\\\");
            break;
          case '\n':
            sb.append("\\n");
            break;
          case '<':
            sb.append("\\u003c");
            break;
          case '>':
            sb.append("\\u003e");
            break;
          case '&':
            sb.append("\\u0026");
            break;
          default:
            if (c < 0x20) {
              sb.append(String.format("\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
        }
      }
      sb.append('"');
    } else if (v instanceof Double d) {
      if (d.isInfinite() || d.isNaN()) {
        throw new IllegalArgumentException("json: unsupported value: " + formatV(d));
      }
      sb.append(formatV(d));
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        nl(sb, indent, depth + 1);
        json(sb, String.valueOf(e.getKey()), indent, depth + 1);
        sb.append(indent == null ? ":" : ": ");
        json(sb, e.getValue(), indent, depth + 1);
      }
      nl(sb, indent, depth);
      sb.append('}');
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        nl(sb, indent, depth + 1);
        json(sb, l.get(i), indent, depth + 1);
      }
      nl(sb, indent, depth);
      sb.append(']');
    } else {
      sb.append(v);
    }
  }

  private static void nl(StringBuilder sb, String indent, int depth) {
    if (indent != null) {
      sb.append('\n');
      sb.append(indent.repeat(depth));
    }
  }

  /** Go's json.Unmarshal into interface{}: numbers are float64. */
  public static Object fromJson(String text) {
    int[] pos = {0};
    Object v = parse(text, pos);
    skipWs(text, pos);
    if (pos[0] != text.length()) {
      throw new IllegalArgumentException("invalid character after top-level value");
    }
    return v;
  }

  private static void skipWs(String s, int[] p) {
    while (p[0] < s.length() && " \t\r\n".indexOf(s.charAt(p[0])) >= 0) {
      p[0]++;
    }
  }

  private static Object parse(String s, int[] p) {
    skipWs(s, p);
    if (p[0] >= s.length()) {
      throw new IllegalArgumentException("unexpected end of JSON input");
    }
    char c = s.charAt(p[0]);
    if (c == '{') {
      p[0]++;
      Map<String, Object> m = new LinkedHashMap<>();
      skipWs(s, p);
      if (p[0] < s.length() && s.charAt(p[0]) == '}') {
        p[0]++;
        return m;
      }
      while (true) {
        skipWs(s, p);
        Object k = parse(s, p);
        if (!(k instanceof String)) {
          throw new IllegalArgumentException("invalid object key");
        }
        skipWs(s, p);
        expectChar(s, p, ':');
        m.put((String) k, parse(s, p));
        skipWs(s, p);
        if (p[0] < s.length() && s.charAt(p[0]) == ',') {
          p[0]++;
          continue;
        }
        expectChar(s, p, '}');
        return m;
      }
    }
    if (c == '[') {
      p[0]++;
      List<Object> l = new ArrayList<>();
      skipWs(s, p);
      if (p[0] < s.length() && s.charAt(p[0]) == ']') {
        p[0]++;
        return l;
      }
      while (true) {
        l.add(parse(s, p));
        skipWs(s, p);
        if (p[0] < s.length() && s.charAt(p[0]) == ',') {
          p[0]++;
          continue;
        }
        expectChar(s, p, ']');
        return l;
      }
    }
    if (c == '"') {
      StringBuilder sb = new StringBuilder();
      p[0]++;
      while (true) {
        if (p[0] >= s.length()) {
          throw new IllegalArgumentException("unterminated string");
        }
        char ch = s.charAt(p[0]++);
        if (ch == '"') {
          return sb.toString();
        }
        if (ch == '\\') {
          char e = s.charAt(p[0]++);
          switch (e) {
            case 'n':
              sb.append('\n');
              break;
            case 't':
              sb.append('\t');
              break;
            case 'r':
              sb.append('\r');
              break;
            case 'b':
              sb.append('\b');
              break;
            case 'f':
              sb.append('\f');
              break;
            case 'u':
              sb.append((char) Integer.parseInt(s.substring(p[0], p[0] + 4), 16));
              p[0] += 4;
              break;
            default:
              sb.append(e);
          }
        } else if (ch < 0x20) {
          throw new IllegalArgumentException("invalid character in string literal");
        } else {
          sb.append(ch);
        }
      }
    }
    for (String lit : new String[] {"true", "false", "null"}) {
      if (s.startsWith(lit, p[0])) {
        p[0] += lit.length();
        return lit.equals("null") ? null : Boolean.valueOf(lit.equals("true"));
      }
    }
    int start = p[0];
    while (p[0] < s.length() && "+-0123456789.eE".indexOf(s.charAt(p[0])) >= 0) {
      p[0]++;
    }
    String num = s.substring(start, p[0]);
    if (!num.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
      throw new IllegalArgumentException("invalid character '" + c + "' looking for value");
    }
    double d = Double.parseDouble(num);
    if (Double.isInfinite(d)) {
      throw new IllegalArgumentException("cannot unmarshal number " + num
          + " into Go value of type float64");
    }
    return d;
  }

  private static void expectChar(String s, int[] p, char c) {
    if (p[0] >= s.length() || s.charAt(p[0]) != c) {
      throw new IllegalArgumentException("invalid character looking for '" + c + "'");
    }
    p[0]++;
  }

  /** Time arithmetic, or {@code null} when it does not apply. */
  public static Object timeArithmetic(String op, Object left, Object right) {
    return null;
  }
}
