package dev.kargo4j.core.verification.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argo Rollouts' argument substitution ({@code utils/template.ResolveArgs} over fasttemplate):
 * every {@code {{tag}}} is replaced by the argument {@code args.<name>} its trimmed tag names;
 * any other tag, or a {@code {{} without its {@code }}}, is an error. Stateless.
 */
final class Placeholders {
  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";

  private Placeholders() {}

  /**
   * {@code text} with its tags replaced.
   *
   * @throws IllegalArgumentException naming the first tag that does not resolve
   */
  static String resolve(String text, Map<String, String> args) {
    if (text == null || !text.contains(OPEN)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (true) {
      int open = text.indexOf(OPEN, i);
      if (open < 0) {
        out.append(text, i, text.length());
        return out.toString();
      }
      int close = text.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        throw new IllegalArgumentException("cannot find end tag \"}}\" in \"" + text + "\"");
      }
      out.append(text, i, open);
      String tag = text.substring(open + OPEN.length(), close);
      String key = tag.strip();
      String value = key.startsWith("args.") ? args.get(key.substring("args.".length())) : null;
      if (value == null) {
        throw new IllegalArgumentException("failed to resolve {{" + tag + "}}");
      }
      out.append(value);
      i = close + CLOSE.length();
    }
  }

  /** A copy of a JSON-like tree with every string value resolved (keys too, as Rollouts resolves the JSON text). */
  static Object resolveTree(Object tree, Map<String, String> args) {
    if (tree instanceof String s) {
      return resolve(s, args);
    }
    if (tree instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(resolve(String.valueOf(e.getKey()), args), resolveTree(e.getValue(), args));
      }
      return out;
    }
    if (tree instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(resolveTree(o, args));
      }
      return out;
    }
    return tree;
  }
}
