package dev.kargo4j.expr;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reading the conformance folder and the skip list, and comparing values as JSON. */
final class ConformanceSupport {
  private ConformanceSupport() {}

  static Path folder() {
    String prop = System.getProperty("kargo4j.conformance");
    Path p = prop != null ? Path.of(prop) : Path.of("..", "conformance");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("conformance folder not found: " + p.toAbsolutePath()
          + " (set -Dkargo4j.conformance)");
    }
    return p;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> read(String relative) throws IOException {
    String text = Files.readString(folder().resolve(relative), StandardCharsets.UTF_8);
    return (Map<String, Object>) TestJson.parse(text);
  }

  /** Skipped case keys ({@code file#section#id}) with their reasons. */
  static Map<String, String> skips() throws IOException {
    Map<String, String> out = new HashMap<>();
    try (InputStream in =
        ConformanceSupport.class.getResourceAsStream("/conformance-skips.txt")) {
      if (in == null) {
        return out;
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int sp = l.indexOf(' ');
        String key = sp < 0 ? l : l.substring(0, sp);
        String reason = sp < 0 ? "" : l.substring(sp).strip();
        if (reason.isEmpty()) {
          throw new IllegalStateException("skip without a reason: " + l);
        }
        out.put(key, reason);
      }
    }
    return out;
  }

  /** Compares as JSON: numbers numerically, maps ignoring order. */
  static boolean jsonEquals(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == null && actual == null;
    }
    if (expected instanceof Number e && actual instanceof Number a) {
      return e.doubleValue() == a.doubleValue();
    }
    if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
      if (e.size() != a.size()) {
        return false;
      }
      for (Map.Entry<?, ?> en : e.entrySet()) {
        Object key = en.getKey();
        if (!a.containsKey(key)) {
          return false;
        }
        if (!jsonEquals(en.getValue(), a.get(key))) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof List<?> e && actual instanceof List<?> a) {
      if (e.size() != a.size()) {
        return false;
      }
      Iterator<?> ia = a.iterator();
      for (Object x : e) {
        if (!jsonEquals(x, ia.next())) {
          return false;
        }
      }
      return true;
    }
    return expected.equals(actual);
  }

  static String typeOf(Object v) {
    if (v == null) {
      return "nil";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof Map) {
      return "map";
    }
    return v.getClass().getSimpleName();
  }

  static String show(Object v) {
    if (v instanceof String s) {
      return '"' + s.replace("\n", "\\n") + '"';
    }
    return String.valueOf(v) + " (" + typeOf(v) + ")";
  }
}
