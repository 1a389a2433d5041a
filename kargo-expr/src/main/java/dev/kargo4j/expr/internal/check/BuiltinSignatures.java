package dev.kargo4j.expr.internal.check;

import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.check.SType.Kind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compile-time argument checks of expr v1.17.8's non-predicate builtins (their {@code Types}
 * overloads and {@code Validate} functions), so that literal misuse such as {@code len()} or
 * {@code upper(1)} fails when compiling, as it does in expr.
 */
final class BuiltinSignatures {
  private BuiltinSignatures() {}

  /** Checks the arguments of one builtin call and returns its result type. */
  interface Check {
    SType check(String name, List<SType> args, int pos);
  }

  /** A Go function type: parameter types, variadic flag, result. */
  private record Sig(SType[] params, boolean variadic, SType out) {}

  // parameter kinds that only an unknown value can satisfy ([]string, []int, ...)
  private static final SType STRING_SLICE = SType.arrayOf(SType.STRING);
  private static final SType ANY = SType.UNKNOWN;
  private static final SType S = SType.STRING;
  private static final SType I = SType.INT;

  private static final Map<String, Check> CHECKS = new HashMap<>();

  static {
    types("type", sig(S, ANY));
    types("string", sig(S, ANY));
    types("trim", sig(S, S), sig(S, S, S));
    types("trimPrefix", sig(S, S, S), sig(S, S));
    types("trimSuffix", sig(S, S, S), sig(S, S));
    types("upper", sig(S, S));
    types("lower", sig(S, S));
    types("split", sig(STRING_SLICE, S, S), sig(STRING_SLICE, S, S, I));
    types("splitAfter", sig(STRING_SLICE, S, S), sig(STRING_SLICE, S, S, I));
    types("replace", sig(S, S, S, S, I), sig(S, S, S, S));
    types("repeat", sig(S, S, I));
    types("join", sig(S, SType.ARRAY, S), sig(S, SType.ARRAY));
    types("indexOf", sig(I, S, S));
    types("lastIndexOf", sig(I, S, S));
    types("hasPrefix", sig(SType.BOOL, S, S));
    types("hasSuffix", sig(SType.BOOL, S, S));
    types("toJSON", sig(S, ANY));
    types("fromJSON", sig(ANY, S));
    types("toBase64", sig(S, S));
    types("fromBase64", sig(S, S));
    types("duration", sig(SType.DURATION, S));
    types("timezone", sig(SType.LOCATION, S));
    types("sort", sig(SType.ARRAY, SType.ARRAY, S), sig(SType.ARRAY, SType.ARRAY));
    for (String b : new String[] {"bitand", "bitor", "bitxor", "bitnand", "bitshl", "bitshr",
        "bitushr"}) {
      types(b, sig(I, I, I));
    }
    types("bitnot", sig(I, I));

    CHECKS.put("len", (n, a, p) -> {
      one(a, p);
      SType t = a.get(0);
      if (t.isUnknown() || t.is(Kind.ARRAY) || t.is(Kind.MAP) || t.is(Kind.STRING)
          || t.is(Kind.BYTES)) {
        return I;
      }
      throw err(p, "invalid argument for len (type " + name(t) + ")", "an array, a map or a string");
    });
    CHECKS.put("abs", (n, a, p) -> {
      one(a, p);
      SType t = a.get(0);
      if (t.isUnknown() || t.isNumber()) {
        return t;
      }
      throw err(p, "invalid argument for abs (type " + name(t) + ")", "a number");
    });
    for (String r : new String[] {"ceil", "floor", "round"}) {
      CHECKS.put(r, (n, a, p) -> {
        one(a, p);
        SType t = a.get(0);
        if (t.isUnknown() || t.isNumber()) {
          return SType.FLOAT;
        }
        throw err(p, "invalid argument for " + n + " (type " + name(t) + ")", "a number");
      });
    }
    CHECKS.put("int", (n, a, p) -> conversion(n, a, p, I));
    CHECKS.put("float", (n, a, p) -> conversion(n, a, p, SType.FLOAT));
    for (String agg : new String[] {"max", "min", "mean", "median"}) {
      CHECKS.put(agg, BuiltinSignatures::aggregate);
    }
    CHECKS.put("now", (n, a, p) -> {
      if (a.isEmpty() || (a.size() == 1 && a.get(0).is(Kind.LOCATION))) {
        return SType.TIME;
      }
      throw err(p, "invalid number of arguments (expected 0, got " + a.size() + ")",
          "no argument, or a time zone");
    });
    CHECKS.put("date", (n, a, p) -> {
      if (a.isEmpty()) {
        throw err(p, "invalid number of arguments (expected at least 1, got 0)",
            "a date string, optionally a layout and a time zone");
      }
      int count = a.get(0).is(Kind.LOCATION) ? a.size() - 1 : a.size();
      if (count > 3) {
        throw err(p, "invalid number of arguments (expected at most 3, got " + count + ")",
            "a date string, optionally a layout and a time zone");
      }
      return SType.TIME;
    });
    CHECKS.put("first", (n, a, p) -> element(a, p, "first"));
    CHECKS.put("last", (n, a, p) -> element(a, p, "last"));
    CHECKS.put("take", (n, a, p) -> {
      if (a.size() != 2) {
        throw count(p, 2, a.size());
      }
      SType c = a.get(0);
      if (!c.isUnknown() && !c.is(Kind.ARRAY)) {
        throw err(p, "cannot take from " + name(c), "an array");
      }
      SType k = a.get(1);
      if (!k.isUnknown() && !k.isInteger()) {
        throw err(p, "cannot take " + name(k) + " elements", "an integer count");
      }
      return c;
    });
    CHECKS.put("keys", (n, a, p) -> fromMap(a, p, "cannot get keys from "));
    CHECKS.put("values", (n, a, p) -> fromMap(a, p, "cannot get values from "));
    CHECKS.put("toPairs", (n, a, p) -> {
      one(a, p);
      SType t = a.get(0);
      if (t.isUnknown() || t.is(Kind.MAP)) {
        return SType.ARRAY;
      }
      throw err(p, "cannot transform " + name(t) + " to pairs", "a map");
    });
    CHECKS.put("fromPairs", (n, a, p) -> {
      one(a, p);
      SType t = a.get(0);
      if (t.isUnknown() || t.is(Kind.ARRAY)) {
        return SType.ANY_MAP;
      }
      throw err(p, "cannot transform " + name(t) + " from pairs", "an array of pairs");
    });
    CHECKS.put("reverse", (n, a, p) -> arrayOnly(a, p, "cannot reverse "));
    CHECKS.put("uniq", (n, a, p) -> arrayOnly(a, p, "cannot uniq "));
    CHECKS.put("flatten", (n, a, p) -> arrayOnly(a, p, "cannot flatten "));
    CHECKS.put("concat", (n, a, p) -> {
      if (a.isEmpty()) {
        throw err(p, "invalid number of arguments (expected at least 1, got 0)", "arrays");
      }
      for (SType t : a) {
        if (!t.isUnknown() && !t.is(Kind.ARRAY)) {
          throw err(p, "cannot concat " + name(t), "arrays");
        }
      }
      return SType.ARRAY;
    });
  }

  /** The check of a builtin, or {@code null} for {@code get} and unknown names. */
  static Check of(String name) {
    return CHECKS.get(name);
  }

  static String name(SType t) {
    return t.isNil() ? "<nil>" : t.toString();
  }

  private static ExprError err(int pos, String reason, String expected) {
    return new ExprError(pos, reason, expected);
  }

  static ExprError count(int pos, int expected, int got) {
    return err(pos, "invalid number of arguments (expected " + expected + ", got " + got + ")",
        expected + (expected == 1 ? " argument" : " arguments"));
  }

  private static void one(List<SType> a, int p) {
    if (a.size() != 1) {
      throw count(p, 1, a.size());
    }
  }

  private static SType conversion(String n, List<SType> a, int p, SType out) {
    one(a, p);
    SType t = a.get(0);
    if (t.isUnknown() || t.isNumber() || t.is(Kind.STRING)) {
      return out;
    }
    throw err(p, "invalid argument for " + n + " (type " + name(t) + ")",
        "a number or a string");
  }

  private static SType aggregate(String n, List<SType> a, int p) {
    if (a.isEmpty()) {
      throw err(p, "not enough arguments to call " + n, "numbers or arrays of numbers");
    }
    for (SType t : a) {
      if (t.isUnknown() || t.is(Kind.ARRAY)) {
        return SType.UNKNOWN;
      }
      if (!t.isNumber()) {
        throw err(p, "invalid argument for " + n + " (type " + name(t) + ")",
            "numbers or arrays of numbers");
      }
    }
    return a.get(0);
  }

  private static SType element(List<SType> a, int p, String which) {
    one(a, p);
    SType t = a.get(0);
    if (t.isUnknown()) {
      return SType.UNKNOWN;
    }
    if (t.is(Kind.ARRAY)) {
      return t.elem;
    }
    throw err(p, "cannot get " + which + " element from " + name(t), "an array");
  }

  private static SType fromMap(List<SType> a, int p, String message) {
    one(a, p);
    SType t = a.get(0);
    if (t.isUnknown() || t.is(Kind.MAP)) {
      return SType.ARRAY;
    }
    throw err(p, message + name(t), "a map");
  }

  private static SType arrayOnly(List<SType> a, int p, String message) {
    one(a, p);
    SType t = a.get(0);
    if (t.isUnknown() || t.is(Kind.ARRAY)) {
      return SType.ARRAY;
    }
    throw err(p, message + name(t), "an array");
  }

  private static Sig sig(SType out, SType... params) {
    return new Sig(params, false, out);
  }

  private static void types(String name, Sig... overloads) {
    CHECKS.put(name, (n, a, p) -> {
      ExprError last = null;
      for (Sig s : overloads) {
        ExprError e = checkArguments(n, s, a, p);
        if (e == null) {
          return s.out();
        }
        last = e;
      }
      throw last;
    });
  }

  /** expr's checkArguments for a Go function type; returns the error or null. */
  static ExprError checkArguments(String name, Sig s, List<SType> args, int pos) {
    int numIn = s.params().length;
    if (s.variadic()) {
      if (args.size() < numIn - 1) {
        return err(pos, "not enough arguments to call " + name, numIn - 1 + " arguments at least");
      }
    } else {
      if (args.size() > numIn) {
        return err(pos, "too many arguments to call " + name, numIn + " arguments");
      }
      if (args.size() < numIn) {
        return err(pos, "not enough arguments to call " + name, numIn + " arguments");
      }
    }
    for (int i = 0; i < args.size(); i++) {
      SType in = s.params()[Math.min(i, numIn - 1)];
      SType arg = args.get(i);
      if (in.is(Kind.FLOAT) && arg.isInteger()) {
        continue;
      }
      if (arg.isNil()) {
        if (in.isUnknown() || in.is(Kind.LOCATION) || in.is(Kind.MAP) || in.is(Kind.ARRAY)) {
          continue;
        }
        return err(pos, "cannot use nil as argument (type " + in + ") to call " + name,
            "a " + in);
      }
      if (arg.isUnknown() || assignable(arg, in)) {
        continue;
      }
      return err(pos, "cannot use " + arg + " as argument (type " + in + ") to call " + name,
          "a " + in);
    }
    return null;
  }

  /** Go assignability between the types the checker knows. */
  static boolean assignable(SType from, SType to) {
    if (to.isUnknown()) {
      return true;
    }
    if (from.kind != to.kind) {
      return false;
    }
    if (from.kind == Kind.ARRAY) {
      // array literals are []interface{}; only []interface{} parameters accept them
      return to.elem.isUnknown();
    }
    if (from.kind == Kind.MAP) {
      return from.anyKeys == to.anyKeys;
    }
    return true;
  }
}
