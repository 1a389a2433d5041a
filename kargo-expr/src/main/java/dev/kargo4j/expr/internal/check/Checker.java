package dev.kargo4j.expr.internal.check;

import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.check.SType.Kind;
import dev.kargo4j.expr.internal.parse.Node;
import dev.kargo4j.expr.internal.parse.Parser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * expr's compile-time type check for an expression compiled without a typed environment: only
 * literal types and builtin results are known; every name is {@code interface{}}. It rejects
 * what expr rejects at compile time (e.g. {@code "1" == 1}, {@code 1 && true}, {@code len()}).
 */
public final class Checker {
  private final Map<String, Integer> functions;
  private final Function<String, ?> regexCompiler;
  private final List<String> varNames = new ArrayList<>();
  private final List<SType> varTypes = new ArrayList<>();
  private final List<Scope> predicateScopes = new ArrayList<>();

  private record Scope(SType collection, boolean index, boolean acc) {}

  private Checker(
      Map<String, Integer> functions, Function<String, ?> regexCompiler) {
    this.functions = functions;
    this.regexCompiler = regexCompiler;
  }

  /**
   * Checks {@code node}.
   *
   * @param node the parsed expression
   * @param functions registered host functions by name, with their arity or -1 when unknown
   * @param regexCompiler compiles a literal regex, throwing {@link ExprError} when invalid
   * @return the static type of the expression
   * @throws ExprError on the first type error
   */
  public static SType check(
      Node node,
      Map<String, Integer> functions,
      Function<String, ?> regexCompiler) {
    return new Checker(functions, regexCompiler).visit(node);
  }

  private static ExprError error(Node node, String reason, String expected) {
    return new ExprError(node.pos(), reason, expected);
  }

  private SType visit(Node node) {
    if (node instanceof Node.Nil) {
      return SType.NIL;
    } else if (node instanceof Node.Bool) {
      return SType.BOOL;
    } else if (node instanceof Node.Int) {
      return SType.INT;
    } else if (node instanceof Node.Float) {
      return SType.FLOAT;
    } else if (node instanceof Node.Str) {
      return SType.STRING;
    } else if (node instanceof Node.Bytes) {
      return SType.BYTES;
    } else if (node instanceof Node.Ident n) {
      return ident(n);
    } else if (node instanceof Node.Unary n) {
      return unary(n);
    } else if (node instanceof Node.Binary n) {
      return binary(n);
    } else if (node instanceof Node.Chain n) {
      return visit(n.node());
    } else if (node instanceof Node.Member n) {
      return member(n);
    } else if (node instanceof Node.Slice n) {
      return slice(n);
    } else if (node instanceof Node.Call n) {
      return call(n);
    } else if (node instanceof Node.Builtin n) {
      return builtin(n);
    } else if (node instanceof Node.Predicate n) {
      return predicate(n);
    } else if (node instanceof Node.Pointer n) {
      return pointer(n);
    } else if (node instanceof Node.Let n) {
      return let(n);
    } else if (node instanceof Node.Sequence n) {
      SType last = SType.UNKNOWN;
      for (Node c : n.nodes()) {
        last = visit(c);
      }
      return last;
    } else if (node instanceof Node.Conditional n) {
      return conditional(n);
    } else if (node instanceof Node.Array n) {
      return array(n);
    } else if (node instanceof Node.MapLit n) {
      for (Node.Pair p : n.pairs()) {
        visit(p.key());
        visit(p.value());
      }
      return SType.MAP;
    } else if (node instanceof Node.Pair n) {
      visit(n.key());
      visit(n.value());
      return SType.NIL;
    }
    throw error(node, "unknown node", "a valid expression");
  }

  private SType ident(Node.Ident n) {
    for (int i = varNames.size() - 1; i >= 0; i--) {
      if (varNames.get(i).equals(n.name())) {
        return varTypes.get(i);
      }
    }
    return SType.UNKNOWN;
  }

  private SType unary(Node.Unary n) {
    SType t = visit(n.operand());
    switch (n.op()) {
      case "!":
      case "not":
        if (t.is(Kind.BOOL) || t.isUnknown()) {
          return SType.BOOL;
        }
        break;
      default:
        if (t.isNumber()) {
          return t;
        }
        if (t.isUnknown()) {
          return SType.UNKNOWN;
        }
    }
    throw error(n, "invalid operation: " + n.op() + " (mismatched type " + t + ")",
        n.op().equals("-") || n.op().equals("+") ? "a number" : "a bool");
  }

  private static boolean comparable(SType l, SType r) {
    return l.isUnknown() || r.isUnknown() || l.isNil() || r.isNil()
        || (l.isNumber() && r.isNumber())
        || (l.is(Kind.ARRAY) && r.is(Kind.ARRAY))
        || BuiltinSignatures.assignable(l, r);
  }

  /** expr's MaybeCompatible: both unknown, or one unknown and the other of the given kinds. */
  private static boolean maybe(SType l, SType r, Kind... kinds) {
    if (l.isUnknown() && r.isUnknown()) {
      return true;
    }
    if (l.isUnknown()) {
      return anyOf(r, kinds);
    }
    if (r.isUnknown()) {
      return anyOf(l, kinds);
    }
    return false;
  }

  private static boolean anyOf(SType t, Kind... kinds) {
    for (Kind k : kinds) {
      if (t.kind == k || (k == Kind.FLOAT && t.kind == Kind.INT)) {
        return true;
      }
    }
    return false;
  }

  private static SType promote(SType l, SType r) {
    if (l.isUnknown() || r.isUnknown()) {
      return SType.UNKNOWN;
    }
    return l.is(Kind.FLOAT) || r.is(Kind.FLOAT) ? SType.FLOAT : SType.INT;
  }

  // Kind.FLOAT in maybe() stands for "a number" (NumberCheck); Kind.INT for IntegerCheck.
  private SType binary(Node.Binary n) {
    SType l = visit(n.left());
    SType r = visit(n.right());
    String expected;
    switch (n.op()) {
      case "==":
      case "!=":
        if (comparable(l, r)) {
          return SType.BOOL;
        }
        expected = "operands of comparable types";
        break;
      case "or":
      case "||":
      case "and":
      case "&&":
        if (l.is(Kind.BOOL) && r.is(Kind.BOOL) || maybe(l, r, Kind.BOOL)) {
          return SType.BOOL;
        }
        expected = "bool operands";
        break;
      case "<":
      case ">":
      case ">=":
      case "<=":
        if (l.isNumber() && r.isNumber()
            || l.is(Kind.STRING) && r.is(Kind.STRING)
            || l.is(Kind.TIME) && r.is(Kind.TIME)
            || l.is(Kind.DURATION) && r.is(Kind.DURATION)
            || maybe(l, r, Kind.FLOAT, Kind.STRING, Kind.TIME, Kind.DURATION)) {
          return SType.BOOL;
        }
        expected = "two numbers, two strings, two times or two durations";
        break;
      case "-":
        if (l.isNumber() && r.isNumber()) {
          return promote(l, r);
        }
        if (l.is(Kind.TIME) && r.is(Kind.TIME)) {
          return SType.DURATION;
        }
        if (l.is(Kind.TIME) && r.is(Kind.DURATION)) {
          return SType.TIME;
        }
        if (l.is(Kind.DURATION) && r.is(Kind.DURATION)) {
          return SType.DURATION;
        }
        if (maybe(l, r, Kind.FLOAT, Kind.TIME, Kind.DURATION)) {
          return SType.UNKNOWN;
        }
        expected = "numbers, times or durations";
        break;
      case "*":
        if (l.isNumber() && r.isNumber()) {
          return promote(l, r);
        }
        if (l.isNumber() && r.is(Kind.DURATION) || l.is(Kind.DURATION) && r.isNumber()
            || l.is(Kind.DURATION) && r.is(Kind.DURATION)) {
          return SType.DURATION;
        }
        if (maybe(l, r, Kind.FLOAT, Kind.DURATION)) {
          return SType.UNKNOWN;
        }
        expected = "numbers or durations";
        break;
      case "/":
      case "**":
      case "^":
        if (l.isNumber() && r.isNumber() || maybe(l, r, Kind.FLOAT)) {
          return SType.FLOAT;
        }
        expected = "numbers";
        break;
      case "%":
        if (l.isInteger() && r.isInteger() || maybe(l, r, Kind.INT)) {
          return SType.INT;
        }
        expected = "integers";
        break;
      case "+":
        if (l.isNumber() && r.isNumber()) {
          return promote(l, r);
        }
        if (l.is(Kind.STRING) && r.is(Kind.STRING)) {
          return SType.STRING;
        }
        if (l.is(Kind.TIME) && r.is(Kind.DURATION) || l.is(Kind.DURATION) && r.is(Kind.TIME)) {
          return SType.TIME;
        }
        if (l.is(Kind.DURATION) && r.is(Kind.DURATION)) {
          return SType.DURATION;
        }
        if (maybe(l, r, Kind.FLOAT, Kind.STRING, Kind.TIME, Kind.DURATION)) {
          return SType.UNKNOWN;
        }
        expected = "two numbers, two strings, or a time and a duration";
        break;
      case "in":
        if (r.is(Kind.MAP)) {
          if (!l.isUnknown() && !r.anyKeys && !l.is(Kind.STRING)) {
            throw error(n, "cannot use " + BuiltinSignatures.name(l)
                + " as type string in map key", "a string key");
          }
          return SType.BOOL;
        }
        if (r.is(Kind.ARRAY)) {
          if (!comparable(l, r.elem)) {
            throw error(n, "cannot use " + l + " as type " + r.elem + " in array",
                "a value comparable to the array's elements");
          }
          return SType.BOOL;
        }
        if (l.isUnknown() && (r.is(Kind.STRING))) {
          return SType.BOOL;
        }
        if (r.isUnknown()) {
          return SType.BOOL;
        }
        expected = "an array or a map on the right (use contains for substrings)";
        break;
      case "matches":
        if (n.right() instanceof Node.Str s) {
          try {
            regexCompiler.apply(s.value());
          } catch (ExprError e) {
            throw new ExprError(n.right().pos(), e.getMessage(), e.expected());
          }
        }
        if ((l.is(Kind.STRING) || l.is(Kind.BYTES)) && r.is(Kind.STRING)
            || maybe(l, r, Kind.STRING)) {
          return SType.BOOL;
        }
        expected = "a string and a regular expression string";
        break;
      case "contains":
      case "startsWith":
      case "endsWith":
        if (l.is(Kind.STRING) && r.is(Kind.STRING) || maybe(l, r, Kind.STRING)) {
          return SType.BOOL;
        }
        expected = "two strings";
        break;
      case "..":
        if (l.isInteger() && r.isInteger() || maybe(l, r, Kind.INT)) {
          return SType.arrayOf(SType.INT);
        }
        expected = "two integers";
        break;
      case "??":
        if (l.isNil() && !r.isNil()) {
          return r;
        }
        if (!l.isNil() && r.isNil()) {
          return l;
        }
        if (l.isNil()) {
          return SType.NIL;
        }
        if (BuiltinSignatures.assignable(r, l)) {
          return l;
        }
        return SType.UNKNOWN;
      default:
        throw error(n, "unknown operator (" + n.op() + ")", "a known operator");
    }
    throw error(n, "invalid operation: " + n.op() + " (mismatched types "
        + BuiltinSignatures.name(l) + " and " + BuiltinSignatures.name(r) + ")", expected);
  }

  private SType member(Node.Member n) {
    if (n.base() instanceof Node.Ident id && id.name().equals("$env") && !isVariable("$env")) {
      visit(n.property());
      return SType.UNKNOWN;
    }
    SType base = visit(n.base());
    SType prop = visit(n.property());
    if (base.isUnknown()) {
      return SType.UNKNOWN;
    }
    String name = n.property() instanceof Node.Str s ? s.value() : null;
    if (name != null && base.isNil()) {
      throw error(n, "type nil has no field " + name, "a map, an array or an object before '.'");
    }
    switch (base.kind) {
      case TIME:
      case DURATION:
      case LOCATION:
        if (name != null) {
          return SType.UNKNOWN; // methods of time.Time and time.Duration
        }
        break;
      case MAP:
        if (!base.anyKeys && !prop.isUnknown() && !prop.is(Kind.STRING)) {
          throw error(n.property(), "cannot use " + BuiltinSignatures.name(prop)
              + " to get an element from " + base, "a string key");
        }
        return base.elem;
      case ARRAY:
      case BYTES:
        if (!prop.isInteger() && !prop.isUnknown()) {
          throw error(n.property(), "array elements can only be selected using an integer (got "
              + BuiltinSignatures.name(prop) + ")", "an integer index");
        }
        return base.is(Kind.BYTES) ? SType.INT : base.elem;
      default:
        break;
    }
    if (name != null) {
      if (n.method()) {
        throw error(n, "type " + base + " has no method " + name, "a value with that method");
      }
      throw error(n, "type " + base + " has no field " + name, "a map or an object");
    }
    throw error(n, "type " + base + "[" + BuiltinSignatures.name(prop) + "] is undefined",
        "a map or an array to index");
  }

  private boolean isVariable(String name) {
    return varNames.contains(name);
  }

  private SType slice(Node.Slice n) {
    SType t = visit(n.base());
    if (t.isUnknown()) {
      if (n.from() != null) {
        visit(n.from());
      }
      if (n.to() != null) {
        visit(n.to());
      }
      return SType.UNKNOWN;
    }
    if (!t.is(Kind.STRING) && !t.is(Kind.ARRAY) && !t.is(Kind.BYTES)) {
      throw error(n, "cannot slice " + BuiltinSignatures.name(t), "a string or an array");
    }
    for (Node bound : new Node[] {n.from(), n.to()}) {
      if (bound != null) {
        SType b = visit(bound);
        if (!b.isInteger() && !b.isUnknown()) {
          throw error(bound, "non-integer slice index " + BuiltinSignatures.name(b),
              "an integer index");
        }
      }
    }
    return t;
  }

  private SType call(Node.Call n) {
    if (n.callee() instanceof Node.Ident id) {
      if (id.name().equals("$env") && !isVariable("$env")) {
        throw error(n, "$env is not callable", "a function");
      }
      Integer arity = isVariable(id.name()) ? null : functions.get(id.name());
      List<SType> args = visitAll(n.args());
      if (arity != null && arity >= 0) {
        if (args.size() > arity) {
          throw error(n, "too many arguments to call " + id.name(), arity + " arguments");
        }
        if (args.size() < arity) {
          throw error(n, "not enough arguments to call " + id.name(), arity + " arguments");
        }
      }
      if (arity == null) {
        SType callee = ident(id);
        if (callee.isNil()) {
          throw error(n, id.name() + " is nil; cannot call nil as function", "a function");
        }
      }
      return SType.UNKNOWN;
    }
    visit(n.callee());
    visitAll(n.args());
    return SType.UNKNOWN;
  }

  private List<SType> visitAll(List<Node> nodes) {
    List<SType> out = new ArrayList<>(nodes.size());
    for (Node a : nodes) {
      out.add(visit(a));
    }
    return out;
  }

  private SType builtin(Node.Builtin n) {
    if (Parser.isPredicate(n.name())) {
      return predicateBuiltin(n);
    }
    if (n.name().equals("get")) {
      return get(n);
    }
    BuiltinSignatures.Check check = BuiltinSignatures.of(n.name());
    List<SType> args = visitAll(n.args());
    if (check == null) {
      throw error(n, "unknown builtin " + n.name(), "a builtin function");
    }
    return check.check(n.name(), args, n.pos());
  }

  private SType get(Node.Builtin n) {
    if (n.args().size() != 2) {
      throw BuiltinSignatures.count(n.pos(), 2, n.args().size());
    }
    SType base = visit(n.args().get(0));
    SType prop = visit(n.args().get(1));
    if (n.args().get(0) instanceof Node.Ident id && id.name().equals("$env")) {
      return SType.UNKNOWN;
    }
    if (base.isUnknown()) {
      return SType.UNKNOWN;
    }
    if (base.is(Kind.ARRAY)) {
      if (!prop.isInteger() && !prop.isUnknown()) {
        throw error(n.args().get(1), "non-integer slice index " + BuiltinSignatures.name(prop),
            "an integer index");
      }
      return base.elem;
    }
    if (base.is(Kind.MAP)) {
      if (!base.anyKeys && !prop.is(Kind.STRING) && !prop.isUnknown()) {
        throw error(n.args().get(1), "cannot use " + BuiltinSignatures.name(prop)
            + " to get an element from " + base, "a string key");
      }
      return base.elem;
    }
    throw error(n.args().get(0), "type " + BuiltinSignatures.name(base)
        + " does not support indexing", "an array or a map");
  }

  private SType predicateBuiltin(Node.Builtin n) {
    String name = n.name();
    SType collection = visit(n.args().get(0));
    if (!collection.is(Kind.ARRAY) && !collection.isUnknown()) {
      throw error(n.args().get(0), "builtin " + name + " takes only array (got "
          + BuiltinSignatures.name(collection) + ")", "an array");
    }
    if (n.args().size() == 1) { // count(xs), sum(xs)
      if (name.equals("count")) {
        return SType.INT;
      }
      return collection.isUnknown() ? SType.UNKNOWN : collection.elem;
    }
    boolean index = name.equals("map") || name.equals("reduce");
    predicateScopes.add(new Scope(collection, index, name.equals("reduce")));
    SType predicate;
    try {
      predicate = visit(n.args().get(1));
    } finally {
      predicateScopes.remove(predicateScopes.size() - 1);
    }
    SType out = predicate.elem;
    if (out == null || out.isNil()) {
      throw error(n.args().get(1), "predicate should has one input and one output param",
          "a predicate that returns a value");
    }
    switch (name) {
      case "all":
      case "none":
      case "any":
      case "one":
      case "filter":
      case "count":
      case "find":
      case "findLast":
      case "findIndex":
      case "findLastIndex":
        if (!out.is(Kind.BOOL) && !out.isUnknown()) {
          throw error(n.args().get(1), "predicate should return boolean (got " + out + ")",
              "a predicate returning bool");
        }
        break;
      default:
        break;
    }
    if (name.equals("sortBy") && n.args().size() == 3) {
      SType order = visit(n.args().get(2));
      if (!order.is(Kind.STRING) && !order.isUnknown()) {
        throw error(n.args().get(2), "sortBy order argument must be a string (got "
            + BuiltinSignatures.name(order) + ")", "\"asc\" or \"desc\"");
      }
    }
    if (name.equals("reduce") && n.args().size() == 3) {
      visit(n.args().get(2));
    }
    switch (name) {
      case "all":
      case "none":
      case "any":
      case "one":
        return SType.BOOL;
      case "filter":
        return collection.isUnknown() ? SType.ARRAY : SType.arrayOf(collection.elem);
      case "map":
        return SType.arrayOf(out);
      case "count":
      case "findIndex":
      case "findLastIndex":
        return SType.INT;
      case "find":
      case "findLast":
        return collection.isUnknown() ? SType.UNKNOWN : collection.elem;
      case "groupBy":
        return SType.ANY_KEY_MAP;
      case "sortBy":
        return collection;
      default: // sum, reduce
        return out;
    }
  }

  private SType predicate(Node.Predicate n) {
    SType body = visit(n.body());
    return SType.predicate(body);
  }

  private SType pointer(Node.Pointer n) {
    if (predicateScopes.isEmpty()) {
      throw error(n, "cannot use pointer accessor outside predicate", "a predicate");
    }
    Scope scope = predicateScopes.get(predicateScopes.size() - 1);
    if (n.name().isEmpty()) {
      return scope.collection().isUnknown() ? SType.UNKNOWN : scope.collection().elem;
    }
    if (n.name().equals("index") && scope.index()) {
      return SType.INT;
    }
    if (n.name().equals("acc") && scope.acc()) {
      return SType.UNKNOWN;
    }
    throw error(n, "unknown pointer #" + n.name(),
        "#, or #index in map and reduce, or #acc in reduce");
  }

  private SType let(Node.Let n) {
    if (functions.containsKey(n.name())) {
      throw error(n, "cannot redeclare function " + n.name(), "a new variable name");
    }
    if (Parser.BUILTIN_NAMES.contains(n.name())) {
      throw error(n, "cannot redeclare builtin " + n.name(), "a new variable name");
    }
    if (isVariable(n.name())) {
      throw error(n, "cannot redeclare variable " + n.name(), "a new variable name");
    }
    SType value = visit(n.value());
    varNames.add(n.name());
    varTypes.add(value);
    try {
      return visit(n.body());
    } finally {
      varNames.remove(varNames.size() - 1);
      varTypes.remove(varTypes.size() - 1);
    }
  }

  private SType conditional(Node.Conditional n) {
    SType c = visit(n.cond());
    if (!c.is(Kind.BOOL) && !c.isUnknown()) {
      throw error(n.cond(), "non-bool expression (type " + BuiltinSignatures.name(c)
          + ") used as condition", "a bool condition");
    }
    SType t1 = visit(n.then());
    SType t2 = visit(n.otherwise());
    if (t1.isNil() && !t2.isNil()) {
      return t2;
    }
    if (!t1.isNil() && t2.isNil()) {
      return t1;
    }
    if (t1.isNil()) {
      return SType.NIL;
    }
    if (t1.kind == t2.kind && !t1.isUnknown()) {
      if (t1.is(Kind.ARRAY) && t1.elem.kind != t2.elem.kind) {
        return SType.ARRAY;
      }
      return t1;
    }
    return SType.UNKNOWN;
  }

  private SType array(Node.Array n) {
    SType prev = SType.UNKNOWN;
    boolean same = true;
    for (int i = 0; i < n.items().size(); i++) {
      SType cur = visit(n.items().get(i));
      if (i > 0 && cur.kind != prev.kind) {
        same = false;
      }
      prev = cur;
    }
    return same ? SType.arrayOf(prev) : SType.ARRAY;
  }
}
