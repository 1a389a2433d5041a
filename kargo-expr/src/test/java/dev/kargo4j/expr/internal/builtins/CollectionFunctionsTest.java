package dev.kargo4j.expr.internal.builtins;

import static dev.kargo4j.expr.internal.builtins.Calls.call;
import static dev.kargo4j.expr.internal.builtins.Calls.callFails;
import static dev.kargo4j.expr.internal.builtins.Calls.list;
import static dev.kargo4j.expr.internal.builtins.Calls.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionFunctionsTest {

  @Test
  void lenCountsElementsEntriesAndCodePoints() {
    assertThat(call("len", list(1L, 2L))).isEqualTo(2L);
    assertThat(call("len", map("a", 1L, "b", 2L))).isEqualTo(2L);
    assertThat(call("len", "北京")).isEqualTo(2L);
    assertThat(call("len", "👍🏻")).isEqualTo(2L);
    callFails("len", (Object) null).hasMessage("invalid argument for len (type <nil>)");
    callFails("len", 1L).hasMessage("invalid argument for len (type int)");
    callFails("len").hasMessage("invalid number of arguments (expected 1, got 0)");
  }

  @Test
  void typeNamesLikeExpr() {
    assertThat(call("type", (Object) null)).isEqualTo("nil");
    assertThat(call("type", true)).isEqualTo("bool");
    assertThat(call("type", 1L)).isEqualTo("int");
    assertThat(call("type", 1.0)).isEqualTo("float");
    assertThat(call("type", "s")).isEqualTo("string");
    assertThat(call("type", list())).isEqualTo("array");
    assertThat(call("type", map())).isEqualTo("map");
    assertThat(call("type", (ExprFunction) a -> null)).isEqualTo("func");
    assertThat(call("type", ZonedDateTime.now(ZoneOffset.UTC))).isEqualTo("time.Time");
    assertThat(call("type", Duration.ZERO)).isEqualTo("time.Duration");
    assertThat(call("type", ZoneOffset.UTC)).isEqualTo("unknown");
  }

  @Test
  void stringIsGoPercentV() {
    assertThat(call("string", 1.0)).isEqualTo("1");
    assertThat(call("string", 5.5)).isEqualTo("5.5");
    assertThat(call("string", 1e6)).isEqualTo("1e+06");
    assertThat(call("string", (Object) null)).isEqualTo("<nil>");
    assertThat(call("string", list(1L, 2L))).isEqualTo("[1 2]");
    assertThat(call("string", list("a b", null, list(1.5, true))))
        .isEqualTo("[a b <nil> [1.5 true]]");
    assertThat(call("string", map("b", 2L, "a", list(1L)))).isEqualTo("map[a:[1] b:2]");
    assertThat(call("string", map())).isEqualTo("map[]");
    assertThat(call("string", list(Duration.ofMinutes(90)))).isEqualTo("[1h30m0s]");
    assertThat(call("string", ZonedDateTime.of(2023, 8, 14, 1, 2, 3, 0, ZoneOffset.UTC)))
        .isEqualTo("2023-08-14 01:02:03 +0000 UTC");
    assertThat(call("string", ZoneOffset.UTC)).isEqualTo("UTC");
    ExprObject stringer =
        name -> name.equals("String") ? (ExprFunction) a -> "v1.2.3" : ExprObject.NO_SUCH_MEMBER;
    assertThat(call("string", stringer)).isEqualTo("v1.2.3");
    InterfaceKeyedMap pairs = new InterfaceKeyedMap();
    pairs.put(2L, "b");
    pairs.put(1L, "a");
    assertThat(call("string", pairs)).isEqualTo("map[1:a 2:b]");
  }

  @Test
  void firstLastGet() {
    assertThat(call("first", list(1L, "2"))).isEqualTo(1L);
    assertThat(call("last", list(1L, "2"))).isEqualTo("2");
    assertThat(call("first", list())).isNull();
    assertThat(call("last", (Object) null)).isNull();
    callFails("first", "abc").hasMessage("cannot get first element from string");
    assertThat(call("get", list("foo", "bar"), 1L)).isEqualTo("bar");
    assertThat(call("get", list("foo", "bar"), 99L)).isNull();
    assertThat(call("get", list(1L, 2L, 3L), -1L)).isEqualTo(3L);
    assertThat(call("get", list(1L, 2L, 3L), -4L)).isNull();
    assertThat(call("get", map("foo", 1L), "foo")).isEqualTo(1L);
    assertThat(call("get", map("foo", 1L), "unknown")).isNull();
    assertThat(call("get", null, "a")).isNull();
    assertThat(call("get", "abc", 1L)).isEqualTo(98L);
    callFails("get", 1L, 2L).hasMessage("type int does not support indexing");
    callFails("get").hasMessage("invalid number of arguments (expected 2, got 0)");
    callFails("get", list(1L), "x").hasMessage("non-integer slice index string");
    ExprObject obj = name -> name.equals("Tag") ? "v1" : ExprObject.NO_SUCH_MEMBER;
    assertThat(call("get", obj, "Tag")).isEqualTo("v1");
    assertThat(call("get", obj, "Nope")).isNull();
    ZonedDateTime t = ZonedDateTime.of(2023, 8, 14, 1, 2, 3, 0, ZoneOffset.UTC);
    Object year = call("get", t, "Year");
    assertThat(((ExprFunction) year).call(list())).isEqualTo(2023L);
  }

  @Test
  void takeKeysValuesPairs() {
    assertThat(call("take", list(1L, 2L, 3L), 2L)).isEqualTo(list(1L, 2L));
    assertThat(call("take", list(1L, 2L, 3L), 99L)).isEqualTo(list(1L, 2L, 3L));
    callFails("take", "abc", 1L).hasMessage("cannot take from string");
    callFails("take", list(1L), 1.5).hasMessage("cannot take float64 elements");
    callFails("take", list(1L), -1L).hasMessage("reflect: slice index out of range");
    Map<String, Object> m = map("a", 1L, "b", 2L);
    assertThat(call("keys", m)).isEqualTo(list("a", "b"));
    assertThat(call("values", m)).isEqualTo(list(1L, 2L));
    assertThat(call("toPairs", map("a", 1L))).isEqualTo(list(list("a", 1L)));
    callFails("keys", list()).hasMessage("cannot get keys from slice");
    callFails("values", 1L).hasMessage("cannot get values from int");
    callFails("toPairs", "x").hasMessage("cannot transform string to pairs");
    Object pairs = call("fromPairs", list(list("foo", 1L), list(2L, "two")));
    assertThat(pairs).isInstanceOf(InterfaceKeyedMap.class);
    assertThat(((Map<?, ?>) pairs).get("foo")).isEqualTo(1L);
    assertThat(((Map<?, ?>) pairs).get(2L)).isEqualTo("two");
    callFails("fromPairs", list(list("a"))).hasMessage("invalid pair length [a]");
    callFails("fromPairs", list("a")).hasMessage("invalid pair a");
    callFails("fromPairs", 1L).hasMessage("cannot transform 1 from pairs");
  }

  @Test
  void reverseUniqConcatFlatten() {
    assertThat(call("reverse", list())).isEqualTo(list());
    assertThat(call("reverse", list(2L, 1L, 3L))).isEqualTo(list(3L, 1L, 2L));
    callFails("reverse", "abc").hasMessage("cannot reverse string");
    assertThat(call("uniq", list(1L, 15L, "a", 2L, 3L, 5L, 2L, "a", 2L, "b")))
        .isEqualTo(list(1L, 15L, "a", 2L, 3L, 5L, "b"));
    assertThat(call("uniq", list(1L, 1.0, list(1L), list(1.0), null, null)))
        .isEqualTo(list(1L, list(1L), null));
    assertThat(call("concat", list(1L), list("a"), list(list(2L))))
        .isEqualTo(list(1L, "a", list(2L)));
    callFails("concat").hasMessage("invalid number of arguments (expected at least 1, got 0)");
    callFails("concat", 1L, list(2L)).hasMessage("cannot concat int");
    assertThat(call("flatten", list(list("a", "b"), list(1L, 2L, list(3L, list(list(list(list("c", "d"), "e"))), 4L)))))
        .isEqualTo(list("a", "b", 1L, 2L, 3L, "c", "d", "e", 4L));
    callFails("flatten", 1L).hasMessage("cannot flatten int");
    callFails("flatten", list(1L), list(2L))
        .hasMessage("invalid number of arguments (expected 1, got 2)");
  }

  @Test
  void sortOrdersWithExprsLess() {
    assertThat(call("sort", list())).isEqualTo(list());
    assertThat(call("sort", list(3.0, 2.0, 1.0))).isEqualTo(list(1.0, 2.0, 3.0));
    assertThat(call("sort", list(3L, 1L, 2L), "desc")).isEqualTo(list(3L, 2L, 1L));
    assertThat(call("sort", list("b", "a", "c"))).isEqualTo(list("a", "b", "c"));
    assertThat(call("sort", list(1L, 2.5, 0L))).isEqualTo(list(0L, 1L, 2.5));
    assertThat(call("sort", list("é", "z", "a"))).isEqualTo(list("a", "z", "é"));
    assertThat(
            call(
                "sort",
                list(Duration.ofSeconds(3), Duration.ofSeconds(1)),
                "asc"))
        .isEqualTo(list(Duration.ofSeconds(1), Duration.ofSeconds(3)));
    List<Object> in = list(5L, 4L, 3L, 2L, 1L, 0L, -1L, 9L, 8L);
    assertThat(call("sort", in)).isEqualTo(list(-1L, 0L, 1L, 2L, 3L, 4L, 5L, 8L, 9L));
    assertThat(in).containsExactly(5L, 4L, 3L, 2L, 1L, 0L, -1L, 9L, 8L);
    callFails("sort", list(1L, "a")).hasMessage("invalid operation: string < int");
    callFails("sort", list(1L), "up").hasMessage("invalid order up, expected asc or desc");
    callFails("sort", list(1L), 1L).hasMessage("sort order argument must be a string (got int)");
    callFails("sort", "abc")
        .hasMessage("cannot use string as argument (type []interface {}) to call sort");
    callFails("sort").hasMessage("not enough arguments to call sort");
  }
}
