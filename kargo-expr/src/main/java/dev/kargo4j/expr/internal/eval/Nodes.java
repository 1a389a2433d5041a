package dev.kargo4j.expr.internal.eval;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import dev.kargo4j.expr.ExpressionException;
import dev.kargo4j.expr.GoRegexp;
import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.TextBudget;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/** The compiled node types. Each is immutable; per-evaluation state lives in the frame. */
final class Nodes {
  private Nodes() {}

  /** Marks a nil met at {@code ?.}: it ends the optional chain with nil. */
  static final Object CHAIN_NIL = new Object();

  static final class Const extends Ev {
    final Object value;

    Const(int pos, Object value) {
      super(pos);
      this.value = value;
    }

    @Override
    public Object eval(Frame f) {
      return value;
    }

    @Override
    boolean isConst() {
      return true;
    }
  }

  static final class EnvVar extends Ev {
    final String name;

    EnvVar(int pos, String name) {
      super(pos);
      this.name = name;
    }

    @Override
    public Object eval(Frame f) {
      return Values.norm(f.env.get(name));
    }
  }

  static final class EnvSelf extends Ev {
    EnvSelf(int pos) {
      super(pos);
    }

    @Override
    public Object eval(Frame f) {
      return f.env;
    }
  }

  static final class Slot extends Ev {
    final int slot;

    Slot(int pos, int slot) {
      super(pos);
      this.slot = slot;
    }

    @Override
    public Object eval(Frame f) {
      return f.slots[slot];
    }
  }

  static final class Let extends Ev {
    final int slot;
    final Ev value;
    final Ev body;

    Let(int pos, int slot, Ev value, Ev body) {
      super(pos);
      this.slot = slot;
      this.value = value;
      this.body = body;
    }

    @Override
    public Object eval(Frame f) {
      f.slots[slot] = value.eval(f);
      return body.eval(f);
    }
  }

  static final class Seq extends Ev {
    final Ev[] nodes;

    Seq(int pos, Ev[] nodes) {
      super(pos);
      this.nodes = nodes;
    }

    @Override
    public Object eval(Frame f) {
      Object last = null;
      for (Ev n : nodes) {
        last = n.eval(f);
      }
      return last;
    }
  }

  // ---- logic -------------------------------------------------------------------------------

  static final class Not extends Ev {
    final Ev operand;

    Not(int pos, Ev operand) {
      super(pos);
      this.operand = operand;
    }

    @Override
    public Object eval(Frame f) {
      return !operand.test(f);
    }

    @Override
    boolean test(Frame f) {
      return !operand.test(f);
    }
  }

  static final class And extends Ev {
    final Ev left;
    final Ev right;

    And(int pos, Ev left, Ev right) {
      super(pos);
      this.left = left;
      this.right = right;
    }

    @Override
    public Object eval(Frame f) {
      if (!Ops.truth(pos, left.eval(f), "operand of &&")) {
        return Boolean.FALSE;
      }
      return right.eval(f);
    }

    @Override
    boolean test(Frame f) {
      return Ops.truth(pos, left.eval(f), "operand of &&") && right.test(f);
    }
  }

  static final class Or extends Ev {
    final Ev left;
    final Ev right;

    Or(int pos, Ev left, Ev right) {
      super(pos);
      this.left = left;
      this.right = right;
    }

    @Override
    public Object eval(Frame f) {
      if (Ops.truth(pos, left.eval(f), "operand of ||")) {
        return Boolean.TRUE;
      }
      return right.eval(f);
    }

    @Override
    boolean test(Frame f) {
      return Ops.truth(pos, left.eval(f), "operand of ||") || right.test(f);
    }
  }

  static final class Cond extends Ev {
    final Ev cond;
    final Ev then;
    final Ev otherwise;

    Cond(int pos, Ev cond, Ev then, Ev otherwise) {
      super(pos);
      this.cond = cond;
      this.then = then;
      this.otherwise = otherwise;
    }

    @Override
    public Object eval(Frame f) {
      return Ops.truth(pos, cond.eval(f), "condition") ? then.eval(f) : otherwise.eval(f);
    }
  }

  static final class Coalesce extends Ev {
    final Ev left;
    final Ev right;

    Coalesce(int pos, Ev left, Ev right) {
      super(pos);
      this.left = left;
      this.right = right;
    }

    @Override
    public Object eval(Frame f) {
      Object v = left.eval(f);
      return v != null ? v : right.eval(f);
    }
  }

  // ---- comparison and arithmetic -----------------------------------------------------------

  static final class Eq extends Ev {
    final Ev left;
    final Ev right;
    final boolean negate;

    Eq(int pos, Ev left, Ev right, boolean negate) {
      super(pos);
      this.left = left;
      this.right = right;
      this.negate = negate;
    }

    @Override
    public Object eval(Frame f) {
      return test(f);
    }

    @Override
    boolean test(Frame f) {
      return Ops.equal(left.eval(f), right.eval(f)) != negate;
    }
  }

  static final class Compare extends Ev {
    final int op;
    final Ev left;
    final Ev right;

    Compare(int pos, int op, Ev left, Ev right) {
      super(pos);
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    public Object eval(Frame f) {
      return test(f);
    }

    @Override
    boolean test(Frame f) {
      Object a = left.eval(f);
      Object b = right.eval(f);
      if (a instanceof Long x && b instanceof Long y) {
        long l = x;
        long r = y;
        switch (op) {
          case 0:
            return l < r;
          case 1:
            return l > r;
          case 2:
            return l <= r;
          default:
            return l >= r;
        }
      }
      return Ops.compare(pos, op, a, b);
    }
  }

  static final class Arith extends Ev {
    static final int ADD = 0;
    static final int SUB = 1;
    static final int MUL = 2;
    static final int DIV = 3;
    static final int MOD = 4;
    static final int POW = 5;

    final int op;
    final Ev left;
    final Ev right;

    Arith(int pos, int op, Ev left, Ev right) {
      super(pos);
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    public Object eval(Frame f) {
      Object a = left.eval(f);
      Object b = right.eval(f);
      switch (op) {
        case ADD:
          if (a instanceof Long x && b instanceof Long y) {
            return x + y;
          }
          return Ops.add(pos, f, a, b);
        case SUB:
          if (a instanceof Long x && b instanceof Long y) {
            return x - y;
          }
          return Ops.sub(pos, a, b);
        case MUL:
          if (a instanceof Long x && b instanceof Long y) {
            return x * y;
          }
          return Ops.mul(pos, a, b);
        case DIV:
          return Ops.div(pos, a, b);
        case MOD:
          return Ops.mod(pos, a, b);
        default:
          return Ops.pow(pos, a, b);
      }
    }
  }

  static final class Negate extends Ev {
    final Ev operand;

    Negate(int pos, Ev operand) {
      super(pos);
      this.operand = operand;
    }

    @Override
    public Object eval(Frame f) {
      return Ops.negate(pos, operand.eval(f));
    }
  }

  static final class Range extends Ev {
    final Ev left;
    final Ev right;

    Range(int pos, Ev left, Ev right) {
      super(pos);
      this.left = left;
      this.right = right;
    }

    @Override
    public Object eval(Frame f) {
      long min = Ops.toInt(pos, left.eval(f));
      long max = Ops.toInt(pos, right.eval(f));
      return range(pos, f, min, max);
    }

    static List<Object> range(int pos, Frame f, long min, long max) {
      if (max < min) {
        return new LongRange(0, 0);
      }
      long size;
      try {
        size = Math.addExact(Math.subtractExact(max, min), 1);
      } catch (ArithmeticException e) {
        size = Long.MAX_VALUE;
      }
      if (size > f.maxRange) {
        throw new ExprError(pos, "range of " + (size == Long.MAX_VALUE ? "more than 2^63" : size)
            + " elements exceeds the limit of " + f.maxRange,
            "a range of at most " + f.maxRange + " elements");
      }
      f.allocate(pos, size);
      return new LongRange(min, (int) size);
    }
  }

  /** The integers {@code start .. start+size-1}, without materialising them. Immutable. */
  static final class LongRange extends AbstractList<Object> implements RandomAccess {
    private final long start;
    private final int size;

    LongRange(long start, int size) {
      this.start = start;
      this.size = size;
    }

    @Override
    public Object get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index);
      }
      return start + index;
    }

    @Override
    public int size() {
      return size;
    }
  }

  // ---- strings -----------------------------------------------------------------------------

  static final class StringOp extends Ev {
    static final int CONTAINS = 0;
    static final int STARTS = 1;
    static final int ENDS = 2;

    final int op;
    final Ev left;
    final Ev right;

    StringOp(int pos, int op, Ev left, Ev right) {
      super(pos);
      this.op = op;
      this.left = left;
      this.right = right;
    }

    @Override
    public Object eval(Frame f) {
      return test(f);
    }

    @Override
    boolean test(Frame f) {
      Object a = left.eval(f);
      Object b = right.eval(f);
      if (a == null || b == null) {
        return false;
      }
      String s = Ops.string(pos, a, "on the left");
      String t = Ops.string(pos, b, "on the right");
      switch (op) {
        case CONTAINS:
          return s.contains(t);
        case STARTS:
          return s.startsWith(t);
        default:
          return s.endsWith(t);
      }
    }
  }

  static final class Matches extends Ev {
    final Ev left;
    final Ev right;

    Matches(int pos, Ev left, Ev right) {
      super(pos);
      this.left = left;
      this.right = right;
    }

    @Override
    public Object eval(Frame f) {
      return test(f);
    }

    @Override
    boolean test(Frame f) {
      Object a = left.eval(f);
      Object b = right.eval(f);
      if (a == null || b == null) {
        return false;
      }
      String re = Ops.string(pos, b, "regular expression");
      GoRegexp p;
      try {
        p = GoRegex.compile(re);
      } catch (ExprError e) {
        throw e.at(pos);
      }
      return GoRegex.find(p, Ops.string(pos, a, "to match"), f, pos);
    }
  }

  static final class MatchesConst extends Ev {
    final Ev left;
    final GoRegexp pattern;

    MatchesConst(int pos, Ev left, GoRegexp pattern) {
      super(pos);
      this.left = left;
      this.pattern = pattern;
    }

    @Override
    public Object eval(Frame f) {
      return test(f);
    }

    @Override
    boolean test(Frame f) {
      Object a = left.eval(f);
      if (a == null) {
        return false;
      }
      return GoRegex.find(pattern, Ops.string(pos, a, "to match"), f, pos);
    }
  }

  // ---- membership --------------------------------------------------------------------------

  static final class In extends Ev {
    final Ev left;
    final Ev right;

    In(int pos, Ev left, Ev right) {
      super(pos);
      this.left = left;
      this.right = right;
    }

    @Override
    public Object eval(Frame f) {
      return test(f);
    }

    @Override
    boolean test(Frame f) {
      Object needle = left.eval(f);
      return Ops.in(pos, needle, right.eval(f));
    }
  }

  /** {@code x in [constants...]} with a hash set for the string or integer elements. */
  static final class InConstList extends Ev {
    final Ev left;
    final List<?> list;
    final Set<Object> fast;
    final boolean allStrings;

    InConstList(int pos, Ev left, List<?> list) {
      super(pos);
      this.left = left;
      this.list = list;
      boolean strings = true;
      for (Object o : list) {
        if (!(o instanceof String)) {
          strings = false;
          break;
        }
      }
      this.allStrings = strings;
      this.fast = strings ? new HashSet<>(list) : null;
    }

    @Override
    public Object eval(Frame f) {
      return test(f);
    }

    @Override
    boolean test(Frame f) {
      Object needle = left.eval(f);
      if (allStrings) {
        return needle instanceof String && fast.contains(needle);
      }
      return Ops.in(pos, needle, list);
    }
  }

  // ---- literals ----------------------------------------------------------------------------

  static final class ArrayLit extends Ev {
    final Ev[] items;

    ArrayLit(int pos, Ev[] items) {
      super(pos);
      this.items = items;
    }

    @Override
    public Object eval(Frame f) {
      f.allocate(pos, items.length);
      List<Object> out = new ArrayList<>(items.length);
      for (Ev e : items) {
        out.add(e.eval(f));
      }
      return out;
    }
  }

  static final class MapLit extends Ev {
    final Ev[] keys;
    final Ev[] values;

    MapLit(int pos, Ev[] keys, Ev[] values) {
      super(pos);
      this.keys = keys;
      this.values = values;
    }

    @Override
    public Object eval(Frame f) {
      f.allocate(pos, keys.length);
      Map<String, Object> out = new LinkedHashMap<>(keys.length * 2);
      for (int i = 0; i < keys.length; i++) {
        Object k = keys[i].eval(f);
        if (!(k instanceof String s)) {
          throw new ExprError(keys[i].pos, "interface conversion: interface {} is "
              + Values.typeName(k) + ", not string", "a string map key");
        }
        out.put(s, values[i].eval(f));
      }
      return out;
    }
  }

  // ---- members, chains, slices -------------------------------------------------------------

  static final class Chain extends Ev {
    final Ev inner;

    Chain(int pos, Ev inner) {
      super(pos);
      this.inner = inner;
    }

    @Override
    public Object eval(Frame f) {
      Object v = inner.eval(f);
      return v == CHAIN_NIL ? null : v;
    }
  }

  /** {@code base.name} with a constant name: the hot path of {@code ctx.stage}. */
  static final class Field extends Ev {
    final Ev base;
    final String name;
    final boolean optional;

    Field(int pos, Ev base, String name, boolean optional) {
      super(pos);
      this.base = base;
      this.name = name;
      this.optional = optional;
    }

    @Override
    public Object eval(Frame f) {
      Object b = base.eval(f);
      if (b instanceof Map<?, ?> m) {
        return Values.norm(m.get(name));
      }
      if (b == CHAIN_NIL || (b == null && optional)) {
        return CHAIN_NIL;
      }
      return Ops.fetch(pos, b, name);
    }
  }

  static final class Index extends Ev {
    final Ev base;
    final Ev key;
    final boolean optional;

    Index(int pos, Ev base, Ev key, boolean optional) {
      super(pos);
      this.base = base;
      this.key = key;
      this.optional = optional;
    }

    @Override
    public Object eval(Frame f) {
      Object b = base.eval(f);
      if (b == CHAIN_NIL || (b == null && optional)) {
        return CHAIN_NIL;
      }
      return Ops.fetch(pos, b, key.eval(f));
    }
  }

  static final class SliceOp extends Ev {
    final Ev base;
    final Ev from;
    final Ev to;

    SliceOp(int pos, Ev base, Ev from, Ev to) {
      super(pos);
      this.base = base;
      this.from = from;
      this.to = to;
    }

    @Override
    public Object eval(Frame f) {
      Object b = base.eval(f);
      if (b == CHAIN_NIL) {
        return CHAIN_NIL;
      }
      Object hi = to == null ? (Object) Ops.length(pos, b) : to.eval(f);
      Object lo = from == null ? (Object) 0L : from.eval(f);
      Object r = Ops.slice(pos, b, lo, hi);
      if (r instanceof List<?> l) {
        f.allocate(pos, l.size());
      }
      return r;
    }
  }

  // ---- calls -------------------------------------------------------------------------------

  static Object[] args(Ev[] args, Frame f) {
    Object[] out = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      out[i] = args[i].eval(f);
    }
    return out;
  }

  static Object call(int pos, Frame f, String name, ExprFunction fn, Object[] args) {
    // builtins that build text (toJSON, string, join, toYAML) stop at the budget, not after it
    long previous = TextBudget.enter(f.textLimit());
    try {
      return Values.norm(fn.call(Arrays.asList(args)));
    } catch (ExprError e) {
      throw e.at(pos);
    } catch (ExpressionException e) {
      throw new ExprError(pos, e.reason(), e.expected(), e);
    } catch (StackOverflowError e) {
      throw new ExprError(pos, name + ": value is nested too deeply", "a less deeply nested value");
    } catch (RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ExprError(pos, m, "valid arguments for " + name, e);
    } finally {
      TextBudget.exit(previous);
    }
  }

  /** A call of a builtin or host function known at compile time. */
  static final class CallFn extends Ev {
    final String name;
    final ExprFunction fn;
    final Ev[] args;
    final boolean repeat; // the builtin repeat(s, n): its size is checked before it runs
    final boolean split; // split and splitAfter: how many pieces, checked before they exist

    CallFn(int pos, String name, ExprFunction fn, Ev[] args, boolean builtin) {
      super(pos);
      this.name = name;
      this.fn = fn;
      this.args = args;
      this.repeat = builtin && name.equals("repeat");
      this.split = builtin && (name.equals("split") || name.equals("splitAfter"));
    }

    @Override
    public Object eval(Frame f) {
      Object[] a = args(args, f);
      if (repeat && a.length == 2 && a[0] instanceof String s
          && a[1] instanceof Long n && n > 0) {
        f.checkStringLength(pos, (long) s.length() * n);
      }
      if (split && (a.length == 2 || a.length == 3) && a[0] instanceof String s
          && a[1] instanceof String sep) {
        long n = a.length == 3 && a[2] instanceof Long l ? l : -1;
        f.checkRoom(pos, Lib.splitPieces(s, sep, n));
      }
      Object r = call(pos, f, name, fn, a);
      checkResult(pos, f, r);
      return r;
    }
  }

  static void checkResult(int pos, Frame f, Object r) {
    if (r instanceof String s) {
      f.allocateChars(pos, s.length());
    } else if (r instanceof List<?> l) {
      f.allocate(pos, l.size());
    } else if (r instanceof Map<?, ?> m) {
      f.allocate(pos, m.size());
    }
  }

  /** A call of a function value found in the environment at run time. */
  static final class CallEnv extends Ev {
    final String name;
    final Ev callee;
    final Ev[] args;

    CallEnv(int pos, String name, Ev callee, Ev[] args) {
      super(pos);
      this.name = name;
      this.callee = callee;
      this.args = args;
    }

    @Override
    public Object eval(Frame f) {
      Object fn = callee.eval(f);
      if (fn instanceof ExprFunction ef) {
        Object r = call(pos, f, name, ef, args(args, f));
        checkResult(pos, f, r);
        return r;
      }
      if (fn == null) {
        throw new ExprError(pos, "invalid operation: cannot call nil (" + name
            + " is not defined)", "a function named " + name);
      }
      throw new ExprError(pos, "invalid operation: cannot call non-function of type "
          + Values.typeName(fn), "a function named " + name);
    }
  }

  /** {@code base.name(args)}: a method of a host object, time or duration, or a map entry. */
  static final class CallMethod extends Ev {
    final Ev base;
    final String name;
    final Ev[] args;
    final boolean optional;

    CallMethod(int pos, Ev base, String name, Ev[] args, boolean optional) {
      super(pos);
      this.base = base;
      this.name = name;
      this.args = args;
      this.optional = optional;
    }

    @Override
    public Object eval(Frame f) {
      Object b = base.eval(f);
      if (b == CHAIN_NIL || (b == null && optional)) {
        return CHAIN_NIL;
      }
      Object r;
      if (b instanceof ExprObject obj) {
        Object[] a = args(args, f);
        r = invoke(obj, a);
      } else if (b instanceof Map<?, ?>) {
        Object fn = Ops.fetch(pos, b, name);
        if (!(fn instanceof ExprFunction ef)) {
          throw new ExprError(pos, fn == null ? "invalid operation: cannot call nil"
              : "invalid operation: cannot call non-function of type " + Values.typeName(fn),
              "a function at key " + name);
        }
        r = call(pos, f, name, ef, args(args, f));
      } else if (b == null) {
        throw new ExprError(pos, "cannot fetch " + name + " from <nil>",
            "a value with method " + name);
      } else {
        Object[] a = args(args, f);
        try {
          r = Lib.invoke(b, name, Arrays.asList(a));
        } catch (ExprError e) {
          throw e.at(pos);
        } catch (RuntimeException e) {
          throw new ExprError(pos, String.valueOf(e.getMessage()), "a method of "
              + Values.typeName(b) + " with valid arguments", e);
        }
        if (r == ExprObject.NO_SUCH_MEMBER) {
          throw new ExprError(pos, "type " + Values.typeName(b) + " has no method " + name,
              "a value with method " + name);
        }
        r = Values.norm(r);
      }
      checkResult(pos, f, r);
      return r;
    }

    private Object invoke(ExprObject obj, Object[] a) {
      try {
        return Values.norm(obj.invoke(name, Arrays.asList(a)));
      } catch (ExprError e) {
        throw e.at(pos);
      } catch (ExpressionException e) {
        throw new ExprError(pos, e.reason(), e.expected(), e);
      } catch (RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        throw new ExprError(pos, m, "a method " + name + " with valid arguments", e);
      }
    }
  }
}
