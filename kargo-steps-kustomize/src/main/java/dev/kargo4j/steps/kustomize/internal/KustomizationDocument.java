package dev.kargo4j.steps.kustomize.internal;

import dev.kargo4j.steps.kustomize.KustomizeException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The text of a Kustomization file, with its {@code images} field located, edited in place:
 * {@link #withImages} rewrites only the entries of the {@code images} list (or adds the field
 * at the end of the top-level mapping) and leaves every other byte, comments included, as it
 * was. New lists are written in kyaml's style (two-space indent, the {@code -} of each entry at
 * the column of its key); an existing block list keeps its column. Immutable.
 */
public final class KustomizationDocument {
  private static final String IMAGES = "images";

  private final String text;
  private final String file;
  private final MappingNode root;
  private final NodeTuple images;
  private final String newline;
  private final boolean supplementary;

  private KustomizationDocument(String text, String file, MappingNode root, NodeTuple images) {
    this.text = text;
    this.file = file;
    this.root = root;
    this.images = images;
    this.newline = text.contains("\r\n") ? "\r\n" : "\n";
    this.supplementary = text.length() != text.codePointCount(0, text.length());
  }

  /**
   * Parses {@code text}.
   *
   * @param file the file's path relative to the work directory, for messages
   * @throws KustomizeException when the text is not YAML, not a mapping, or has its
   *     {@code images} key twice
   */
  public static KustomizationDocument parse(String text, String file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(100);
    Node node;
    try {
      node = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = mark == null ? file : file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
      throw new KustomizeException("could not parse Kustomization file " + where + ": "
          + (e.getProblem() != null ? e.getProblem() : e.getMessage()));
    } catch (YAMLException e) {
      throw new KustomizeException("could not parse Kustomization file " + file + ": " + e.getMessage());
    }
    if (node == null) {
      return new KustomizationDocument(text, file, null, null);
    }
    if (!(node instanceof MappingNode mapping)) {
      throw new KustomizeException("Kustomization file " + file + " is not a YAML mapping (found a "
          + describe(node) + " at line " + (node.getStartMark().getLine() + 1)
          + "); expected fields such as apiVersion, kind, resources and images");
    }
    NodeTuple images = null;
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key && IMAGES.equals(key.getValue())) {
        if (images != null) {
          throw new KustomizeException("Kustomization file " + file + ":" + line(key)
              + ": the images field is defined twice; allowed: one images field");
        }
        images = tuple;
      }
    }
    return new KustomizationDocument(text, file, mapping, images);
  }

  /** The entries of the current {@code images} field; empty when there is none. */
  public List<KustomizeImage> images() {
    if (images == null) {
      return List.of();
    }
    Node value = images.getValueNode();
    if (isNull(value)) {
      return List.of();
    }
    if (!(value instanceof SequenceNode sequence)) {
      throw new KustomizeException("Kustomization file " + file + ":" + line(value)
          + ": the images field is a " + describe(value) + "; expected a list of images");
    }
    List<KustomizeImage> result = new ArrayList<>();
    int index = 0;
    for (Node item : sequence.getValue()) {
      if (!(item instanceof MappingNode entry)) {
        throw new KustomizeException("Kustomization file " + file + ":" + line(item) + ": images["
            + index + "] is a " + describe(item) + "; expected a mapping with name, newName, newTag or digest");
      }
      String name = "";
      String newName = "";
      String tagSuffix = "";
      String newTag = "";
      String digest = "";
      for (NodeTuple field : entry.getValue()) {
        if (!(field.getKeyNode() instanceof ScalarNode key)) {
          continue;
        }
        switch (key.getValue()) {
          case "name" -> name = scalar(field.getValueNode(), index, "name");
          case "newName" -> newName = scalar(field.getValueNode(), index, "newName");
          case "tagSuffix" -> tagSuffix = scalar(field.getValueNode(), index, "tagSuffix");
          case "newTag" -> newTag = scalar(field.getValueNode(), index, "newTag");
          case "digest" -> digest = scalar(field.getValueNode(), index, "digest");
          default -> {
            // kustomize's Image type has no other fields; Kargo drops them too
          }
        }
      }
      result.add(new KustomizeImage(name, newName, tagSuffix, newTag, digest));
      index++;
    }
    return result;
  }

  /** The text with the {@code images} field set to {@code list}; every other byte unchanged. */
  public String withImages(List<KustomizeImage> list) {
    if (root == null) {
      StringBuilder out = new StringBuilder(text);
      if (!text.isEmpty() && !text.endsWith("\n")) {
        out.append(newline);
      }
      return appendField(out, 0, list).toString();
    }
    if (root.getFlowStyle() == FlowStyle.FLOW) {
      throw new KustomizeException("Kustomization file " + file + " is written as a flow mapping ({...});"
          + " kustomize-set-image edits block-style files only");
    }
    if (images == null) {
      NodeTuple last = root.getValue().get(root.getValue().size() - 1);
      int at = lineEndAfter(tupleEnd(last));
      StringBuilder out = new StringBuilder(text.length() + 64).append(text, 0, at);
      if (at > 0 && text.charAt(at - 1) != '\n') {
        out.append(newline);
      }
      appendField(out, root.getStartMark().getColumn(), list);
      return out.append(text, at, text.length()).toString();
    }
    Node key = images.getKeyNode();
    Node value = images.getValueNode();
    int keyColumn = key.getStartMark().getColumn();
    if (index(value.getStartMark()) < index(key.getEndMark())) {
      throw aliasNotSupported(value);
    }
    if (value instanceof SequenceNode sequence && sequence.getFlowStyle() == FlowStyle.BLOCK
        && !sequence.getValue().isEmpty()) {
      int dash = index(sequence.getStartMark());
      int start = lineStart(dash);
      if (!text.substring(start, dash).isBlank()) {
        start = dash;
      }
      int end = lineEndAfter(nodeEnd(sequence));
      StringBuilder out = new StringBuilder(text.length() + 64);
      if (list.isEmpty()) {
        // nothing left: "images: []" on the key's line, the old entries removed
        int colon = text.indexOf(':', index(key.getEndMark()));
        out.append(text, 0, colon + 1).append(" []").append(text, colon + 1, start);
      } else {
        out.append(text, 0, start);
        appendEntries(out, sequence.getStartMark().getColumn(), list);
      }
      return out.append(text, end, text.length()).toString();
    }
    // a flow list ("[]", "[{...}]") or a null value: the value goes, the rest of the line
    // (a comment) stays, the block follows on the next lines
    int colon = text.indexOf(':', index(key.getEndMark()));
    int valueStart = colon + 1;
    boolean emptyValue = isNull(value) && ((ScalarNode) value).getValue().isEmpty();
    // an empty value has no text; SnakeYAML may place it at the next token
    int valueEnd = emptyValue ? valueStart : Math.max(valueStart, index(value.getEndMark()));
    int lineEnd = text.indexOf('\n', valueEnd);
    int restEnd = lineEnd < 0 ? text.length() : (lineEnd > 0 && text.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd);
    String rest = text.substring(valueEnd, restEnd);
    StringBuilder out = new StringBuilder(text.length() + 64).append(text, 0, valueStart);
    if (list.isEmpty()) {
      out.append(" []");
      out.append(rest.isBlank() ? "" : rest);
      return out.append(text, restEnd, text.length()).toString();
    }
    out.append(rest.isBlank() ? "" : rest).append(newline);
    appendEntries(out, keyColumn, list);
    int after = lineEnd < 0 ? text.length() : lineEnd + 1;
    return out.append(text, after, text.length()).toString();
  }

  private StringBuilder appendField(StringBuilder out, int column, List<KustomizeImage> list) {
    out.append(" ".repeat(column)).append(IMAGES).append(':');
    if (list.isEmpty()) {
      return out.append(" []").append(newline);
    }
    out.append(newline);
    return appendEntries(out, column, list);
  }

  private StringBuilder appendEntries(StringBuilder out, int column, List<KustomizeImage> list) {
    String indent = " ".repeat(column);
    for (KustomizeImage image : list) {
      var fields = image.fields();
      if (fields.isEmpty()) {
        out.append(indent).append("- {}").append(newline);
        continue;
      }
      boolean first = true;
      for (var field : fields) {
        out.append(indent).append(first ? "- " : "  ").append(field.getKey()).append(": ")
            .append(YamlScalars.render(field.getValue())).append(newline);
        first = false;
      }
    }
    return out;
  }

  /** Where a mapping entry's text ends: its value's end, or its key's for an alias value. */
  private int tupleEnd(NodeTuple tuple) {
    int keyEnd = index(tuple.getKeyNode().getEndMark());
    Node value = tuple.getValueNode();
    if (index(value.getStartMark()) < keyEnd) {
      return keyEnd; // an alias: the node's marks are those of its anchor
    }
    return Math.max(keyEnd, nodeEnd(value));
  }

  /**
   * Where a node's own text ends. SnakeYAML ends block collections at the next token, which
   * may lie after comments and blank lines, so the end of the last child is taken instead.
   */
  private int nodeEnd(Node node) {
    if (node instanceof MappingNode mapping && mapping.getFlowStyle() == FlowStyle.BLOCK
        && !mapping.getValue().isEmpty()) {
      return tupleEnd(mapping.getValue().get(mapping.getValue().size() - 1));
    }
    if (node instanceof SequenceNode sequence && sequence.getFlowStyle() == FlowStyle.BLOCK
        && !sequence.getValue().isEmpty()) {
      Node last = sequence.getValue().get(sequence.getValue().size() - 1);
      if (index(last.getStartMark()) < index(sequence.getStartMark())) {
        throw aliasNotSupported(last);
      }
      return nodeEnd(last);
    }
    return index(node.getEndMark());
  }

  private KustomizeException aliasNotSupported(Node node) {
    return new KustomizeException("Kustomization file " + file + ": the images field refers to an anchor"
        + " (a YAML alias, defined at line " + line(node) + "); kustomize-set-image edits images written out in place");
  }

  private int lineStart(int index) {
    return text.lastIndexOf('\n', index - 1) + 1;
  }

  /** The start of the line after the one holding {@code index - 1}; the end for the last line. */
  private int lineEndAfter(int index) {
    if (index > 0 && text.charAt(index - 1) == '\n') {
      return index;
    }
    int newlineAt = text.indexOf('\n', index);
    return newlineAt < 0 ? text.length() : newlineAt + 1;
  }

  /** A mark's position as a char index (SnakeYAML counts code points). */
  private int index(Mark mark) {
    int codePoints = mark.getIndex();
    if (!supplementary) {
      return Math.min(codePoints, text.length());
    }
    int cpCount = text.codePointCount(0, text.length());
    return codePoints >= cpCount ? text.length() : text.offsetByCodePoints(0, codePoints);
  }

  private String scalar(Node node, int index, String field) {
    if (isNull(node)) {
      return "";
    }
    if (node instanceof ScalarNode scalar) {
      return scalar.getValue();
    }
    throw new KustomizeException("Kustomization file " + file + ":" + line(node) + ": images[" + index
        + "]." + field + " is a " + describe(node) + "; expected a string");
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
  }

  private static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "mapping";
    }
    if (node instanceof SequenceNode) {
      return "list";
    }
    return "scalar";
  }
}
