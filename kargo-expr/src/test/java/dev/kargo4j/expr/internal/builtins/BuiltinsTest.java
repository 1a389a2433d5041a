package dev.kargo4j.expr.internal.builtins;

import static dev.kargo4j.expr.internal.builtins.Calls.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.expr.ExprFunction;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuiltinsTest {

  /** The builtins of expr v1.17.8 (builtin/builtin.go) that take no closure. */
  static final List<String> EXPR_1_17_8_FUNCTIONS =
      List.of(
          "len", "type", "abs", "ceil", "floor", "round", "int", "float", "string", "trim",
          "trimPrefix", "trimSuffix", "upper", "lower", "split", "splitAfter", "replace",
          "repeat", "join", "indexOf", "lastIndexOf", "hasPrefix", "hasSuffix", "max", "min",
          "mean", "median", "toJSON", "fromJSON", "toBase64", "fromBase64", "now", "duration",
          "date", "timezone", "first", "last", "get", "take", "keys", "values", "toPairs",
          "fromPairs", "reverse", "uniq", "concat", "flatten", "sort", "bitand", "bitor",
          "bitxor", "bitnand", "bitshl", "bitshr", "bitushr", "bitnot");

  @Test
  void providesExactlyTheNonPredicateBuiltins() {
    Map<String, ExprFunction> functions = Builtins.functions();
    assertThat(functions.keySet()).containsExactlyInAnyOrderElementsOf(EXPR_1_17_8_FUNCTIONS);
    assertThat(functions.keySet()).doesNotContainAnyElementsOf(Builtins.PREDICATES);
    assertThatThrownBy(() -> functions.put("x", a -> null))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void eachClockGivesItsOwnNow() {
    Instant at = Instant.parse("2030-01-01T00:00:00Z");
    Map<String, ExprFunction> fixed = Builtins.functions(Clock.fixed(at, ZoneOffset.ofHours(5)));
    ZonedDateTime now = (ZonedDateTime) fixed.get("now").call(List.of());
    assertThat(now.toInstant()).isEqualTo(at);
    assertThat(now.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void jdkExceptionsSurfaceAsIllegalArgument() {
    ExprFunction date = Builtins.functions().get("date");
    // AddDate far beyond Java's year range
    ZonedDateTime t = (ZonedDateTime) date.call(list("2023-01-01"));
    assertThatThrownBy(() -> Builtins.invoke(t, "AddDate", list(2_000_000_000L, 0L, 0L)))
        .isInstanceOf(IllegalArgumentException.class);
    Object later = Builtins.invoke(t, "Add", list(java.time.Duration.ofNanos(Long.MAX_VALUE)));
    assertThat(((ZonedDateTime) later).getYear()).isEqualTo(2315);
  }

  @Test
  void facadeHelpers() {
    assertThat(Builtins.formatV(list(1.0, "x"))).isEqualTo("[1 x]");
    assertThat(Builtins.toJson(Calls.map("a", 1L), null)).isEqualTo("{\"a\":1}");
    assertThat(Builtins.toJson(Calls.map("a", 1L), "")).isEqualTo("{\"a\":1}");
    assertThat(Builtins.fromJson("{\"a\":[1]}")).isEqualTo(Calls.map("a", list(1.0)));
    assertThat(Builtins.equal(1L, 1.0)).isTrue();
    assertThat(Builtins.equal(list(1L), list(1.0))).isTrue();
    assertThat(Builtins.equal(Calls.map("a", 1L), Calls.map("a", 1.0))).isFalse();
    assertThat(Builtins.equal(null, null)).isTrue();
    assertThat(Builtins.equal("1", 1L)).isFalse();
    assertThat(Builtins.goType(list())).isEqualTo("[]interface {}");
    assertThat(Builtins.goType(Calls.map())).isEqualTo("map[string]interface {}");
    assertThat(Builtins.goType(null)).isEqualTo("<nil>");
    assertThat(Builtins.goType(1.5)).isEqualTo("float64");
  }
}
