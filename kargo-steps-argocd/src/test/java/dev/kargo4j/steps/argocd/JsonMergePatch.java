package dev.kargo4j.steps.argocd;

import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 7386 JSON merge patch over plain maps, for the stand-in servers. */
final class JsonMergePatch {
  private JsonMergePatch() {}

  @SuppressWarnings("unchecked")
  static Object apply(Object target, Object patch) {
    if (!(patch instanceof Map<?, ?> p)) {
      return patch;
    }
    Map<String, Object> result = target instanceof Map<?, ?> t
        ? new LinkedHashMap<>((Map<String, Object>) t) : new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : p.entrySet()) {
      String k = (String) e.getKey();
      if (e.getValue() == null) {
        result.remove(k);
      } else {
        result.put(k, apply(result.get(k), e.getValue()));
      }
    }
    return result;
  }
}
