package dev.kargo4j.steps.argocd.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON reading and writing over plain maps and lists, and null-safe navigation of them.
 * Thread-safe.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  /** Parses a JSON object. */
  public static Map<String, Object> parseObject(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, MAP);
  }

  /** Serializes plain maps, lists, strings, numbers, booleans and null. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serializable as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** The map at {@code path} below {@code root}, or an empty map. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object root, String... path) {
    Object v = at(root, path);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** True when a non-null value exists at {@code path}. */
  public static boolean has(Object root, String... path) {
    return at(root, path) != null;
  }

  /** The list at {@code path}, or an empty list. */
  public static List<Object> list(Object root, String... path) {
    Object v = at(root, path);
    return v instanceof List<?> l ? new ArrayList<>(l) : List.of();
  }

  /** The string at {@code path}, or "" when absent or not a string. */
  public static String str(Object root, String... path) {
    Object v = at(root, path);
    return v instanceof String s ? s : "";
  }

  /** The strings of the list at {@code path} (non-strings become ""). */
  public static List<String> strings(Object root, String... path) {
    List<String> out = new ArrayList<>();
    for (Object o : list(root, path)) {
      out.add(o instanceof String s ? s : "");
    }
    return out;
  }

  /** The RFC 3339 time at {@code path}, or null when absent or unparsable. */
  public static Instant time(Object root, String... path) {
    String s = str(root, path);
    if (s.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A deep, mutable copy of a JSON-like value. */
  @SuppressWarnings("unchecked")
  public static <T> T mutableCopy(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put(String.valueOf(k), mutableCopy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> l) {
      List<Object> copy = new ArrayList<>();
      l.forEach(v -> copy.add(mutableCopy(v)));
      return (T) copy;
    }
    return value;
  }

  private static Object at(Object root, String... path) {
    Object cur = root;
    for (String p : path) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(p);
    }
    return cur;
  }
}
