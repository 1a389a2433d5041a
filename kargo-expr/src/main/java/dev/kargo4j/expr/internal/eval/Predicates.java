package dev.kargo4j.expr.internal.eval;

import dev.kargo4j.expr.internal.ExprError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The predicate builtins (all, any, none, one, filter, map, find, findIndex, findLast,
 * findLastIndex, count, sum, groupBy, sortBy, reduce), each a loop over the collection with the
 * element in a frame slot ({@code #}), the index in another ({@code #index}) and the
 * accumulator in a third ({@code #acc}). The time budget is checked as they loop.
 */
final class Predicates {
  private Predicates() {}

  static final int ALL = 0;
  static final int ANY = 1;
  static final int NONE = 2;
  static final int ONE = 3;
  static final int FILTER = 4;
  static final int MAP = 5;
  static final int FIND = 6;
  static final int FIND_INDEX = 7;
  static final int FIND_LAST = 8;
  static final int FIND_LAST_INDEX = 9;
  static final int COUNT = 10;
  static final int SUM = 11;
  static final int GROUP_BY = 12;
  static final int SORT_BY = 13;
  static final int REDUCE = 14;

  static int kind(String name) {
    switch (name) {
      case "all":
        return ALL;
      case "any":
        return ANY;
      case "none":
        return NONE;
      case "one":
        return ONE;
      case "filter":
        return FILTER;
      case "map":
        return MAP;
      case "find":
        return FIND;
      case "findIndex":
        return FIND_INDEX;
      case "findLast":
        return FIND_LAST;
      case "findLastIndex":
        return FIND_LAST_INDEX;
      case "count":
        return COUNT;
      case "sum":
        return SUM;
      case "groupBy":
        return GROUP_BY;
      case "sortBy":
        return SORT_BY;
      default:
        return REDUCE;
    }
  }

  /** One predicate builtin call. */
  static final class Loop extends Ev {
    final int kind;
    final String name;
    final Ev collection;
    final Ev predicate; // null for count(xs) and sum(xs)
    final Ev extra; // sortBy order, reduce initial value; may be null
    final int itemSlot;
    final int indexSlot; // -1 when #index is unused
    final int accSlot; // -1 unless reduce

    Loop(int pos, int kind, String name, Ev collection, Ev predicate, Ev extra, int itemSlot,
        int indexSlot, int accSlot) {
      super(pos);
      this.kind = kind;
      this.name = name;
      this.collection = collection;
      this.predicate = predicate;
      this.extra = extra;
      this.itemSlot = itemSlot;
      this.indexSlot = indexSlot;
      this.accSlot = accSlot;
    }

    private List<?> list(Frame f) {
      Object c = collection.eval(f);
      if (c instanceof List<?> l) {
        return l;
      }
      throw new ExprError(pos, "builtin " + name + " takes only array (got "
          + Values.typeName(c) + ")", "an array");
    }

    private Object enter(Frame f, List<?> list, int i) {
      f.tick(pos);
      Object item = Values.norm(list.get(i));
      f.slots[itemSlot] = item;
      if (indexSlot >= 0) {
        f.slots[indexSlot] = (long) i;
      }
      return item;
    }

    private boolean holds(Frame f, Object item) {
      Object v = predicate == null ? item : predicate.eval(f);
      return Ops.truth(predicate == null ? pos : predicate.pos, v, "predicate result");
    }

    @Override
    public Object eval(Frame f) {
      List<?> list = list(f);
      int n = list.size();
      switch (kind) {
        case ALL:
          for (int i = 0; i < n; i++) {
            if (!holds(f, enter(f, list, i))) {
              return Boolean.FALSE;
            }
          }
          return Boolean.TRUE;
        case ANY:
          for (int i = 0; i < n; i++) {
            if (holds(f, enter(f, list, i))) {
              return Boolean.TRUE;
            }
          }
          return Boolean.FALSE;
        case NONE:
          for (int i = 0; i < n; i++) {
            if (holds(f, enter(f, list, i))) {
              return Boolean.FALSE;
            }
          }
          return Boolean.TRUE;
        case ONE: {
          int count = 0;
          for (int i = 0; i < n; i++) {
            if (holds(f, enter(f, list, i))) {
              count++;
            }
          }
          return count == 1;
        }
        case COUNT: {
          long count = 0;
          for (int i = 0; i < n; i++) {
            if (holds(f, enter(f, list, i))) {
              count++;
            }
          }
          return count;
        }
        case FILTER: {
          List<Object> out = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            Object item = enter(f, list, i);
            if (holds(f, item)) {
              out.add(item);
            }
          }
          f.allocate(pos, out.size());
          return out;
        }
        case MAP: {
          f.allocate(pos, n);
          List<Object> out = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            enter(f, list, i);
            out.add(predicate.eval(f));
          }
          return out;
        }
        case FIND:
          for (int i = 0; i < n; i++) {
            Object item = enter(f, list, i);
            if (holds(f, item)) {
              return item;
            }
          }
          return null;
        case FIND_INDEX:
          for (int i = 0; i < n; i++) {
            if (holds(f, enter(f, list, i))) {
              return (long) i;
            }
          }
          return null;
        case FIND_LAST:
          for (int i = n - 1; i >= 0; i--) {
            Object item = enter(f, list, i);
            if (holds(f, item)) {
              return item;
            }
          }
          return null;
        case FIND_LAST_INDEX:
          for (int i = n - 1; i >= 0; i--) {
            if (holds(f, enter(f, list, i))) {
              return (long) i;
            }
          }
          return null;
        case SUM: {
          Object acc = 0L;
          for (int i = 0; i < n; i++) {
            Object item = enter(f, list, i);
            Object v = predicate == null ? item : predicate.eval(f);
            acc = Ops.add(pos, f, v, acc);
          }
          return acc;
        }
        case GROUP_BY:
          return groupBy(f, list, n);
        case SORT_BY:
          return sortBy(f, list, n);
        default:
          return reduce(f, list, n);
      }
    }

    private Object groupBy(Frame f, List<?> list, int n) {
      f.allocate(pos, n);
      AnyKeyMap out = new AnyKeyMap();
      for (int i = 0; i < n; i++) {
        Object item = enter(f, list, i);
        Object key = predicate.eval(f);
        if (key instanceof List || key instanceof Map) {
          throw new ExprError(predicate.pos, "runtime error: hash of unhashable type "
              + Values.typeName(key), "a groupBy key that is a number, string, bool or nil");
        }
        @SuppressWarnings("unchecked")
        List<Object> group = (List<Object>) out.computeIfAbsent(key, k -> new ArrayList<>());
        group.add(item);
      }
      return out;
    }

    private Object sortBy(Frame f, List<?> list, int n) {
      boolean desc = false;
      if (extra != null) {
        Object order = extra.eval(f);
        if (!(order instanceof String s)) {
          throw new ExprError(extra.pos, "sortBy order argument must be a string",
              "\"asc\" or \"desc\"");
        }
        if (s.equals("desc")) {
          desc = true;
        } else if (!s.equals("asc")) {
          throw new ExprError(extra.pos, "unknown order, use asc or desc", "\"asc\" or \"desc\"");
        }
      }
      f.allocate(pos, n);
      Object[][] pairs = new Object[n][];
      for (int i = 0; i < n; i++) {
        Object item = enter(f, list, i);
        pairs[i] = new Object[] {item, predicate.eval(f)};
      }
      final boolean descending = desc;
      try {
        java.util.Arrays.sort(pairs, (x, y) -> descending
            ? Ops.order(pos, y[1], x[1]) : Ops.order(pos, x[1], y[1]));
      } catch (IllegalArgumentException e) {
        throw new ExprError(pos, "sortBy: inconsistent ordering of the keys",
            "keys of one comparable type");
      }
      List<Object> out = new ArrayList<>(n);
      for (Object[] p : pairs) {
        out.add(p[0]);
      }
      return out;
    }

    private Object reduce(Frame f, List<?> list, int n) {
      int start = 0;
      Object acc;
      if (extra != null) {
        acc = extra.eval(f);
      } else {
        if (n == 0) {
          throw new ExprError(pos, "reduce of empty array with no initial value",
              "a non-empty array or an initial value");
        }
        acc = Values.norm(list.get(0));
        start = 1;
      }
      for (int i = start; i < n; i++) {
        enter(f, list, i);
        f.slots[accSlot] = acc;
        acc = predicate.eval(f);
      }
      return acc;
    }
  }
}
