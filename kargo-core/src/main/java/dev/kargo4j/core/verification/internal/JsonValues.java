package dev.kargo4j.core.verification.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON as Go's {@code encoding/json} sees it when decoding into {@code interface{}} (every
 * number a float64, here a {@link Double}) and encodes it back (sorted map keys, Go's float
 * formatting). Stateless.
 */
final class JsonValues {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonValues() {}

  /**
   * Parses JSON text into the expression value model.
   *
   * @throws IllegalArgumentException when the text is not one JSON value
   */
  static Object parse(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("unexpected end of JSON input");
    }
    return convert(node);
  }

  private static Object convert(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> out = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.put(e.getKey(), convert(e.getValue()));
      }
      return out;
    }
    if (n.isArray()) {
      List<Object> out = new ArrayList<>();
      for (JsonNode c : n) {
        out.add(convert(c));
      }
      return out;
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    if (n.isNull()) {
      return null;
    }
    return n.asText();
  }

  /** Go's {@code json.Marshal} of a value of the expression value model. */
  static String toJson(Object v) {
    StringBuilder sb = new StringBuilder();
    write(sb, v);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      try {
        sb.append(MAPPER.writeValueAsString(s));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else if (v instanceof Boolean b) {
      sb.append(b);
    } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
      sb.append(goFloat(((Number) v).doubleValue()));
    } else if (v instanceof Number n) {
      sb.append(n.longValue());
    } else if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sorted.put(String.valueOf(e.getKey()), e.getValue());
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, e.getKey());
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, l.get(i));
      }
      sb.append(']');
    } else {
      write(sb, v.toString());
    }
  }

  /** Go's float64 JSON encoding: integral values without a fraction, exponents past 1e21. */
  static String goFloat(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "null";
    }
    double abs = Math.abs(d);
    if (d == Math.rint(d) && abs < 1e21) {
      return new BigDecimal(d).toPlainString();
    }
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      BigDecimal bd = new BigDecimal(Double.toString(d));
      String digits = bd.unscaledValue().abs().toString().replaceAll("0+$", "");
      int exp = bd.precision() - bd.scale() - 1;
      String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
      String sign = d < 0 ? "-" : "";
      // Go writes e-7 (not e-07) but e+21
      String e = exp < 0 ? "-" + (-exp) : "+" + pad(exp);
      return sign + mant + "e" + e;
    }
    return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
  }

  private static String pad(int exp) {
    return exp < 10 ? "0" + exp : Integer.toString(exp);
  }
}
