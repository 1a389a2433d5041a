package dev.kargo4j.core.manifest.internal;

import java.util.List;
import java.util.Map;

/** A YAML node with its 1-based line; aliased nodes are shared, never copied. */
public sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {
  /** The 1-based line where the node starts. */
  int line();

  /** A short name of the node's type for messages. */
  String typeName();

  /** Scalar kinds after YAML 1.1 implicit resolution. */
  enum Kind {
    STRING("string"),
    INT("integer"),
    FLOAT("number"),
    BOOL("boolean"),
    NULL("null"),
    TIMESTAMP("timestamp");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** A mapping; keys are scalar texts, in document order. */
  record YMap(int line, Map<String, Entry> entries) implements YNode {
    @Override
    public String typeName() {
      return "object";
    }
  }

  /** A mapping entry: the key's line and the value. */
  record Entry(int keyLine, YNode value) {}

  /** A sequence. */
  record YList(int line, List<YNode> items) implements YNode {
    @Override
    public String typeName() {
      return "list";
    }
  }

  /** A scalar: its resolved kind, its text, and its value (String, Long, BigInteger, Double, Boolean or null). */
  record YScalar(int line, Kind kind, String text, Object value) implements YNode {
    @Override
    public String typeName() {
      return kind.label;
    }
  }
}
