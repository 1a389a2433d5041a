package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.go.GoFloat;
import dev.kargo4j.expr.go.GoDuration;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import dev.kargo4j.expr.internal.TextBudget;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Go's {@code fmt.Sprintf("%v", x)} for the expression value model, which is what expr's
 * {@code string(x)} returns. Stateless and thread-safe.
 */
final class GoFormat {
  private GoFormat() {}

  static String formatV(Object v) {
    StringBuilder sb = new StringBuilder();
    append(sb, v);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Object v) {
    TextBudget.check(sb.length());
    if (v == null) {
      sb.append("<nil>");
    } else if (v instanceof String s) {
      TextBudget.check((long) sb.length() + s.length());
      sb.append(s);
    } else if (v instanceof Boolean || GoValues.isInt(v) || v instanceof BigInteger) {
      sb.append(v);
    } else if (GoValues.isFloat(v) || v instanceof BigDecimal) {
      sb.append(GoFloat.formatV(((Number) v).doubleValue()));
    } else if (v instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(' ');
        }
        append(sb, list.get(i));
      }
      sb.append(']');
    } else if (v instanceof Map<?, ?> map) {
      sb.append("map[");
      List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
      entries.sort(Comparator.comparing(Map.Entry::getKey, GoFormat::compareKeys));
      boolean first = true;
      for (Map.Entry<?, ?> e : entries) {
        if (!first) {
          sb.append(' ');
        }
        first = false;
        append(sb, e.getKey());
        sb.append(':');
        append(sb, e.getValue());
      }
      sb.append(']');
    } else if (v instanceof ZonedDateTime t) {
      sb.append(GoTimes.string(t));
    } else if (v instanceof Duration d) {
      sb.append(GoDuration.format(d));
    } else if (v instanceof ZoneId z) {
      sb.append(GoTimes.locationName(z));
    } else if (v instanceof ExprObject o) {
      Object stringer = o.member("String");
      if (stringer instanceof ExprFunction f) {
        append(sb, f.call(List.of()));
      } else {
        sb.append(o);
      }
    } else if (v instanceof ExprFunction) {
      // Go prints a function's address, which no one can rely on.
      sb.append("<func>");
    } else {
      sb.append(v);
    }
  }

  /** Map key order of Go's internal/fmtsort, with a fixed order between key types. */
  static int compareKeys(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (a instanceof String x && b instanceof String y) {
      return GoStrings.compareBytes(x, y);
    }
    if (a instanceof Boolean x && b instanceof Boolean y) {
      return Boolean.compare(x, y);
    }
    if (GoValues.isInt(a) && GoValues.isInt(b)) {
      return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
    }
    if (GoValues.isFloat(a) && GoValues.isFloat(b)) {
      return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }
    return formatV(a).compareTo(formatV(b));
  }

  private static int rank(Object v) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Boolean) {
      return 1;
    }
    if (GoValues.isInt(v)) {
      return 2;
    }
    if (GoValues.isFloat(v)) {
      return 3;
    }
    if (v instanceof String) {
      return 4;
    }
    return 5;
  }
}
