package dev.kargo4j.core.model.internal;

import dev.kargo4j.core.model.InvalidModelException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep, unmodifiable copies of JSON-like trees. Integral numbers become {@code Long} (or
 * {@code BigInteger} beyond the long range), other numbers {@code Double}; maps keep their
 * insertion order and may hold null values.
 */
public final class JsonTrees {
  private JsonTrees() {}

  /** A deep unmodifiable copy of a JSON-like value; null stays null. */
  public static Object copy(String field, Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger) {
      BigInteger b = (BigInteger) value;
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (value instanceof Double) {
      return value;
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new InvalidModelException(field, "object keys must be strings, got " + e.getKey());
        }
        String k = (String) e.getKey();
        out.put(k, copy(field + "." + k, e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List) {
      List<?> in = (List<?>) value;
      List<Object> out = new ArrayList<>(in.size());
      for (int i = 0; i < in.size(); i++) {
        out.add(copy(field + "[" + i + "]", in.get(i)));
      }
      return Collections.unmodifiableList(out);
    }
    throw new InvalidModelException(
        field, "unsupported JSON value of type " + value.getClass().getName());
  }

  /** A deep unmodifiable copy of a JSON object; null becomes an empty map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> object(String field, Map<String, ?> value) {
    if (value == null || value.isEmpty()) {
      return Map.of();
    }
    return (Map<String, Object>) copy(field, value);
  }
}
