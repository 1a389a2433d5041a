package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.internal.TextBudget;
import java.util.List;
import java.util.Map;

/** expr's string builtins, with Go's {@code strings} semantics. Stateless and thread-safe. */
final class StringFunctions {
  private StringFunctions() {}

  /** The memory budget expr's VM grants one evaluation (conf.DefaultMemoryBudget). */
  static final long MEMORY_BUDGET = 1_000_000L;

  static void register(Map<String, ExprFunction> into) {
    into.put("trim", StringFunctions::trim);
    into.put("trimPrefix", args -> trimAffix("trimPrefix", args, true));
    into.put("trimSuffix", args -> trimAffix("trimSuffix", args, false));
    into.put(
        "upper",
        args -> {
          Args.count("upper", args, 1, 1);
          return GoStrings.toUpper(Args.string("upper", args, 0));
        });
    into.put(
        "lower",
        args -> {
          Args.count("lower", args, 1, 1);
          return GoStrings.toLower(Args.string("lower", args, 0));
        });
    into.put("split", args -> split("split", args, false));
    into.put("splitAfter", args -> split("splitAfter", args, true));
    into.put("replace", StringFunctions::replace);
    into.put("repeat", StringFunctions::repeat);
    into.put("join", StringFunctions::join);
    into.put(
        "indexOf",
        args -> {
          Args.count("indexOf", args, 2, 2);
          return GoStrings.index(Args.string("indexOf", args, 0), Args.string("indexOf", args, 1));
        });
    into.put(
        "lastIndexOf",
        args -> {
          Args.count("lastIndexOf", args, 2, 2);
          return GoStrings.lastIndex(
              Args.string("lastIndexOf", args, 0), Args.string("lastIndexOf", args, 1));
        });
    into.put(
        "hasPrefix",
        args -> {
          Args.count("hasPrefix", args, 2, 2);
          return Args.string("hasPrefix", args, 0).startsWith(Args.string("hasPrefix", args, 1));
        });
    into.put(
        "hasSuffix",
        args -> {
          Args.count("hasSuffix", args, 2, 2);
          return Args.string("hasSuffix", args, 0).endsWith(Args.string("hasSuffix", args, 1));
        });
  }

  private static Object trim(List<Object> args) {
    Args.count("trim", args, 1, 2);
    String s = Args.string("trim", args, 0);
    if (args.size() == 1) {
      return GoStrings.trimSpace(s);
    }
    return GoStrings.trim(s, Args.string("trim", args, 1));
  }

  private static Object trimAffix(String fn, List<Object> args, boolean prefix) {
    Args.count(fn, args, 1, 2);
    String s = Args.string(fn, args, 0);
    // Without a second argument expr trims a single space.
    String affix = args.size() == 2 ? Args.string(fn, args, 1) : " ";
    if (prefix) {
      return s.startsWith(affix) ? s.substring(affix.length()) : s;
    }
    return s.endsWith(affix) ? s.substring(0, s.length() - affix.length()) : s;
  }

  private static Object split(String fn, List<Object> args, boolean after) {
    Args.count(fn, args, 2, 3);
    String s = Args.string(fn, args, 0);
    String sep = Args.string(fn, args, 1);
    long n = args.size() == 3 ? Args.integer(fn, args, 2) : -1;
    return GoStrings.split(s, sep, n, after);
  }

  /**
   * How many pieces splitting {@code s} at {@code sep} gives (at most {@code n} when
   * {@code n > 0}), counted without building them; an empty {@code sep} splits between chars.
   */
  static long pieces(String s, String sep, long n) {
    long count;
    if (sep.isEmpty()) {
      count = s.codePointCount(0, s.length()) + 1L;
    } else {
      count = 1;
      for (int i = s.indexOf(sep); i >= 0; i = s.indexOf(sep, i + sep.length())) {
        count++;
        if (n > 0 && count >= n) {
          break;
        }
      }
    }
    return n > 0 ? Math.min(count, n) : count;
  }

  private static Object replace(List<Object> args) {
    Args.count("replace", args, 3, 4);
    String s = Args.string("replace", args, 0);
    String old = Args.string("replace", args, 1);
    String replacement = Args.string("replace", args, 2);
    long n = args.size() == 4 ? Args.integer("replace", args, 3) : -1;
    // the result's length is known before it is built: refuse it then, not after
    long count = pieces(s, old, n) - 1;
    TextBudget.check(s.length() + count * (replacement.length() - old.length()));
    return GoStrings.replace(s, old, replacement, n);
  }

  private static Object repeat(List<Object> args) {
    Args.count("repeat", args, 2, 2);
    String s = Args.string("repeat", args, 0);
    long n = Args.integer("repeat", args, 1);
    if (n < 0) {
      throw new IllegalArgumentException(
          "invalid argument for repeat (expected positive integer, got " + n + ")");
    }
    long bytes = (long) GoStrings.utf8Length(s, s.length()) * n;
    // expr refuses more than a million repetitions, and the VM's memory budget counts the
    // bytes the result takes.
    if (n > 1_000_000 || bytes >= MEMORY_BUDGET) {
      throw new IllegalArgumentException("memory budget exceeded");
    }
    return s.repeat((int) n);
  }

  private static Object join(List<Object> args) {
    Args.count("join", args, 1, 2);
    Object first = args.get(0);
    if (!(first instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "invalid argument for join (type " + GoValues.checkerTypeName(first) + ")");
    }
    String glue = args.size() == 2 ? Args.string("join", args, 1) : "";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < list.size(); i++) {
      Object e = list.get(i);
      if (!(e instanceof String str)) {
        throw new IllegalArgumentException(
            "interface conversion: interface {} is "
                + GoValues.typeName(e).replace("<nil>", "nil")
                + ", not string");
      }
      TextBudget.check((long) sb.length() + glue.length() + str.length());
      if (i > 0) {
        sb.append(glue);
      }
      sb.append(str);
    }
    return sb.toString();
  }
}
