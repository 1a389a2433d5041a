package dev.kargo4j.core.internal;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The one way kargo-core composes untrusted YAML (and JSON, which is YAML) into SnakeYAML node
 * graphs: every reader of manifests, stored objects and step documents goes through here, so
 * that each is bounded in the same way.
 *
 * <p>SnakeYAML shares an aliased node instead of copying it, so composing is cheap; the danger
 * is in whoever walks the graph as a tree (billion laughs: nine anchors of ten aliases each
 * expand 480 bytes into 10⁹ nodes; one anchored 1 MB scalar aliased 300,000 times into 3×10¹¹
 * characters). So after composing, each document's size <em>as if every alias were
 * expanded</em> is computed over the shared graph (memoised, linear in the graph) and refused
 * when it passes {@link Limits}: nodes, growth beyond the document as written, and nesting
 * depth (aliases nest deeper than the text shows). A document that contains itself
 * through an alias is refused too (yaml.v3 refuses it as well). Walking the tree afterwards is
 * then bounded by what the limits allow.
 *
 * <p>Stateless and thread-safe. Every failure is a {@link Problem} with the line (when known)
 * and a message that names the limit that was passed.
 */
public final class BoundedYaml {
  private BoundedYaml() {}

  /**
   * Limits for one YAML document; all positive.
   *
   * @param maxDocumentChars characters of one document (SnakeYAML's code point limit)
   * @param maxAliasesForCollections aliases to lists or maps per document
   * @param maxNestingDepth nesting of lists and maps, counted with aliases expanded
   * @param maxExpandedNodes nodes of a document once aliases are expanded
   * @param maxAliasExpansion how much a document may grow when its aliases are expanded,
   *     measured as {@link #NODE_WEIGHT} per node plus the characters of every scalar (keys
   *     included), compared with the same measure of the document as written; a document
   *     without aliases never grows, however large it is
   */
  public record Limits(int maxDocumentChars, int maxAliasesForCollections, int maxNestingDepth,
      long maxExpandedNodes, long maxAliasExpansion) {
    public Limits {
      positive("maxDocumentChars", maxDocumentChars);
      positive("maxAliasesForCollections", maxAliasesForCollections);
      positive("maxNestingDepth", maxNestingDepth);
      positive("maxExpandedNodes", maxExpandedNodes);
      positive("maxAliasExpansion", maxAliasExpansion);
    }

    private static void positive(String name, long v) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + v);
      }
    }
  }

  /** How SnakeYAML composes: the few settings the readers differ in. */
  public record Options(boolean allowDuplicateKeys, boolean processComments, boolean mergeOnCompose) {
    /** Duplicate keys refused, comments dropped, merge keys left to the reader. */
    public static final Options STRICT = new Options(false, false, false);
  }

  /** A document that is not YAML or passes a limit; the message says which. */
  public static final class Problem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;
    private final String problem;

    Problem(String problem, int line, int column, Throwable cause) {
      super(problem + (line > 0 ? " at line " + line + (column > 0 ? ", column " + column : "") : ""), cause);
      this.problem = problem;
      this.line = line;
      this.column = column;
    }

    /** The 1-based line, or 0 when unknown. */
    public int line() {
      return line;
    }

    /** The 1-based column, or 0 when unknown. */
    public int column() {
      return column;
    }

    /** The message without the position. */
    public String problem() {
      return problem;
    }
  }

  /**
   * The non-null documents of {@code text} (all of them, or only the first when
   * {@code firstOnly}), each checked against {@code limits}.
   *
   * @throws Problem when the text is not YAML or passes a limit
   */
  public static List<Node> compose(String text, Limits limits, Options options, boolean firstOnly) {
    LoaderOptions lo = new LoaderOptions();
    lo.setCodePointLimit(limits.maxDocumentChars());
    lo.setMaxAliasesForCollections(limits.maxAliasesForCollections());
    // SnakeYAML counts collection nesting while composing; aliases are counted below
    lo.setNestingDepthLimit(limits.maxNestingDepth());
    lo.setAllowRecursiveKeys(false);
    lo.setAllowDuplicateKeys(options.allowDuplicateKeys());
    lo.setProcessComments(options.processComments());
    lo.setMergeOnCompose(options.mergeOnCompose());
    List<Node> docs = new ArrayList<>();
    try {
      Iterator<Node> it = new Yaml(lo).composeAll(new StringReader(text)).iterator();
      while (it.hasNext()) {
        Node node = it.next();
        if (node == null) {
          continue;
        }
        check(node, limits);
        docs.add(node);
        if (firstOnly) {
          break;
        }
      }
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String p = e.getProblem() != null ? e.getProblem() : e.getMessage();
      throw new Problem(describe(p, limits), m == null ? 0 : m.getLine() + 1,
          m == null ? 0 : m.getColumn() + 1, e);
    } catch (YAMLException e) {
      throw new Problem(describe(e.getMessage(), limits), 0, 0, e);
    } catch (StackOverflowError e) {
      // the limits above keep SnakeYAML's recursion shallow; a tiny thread stack may still not do
      throw new Problem("document is nested too deeply for this thread's stack; refused", 0, 0, null);
    }
    return docs;
  }

  /** SnakeYAML's limit messages in our words; other problems as SnakeYAML words them. */
  private static String describe(String problem, Limits limits) {
    String p = problem == null ? "invalid YAML" : problem.strip().replace('\n', ' ');
    if (p.contains("exceeds the limit") || p.contains("code points")) {
      return "document is larger than the limit of " + limits.maxDocumentChars() + " characters; refused";
    }
    if (p.contains("Number of aliases")) {
      return "document uses more than " + limits.maxAliasesForCollections()
          + " aliases to lists or maps (an alias bomb?); refused";
    }
    if (p.contains("Nesting Depth")) {
      return "document nests lists and maps deeper than " + limits.maxNestingDepth() + " levels; refused";
    }
    if (p.contains("Recursive key")) {
      return "document has a recursive key; refused";
    }
    return p;
  }

  /** The node's line, 1-based; 0 when unknown. */
  public static int line(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  // ---------------------------------------------------------------- expansion

  /** Size and height of a node's expanded subtree. */
  private record Extent(long nodes, long size, int height) {}

  private static final Extent IN_PROGRESS = new Extent(-1, -1, -1);

  /**
   * What one node counts for in the expansion measure, beside the characters of a scalar:
   * roughly what a node costs in memory once built, so that a bomb of tiny nodes and one of a
   * few huge strings are held to the same budget.
   */
  public static final int NODE_WEIGHT = 64;

  private static void check(Node root, Limits limits) {
    long own = ownSize(root);
    long maxSize = own > Long.MAX_VALUE - limits.maxAliasExpansion()
        ? Long.MAX_VALUE : own + limits.maxAliasExpansion();
    new Walk(limits, maxSize).extent(root, 1);
  }

  /** The measure of the document as written: each distinct node once, aliases not expanded. */
  private static long ownSize(Node root) {
    Map<Node, Boolean> seen = new IdentityHashMap<>();
    ArrayDeque<Node> todo = new ArrayDeque<>();
    todo.push(root);
    long size = 0;
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      if (seen.put(n, Boolean.TRUE) != null) {
        continue;
      }
      size += NODE_WEIGHT;
      if (n instanceof ScalarNode s) {
        size += s.getValue().length();
      } else if (n instanceof SequenceNode seq) {
        seq.getValue().forEach(todo::push);
      } else if (n instanceof MappingNode map) {
        for (NodeTuple t : map.getValue()) {
          todo.push(t.getKeyNode());
          todo.push(t.getValueNode());
        }
      }
    }
    return size;
  }

  private static final class Walk {
    private final Limits limits;
    private final long maxSize;
    private final Map<Node, Extent> seen = new IdentityHashMap<>();

    Walk(Limits limits, long maxSize) {
      this.limits = limits;
      this.maxSize = maxSize;
    }

    /** The extent of {@code node}, found at depth {@code depth} (the root is at 1). */
    Extent extent(Node node, int depth) {
      Extent known = seen.get(node);
      if (known == IN_PROGRESS) {
        throw new Problem("document contains itself through an alias; refused", line(node), 0, null);
      }
      if (known != null) {
        checkDepth(node, depth + known.height() - 1);
        return known;
      }
      if (node instanceof ScalarNode s) {
        Extent e = new Extent(1, NODE_WEIGHT + (long) s.getValue().length(), 1);
        seen.put(node, e);
        return e;
      }
      checkDepth(node, depth);
      seen.put(node, IN_PROGRESS);
      long nodes = 1;
      long size = NODE_WEIGHT;
      int height = 0;
      List<Node> children = new ArrayList<>();
      if (node instanceof SequenceNode seq) {
        children.addAll(seq.getValue());
      } else if (node instanceof MappingNode map) {
        for (NodeTuple t : map.getValue()) {
          children.add(t.getKeyNode());
          children.add(t.getValueNode());
        }
      }
      for (Node child : children) {
        Extent c = extent(child, depth + 1);
        nodes = add(nodes, c.nodes());
        size = add(size, c.size());
        height = Math.max(height, c.height());
        if (nodes > limits.maxExpandedNodes()) {
          throw new Problem("document expands to more than " + limits.maxExpandedNodes()
              + " nodes through YAML aliases (an alias bomb?); refused", line(node), 0, null);
        }
        if (size > maxSize) {
          throw new Problem("document expands to more than its own size plus "
              + limits.maxAliasExpansion() + " through YAML aliases (each node counts "
              + NODE_WEIGHT + ", each character of a scalar 1; an alias bomb?); refused",
              line(node), 0, null);
        }
      }
      Extent e = new Extent(nodes, size, height + 1);
      seen.put(node, e);
      return e;
    }

    private void checkDepth(Node node, int depth) {
      if (depth > limits.maxNestingDepth() + 1) {
        throw new Problem("document nests lists and maps deeper than " + limits.maxNestingDepth()
            + " levels (aliases expanded); refused", line(node), 0, null);
      }
    }

    private static long add(long a, long b) {
      long r = a + b;
      return r < 0 ? Long.MAX_VALUE : r;
    }
  }
}
