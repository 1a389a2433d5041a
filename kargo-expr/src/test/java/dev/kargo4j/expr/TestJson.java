package dev.kargo4j.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON reader for the conformance files that keeps the int/float distinction of the
 * conventions: a number without '.' or exponent is a Long (Go int), otherwise a Double.
 */
final class TestJson {
  private final String s;
  private int p;

  private TestJson(String s) {
    this.s = s;
  }

  static Object parse(String text) {
    TestJson j = new TestJson(text);
    Object v = j.value();
    j.ws();
    if (j.p != text.length()) {
      throw new IllegalArgumentException("trailing data at " + j.p);
    }
    return v;
  }

  private void ws() {
    while (p < s.length() && " \t\r\n".indexOf(s.charAt(p)) >= 0) {
      p++;
    }
  }

  private Object value() {
    ws();
    if (p >= s.length()) {
      throw new IllegalArgumentException("unexpected end");
    }
    char c = s.charAt(p);
    switch (c) {
      case '{': {
        p++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (s.charAt(p) == '}') {
          p++;
          return m;
        }
        while (true) {
          ws();
          String k = string();
          ws();
          expect(':');
          m.put(k, value());
          ws();
          if (s.charAt(p) == ',') {
            p++;
            continue;
          }
          expect('}');
          return m;
        }
      }
      case '[': {
        p++;
        List<Object> l = new ArrayList<>();
        ws();
        if (s.charAt(p) == ']') {
          p++;
          return l;
        }
        while (true) {
          l.add(value());
          ws();
          if (s.charAt(p) == ',') {
            p++;
            continue;
          }
          expect(']');
          return l;
        }
      }
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
        return number();
    }
  }

  private void literal(String lit) {
    if (!s.startsWith(lit, p)) {
      throw new IllegalArgumentException("bad literal at " + p);
    }
    p += lit.length();
  }

  private void expect(char c) {
    if (p >= s.length() || s.charAt(p) != c) {
      throw new IllegalArgumentException("expected " + c + " at " + p);
    }
    p++;
  }

  private String string() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = s.charAt(p++);
      if (c == '"') {
        return sb.toString();
      }
      if (c == '\\') {
        char e = s.charAt(p++);
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
            sb.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
            p += 4;
            break;
          default:
            sb.append(e);
        }
      } else {
        sb.append(c);
      }
    }
  }

  private Object number() {
    int start = p;
    while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) {
      p++;
    }
    String n = s.substring(start, p);
    if (n.isEmpty()) {
      throw new IllegalArgumentException("unexpected character at " + start);
    }
    if (n.contains(".") || n.contains("e") || n.contains("E")) {
      return Double.parseDouble(n);
    }
    return Long.parseLong(n);
  }
}
