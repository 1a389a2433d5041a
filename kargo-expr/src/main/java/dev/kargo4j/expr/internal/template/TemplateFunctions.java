package dev.kargo4j.expr.internal.template;

import dev.kargo4j.expr.go.GoStrconv;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.internal.ExprError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kargo's template functions ({@code json_templates.go}): {@code quote}, {@code unsafeQuote},
 * {@code asYAML} and {@code asJSON}. Each returns text wrapped in double quotes, which the
 * template typing then strips, so the result stays a string.
 */
public final class TemplateFunctions {
  private TemplateFunctions() {}

  /** The functions by name; each takes exactly one argument. */
  public static Map<String, ExprFunction> all() {
    Map<String, ExprFunction> m = new LinkedHashMap<>();
    m.put("quote", args -> {
      Object v = args.get(0);
      if (v instanceof String s) {
        return GoStrconv.quote(s);
      }
      return wrap("quote", v);
    });
    m.put("unsafeQuote", args -> wrap("quote", args.get(0)));
    m.put("asYAML", args -> {
      try {
        return "\"" + YamlWriter.marshal(args.get(0)) + "\"";
      } catch (ExprError e) {
        throw new ExprError(-1, "error applying asYAML() function: " + e.getMessage(),
            e.expected());
      }
    });
    m.put("asJSON", args -> {
      try {
        return "\"" + JsonValues.marshalIndent(args.get(0), "  ") + "\n\"";
      } catch (ExprError e) {
        throw new ExprError(-1, "error applying asJSON() function: " + e.getMessage(),
            e.expected());
      }
    });
    return m;
  }

  private static String wrap(String fn, Object v) {
    try {
      return "\"" + JsonValues.marshal(v) + "\"";
    } catch (ExprError e) {
      throw new ExprError(-1, "error applying " + fn + "() function: " + e.getMessage(),
          e.expected());
    }
  }
}
