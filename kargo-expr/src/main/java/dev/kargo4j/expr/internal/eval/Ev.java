package dev.kargo4j.expr.internal.eval;

/**
 * A compiled node: evaluating it computes its value against a {@link Frame}. Nodes are
 * immutable and shared by every evaluation of their expression.
 */
public abstract class Ev {
  /** The char offset of the node's token in the source, for error positions. */
  final int pos;

  Ev(int pos) {
    this.pos = pos;
  }

  /** Computes the value. */
  public abstract Object eval(Frame f);

  /** Computes the value as a condition; a non-bool is an error, as in expr. */
  boolean test(Frame f) {
    return Ops.truth(pos, eval(f), "condition");
  }

  /** Whether this is a constant (folded at compile time). */
  boolean isConst() {
    return false;
  }
}
