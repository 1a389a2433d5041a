package dev.kargo4j.core.manifest.internal;

import dev.kargo4j.core.internal.BoundedYaml;
import dev.kargo4j.core.manifest.InvalidManifestException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads YAML (or JSON) text into {@link YNode} documents under {@link YamlLimits}, through
 * kargo-core's one bounded reader ({@link BoundedYaml}). Every failure is an
 * {@link InvalidManifestException} naming the source and line.
 */
public final class YamlReader {
  private static final Pattern INT_BASE60 = Pattern.compile("[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+");

  private static final int MAX_INT_CHARS = 1000;

  private final YamlLimits limits;

  public YamlReader(YamlLimits limits) {
    this.limits = limits;
  }

  /** A document: its root and the line it starts on. */
  public record Document(YNode root, int line) {}

  /** Reads all characters of {@code in}, refusing more than the input limit. */
  public String readAll(String source, Reader in) throws IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    long total = 0;
    int n;
    while ((n = in.read(buf)) >= 0) {
      total += n;
      if (total > limits.maxInputCodePoints()) {
        throw new InvalidManifestException(
            source, 0, "", "input is larger than the limit of " + limits.maxInputCodePoints()
                + " characters; refused");
      }
      sb.append(buf, 0, n);
    }
    return sb.toString();
  }

  /** Parses every non-empty document of {@code text}. */
  public List<Document> parse(String source, String text) {
    if (!text.isEmpty() && text.charAt(0) == '\ufeff') {
      text = text.substring(1);
    }
    if (text.length() > limits.maxInputCodePoints()) {
      throw new InvalidManifestException(
          source, 0, "", "input is larger than the limit of " + limits.maxInputCodePoints()
              + " characters; refused");
    }
    text = jsonTabsToSpaces(text);
    List<Document> docs = new ArrayList<>();
    List<Node> nodes;
    try {
      nodes = BoundedYaml.compose(text, limits.reader(), BoundedYaml.Options.STRICT, false);
    } catch (BoundedYaml.Problem e) {
      String p = e.problem();
      throw new InvalidManifestException(source, e.line(),
          "", p.endsWith("refused") ? p : "invalid YAML: " + p, e);
    }
    for (Node node : nodes) {
      if (node instanceof ScalarNode && ((ScalarNode) node).getTag().equals(Tag.NULL)) {
        continue; // an empty document, e.g. after a trailing ---
      }
      docs.add(new Document(new Converter(source).convert(node, 0), line(node)));
    }
    return docs;
  }

  static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** Tabs outside strings of a JSON document become spaces (YAML forbids tab indentation). */
  static String jsonTabsToSpaces(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i >= text.length() || (text.charAt(i) != '{' && text.charAt(i) != '[')
        || text.indexOf('\t') < 0) {
      return text;
    }
    StringBuilder sb = new StringBuilder(text);
    boolean inString = false;
    for (int j = i; j < sb.length(); j++) {
      char c = sb.charAt(j);
      if (inString) {
        if (c == '\\') {
          j++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '\t') {
        sb.setCharAt(j, ' ');
      }
    }
    return sb.toString();
  }

  private final class Converter {
    private final String source;
    private final Map<Node, YNode> memo = new IdentityHashMap<>();

    Converter(String source) {
      this.source = source;
    }

    YNode convert(Node node, int depth) {
      YNode done = memo.get(node);
      if (done != null) {
        return done;
      }
      if (depth > limits.maxNestingDepth() + 1) {
        throw new InvalidManifestException(source, line(node), "",
            "document nests lists and maps deeper than " + limits.maxNestingDepth()
                + " levels; refused");
      }
      YNode out;
      if (node instanceof ScalarNode) {
        out = scalar((ScalarNode) node);
      } else if (node instanceof SequenceNode) {
        List<YNode> items = new ArrayList<>();
        for (Node child : ((SequenceNode) node).getValue()) {
          items.add(convert(child, depth + 1));
        }
        out = new YNode.YList(line(node), Collections.unmodifiableList(items));
      } else if (node instanceof MappingNode) {
        Map<String, YNode.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) node).getValue()) {
          Node k = t.getKeyNode();
          if (k.getTag().equals(Tag.MERGE)) {
            throw new InvalidManifestException(source, line(k), "",
                "YAML merge keys (<<) are not supported; write the fields out");
          }
          if (!(k instanceof ScalarNode)) {
            throw new InvalidManifestException(source, line(k), "",
                "mapping keys must be scalars");
          }
          String key = ((ScalarNode) k).getValue();
          if (entries.containsKey(key)) {
            throw new InvalidManifestException(source, line(k), key,
                "duplicate key (first at line " + entries.get(key).keyLine() + ")");
          }
          entries.put(key, new YNode.Entry(line(k), convert(t.getValueNode(), depth + 1)));
        }
        out = new YNode.YMap(line(node), Collections.unmodifiableMap(entries));
      } else {
        throw new InvalidManifestException(source, line(node), "", "unsupported YAML node");
      }
      memo.put(node, out);
      return out;
    }

    private YNode scalar(ScalarNode n) {
      String text = n.getValue();
      Tag tag = n.getTag();
      int line = line(n);
      if (tag.equals(Tag.STR)) {
        return new YNode.YScalar(line, YNode.Kind.STRING, text, text);
      }
      if (tag.equals(Tag.NULL)) {
        return new YNode.YScalar(line, YNode.Kind.NULL, text, null);
      }
      if (tag.equals(Tag.BOOL)) {
        String t = text.toLowerCase(Locale.ROOT);
        boolean v = t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
        return new YNode.YScalar(line, YNode.Kind.BOOL, text, v);
      }
      if (tag.equals(Tag.INT)) {
        return new YNode.YScalar(line, YNode.Kind.INT, text, parseInt(text, line));
      }
      if (tag.equals(Tag.FLOAT)) {
        return new YNode.YScalar(line, YNode.Kind.FLOAT, text, parseFloat(text, line));
      }
      if (tag.equals(Tag.TIMESTAMP)) {
        return new YNode.YScalar(line, YNode.Kind.TIMESTAMP, text, text);
      }
      throw new InvalidManifestException(source, line, "",
          "unsupported YAML tag " + tag.getValue() + "; allowed: plain strings, numbers,"
              + " booleans, null, lists and maps");
    }

    private Object parseInt(String text, int line) {
      String t = text.replace("_", "");
      if (t.length() > MAX_INT_CHARS) {
        // no field takes such a number, and BigInteger parses it in quadratic time
        throw new InvalidManifestException(source, line, "", "integer with more than "
            + MAX_INT_CHARS + " digits; refused (quote it to make it a string)");
      }
      int sign = 1;
      if (t.startsWith("-")) {
        sign = -1;
        t = t.substring(1);
      } else if (t.startsWith("+")) {
        t = t.substring(1);
      }
      BigInteger v;
      try {
        if (INT_BASE60.matcher(text).matches()) {
          v = BigInteger.ZERO;
          for (String part : t.split(":")) {
            v = v.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
          }
        } else if (t.startsWith("0x")) {
          v = new BigInteger(t.substring(2), 16);
        } else if (t.startsWith("0b")) {
          v = new BigInteger(t.substring(2), 2);
        } else if (t.startsWith("0o")) {
          v = new BigInteger(t.substring(2), 8);
        } else if (t.length() > 1 && t.startsWith("0")) {
          v = new BigInteger(t.substring(1), 8);
        } else {
          v = new BigInteger(t);
        }
      } catch (NumberFormatException e) {
        throw new InvalidManifestException(source, line, "", "invalid integer \"" + text + "\"");
      }
      if (sign < 0) {
        v = v.negate();
      }
      return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private Object parseFloat(String text, int line) {
      String t = text.replace("_", "").toLowerCase(Locale.ROOT);
      switch (t) {
        case ".inf":
        case "+.inf":
          return Double.POSITIVE_INFINITY;
        case "-.inf":
          return Double.NEGATIVE_INFINITY;
        case ".nan":
          return Double.NaN;
        default:
          try {
            return Double.parseDouble(t);
          } catch (NumberFormatException e) {
            throw new InvalidManifestException(source, line, "", "invalid number \"" + text + "\"");
          }
      }
    }
  }
}
