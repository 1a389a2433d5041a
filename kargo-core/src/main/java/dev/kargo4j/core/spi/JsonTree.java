package dev.kargo4j.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, null-tolerant, order-preserving immutable copies of JSON-like trees (maps with string
 * keys, lists, strings, numbers, booleans and null), the shape of step configs and outputs.
 * {@link Map#copyOf} cannot be used there because JSON allows null values.
 */
public final class JsonTree {
  private JsonTree() {}

  /** An unmodifiable deep copy of {@code map}, keeping key order and null values. */
  public static Map<String, Object> copyOf(Map<String, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, copyValue(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** An unmodifiable deep copy of {@code list}, keeping null elements. */
  public static List<Object> copyOf(List<?> list) {
    List<Object> copy = new ArrayList<>(list.size());
    for (Object v : list) {
      copy.add(copyValue(v));
    }
    return Collections.unmodifiableList(copy);
  }

  @SuppressWarnings("unchecked")
  private static Object copyValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return copyOf((Map<String, ?>) m);
    }
    if (v instanceof List<?> l) {
      return copyOf(l);
    }
    return v;
  }
}
