package dev.kargo4j.core.engine.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the secret values a promotion read (through {@code secret()} and
 * {@code sharedSecret()}) and masks them in everything the engine logs, stores or throws:
 * step messages, outputs, error messages. Thread-safe.
 */
public final class Redactor {
  /** The mask that replaces a secret value. */
  public static final String MASK = "***";
  // values shorter than this are too likely to occur by chance to be masked usefully
  private static final int MIN_LENGTH = 4;

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  /** Remembers every value of {@code data} as secret. */
  public void remember(Map<String, String> data) {
    for (String v : data.values()) {
      if (v != null && v.length() >= MIN_LENGTH) {
        secrets.add(v);
      }
    }
  }

  /** {@code text} with every remembered secret masked; null stays null. */
  public String redact(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    List<String> sorted = new ArrayList<>(secrets);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    String out = text;
    for (String s : sorted) {
      if (out.contains(s)) {
        out = out.replace(s, MASK);
      }
    }
    return out;
  }

  /** A JSON-like value with every string redacted. */
  @SuppressWarnings("unchecked")
  public Object redactTree(Object value) {
    if (secrets.isEmpty()) {
      return value;
    }
    if (value instanceof String s) {
      return redact(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, redactTree(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(redactTree(v)));
      return out;
    }
    return value;
  }

  /** Whether any secret was read. */
  public boolean isEmpty() {
    return secrets.isEmpty();
  }
}
