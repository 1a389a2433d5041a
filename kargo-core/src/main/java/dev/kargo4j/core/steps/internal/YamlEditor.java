package dev.kargo4j.core.steps.internal;

import dev.kargo4j.core.internal.BoundedYaml;
import dev.kargo4j.expr.go.GoFloat;
import dev.kargo4j.expr.go.GoStrconv;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Edits YAML text in place: it locates nodes by key path in the parsed document (the first
 * document of the text) and splices new values into the original text, so every byte outside
 * the changed values, comments included, stays as it was.
 *
 * <p>{@link #setScalar} follows Kargo's {@code yaml-update} ({@code pkg/yaml.SetValuesInBytes})
 * exactly where Kargo produces valid YAML: the key must address a scalar; on a single-line
 * scalar in block context everything from the scalar to the end of its line is replaced (so a
 * trailing comment on that line goes, as in Kargo), and a space is put after the key when there
 * is none; values are written as Go's {@code %v} of Kargo's {@code QuoteIfNecessary}. Where
 * Kargo's line-based rewrite would break the document, this editor stays valid instead: inside
 * flow collections and for multi-line scalars only the scalar's own text is replaced; an anchor
 * or tag in front of the scalar is kept; strings that YAML 1.2 (Kargo's yaml.v3) would read as something
 * else or not at all (empty, {@code ~}, {@code 0x1F}, {@code a: b}, ...) are quoted; {@code null} is written {@code null} and
 * maps and lists as JSON flow collections. Unchanged lines keep their line endings, and a file
 * without a final newline keeps it that way.
 *
 * <p>{@link #setNode} replaces any node, collections included, with any value.
 *
 * <p>Edits are collected and applied by {@link #text()}; all keys are located in the original
 * document, and a later edit of the same node wins. Not thread-safe.
 */
public final class YamlEditor {
  private final String text;
  private final Node root;
  private final boolean surrogates;
  private final List<Change> changes = new ArrayList<>();

  private record Change(int start, int end, String replacement, int order) {}

  private record Target(Node node, boolean flow) {}

  private YamlEditor(String text, Node root) {
    this.text = text;
    this.root = root;
    this.surrogates = text.chars().anyMatch(c -> Character.isSurrogate((char) c));
  }

  /**
   * Parses {@code text}; only its first document is edited.
   *
   * @throws IllegalArgumentException {@code error unmarshaling input: ...} when the text is not
   *     YAML
   */
  public static YamlEditor parse(String text) {
    return parse(text, DocumentValues.DEFAULT_LIMITS);
  }

  /**
   * As {@link #parse(String)}, within {@code limits}. Duplicate keys are allowed (the editor
   * addresses the first, as Kargo does); aliases are never followed, but alias bombs are still
   * refused so that no later reader of the edited file meets one that this step let through.
   *
   * @throws IllegalArgumentException {@code error unmarshaling input: ...} when the text is not
   *     YAML or passes a limit
   */
  public static YamlEditor parse(String text, BoundedYaml.Limits limits) {
    try {
      List<Node> docs = BoundedYaml.compose(text, limits, new BoundedYaml.Options(true, false, false), true);
      return new YamlEditor(text, docs.isEmpty() ? null : docs.get(0));
    } catch (BoundedYaml.Problem e) {
      throw new IllegalArgumentException("error unmarshaling input: " + e.getMessage(), e);
    }
  }

  /**
   * Sets the scalar at {@code key} (Kargo's dot notation, see {@link KeyPath}) to
   * {@code value}, as Kargo's {@code yaml-update} does.
   *
   * @throws IllegalArgumentException {@code error splitting key ...} or {@code error finding key
   *     ...: key path not found} / {@code key path does not address a scalar node}
   */
  public YamlEditor setScalar(String key, Object value) {
    List<String> path;
    try {
      path = KeyPath.split(key);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("error splitting key " + key + ": " + e.getMessage(), e);
    }
    Target target = find(key, path);
    if (!(target.node() instanceof ScalarNode)) {
      throw new IllegalArgumentException(
          "error finding key " + key + ": key path does not address a scalar node");
    }
    int start = valueStart(target.node());
    int end = offset(target.node().getEndMark());
    boolean singleLine = text.substring(start, end).indexOf('\n') < 0
        && text.substring(start, end).indexOf('\r') < 0;
    String rendered = render(value, target.flow());
    if (!target.flow() && singleLine) {
      // Kargo's rule: the rest of the line goes, and the key is followed by a space
      int lineEnd = start;
      while (lineEnd < text.length() && text.charAt(lineEnd) != '\n' && text.charAt(lineEnd) != '\r') {
        lineEnd++;
      }
      if (start == 0 || text.charAt(start - 1) != ' ') {
        rendered = " " + rendered;
      }
      changes.add(new Change(start, lineEnd, rendered, changes.size()));
    } else {
      changes.add(new Change(start, end, rendered + keptLineBreak(start, end), changes.size()));
    }
    return this;
  }

  /**
   * Replaces the node at {@code path} (already split; mapping keys and sequence indexes) with
   * {@code value}, whatever the node's kind: scalars are rendered as in {@link #setScalar},
   * maps and lists as JSON flow collections.
   *
   * @throws IllegalArgumentException when the path does not lead to a node
   */
  public YamlEditor setNode(List<String> path, Object value) {
    Target target = find(String.join(".", path), path);
    int start = valueStart(target.node());
    int end = offset(target.node().getEndMark());
    changes.add(new Change(start, end, render(value, target.flow()) + keptLineBreak(start, end),
        changes.size()));
    return this;
  }

  /** The text with every edit applied; the original text when there is none. */
  public String text() {
    if (changes.isEmpty()) {
      return text;
    }
    // one change per start position (the later edit wins), applied from the end
    List<Change> effective = new ArrayList<>();
    changes.stream()
        .sorted(Comparator.comparingInt(Change::start).thenComparing(Change::order, Comparator.reverseOrder()))
        .forEach(c -> {
          if (effective.isEmpty() || effective.get(effective.size() - 1).start() != c.start()) {
            effective.add(c);
          }
        });
    for (int i = 1; i < effective.size(); i++) {
      if (effective.get(i).start() < effective.get(i - 1).end()) {
        throw new IllegalArgumentException("two updates overlap: a key addresses a node inside"
            + " another updated node");
      }
    }
    StringBuilder sb = new StringBuilder(text.length() + 64);
    int pos = 0;
    for (Change c : effective) {
      sb.append(text, pos, c.start()).append(c.replacement());
      pos = c.end();
    }
    return sb.append(text, pos, text.length()).toString();
  }

  // ---- locating ----

  private Target find(String key, List<String> path) {
    if (root == null) {
      throw new IllegalArgumentException("error finding key " + key + ": key path not found");
    }
    Node node = root;
    boolean flow = false;
    int minStart = offset(root.getStartMark());
    for (String part : path) {
      Node child = null;
      if (node instanceof MappingNode map) {
        for (NodeTuple t : map.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(part)) {
            child = t.getValueNode();
            minStart = offset(t.getKeyNode().getEndMark());
            break;
          }
        }
        flow = map.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
      } else if (node instanceof SequenceNode seq) {
        int index = atoi(key, part);
        if (index >= 0 && index < seq.getValue().size()) {
          child = seq.getValue().get(index);
        }
        flow = seq.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
      }
      // an alias points back at an anchored node earlier in the text; Kargo does not follow it
      if (child == null || offset(child.getStartMark()) < minStart) {
        throw new IllegalArgumentException("error finding key " + key + ": key path not found");
      }
      node = child;
      minStart = offset(child.getStartMark());
    }
    return new Target(node, flow);
  }

  private static int atoi(String key, String part) {
    String digits = part.startsWith("+") || part.startsWith("-") ? part.substring(1) : part;
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("error finding key " + key + ": strconv.Atoi: parsing "
          + GoStrconv.quote(part) + ": invalid syntax");
    }
    try {
      return Integer.parseInt(part);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("error finding key " + key + ": strconv.Atoi: parsing "
          + GoStrconv.quote(part) + ": value out of range", e);
    }
  }

  private int offset(Mark mark) {
    int index = mark.getIndex();
    return surrogates ? text.offsetByCodePoints(0, Math.min(index, text.codePointCount(0, text.length()))) : index;
  }

  /** Where the node's value begins, after any anchor ({@code &a}) and tag ({@code !t}). */
  private int valueStart(Node node) {
    int i = offset(node.getStartMark());
    while (i < text.length() && (text.charAt(i) == '&' || text.charAt(i) == '!')) {
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
        i++;
      }
    }
    return i;
  }

  /** The line break (and following indentation) a replaced block scalar had consumed. */
  private String keptLineBreak(int start, int end) {
    String region = text.substring(start, end);
    int last = region.length() - 1;
    while (last >= 0 && Character.isWhitespace(region.charAt(last))) {
      last--;
    }
    String tail = region.substring(last + 1);
    int nl = indexOfBreak(tail);
    return nl < 0 ? "" : tail.substring(nl);
  }

  private static int indexOfBreak(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n' || s.charAt(i) == '\r') {
        return i;
      }
    }
    return -1;
  }

  // ---- rendering ----

  private static final Pattern NON_STRING_LOOKALIKE = Pattern.compile(
      "~|null|Null|NULL|<<"
          + "|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)"
          + "|[-+]?0[xX][0-9a-fA-F_]+|[-+]?0[oO][0-7_]+|[-+]?0[bB][01_]+"
          + "|[-+]?(?=[0-9]|\\.[0-9])[0-9_]*(?:\\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?");

  /** The text written for {@code value} in a block ({@code flow=false}) or flow context. */
  static String render(Object value, boolean flow) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      Object q = ScalarQuoting.quoteIfNecessary(s);
      if (q != s) {
        return (String) q;
      }
      return needsQuotes(s, flow) ? GoStrconv.quote(s) : s;
    }
    if (value instanceof Number n) {
      return ScalarQuoting.isIntegral(n) ? n.toString() : GoFloat.formatV(n.doubleValue());
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      StringBuilder sb = new StringBuilder();
      appendJson(sb, value);
      return sb.toString();
    }
    return render(value.toString(), flow);
  }

  /** Strings that, written plainly, YAML would read as another value or not read at all. */
  static boolean needsQuotes(String s, boolean flow) {
    if (s.isEmpty() || NON_STRING_LOOKALIKE.matcher(s).matches()) {
      return true;
    }
    char first = s.charAt(0);
    char lastChar = s.charAt(s.length() - 1);
    if (first == ' ' || first == '\t' || lastChar == ' ' || lastChar == '\t' || lastChar == ':') {
      return true;
    }
    if ("#&*!|>'\"%@`[]{},".indexOf(first) >= 0) {
      return true;
    }
    if ((first == '-' || first == '?' || first == ':')
        && (s.length() == 1 || s.charAt(1) == ' ' || s.charAt(1) == '\t')) {
      return true;
    }
    if (s.contains(": ") || s.contains(":\t") || s.contains(" #") || s.contains("\t#")) {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!yamlPrintable(s, i) || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
        return true; // not printable in YAML, or a line break or BOM YAML would not keep
      }
      if (flow && ",[]{}".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** YAML's c-printable, for the character at {@code i} (surrogates only in valid pairs). */
  private static boolean yamlPrintable(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
    return c == '\t' || (c >= 0x20 && c <= 0x7e) || c == 0x85 || (c >= 0xa0 && c <= 0xfffd);
  }

  private static void appendJson(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      JsonEditor.appendStringify(sb, s);
    } else if (v instanceof Number n) {
      sb.append(ScalarQuoting.isIntegral(n) ? n.toString() : GoFloat.formatF(n.doubleValue()));
    } else if (v instanceof Boolean b) {
      sb.append(b);
    } else if (v instanceof Map<?, ?> m) {
      sb.append('{');
      boolean firstEntry = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!firstEntry) {
          sb.append(", ");
        }
        firstEntry = false;
        JsonEditor.appendStringify(sb, String.valueOf(e.getKey()));
        sb.append(": ");
        appendJson(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof List<?> l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        appendJson(sb, l.get(i));
      }
      sb.append(']');
    } else {
      JsonEditor.appendStringify(sb, v.toString());
    }
  }
}
