package dev.kargo4j.core.steps.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.kargo4j.core.internal.BoundedYaml;
import dev.kargo4j.expr.go.GoFmt;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads YAML and JSON documents into the expression value model the way Kargo's Go code decodes
 * them into {@code any}: JSON numbers are all {@link Double} (Go's {@code float64}); YAML
 * follows yaml.v3 (YAML 1.2: {@code yes} is a string, ints are {@link Long}, floats
 * {@link Double}, {@code 0x}/{@code 0o}/{@code 0b} and underscores accepted, timestamps kept as
 * strings, {@code <<} merge keys applied). Maps keep their key order. Stateless and thread-safe.
 */
public final class DocumentValues {
  private DocumentValues() {}

  private static final Pattern YAML_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Resolver RESOLVER = new Resolver();

  /**
   * The limits used when a caller names none: 16 MiB per document, 1,000 aliases to
   * collections, nesting depth 256, 4 Mi of alias expansion (see
   * {@link dev.kargo4j.core.steps.DocumentLimits}, whose defaults these are).
   */
  public static final BoundedYaml.Limits DEFAULT_LIMITS =
      new BoundedYaml.Limits(16 * 1024 * 1024, 1000, 256, Long.MAX_VALUE, 4L * 1024 * 1024);

  /** {@link #parseJson(String, BoundedYaml.Limits)} with {@link #DEFAULT_LIMITS}. */
  public static Object parseJson(String text) {
    return parseJson(text, DEFAULT_LIMITS);
  }

  /**
   * The value of one JSON text (any JSON value), within {@code limits}' document size and
   * nesting depth.
   *
   * @throws IllegalArgumentException when it is not exactly one JSON value or passes a limit
   */
  public static Object parseJson(String text, BoundedYaml.Limits limits) {
    if (text.length() > limits.maxDocumentChars()) {
      throw new IllegalArgumentException("document is larger than the limit of "
          + limits.maxDocumentChars() + " characters; refused");
    }
    JsonFactory factory = JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxDocumentLength(limits.maxDocumentChars())
            .maxStringLength(limits.maxDocumentChars())
            .build())
        .build();
    try (JsonParser p = factory.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new IllegalArgumentException("unexpected end of JSON input");
      }
      Object v = readJson(p, first);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("invalid character after top-level value at line "
            + p.currentLocation().getLineNr());
      }
      return v;
    } catch (StreamConstraintsException e) {
      throw new IllegalArgumentException("document passes a limit: " + e.getOriginalMessage()
          + "; refused", e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage() + " at line "
          + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static Object readJson(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        JsonToken k;
        while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          m.put(name, readJson(p, p.nextToken())); // a repeated key: the last wins, as in Go
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          l.add(readJson(p, e));
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return Double.parseDouble(p.getText());
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalArgumentException("unexpected JSON token " + t);
    }
  }

  /** {@link #parseYaml(String, BoundedYaml.Limits)} with {@link #DEFAULT_LIMITS}. */
  public static Object parseYaml(String text) {
    return parseYaml(text, DEFAULT_LIMITS);
  }

  /**
   * The value of the first document of a YAML text; null for an empty document. The text is
   * read by {@link BoundedYaml}, so alias bombs, oversized and too deeply nested documents are
   * refused before any value is built; an aliased node becomes one shared value, not a copy.
   *
   * @throws IllegalArgumentException when it is not YAML or passes a limit
   */
  public static Object parseYaml(String text, BoundedYaml.Limits limits) {
    List<Node> docs = BoundedYaml.compose(text, limits, BoundedYaml.Options.STRICT, true);
    return docs.isEmpty() ? null : toValue(docs.get(0), new IdentityHashMap<>(), new IdentityHashMap<>());
  }

  /**
   * The value of {@code node}; {@code path} holds the collections being built (a node that
   * contains itself is refused by the reader, this is a second guard) and {@code done} the
   * values of the collections already built, which aliases share.
   */
  private static Object toValue(Node node, IdentityHashMap<Node, Boolean> path,
      IdentityHashMap<Node, Object> done) {
    if (node instanceof ScalarNode s) {
      return scalar(s);
    }
    Object known = done.get(node);
    if (known != null) {
      return known;
    }
    if (path.containsKey(node)) {
      throw new IllegalArgumentException("the document refers to itself");
    }
    path.put(node, Boolean.TRUE);
    try {
      Object value = collection(node, path, done);
      done.put(node, value);
      return value;
    } finally {
      path.remove(node);
    }
  }

  private static Object collection(Node node, IdentityHashMap<Node, Boolean> path,
      IdentityHashMap<Node, Object> done) {
    if (node instanceof SequenceNode seq) {
      List<Object> l = new ArrayList<>();
      for (Node n : seq.getValue()) {
        l.add(toValue(n, path, done));
      }
      return l;
    }
    MappingNode map = (MappingNode) node;
    Map<String, Object> m = new LinkedHashMap<>();
    List<Node> merges = new ArrayList<>();
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode().getTag().equals(Tag.MERGE)
          || (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("<<")
              && k.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN)) {
        merges.add(t.getValueNode());
        continue;
      }
      m.put(keyOf(toValue(t.getKeyNode(), path, done)), toValue(t.getValueNode(), path, done));
    }
    for (Node merge : merges) {
      List<Node> sources = merge instanceof SequenceNode seq ? seq.getValue() : List.of(merge);
      for (Node src : sources) {
        if (toValue(src, path, done) instanceof Map<?, ?> sm) {
          sm.forEach((k, v) -> m.putIfAbsent((String) k, v));
        } else {
          throw new IllegalArgumentException("map merge requires map or sequence of maps as the value");
        }
      }
    }
    return m;
  }

  private static String keyOf(Object k) {
    return k instanceof String s ? s : GoFmt.formatV(k);
  }

  private static Object scalar(ScalarNode s) {
    String v = s.getValue();
    Tag tag = s.getTag();
    boolean plain = s.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    boolean implicit = plain ? tag.equals(RESOLVER.resolve(NodeId.scalar, v, true)) : tag.equals(Tag.STR);
    if (!implicit) {
      return explicit(tag, v);
    }
    if (!plain) {
      return v;
    }
    switch (v) {
      case "", "~", "null", "Null", "NULL":
        return null;
      case "true", "True", "TRUE":
        return Boolean.TRUE;
      case "false", "False", "FALSE":
        return Boolean.FALSE;
      case ".nan", ".NaN", ".NAN":
        return Double.NaN;
      case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
        return Double.POSITIVE_INFINITY;
      case "-.inf", "-.Inf", "-.INF":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    char c = v.charAt(0);
    if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.') {
      Object n = number(v);
      if (n != null) {
        return n;
      }
    }
    return v;
  }

  private static Object number(String in) {
    String plain = in.replace("_", "");
    Long l = goParseInt(plain);
    if (l != null) {
      return l;
    }
    BigInteger big = goParseBig(plain);
    if (big != null) {
      return big.doubleValue(); // beyond int64: yaml.v3 makes a uint64; the model has only float64 left
    }
    if (YAML_FLOAT.matcher(plain).matches()) {
      try {
        return Double.parseDouble(plain);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Go's {@code strconv.ParseInt(s, 0, 64)}: sign, then 0x, 0o, 0b, a leading 0 (octal) or decimal. */
  private static Long goParseInt(String s) {
    BigInteger b = goParseBig(s);
    if (b == null || b.bitLength() > 63) {
      return null;
    }
    return b.longValue();
  }

  /**
   * Significant digits beyond which an integer is larger than any float64 in any radix (2^1100
   * > Double.MAX_VALUE); such text is not handed to BigInteger, whose parsing is quadratic.
   */
  private static final int MAX_EXACT_DIGITS = 1100;
  private static final BigInteger HUGE = BigInteger.ONE.shiftLeft(MAX_EXACT_DIGITS);

  private static BigInteger goParseBig(String s) {
    boolean neg = false;
    String d = s;
    if (d.startsWith("+") || d.startsWith("-")) {
      neg = d.startsWith("-");
      d = d.substring(1);
    }
    int radix = 10;
    if (d.length() > 2 && d.charAt(0) == '0' && "xXoObB".indexOf(d.charAt(1)) >= 0) {
      radix = switch (Character.toLowerCase(d.charAt(1))) {
        case 'x' -> 16;
        case 'o' -> 8;
        default -> 2;
      };
      d = d.substring(2);
    } else if (d.length() > 1 && d.charAt(0) == '0') {
      radix = 8;
      d = d.substring(1);
    }
    if (d.isEmpty()) {
      return null;
    }
    int firstSignificant = -1;
    for (int i = 0; i < d.length(); i++) {
      if (Character.digit(d.charAt(i), radix) < 0 || d.charAt(i) > 'z') {
        return null;
      }
      if (firstSignificant < 0 && d.charAt(i) != '0') {
        firstSignificant = i;
      }
    }
    if (firstSignificant >= 0 && d.length() - firstSignificant > MAX_EXACT_DIGITS) {
      // beyond any float64 in every radix; BigInteger would take quadratic time to say so
      return neg ? HUGE.negate() : HUGE;
    }
    BigInteger b = new BigInteger(d, radix);
    return neg ? b.negate() : b;
  }

  private static Object explicit(Tag tag, String v) {
    if (tag.equals(Tag.STR)) {
      return v;
    }
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return switch (v) {
        case "true", "True", "TRUE" -> Boolean.TRUE;
        case "false", "False", "FALSE" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("cannot decode !!bool `" + v + "`");
      };
    }
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      Object n = number(v);
      if (n == null) {
        throw new IllegalArgumentException("cannot decode " + tag.getValue() + " `" + v + "`");
      }
      return tag.equals(Tag.FLOAT) && n instanceof Long l ? (Object) l.doubleValue() : n;
    }
    return v; // other tags (timestamps, custom ones) keep the text, as yaml.v3 does for any
  }

  /**
   * A value returned by an expression turned into the JSON-like shape step outputs need: maps,
   * lists, strings, numbers, booleans and null; times become RFC 3339 strings and durations
   * their nanoseconds, as Go's JSON encoding writes them.
   */
  public static Object toOutput(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
      return v;
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), toOutput(val)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(e -> out.add(toOutput(e)));
      return out;
    }
    if (v instanceof ZonedDateTime t) {
      return t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
    if (v instanceof Duration d) {
      return d.toNanos();
    }
    return v.toString();
  }
}
