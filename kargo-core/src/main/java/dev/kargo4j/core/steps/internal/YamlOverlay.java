package dev.kargo4j.core.steps.internal;

import dev.kargo4j.core.internal.BoundedYaml;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Overlays YAML documents as Kargo's {@code yaml-merge} does (kustomize kyaml {@code merge2}
 * without a schema): maps merge key by key, a later scalar or list replaces the earlier one,
 * a {@code null} value removes the key, and a map holding {@code $patch: replace} or
 * {@code $patch: delete} replaces or removes the earlier map. Comments and scalar styles are
 * kept. Only the first document of each text is used. Not thread-safe; one instance per merge.
 */
public final class YamlOverlay {
  private static final BoundedYaml.Options OPTIONS = new BoundedYaml.Options(false, true, false);

  private final Yaml yaml;
  private final BoundedYaml.Limits limits;
  private Node merged;

  /** An empty overlay reading documents within the default limits. */
  public YamlOverlay() {
    this(DocumentValues.DEFAULT_LIMITS);
  }

  /** An empty overlay reading documents within {@code limits}. */
  public YamlOverlay(BoundedYaml.Limits limits) {
    this.limits = limits;
    DumperOptions dumper = new DumperOptions();
    dumper.setProcessComments(true);
    dumper.setIndent(2);
    dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    dumper.setWidth(Integer.MAX_VALUE);
    dumper.setSplitLines(false);
    this.yaml = new Yaml(dumper);
  }

  /**
   * Lays {@code text} over what was added before. A text without a document (empty, or only
   * comments) changes nothing.
   *
   * @throws IllegalArgumentException when the text is not YAML
   */
  public YamlOverlay add(String text) {
    // the bounded reader refuses alias bombs and documents that contain themselves, which the
    // recursive merge below could not walk
    List<Node> docs = BoundedYaml.compose(text, limits, OPTIONS, true);
    Node doc = docs.isEmpty() ? null : docs.get(0);
    if (doc == null) {
      return this;
    }
    if (merged == null) {
      merged = doc;
    } else {
      merged = merge(merged, doc).orElse(null);
    }
    return this;
  }

  /** Whether any document was added. */
  public boolean isEmpty() {
    return merged == null;
  }

  /** The merged document as block YAML (empty text when nothing was added). */
  public String text() {
    if (merged == null) {
      return "";
    }
    StringWriter out = new StringWriter();
    yaml.serialize(merged, out);
    return out.toString();
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
  }

  private static Optional<String> patchDirective(Node n) {
    if (n instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("$patch")
            && t.getValueNode() instanceof ScalarNode v) {
          return Optional.of(v.getValue());
        }
      }
    }
    return Optional.empty();
  }

  private static MappingNode withoutDirective(MappingNode m) {
    List<NodeTuple> kept = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("$patch"))) {
        kept.add(t);
      }
    }
    m.setValue(kept);
    return m;
  }

  /** The result of laying {@code src} over {@code dest}; empty when the value is cleared. */
  private static Optional<Node> merge(Node dest, Node src) {
    if (isNull(src)) {
      return Optional.empty();
    }
    if (src instanceof MappingNode s) {
      String directive = patchDirective(s).orElse("");
      if (directive.equals("delete")) {
        return Optional.empty();
      }
      if (directive.equals("replace") || !(dest instanceof MappingNode) || isNull(dest)) {
        return Optional.of(withoutDirective(s));
      }
      MappingNode d = (MappingNode) dest;
      List<NodeTuple> tuples = new ArrayList<>(d.getValue());
      for (NodeTuple st : s.getValue()) {
        int at = indexOf(tuples, st.getKeyNode());
        if (at < 0) {
          if (!isNull(st.getValueNode()) && !patchDirective(st.getValueNode()).orElse("").equals("delete")) {
            tuples.add(st);
          }
          continue;
        }
        NodeTuple dt = tuples.get(at);
        Optional<Node> value = merge(dt.getValueNode(), st.getValueNode());
        if (value.isEmpty()) {
          tuples.remove(at);
        } else {
          Node key = hasComments(st.getKeyNode()) ? st.getKeyNode() : dt.getKeyNode();
          tuples.set(at, new NodeTuple(key, value.get()));
        }
      }
      d.setValue(tuples);
      if (hasComments(s)) {
        d.setBlockComments(s.getBlockComments());
      }
      return Optional.of(d);
    }
    return Optional.of(src); // scalars and lists replace
  }

  private static boolean hasComments(Node n) {
    return (n.getBlockComments() != null && !n.getBlockComments().isEmpty())
        || (n.getInLineComments() != null && !n.getInLineComments().isEmpty());
  }

  private static int indexOf(List<NodeTuple> tuples, Node key) {
    if (!(key instanceof ScalarNode k)) {
      return -1;
    }
    for (int i = 0; i < tuples.size(); i++) {
      if (tuples.get(i).getKeyNode() instanceof ScalarNode dk && dk.getValue().equals(k.getValue())) {
        return i;
      }
    }
    return -1;
  }
}
