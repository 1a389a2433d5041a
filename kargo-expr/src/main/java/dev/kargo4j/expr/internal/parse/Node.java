package dev.kargo4j.expr.internal.parse;

import java.util.List;

/**
 * A node of the syntax tree, mirroring expr's ast package. {@link #pos()} is the char offset of
 * the token the node was made from (used for error positions).
 */
public sealed interface Node {
  /** The char offset of the node's token in the source. */
  int pos();

  /** {@code nil}. */
  record Nil(int pos) implements Node {}

  /** {@code true} or {@code false}. */
  record Bool(int pos, boolean value) implements Node {}

  /** An integer literal. */
  record Int(int pos, long value) implements Node {}

  /** A float literal. */
  record Float(int pos, double value) implements Node {}

  /** A string literal, or a member name. */
  record Str(int pos, String value) implements Node {}

  /** A bytes literal {@code b"..."}. */
  record Bytes(int pos, String value) implements Node {}

  /** A name: an environment variable, a {@code let} variable or {@code $env}. */
  record Ident(int pos, String name) implements Node {}

  /** {@code !x}, {@code not x}, {@code -x}, {@code +x}. */
  record Unary(int pos, String op, Node operand) implements Node {}

  /** A binary operator; comparisons chains are already split into {@code &&}. */
  record Binary(int pos, String op, Node left, Node right) implements Node {}

  /** The extent of an optional chain {@code a?.b.c}: a nil at a {@code ?.} ends it with nil. */
  record Chain(int pos, Node node) implements Node {}

  /** {@code base.name}, {@code base[index]} and their optional forms. */
  record Member(int pos, Node base, Node property, boolean optional, boolean method)
      implements Node {}

  /** {@code base[from:to]}; either bound may be {@code null}. */
  record Slice(int pos, Node base, Node from, Node to) implements Node {}

  /** A call of a function value, a host function or a method. */
  record Call(int pos, Node callee, String name, List<Node> args) implements Node {}

  /** A call of a builtin (predicate builtins included). */
  record Builtin(int pos, String name, List<Node> args) implements Node {}

  /** The predicate argument of a predicate builtin. */
  record Predicate(int pos, Node body) implements Node {}

  /** {@code #}, {@code #index}, {@code #acc} or the {@code .field} shorthand (name ""). */
  record Pointer(int pos, String name) implements Node {}

  /** {@code let name = value; body}. */
  record Let(int pos, String name, Node value, Node body) implements Node {}

  /** {@code a; b; c}. */
  record Sequence(int pos, List<Node> nodes) implements Node {}

  /** {@code c ? a : b}, {@code c ?: b} and {@code if c {a} else {b}}. */
  record Conditional(int pos, Node cond, Node then, Node otherwise) implements Node {}

  /** {@code [a, b]}. */
  record Array(int pos, List<Node> items) implements Node {}

  /** {@code {k: v}}. */
  record MapLit(int pos, List<Pair> pairs) implements Node {}

  /** One {@code key: value} of a map literal. */
  record Pair(int pos, Node key, Node value) implements Node {}
}
