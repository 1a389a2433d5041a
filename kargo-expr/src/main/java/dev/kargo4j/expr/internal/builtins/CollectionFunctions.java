package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * expr's value and collection builtins: len, type, string, first, last, get, take, keys,
 * values, toPairs, fromPairs, reverse, uniq, concat, flatten and sort. Results are new,
 * mutable lists and maps that no one else holds. Stateless and thread-safe.
 */
final class CollectionFunctions {
  private CollectionFunctions() {}

  static void register(Map<String, ExprFunction> into) {
    into.put("len", CollectionFunctions::len);
    into.put(
        "type",
        args -> {
          Args.count("type", args, 1, 1);
          return GoValues.exprTypeName(args.get(0));
        });
    into.put(
        "string",
        args -> {
          Args.count("string", args, 1, 1);
          return GoFormat.formatV(args.get(0));
        });
    into.put("first", args -> firstOrLast("first", args, 0));
    into.put("last", args -> firstOrLast("last", args, -1));
    into.put("get", CollectionFunctions::get);
    into.put("take", CollectionFunctions::take);
    into.put("keys", args -> mapParts("keys", "cannot get keys from ", args));
    into.put("values", args -> mapParts("values", "cannot get values from ", args));
    into.put("toPairs", args -> mapParts("toPairs", "cannot transform ", args));
    into.put("fromPairs", CollectionFunctions::fromPairs);
    into.put("reverse", CollectionFunctions::reverse);
    into.put("uniq", CollectionFunctions::uniq);
    into.put("concat", CollectionFunctions::concat);
    into.put("flatten", CollectionFunctions::flatten);
    into.put("sort", CollectionFunctions::sort);
  }

  private static Object len(List<Object> args) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (x instanceof List<?> l) {
      return (long) l.size();
    }
    if (x instanceof Map<?, ?> m) {
      return (long) m.size();
    }
    if (x instanceof String s) {
      return (long) s.codePointCount(0, s.length());
    }
    throw new IllegalArgumentException(
        "invalid argument for len (type " + GoValues.typeName(x) + ")");
  }

  private static Object firstOrLast(String fn, List<Object> args, int index) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (x instanceof List<?> l) {
      if (l.isEmpty()) {
        return null;
      }
      return index == 0 ? l.get(0) : l.get(l.size() - 1);
    }
    if (x == null) {
      // expr recovers from the failed fetch and returns nil.
      return null;
    }
    throw new IllegalArgumentException(
        "cannot get " + fn + " element from " + GoValues.typeName(x));
  }

  private static Object get(List<Object> args) {
    if (args.size() != 2) {
      throw new IllegalArgumentException(
          "invalid number of arguments (expected 2, got " + args.size() + ")");
    }
    Object from = args.get(0);
    Object i = args.get(1);
    if (from == null) {
      return null;
    }
    if (from instanceof List<?> list) {
      long index = indexOf(i, from);
      if (index < 0) {
        index += list.size();
      }
      return (index >= 0 && index < list.size()) ? list.get((int) index) : null;
    }
    if (from instanceof String s) {
      // Go indexes the UTF-8 bytes of a string and yields a byte (an unsigned int).
      byte[] bytes = GoStrings.utf8(s);
      long index = indexOf(i, from);
      if (index < 0) {
        index += bytes.length;
      }
      return (index >= 0 && index < bytes.length) ? (long) (bytes[(int) index] & 0xff) : null;
    }
    if (from instanceof InterfaceKeyedMap m) {
      return m.get(i);
    }
    if (from instanceof Map<?, ?> m) {
      if (i != null && !(i instanceof String)) {
        throw new IllegalArgumentException(
            "cannot use " + GoValues.checkerTypeName(i) + " to get an element from "
                + GoValues.typeName(from));
      }
      return m.get(i);
    }
    if (from instanceof ExprObject o && i instanceof String name) {
      Object v = o.member(name);
      return v == ExprObject.NO_SUCH_MEMBER ? null : v;
    }
    if (i instanceof String name) {
      Object v = TimeFunctions.member(from, name);
      if (v != ExprObject.NO_SUCH_MEMBER) {
        return v;
      }
      if (!GoValues.isNumber(from) && !(from instanceof Boolean)) {
        return null;
      }
    }
    throw new IllegalArgumentException(
        "type " + GoValues.checkerTypeName(from) + " does not support indexing");
  }

  private static long indexOf(Object i, Object from) {
    if (GoValues.isNumber(i)) {
      return GoValues.toInt(i);
    }
    throw new IllegalArgumentException(
        "non-integer slice index " + GoValues.checkerTypeName(i));
  }

  private static Object take(List<Object> args) {
    Args.exactly(args, 2);
    Object x = args.get(0);
    if (!(x instanceof List<?> list)) {
      throw new IllegalArgumentException("cannot take from " + GoValues.kindName(x));
    }
    Object n = args.get(1);
    if (!GoValues.isInt(n)) {
      throw new IllegalArgumentException("cannot take " + GoValues.kindName(n) + " elements");
    }
    long count = ((Number) n).longValue();
    if (count < 0) {
      throw new IllegalArgumentException("reflect: slice index out of range");
    }
    int to = (int) Math.min(count, list.size());
    return new ArrayList<Object>(list.subList(0, to));
  }

  private static Object mapParts(String fn, String errorPrefix, List<Object> args) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (!(x instanceof Map<?, ?> map)) {
      String suffix = fn.equals("toPairs") ? " to pairs" : "";
      throw new IllegalArgumentException(errorPrefix + GoValues.kindName(x) + suffix);
    }
    List<Object> out = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> e : map.entrySet()) {
      switch (fn) {
        case "keys" -> out.add(e.getKey());
        case "values" -> out.add(e.getValue());
        default -> {
          List<Object> pair = new ArrayList<>(2);
          pair.add(e.getKey());
          pair.add(e.getValue());
          out.add(pair);
        }
      }
    }
    return out;
  }

  private static Object fromPairs(List<Object> args) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (!(x instanceof List<?> list)) {
      throw new IllegalArgumentException(
          "cannot transform " + GoFormat.formatV(x) + " from pairs");
    }
    InterfaceKeyedMap out = new InterfaceKeyedMap();
    for (Object pair : list) {
      if (!(pair instanceof List<?> p)) {
        throw new IllegalArgumentException("invalid pair " + GoFormat.formatV(pair));
      }
      if (p.size() != 2) {
        throw new IllegalArgumentException("invalid pair length " + GoFormat.formatV(pair));
      }
      Object key = p.get(0);
      if (key instanceof List || key instanceof Map) {
        throw new IllegalArgumentException(
            "runtime error: hash of unhashable type " + GoValues.typeName(key));
      }
      out.put(key, p.get(1));
    }
    return out;
  }

  private static Object reverse(List<Object> args) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (!(x instanceof List<?> list)) {
      throw new IllegalArgumentException("cannot reverse " + GoValues.kindName(x));
    }
    List<Object> out = new ArrayList<>(list.size());
    for (int i = list.size() - 1; i >= 0; i--) {
      out.add(list.get(i));
    }
    return out;
  }

  private static Object uniq(List<Object> args) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (!(x instanceof List<?> list)) {
      throw new IllegalArgumentException("cannot uniq " + GoValues.kindName(x));
    }
    List<Object> out = new ArrayList<>();
    outer:
    for (Object e : list) {
      for (Object seen : out) {
        if (GoValues.equal(e, seen)) {
          continue outer;
        }
      }
      out.add(e);
    }
    return out;
  }

  private static Object concat(List<Object> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid number of arguments (expected at least 1, got 0)");
    }
    List<Object> out = new ArrayList<>();
    for (Object arg : args) {
      if (!(arg instanceof List<?> list)) {
        throw new IllegalArgumentException("cannot concat " + GoValues.kindName(arg));
      }
      out.addAll(list);
    }
    return out;
  }

  private static Object flatten(List<Object> args) {
    Args.exactly(args, 1);
    Object x = args.get(0);
    if (!(x instanceof List<?> list)) {
      throw new IllegalArgumentException("cannot flatten " + GoValues.kindName(x));
    }
    List<Object> out = new ArrayList<>();
    flatten(list, out, 0);
    return out;
  }

  private static void flatten(List<?> list, List<Object> out, int depth) {
    if (depth > NumberFunctions.MAX_DEPTH) {
      throw new IllegalArgumentException("recursion depth exceeded");
    }
    for (Object e : list) {
      if (e instanceof List<?> nested) {
        flatten(nested, out, depth + 1);
      } else {
        out.add(e);
      }
    }
  }

  private static Object sort(List<Object> args) {
    Args.count("sort", args, 1, 2);
    Object x = args.get(0);
    if (!(x instanceof List<?> list)) {
      throw Args.cannotUse("sort", x, "[]interface {}");
    }
    boolean desc = false;
    if (args.size() == 2) {
      Object order = args.get(1);
      if (!(order instanceof String o)) {
        throw new IllegalArgumentException(
            "sort order argument must be a string (got " + GoValues.typeName(order) + ")");
      }
      switch (o) {
        case "asc" -> desc = false;
        case "desc" -> desc = true;
        default -> throw new IllegalArgumentException(
            "invalid order " + o + ", expected asc or desc");
      }
    }
    Object[] array = list.toArray();
    mergeSort(array, desc);
    List<Object> out = new ArrayList<>(array.length);
    for (Object o : array) {
      out.add(o);
    }
    return out;
  }

  /**
   * A merge sort over expr's runtime.Less: unlike List.sort it never complains about
   * inconsistent comparisons (NaN), and it throws expr's error for unordered operands.
   */
  private static void mergeSort(Object[] a, boolean desc) {
    if (a.length < 2) {
      return;
    }
    Object[] tmp = new Object[a.length];
    for (int width = 1; width < a.length; width *= 2) {
      for (int lo = 0; lo < a.length - width; lo += 2 * width) {
        int mid = lo + width;
        int hi = Math.min(lo + 2 * width, a.length);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          boolean takeRight = desc ? GoValues.less(a[i], a[j]) : GoValues.less(a[j], a[i]);
          tmp[k++] = takeRight ? a[j++] : a[i++];
        }
        while (i < mid) {
          tmp[k++] = a[i++];
        }
        while (j < hi) {
          tmp[k++] = a[j++];
        }
        System.arraycopy(tmp, lo, a, lo, hi - lo);
      }
    }
  }
}
