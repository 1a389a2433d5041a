package dev.kargo4j.expr.internal.parse;

import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for expr-lang v1.17.8 (precedence climbing, as in expr's parser).
 * Nesting deeper than the configured limit is refused with an {@link ExprError}, so no
 * {@link StackOverflowError} can escape; so is a tree of more than {@link #MAX_NODES} nodes.
 */
public final class Parser {
  /** expr's default node limit. */
  public static final int MAX_NODES = 10_000;

  /** The names expr v1.17.8 parses as builtins. */
  public static final Set<String> BUILTIN_NAMES =
      Set.of(
          "all", "none", "any", "one", "filter", "map", "find", "findIndex", "findLast",
          "findLastIndex", "count", "sum", "groupBy", "sortBy", "reduce", "len", "type", "abs",
          "ceil", "floor", "round", "int", "float", "string", "trim", "trimPrefix", "trimSuffix",
          "upper", "lower", "split", "splitAfter", "replace", "repeat", "join", "indexOf",
          "lastIndexOf", "hasPrefix", "hasSuffix", "max", "min", "mean", "median", "toJSON",
          "fromJSON", "toBase64", "fromBase64", "now", "duration", "date", "timezone", "first",
          "last", "get", "take", "keys", "values", "toPairs", "fromPairs", "reverse", "uniq",
          "concat", "flatten", "sort", "bitand", "bitor", "bitxor", "bitnand", "bitshl",
          "bitshr", "bitushr", "bitnot");

  private static final int EXPR = 1;
  private static final int PREDICATE = 2;
  private static final int OPTIONAL = 128;

  /** Argument kinds of the predicate builtins. */
  static final Map<String, int[]> PREDICATES =
      Map.ofEntries(
          Map.entry("all", new int[] {EXPR, PREDICATE}),
          Map.entry("none", new int[] {EXPR, PREDICATE}),
          Map.entry("any", new int[] {EXPR, PREDICATE}),
          Map.entry("one", new int[] {EXPR, PREDICATE}),
          Map.entry("filter", new int[] {EXPR, PREDICATE}),
          Map.entry("map", new int[] {EXPR, PREDICATE}),
          Map.entry("count", new int[] {EXPR, PREDICATE | OPTIONAL}),
          Map.entry("sum", new int[] {EXPR, PREDICATE | OPTIONAL}),
          Map.entry("find", new int[] {EXPR, PREDICATE}),
          Map.entry("findIndex", new int[] {EXPR, PREDICATE}),
          Map.entry("findLast", new int[] {EXPR, PREDICATE}),
          Map.entry("findLastIndex", new int[] {EXPR, PREDICATE}),
          Map.entry("groupBy", new int[] {EXPR, PREDICATE}),
          Map.entry("sortBy", new int[] {EXPR, PREDICATE, EXPR | OPTIONAL}),
          Map.entry("reduce", new int[] {EXPR, PREDICATE, EXPR | OPTIONAL}));

  /** Whether {@code name} is a predicate builtin. */
  public static boolean isPredicate(String name) {
    return PREDICATES.containsKey(name);
  }

  private record Op(int precedence, boolean rightAssoc) {}

  private static final Map<String, Op> BINARY =
      Map.ofEntries(
          Map.entry("|", new Op(0, false)),
          Map.entry("or", new Op(10, false)),
          Map.entry("||", new Op(10, false)),
          Map.entry("and", new Op(15, false)),
          Map.entry("&&", new Op(15, false)),
          Map.entry("==", new Op(20, false)),
          Map.entry("!=", new Op(20, false)),
          Map.entry("<", new Op(20, false)),
          Map.entry(">", new Op(20, false)),
          Map.entry(">=", new Op(20, false)),
          Map.entry("<=", new Op(20, false)),
          Map.entry("in", new Op(20, false)),
          Map.entry("matches", new Op(20, false)),
          Map.entry("contains", new Op(20, false)),
          Map.entry("startsWith", new Op(20, false)),
          Map.entry("endsWith", new Op(20, false)),
          Map.entry("..", new Op(25, false)),
          Map.entry("+", new Op(30, false)),
          Map.entry("-", new Op(30, false)),
          Map.entry("*", new Op(60, false)),
          Map.entry("/", new Op(60, false)),
          Map.entry("%", new Op(60, false)),
          Map.entry("**", new Op(100, true)),
          Map.entry("^", new Op(100, true)),
          Map.entry("??", new Op(500, false)));

  private static final Map<String, Integer> UNARY =
      Map.of("not", 50, "!", 50, "-", 90, "+", 90);

  private final List<Token> tokens;
  private final Set<String> overridden;
  private final int maxDepth;
  private int index;
  private Token current;
  private int depth; // recursion depth, bounded
  private int predicateDepth;
  private int nodes;

  private Parser(List<Token> tokens, Set<String> overridden, int maxDepth) {
    this.tokens = tokens;
    this.overridden = overridden;
    this.maxDepth = maxDepth;
    this.current = tokens.get(0);
  }

  /**
   * Parses {@code source}.
   *
   * @param source the expression text
   * @param overridden names of host functions that replace builtins of the same name
   * @param maxDepth the deepest nesting accepted
   * @return the syntax tree
   * @throws ExprError on the first lexical or syntax error
   */
  public static Node parse(String source, Set<String> overridden, int maxDepth) {
    Parser p = new Parser(Lexer.lex(source), overridden, maxDepth);
    Node node = p.parseSequence();
    if (!p.current.is(Kind.EOF)) {
      throw p.unexpected(p.current, "an operator or the end of the expression");
    }
    return node;
  }

  private void next() {
    if (current.kind() == Kind.EOF) {
      throw new ExprError(current.from(), "unexpected end of expression", "more input");
    }
    index++;
    current = tokens.get(index);
  }

  private ExprError unexpected(Token t, String expected) {
    if (t.is(Kind.EOF)) {
      return new ExprError(t.from(), "unexpected end of expression", expected);
    }
    return new ExprError(t.from(), "unexpected token " + t.describe(), expected);
  }

  private void expect(Kind kind, String value) {
    if (current.is(kind, value)) {
      next();
      return;
    }
    throw unexpected(current, "'" + value + "'");
  }

  private Token expectIdentifier(String what) {
    Token t = current;
    if (!t.is(Kind.IDENTIFIER)) {
      throw unexpected(t, what);
    }
    next();
    return t;
  }

  private <T extends Node> T count(T node) {
    if (++nodes > MAX_NODES) {
      throw new ExprError(
          node.pos(),
          "compilation failed: expression exceeds maximum allowed nodes",
          "an expression of at most " + MAX_NODES + " nodes");
    }
    return node;
  }

  private void enter() {
    if (++depth > maxDepth) {
      throw new ExprError(
          current.from(),
          "expression is nested too deeply",
          "at most " + maxDepth + " levels of nesting");
    }
  }

  private void leave() {
    depth--;
  }

  private Node parseSequence() {
    enter();
    try {
      List<Node> list = new ArrayList<>();
      list.add(parseExpression(0));
      while (current.is(Kind.OPERATOR, ";")) {
        next();
        if (current.is(Kind.EOF)) {
          break;
        }
        list.add(parseExpression(0));
      }
      if (list.size() == 1) {
        return list.get(0);
      }
      return count(new Node.Sequence(list.get(0).pos(), List.copyOf(list)));
    } finally {
      leave();
    }
  }

  private Node parseExpression(int precedence) {
    enter();
    int saved = depth;
    try {
      return parseExpressionInner(precedence);
    } finally {
      depth = saved - 1;
    }
  }

  private Node parseExpressionInner(int precedence) {
    if (precedence == 0 && current.is(Kind.OPERATOR, "let")) {
      return parseLet();
    }
    if (precedence == 0 && current.is(Kind.OPERATOR, "if")) {
      return parseIf();
    }
    Node left = parsePrimary();
    String prevOperator = "";
    Token opToken = current;
    while (opToken.is(Kind.OPERATOR)) {
      boolean negate = opToken.is(Kind.OPERATOR, "not");
      Token notToken = null;
      if (negate) {
        int backup = index;
        next();
        if (isNegatable(current.value()) && current.is(Kind.OPERATOR)) {
          Op op = BINARY.get(current.value());
          if (op.precedence() >= precedence) {
            notToken = current;
            opToken = current;
          } else {
            index = backup;
            current = tokens.get(index);
            break;
          }
        } else {
          throw unexpected(current, "in, matches, contains, startsWith or endsWith after 'not'");
        }
      }
      Op op = BINARY.get(opToken.value());
      if (op == null || op.precedence() < precedence) {
        break;
      }
      next();
      if (opToken.value().equals("|")) {
        Token ident = expectIdentifier("a function name after '|'");
        left = parseCall(ident, left);
        enter();
      } else {
        if (prevOperator.equals("??") && !opToken.value().equals("??")) {
          throw new ExprError(
              opToken.from(),
              "Operator (" + opToken.value()
                  + ") and coalesce expressions (??) cannot be mixed. Wrap either by parentheses.",
              "parentheses around the ?? expression");
        }
        if (isComparison(opToken.value())) {
          left = parseComparison(left, opToken, op.precedence());
          enter();
        } else {
          Node right =
              op.rightAssoc() ? parseExpression(op.precedence()) : parseExpression(op.precedence() + 1);
          left = count(new Node.Binary(opToken.from(), opToken.value(), left, right));
          if (negate) {
            left = count(new Node.Unary(notToken.from(), "not", left));
          }
          enter();
        }
      }
      prevOperator = opToken.value();
      opToken = current;
    }
    if (precedence == 0) {
      left = parseConditional(left);
    }
    return left;
  }

  private static boolean isNegatable(String op) {
    switch (op) {
      case "contains":
      case "matches":
      case "startsWith":
      case "endsWith":
      case "in":
        return true;
      default:
        return false;
    }
  }

  private static boolean isComparison(String op) {
    return op.equals("<") || op.equals(">") || op.equals(">=") || op.equals("<=");
  }

  private Node parseComparison(Node left, Token token, int precedence) {
    Node root = null;
    while (true) {
      Node comparator = parseExpression(precedence + 1);
      Node cmp = count(new Node.Binary(token.from(), token.value(), left, comparator));
      root = root == null ? cmp : count(new Node.Binary(token.from(), "&&", root, cmp));
      enter();
      left = comparator;
      token = current;
      if (!(token.is(Kind.OPERATOR) && isComparison(token.value()))) {
        break;
      }
      next();
    }
    return root;
  }

  private Node parseLet() {
    expect(Kind.OPERATOR, "let");
    Token name = expectIdentifier("a variable name after 'let'");
    expect(Kind.OPERATOR, "=");
    Node value = parseExpression(0);
    expect(Kind.OPERATOR, ";");
    Node body = parseSequence();
    return count(new Node.Let(name.from(), name.value(), value, body));
  }

  private Node parseIf() {
    Token ifToken = current;
    next();
    Node cond = parseExpression(0);
    expect(Kind.BRACKET, "{");
    Node then = parseSequence();
    expect(Kind.BRACKET, "}");
    expect(Kind.OPERATOR, "else");
    Node otherwise;
    if (current.is(Kind.OPERATOR, "if")) {
      enter();
      try {
        otherwise = parseIf();
      } finally {
        leave();
      }
    } else {
      expect(Kind.BRACKET, "{");
      otherwise = parseSequence();
      expect(Kind.BRACKET, "}");
    }
    return count(new Node.Conditional(ifToken.from(), cond, then, otherwise));
  }

  private Node parseConditional(Node node) {
    while (current.is(Kind.OPERATOR, "?")) {
      next();
      Node then;
      Node otherwise;
      if (!current.is(Kind.OPERATOR, ":")) {
        then = parseExpression(0);
        expect(Kind.OPERATOR, ":");
        otherwise = parseExpression(0);
      } else {
        next();
        then = node;
        otherwise = parseExpression(0);
      }
      node = count(new Node.Conditional(node.pos(), node, then, otherwise));
      enter();
    }
    return node;
  }

  private Node parsePrimary() {
    Token token = current;
    if (token.is(Kind.OPERATOR)) {
      Integer prec = UNARY.get(token.value());
      if (prec != null) {
        next();
        Node operand = parseExpression(prec);
        Node node = count(new Node.Unary(token.from(), token.value(), operand));
        return parsePostfix(node);
      }
    }
    if (token.is(Kind.BRACKET, "(")) {
      next();
      Node inner = parseSequence();
      expect(Kind.BRACKET, ")");
      return parsePostfix(inner);
    }
    if (predicateDepth > 0) {
      if (token.is(Kind.OPERATOR, "#") || token.is(Kind.OPERATOR, ".")) {
        String name = "";
        if (token.is(Kind.OPERATOR, "#")) {
          next();
          if (current.is(Kind.IDENTIFIER)) {
            name = current.value();
            next();
          }
        }
        Node node = count(new Node.Pointer(token.from(), name));
        return parsePostfix(node);
      }
    }
    if (token.is(Kind.OPERATOR, "::")) {
      next();
      Token ident = expectIdentifier("a function name after '::'");
      return parsePostfix(parseCallArgs(ident, null, false));
    }
    return parseSecondary();
  }

  private Node parseSecondary() {
    Token token = current;
    Node node;
    switch (token.kind()) {
      case IDENTIFIER:
        next();
        switch (token.value()) {
          case "true":
            return count(new Node.Bool(token.from(), true));
          case "false":
            return count(new Node.Bool(token.from(), false));
          case "nil":
            return count(new Node.Nil(token.from()));
          default:
            if (current.is(Kind.BRACKET, "(")) {
              node = parseCallArgs(token, null, true);
            } else {
              node = count(new Node.Ident(token.from(), token.value()));
            }
        }
        break;
      case NUMBER:
        next();
        return count(parseNumber(token));
      case STRING:
        next();
        node = count(new Node.Str(token.from(), token.value()));
        break;
      case BYTES:
        next();
        node = count(new Node.Bytes(token.from(), token.value()));
        break;
      default:
        if (token.is(Kind.BRACKET, "[")) {
          node = parseArray(token);
        } else if (token.is(Kind.BRACKET, "{")) {
          node = parseMap(token);
        } else {
          throw unexpected(token, "an operand (a literal, a name, '(', '[' or '{')");
        }
    }
    return parsePostfix(node);
  }

  private Node parseNumber(Token token) {
    String value = token.value().replace("_", "");
    String lower = value.toLowerCase(java.util.Locale.ROOT);
    try {
      if (lower.startsWith("0x")) {
        return new Node.Int(token.from(), parseLong(value.substring(2), 16));
      }
      if (lower.contains(".") || lower.contains("e")) {
        double d = Double.parseDouble(value);
        if (Double.isInfinite(d)) {
          throw new NumberFormatException("value out of range");
        }
        return new Node.Float(token.from(), d);
      }
      if (lower.startsWith("0b")) {
        return new Node.Int(token.from(), parseLong(value.substring(2), 2));
      }
      if (lower.startsWith("0o")) {
        return new Node.Int(token.from(), parseLong(value.substring(2), 8));
      }
      return new Node.Int(token.from(), parseLong(value, 10));
    } catch (NumberFormatException e) {
      throw new ExprError(
          token.from(),
          "invalid number literal " + token.value() + ": " + e.getMessage(),
          "an integer between -9223372036854775808 and 9223372036854775807 or a finite float");
    }
  }

  private static long parseLong(String digits, int radix) {
    if (digits.isEmpty()) {
      throw new NumberFormatException("no digits");
    }
    return Long.parseLong(digits, radix);
  }

  /** Parses a call after its name; {@code piped} is the left side of a pipe, or null. */
  private Node parseCall(Token token, Node piped) {
    return parseCallArgs(token, piped, true);
  }

  private Node parseCallArgs(Token token, Node piped, boolean checkOverrides) {
    String name = token.value();
    boolean isOverridden = checkOverrides && overridden.contains(name);
    List<Node> args = new ArrayList<>();
    if (piped != null) {
      args.add(piped);
    }
    int[] spec = PREDICATES.get(name);
    if (spec != null && !isOverridden) {
      expect(Kind.BRACKET, "(");
      int offset = args.size();
      for (int i = offset; i < spec.length; i++) {
        int arg = spec[i];
        if ((arg & OPTIONAL) != 0) {
          if (current.is(Kind.BRACKET, ")")) {
            break;
          }
        } else if (current.is(Kind.BRACKET, ")")) {
          throw new ExprError(
              current.from(),
              "expected at least " + (spec.length - offset) + " arguments",
              "the arguments of " + name);
        }
        if (i > offset) {
          expect(Kind.OPERATOR, ",");
        }
        if ((arg & EXPR) != 0) {
          args.add(parseExpression(0));
        } else {
          args.add(parsePredicate());
        }
      }
      if (current.is(Kind.OPERATOR, ",")) {
        next();
      }
      expect(Kind.BRACKET, ")");
      return count(new Node.Builtin(token.from(), name, List.copyOf(args)));
    }
    if (BUILTIN_NAMES.contains(name) && !isOverridden) {
      parseArguments(args);
      return count(new Node.Builtin(token.from(), name, List.copyOf(args)));
    }
    Node callee = count(new Node.Ident(token.from(), name));
    parseArguments(args);
    return count(new Node.Call(token.from(), callee, name, List.copyOf(args)));
  }

  private void parseArguments(List<Node> args) {
    int offset = args.size();
    expect(Kind.BRACKET, "(");
    while (!current.is(Kind.BRACKET, ")")) {
      if (args.size() > offset) {
        expect(Kind.OPERATOR, ",");
      }
      if (current.is(Kind.BRACKET, ")")) {
        break;
      }
      args.add(parseExpression(0));
    }
    expect(Kind.BRACKET, ")");
  }

  private Node parsePredicate() {
    Token start = current;
    boolean brackets = false;
    if (current.is(Kind.BRACKET, "{")) {
      next();
      brackets = true;
    }
    predicateDepth++;
    Node body;
    if (brackets) {
      body = parseSequence();
    } else {
      body = parseExpression(0);
      if (current.is(Kind.OPERATOR, ";")) {
        throw new ExprError(
            current.from(), "wrap predicate with brackets { and }", "'{' ... '}' around it");
      }
    }
    predicateDepth--;
    if (brackets) {
      expect(Kind.BRACKET, "}");
    }
    return count(new Node.Predicate(start.from(), body));
  }

  private Node parseArray(Token token) {
    enter();
    try {
      List<Node> items = new ArrayList<>();
      expect(Kind.BRACKET, "[");
      while (!current.is(Kind.BRACKET, "]")) {
        if (!items.isEmpty()) {
          expect(Kind.OPERATOR, ",");
          if (current.is(Kind.BRACKET, "]")) {
            break;
          }
        }
        items.add(parseExpression(0));
      }
      expect(Kind.BRACKET, "]");
      return count(new Node.Array(token.from(), List.copyOf(items)));
    } finally {
      leave();
    }
  }

  private Node parseMap(Token token) {
    enter();
    try {
      expect(Kind.BRACKET, "{");
      List<Node.Pair> pairs = new ArrayList<>();
      while (!current.is(Kind.BRACKET, "}")) {
        if (!pairs.isEmpty()) {
          expect(Kind.OPERATOR, ",");
          if (current.is(Kind.BRACKET, "}")) {
            break;
          }
          if (current.is(Kind.OPERATOR, ",")) {
            throw unexpected(current, "a map key");
          }
        }
        Node key;
        if (current.is(Kind.NUMBER) || current.is(Kind.STRING) || current.is(Kind.IDENTIFIER)) {
          key = count(new Node.Str(current.from(), current.value()));
          next();
        } else if (current.is(Kind.BRACKET, "(")) {
          key = parseExpression(0);
        } else {
          throw new ExprError(
              current.from(),
              "a map key must be a quoted string, a number, a identifier, or an expression "
                  + "enclosed in parentheses (unexpected token " + current.describe() + ")",
              "a map key");
        }
        expect(Kind.OPERATOR, ":");
        Node value = parseExpression(0);
        pairs.add(count(new Node.Pair(key.pos(), key, value)));
      }
      expect(Kind.BRACKET, "}");
      return count(new Node.MapLit(token.from(), List.copyOf(pairs)));
    } finally {
      leave();
    }
  }

  private Node parsePostfix(Node node) {
    Token postfix = current;
    int chained = 0;
    try {
      while (postfix.is(Kind.OPERATOR) || postfix.is(Kind.BRACKET)) {
        boolean optional = postfix.value().equals("?.");
        String v = postfix.value();
        if (v.equals(".") || v.equals("?.")) {
          next();
          Token property = current;
          if (property.is(Kind.EOF)) {
            throw unexpected(property, "a member name after '.'");
          }
          if (optional && property.is(Kind.BRACKET, "[")) {
            node = parseIndex(node, property, true);
            postfix = current;
            continue;
          }
          next();
          if (property.kind() != Kind.IDENTIFIER
              && (property.kind() != Kind.OPERATOR || !Lexer.isValidIdentifier(property.value()))) {
            throw new ExprError(property.from(), "expected name", "a member name after '.'");
          }
          Node prop = count(new Node.Str(property.from(), property.value()));
          boolean isChain = node instanceof Node.Chain;
          if (isChain) {
            node = ((Node.Chain) node).node();
          }
          boolean method = current.is(Kind.BRACKET, "(");
          Node.Member member =
              count(new Node.Member(property.from(), node, prop, optional, method));
          if (method) {
            List<Node> args = new ArrayList<>();
            parseArguments(args);
            node = count(new Node.Call(property.from(), member, property.value(), List.copyOf(args)));
          } else {
            node = member;
          }
          if (isChain || optional) {
            node = count(new Node.Chain(property.from(), node));
          }
          enter();
          chained++;
        } else if (v.equals("[")) {
          node = parseIndex(node, postfix, false);
          enter();
          chained++;
        } else {
          break;
        }
        postfix = current;
      }
      return node;
    } finally {
      depth -= chained;
    }
  }

  private Node parseIndex(Node node, Token bracket, boolean optional) {
    next();
    if (current.is(Kind.OPERATOR, ":")) {
      next();
      Node to = null;
      if (!current.is(Kind.BRACKET, "]")) {
        to = parseExpression(0);
      }
      expect(Kind.BRACKET, "]");
      return count(new Node.Slice(bracket.from(), node, null, to));
    }
    Node from = parseExpression(0);
    if (current.is(Kind.OPERATOR, ":")) {
      next();
      Node to = null;
      if (!current.is(Kind.BRACKET, "]")) {
        to = parseExpression(0);
      }
      expect(Kind.BRACKET, "]");
      return count(new Node.Slice(bracket.from(), node, from, to));
    }
    Node result = count(new Node.Member(bracket.from(), node, from, optional, false));
    if (optional) {
      result = count(new Node.Chain(bracket.from(), result));
    }
    expect(Kind.BRACKET, "]");
    return result;
  }
}
