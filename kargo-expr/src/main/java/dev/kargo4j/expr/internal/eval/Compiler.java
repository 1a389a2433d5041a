package dev.kargo4j.expr.internal.eval;

import dev.kargo4j.expr.EvalLimits;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.parse.Node;
import dev.kargo4j.expr.internal.parse.Parser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a checked syntax tree into a tree of {@link Ev} nodes: names resolved to environment
 * lookups or frame slots, functions bound once, constant sub-expressions folded and literal
 * regular expressions compiled.
 */
public final class Compiler {
  /** A compiled expression: its root node and how many frame slots it needs. */
  public record Program(Ev root, int slots) {
    /** Evaluates the program in {@code f}. */
    public Object run(Frame f) {
      return root.eval(f);
    }
  }

  private final Map<String, ExprFunction> functions;
  private final Map<String, ExprFunction> builtins;
  private final EvalLimits limits;
  private final List<String> varNames = new ArrayList<>();
  private final List<Integer> varSlots = new ArrayList<>();
  private final List<Scope> scopes = new ArrayList<>();
  private int slots;

  private static final class Scope {
    final int itemSlot;
    int indexSlot = -1;
    int accSlot = -1;

    Scope(int itemSlot) {
      this.itemSlot = itemSlot;
    }
  }

  private Compiler(Map<String, ExprFunction> functions, Map<String, ExprFunction> builtins,
      EvalLimits limits) {
    this.functions = functions;
    this.builtins = builtins;
    this.limits = limits;
  }

  /**
   * Compiles a checked tree.
   *
   * @param node the tree
   * @param functions host functions by name (they take precedence over builtins)
   * @param builtins builtin functions by name
   * @param limits the limits constant folding runs under
   */
  public static Program compile(Node node, Map<String, ExprFunction> functions,
      Map<String, ExprFunction> builtins, EvalLimits limits) {
    Compiler c = new Compiler(functions, builtins, limits);
    Ev root = c.visit(node);
    return new Program(root, c.slots);
  }

  private Ev visit(Node node) {
    if (node instanceof Node.Nil n) {
      return new Nodes.Const(n.pos(), null);
    } else if (node instanceof Node.Bool n) {
      return new Nodes.Const(n.pos(), n.value());
    } else if (node instanceof Node.Int n) {
      return new Nodes.Const(n.pos(), n.value());
    } else if (node instanceof Node.Float n) {
      return new Nodes.Const(n.pos(), n.value());
    } else if (node instanceof Node.Str n) {
      return new Nodes.Const(n.pos(), n.value());
    } else if (node instanceof Node.Bytes n) {
      byte[] b = n.value().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      List<Object> list = new ArrayList<>(b.length);
      for (byte x : b) {
        list.add((long) (x & 0xFF));
      }
      return new Nodes.Const(n.pos(), Collections.unmodifiableList(list));
    } else if (node instanceof Node.Ident n) {
      return ident(n);
    } else if (node instanceof Node.Unary n) {
      return unary(n);
    } else if (node instanceof Node.Binary n) {
      return binary(n);
    } else if (node instanceof Node.Chain n) {
      Ev inner = visit(n.node());
      return inner.isConst() ? inner : new Nodes.Chain(n.pos(), inner);
    } else if (node instanceof Node.Member n) {
      return member(n);
    } else if (node instanceof Node.Slice n) {
      Ev base = visit(n.base());
      Ev from = n.from() == null ? null : visit(n.from());
      Ev to = n.to() == null ? null : visit(n.to());
      return fold(new Nodes.SliceOp(n.pos(), base, from, to), base, from, to);
    } else if (node instanceof Node.Call n) {
      return call(n);
    } else if (node instanceof Node.Builtin n) {
      return builtin(n);
    } else if (node instanceof Node.Predicate n) {
      return visit(n.body());
    } else if (node instanceof Node.Pointer n) {
      return pointer(n);
    } else if (node instanceof Node.Let n) {
      Ev value = visit(n.value());
      int slot = slots++;
      varNames.add(n.name());
      varSlots.add(slot);
      try {
        Ev body = visit(n.body());
        return new Nodes.Let(n.pos(), slot, value, body);
      } finally {
        varNames.remove(varNames.size() - 1);
        varSlots.remove(varSlots.size() - 1);
      }
    } else if (node instanceof Node.Sequence n) {
      Ev[] parts = new Ev[n.nodes().size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = visit(n.nodes().get(i));
      }
      return new Nodes.Seq(n.pos(), parts);
    } else if (node instanceof Node.Conditional n) {
      Ev cond = visit(n.cond());
      Ev then = visit(n.then());
      Ev otherwise = visit(n.otherwise());
      if (cond.isConst() && ((Nodes.Const) cond).value instanceof Boolean b) {
        return b ? then : otherwise;
      }
      return new Nodes.Cond(n.pos(), cond, then, otherwise);
    } else if (node instanceof Node.Array n) {
      Ev[] items = new Ev[n.items().size()];
      for (int i = 0; i < items.length; i++) {
        items[i] = visit(n.items().get(i));
      }
      return fold(new Nodes.ArrayLit(n.pos(), items), items);
    } else if (node instanceof Node.MapLit n) {
      Ev[] keys = new Ev[n.pairs().size()];
      Ev[] values = new Ev[keys.length];
      Ev[] all = new Ev[keys.length * 2];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = visit(n.pairs().get(i).key());
        values[i] = visit(n.pairs().get(i).value());
        all[2 * i] = keys[i];
        all[2 * i + 1] = values[i];
      }
      return fold(new Nodes.MapLit(n.pos(), keys, values), all);
    }
    throw new ExprError(node.pos(), "cannot compile " + node.getClass().getSimpleName(),
        "a valid expression");
  }

  private int variable(String name) {
    for (int i = varNames.size() - 1; i >= 0; i--) {
      if (varNames.get(i).equals(name)) {
        return varSlots.get(i);
      }
    }
    return -1;
  }

  private Ev ident(Node.Ident n) {
    int slot = variable(n.name());
    if (slot >= 0) {
      return new Nodes.Slot(n.pos(), slot);
    }
    if (n.name().equals("$env")) {
      return new Nodes.EnvSelf(n.pos());
    }
    return new Nodes.EnvVar(n.pos(), n.name());
  }

  private boolean isEnv(Node node) {
    return node instanceof Node.Ident id && id.name().equals("$env") && variable("$env") < 0;
  }

  private Ev unary(Node.Unary n) {
    Ev operand = visit(n.operand());
    switch (n.op()) {
      case "!":
      case "not":
        return fold(new Nodes.Not(n.pos(), operand), operand);
      case "-":
        return fold(new Nodes.Negate(n.pos(), operand), operand);
      default:
        return operand; // unary plus does nothing at run time
    }
  }

  private Ev binary(Node.Binary n) {
    Ev left = visit(n.left());
    int pos = n.pos();
    switch (n.op()) {
      case "and":
      case "&&": {
        Ev right = visit(n.right());
        if (left.isConst() && ((Nodes.Const) left).value instanceof Boolean b) {
          return b ? right : left;
        }
        return new Nodes.And(pos, left, right);
      }
      case "or":
      case "||": {
        Ev right = visit(n.right());
        if (left.isConst() && ((Nodes.Const) left).value instanceof Boolean b) {
          return b ? left : right;
        }
        return new Nodes.Or(pos, left, right);
      }
      case "??": {
        Ev right = visit(n.right());
        if (left.isConst()) {
          return ((Nodes.Const) left).value != null ? left : right;
        }
        return new Nodes.Coalesce(pos, left, right);
      }
      default:
        break;
    }
    Ev right = visit(n.right());
    Ev node;
    switch (n.op()) {
      case "==":
        node = new Nodes.Eq(pos, left, right, false);
        break;
      case "!=":
        node = new Nodes.Eq(pos, left, right, true);
        break;
      case "<":
        node = new Nodes.Compare(pos, 0, left, right);
        break;
      case ">":
        node = new Nodes.Compare(pos, 1, left, right);
        break;
      case "<=":
        node = new Nodes.Compare(pos, 2, left, right);
        break;
      case ">=":
        node = new Nodes.Compare(pos, 3, left, right);
        break;
      case "+":
        node = new Nodes.Arith(pos, Nodes.Arith.ADD, left, right);
        break;
      case "-":
        node = new Nodes.Arith(pos, Nodes.Arith.SUB, left, right);
        break;
      case "*":
        node = new Nodes.Arith(pos, Nodes.Arith.MUL, left, right);
        break;
      case "/":
        node = new Nodes.Arith(pos, Nodes.Arith.DIV, left, right);
        break;
      case "%":
        if (left.isConst() && right.isConst()
            && ((Nodes.Const) right).value instanceof Long d && d == 0
            && ((Nodes.Const) left).value instanceof Long) {
          throw new ExprError(pos, "integer divide by zero", "a non-zero divisor");
        }
        node = new Nodes.Arith(pos, Nodes.Arith.MOD, left, right);
        break;
      case "**":
      case "^":
        node = new Nodes.Arith(pos, Nodes.Arith.POW, left, right);
        break;
      case "in":
        if (right.isConst() && ((Nodes.Const) right).value instanceof List<?> list
            && !left.isConst()) {
          return new Nodes.InConstList(pos, left, list);
        }
        node = new Nodes.In(pos, left, right);
        break;
      case "matches":
        if (right.isConst() && ((Nodes.Const) right).value instanceof String re) {
          dev.kargo4j.expr.GoRegexp p;
          try {
            p = GoRegex.compile(re);
          } catch (ExprError e) {
            throw e.at(n.right().pos());
          }
          node = new Nodes.MatchesConst(pos, left, p);
          return fold(node, left);
        }
        node = new Nodes.Matches(pos, left, right);
        break;
      case "contains":
        node = new Nodes.StringOp(pos, Nodes.StringOp.CONTAINS, left, right);
        break;
      case "startsWith":
        node = new Nodes.StringOp(pos, Nodes.StringOp.STARTS, left, right);
        break;
      case "endsWith":
        node = new Nodes.StringOp(pos, Nodes.StringOp.ENDS, left, right);
        break;
      case "..":
        node = new Nodes.Range(pos, left, right);
        break;
      default:
        throw new ExprError(pos, "unknown operator (" + n.op() + ")", "a known operator");
    }
    return fold(node, left, right);
  }

  private Ev member(Node.Member n) {
    if (isEnv(n.base()) && n.property() instanceof Node.Str s) {
      return new Nodes.EnvVar(n.pos(), s.value());
    }
    Ev base = visit(n.base());
    if (n.property() instanceof Node.Str s && !(n.base() instanceof Node.Array)) {
      return fold(new Nodes.Field(n.pos(), base, s.value(), n.optional()), base);
    }
    Ev key = visit(n.property());
    if (isEnv(n.base()) && key.isConst() && ((Nodes.Const) key).value instanceof String s) {
      return new Nodes.EnvVar(n.pos(), s);
    }
    return fold(new Nodes.Index(n.pos(), base, key, n.optional()), base, key);
  }

  private Ev call(Node.Call n) {
    Ev[] args = new Ev[n.args().size()];
    if (n.callee() instanceof Node.Member m) {
      Ev base = visit(m.base());
      for (int i = 0; i < args.length; i++) {
        args[i] = visit(n.args().get(i));
      }
      return new Nodes.CallMethod(n.pos(), base, n.name(), args, m.optional());
    }
    for (int i = 0; i < args.length; i++) {
      args[i] = visit(n.args().get(i));
    }
    Node.Ident id = (Node.Ident) n.callee();
    int slot = variable(id.name());
    if (slot < 0) {
      ExprFunction fn = functions.get(id.name());
      if (fn != null) {
        return new Nodes.CallFn(n.pos(), id.name(), fn, args, false);
      }
    }
    return new Nodes.CallEnv(n.pos(), id.name(), ident(id), args);
  }

  private Ev builtin(Node.Builtin n) {
    if (Parser.isPredicate(n.name())) {
      return predicate(n);
    }
    ExprFunction fn = builtins.get(n.name());
    if (fn == null) {
      throw new ExprError(n.pos(), "builtin " + n.name() + " is not available",
          "a builtin function");
    }
    Ev[] args = new Ev[n.args().size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = visit(n.args().get(i));
    }
    Ev node = new Nodes.CallFn(n.pos(), n.name(), fn, args, true);
    if (n.name().equals("now")) {
      return node;
    }
    return fold(node, args);
  }

  private Ev predicate(Node.Builtin n) {
    Ev collection = visit(n.args().get(0));
    Scope scope = new Scope(slots++);
    boolean isReduce = n.name().equals("reduce");
    if (isReduce) {
      scope.accSlot = slots++;
    }
    Ev predicate = null;
    if (n.args().size() > 1) {
      scopes.add(scope);
      try {
        predicate = visit(n.args().get(1));
      } finally {
        scopes.remove(scopes.size() - 1);
      }
    }
    Ev extra = n.args().size() > 2 ? visit(n.args().get(2)) : null;
    return new Predicates.Loop(n.pos(), Predicates.kind(n.name()), n.name(), collection,
        predicate, extra, scope.itemSlot, scope.indexSlot, scope.accSlot);
  }

  private Ev pointer(Node.Pointer n) {
    if (scopes.isEmpty()) {
      throw new ExprError(n.pos(), "cannot use pointer accessor outside predicate",
          "a predicate");
    }
    Scope scope = scopes.get(scopes.size() - 1);
    switch (n.name()) {
      case "":
        return new Nodes.Slot(n.pos(), scope.itemSlot);
      case "index":
        if (scope.indexSlot < 0) {
          scope.indexSlot = slots++;
        }
        return new Nodes.Slot(n.pos(), scope.indexSlot);
      case "acc":
        if (scope.accSlot >= 0) {
          return new Nodes.Slot(n.pos(), scope.accSlot);
        }
        break;
      default:
        break;
    }
    throw new ExprError(n.pos(), "unknown pointer #" + n.name(), "#, #index or #acc");
  }

  /** Evaluates {@code node} now when all its inputs are constants and it does not fail. */
  private Ev fold(Ev node, Ev... inputs) {
    for (Ev in : inputs) {
      if (in != null && !in.isConst()) {
        return node;
      }
    }
    try {
      Frame f = new Frame(Map.of(), 0, limits);
      Object value = node.eval(f);
      if (value == Nodes.CHAIN_NIL) {
        return node;
      }
      return new Nodes.Const(node.pos, freeze(value));
    } catch (ExprError | ArithmeticException e) {
      return node; // fails at run time, when (and only if) it is reached
    }
  }

  /** Makes a folded constant immutable, since every evaluation shares it. */
  static Object freeze(Object v) {
    if (v instanceof Nodes.LongRange) {
      return v;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(freeze(o));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = m instanceof AnyKeyMap ? new AnyKeyMap() : new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.put(e.getKey(), freeze(e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    return v;
  }
}
