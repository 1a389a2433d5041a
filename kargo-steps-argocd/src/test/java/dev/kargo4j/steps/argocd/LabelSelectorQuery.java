package dev.kargo4j.steps.argocd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Parses Kubernetes label selector query syntax ({@code a=b,c!=d,e in (x,y),f notin (z),g,!h}),
 * for the stand-in API server; independent of the library's printer so tests can check it.
 */
final class LabelSelectorQuery {
  private LabelSelectorQuery() {}

  static Predicate<Map<String, String>> parse(String query) {
    List<Predicate<Map<String, String>>> reqs = new ArrayList<>();
    for (String part : splitTopLevel(query)) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (p.contains(" notin ")) {
        String key = p.substring(0, p.indexOf(" notin ")).strip();
        List<String> values = values(p);
        reqs.add(l -> !l.containsKey(key) || !values.contains(l.get(key)));
      } else if (p.contains(" in ")) {
        String key = p.substring(0, p.indexOf(" in ")).strip();
        List<String> values = values(p);
        reqs.add(l -> l.containsKey(key) && values.contains(l.get(key)));
      } else if (p.contains("!=")) {
        String[] kv = p.split("!=", 2);
        reqs.add(l -> !kv[1].strip().equals(l.get(kv[0].strip())));
      } else if (p.contains("==")) {
        String[] kv = p.split("==", 2);
        reqs.add(l -> kv[1].strip().equals(l.get(kv[0].strip())));
      } else if (p.contains("=")) {
        String[] kv = p.split("=", 2);
        reqs.add(l -> kv[1].strip().equals(l.get(kv[0].strip())));
      } else if (p.startsWith("!")) {
        String key = p.substring(1).strip();
        reqs.add(l -> !l.containsKey(key));
      } else {
        reqs.add(l -> l.containsKey(p));
      }
    }
    return labels -> reqs.stream().allMatch(r -> r.test(labels));
  }

  private static List<String> values(String p) {
    String inner = p.substring(p.indexOf('(') + 1, p.lastIndexOf(')'));
    return Arrays.stream(inner.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static List<String> splitTopLevel(String q) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : q.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
