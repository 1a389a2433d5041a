package dev.kargo4j.expr.internal.template;

import dev.kargo4j.expr.ExprObject;
import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.eval.AnyKeyMap;
import dev.kargo4j.expr.internal.eval.Lib;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON marshalling of results the way Kargo's template code does it with encoding/json. */
public final class JsonValues {
  private JsonValues() {}

  private static final int MAX_DEPTH = 1000;

  /**
   * Replaces host objects by their {@link ExprObject#jsonValue()}, recursively; returns the
   * same instance when there are none.
   */
  public static Object toJsonable(Object v) {
    return toJsonable(v, 0);
  }

  private static Object toJsonable(Object v, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ExprError(-1, "json: value is nested too deeply", "a less deeply nested value");
    }
    if (v instanceof ExprObject o) {
      return toJsonable(o.jsonValue(), depth + 1);
    }
    if (v instanceof AnyKeyMap) {
      throw new ExprError(-1, "json: unsupported type: map[interface {}][]interface {}",
          "a map with string keys (groupBy results cannot be printed as JSON)");
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> copy = null;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object c = toJsonable(e.getValue(), depth + 1);
        if (c != e.getValue() && copy == null) {
          copy = new LinkedHashMap<>(m);
        }
        if (copy != null) {
          copy.put(e.getKey(), c);
        }
      }
      return copy == null ? v : copy;
    }
    if (v instanceof List<?> l) {
      List<Object> copy = null;
      for (int i = 0; i < l.size(); i++) {
        Object item = l.get(i);
        Object c = toJsonable(item, depth + 1);
        if (c != item && copy == null) {
          copy = new ArrayList<>(l);
        }
        if (copy != null) {
          copy.set(i, c);
        }
      }
      return copy == null ? v : copy;
    }
    return v;
  }

  /** {@code json.Marshal}: compact, sorted keys, HTML-escaped. */
  public static String marshal(Object v) {
    try {
      return Lib.toJson(toJsonable(v), null);
    } catch (ExprError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ExprError(-1, String.valueOf(e.getMessage()), "a value JSON can represent");
    }
  }

  /** {@code json.MarshalIndent(v, "", indent)}. */
  public static String marshalIndent(Object v, String indent) {
    try {
      return Lib.toJson(toJsonable(v), indent);
    } catch (ExprError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ExprError(-1, String.valueOf(e.getMessage()), "a value JSON can represent");
    }
  }
}
