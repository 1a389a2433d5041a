package dev.kargo4j.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The engine API: host functions and objects, the value model, caching, thread safety. */
class ExprEngineTest {
  private final ExprEngine engine = ExprEngine.standard();

  /** A host object with one field and one method. */
  private static final class Image implements ExprObject {
    private final String tag;

    Image(String tag) {
      this.tag = tag;
    }

    @Override
    public Object member(String name) {
      return name.equals("Tag") ? tag : NO_SUCH_MEMBER;
    }

    @Override
    public Object invoke(String method, List<Object> args) {
      if (method.equals("WithTag")) {
        return new Image((String) args.get(0));
      }
      return ExprObject.super.invoke(method, args);
    }

    @Override
    public Object jsonValue() {
      return Map.of("tag", tag);
    }
  }

  @Test
  void hostFunctionsAndObjects() {
    ExprEngine e = ExprEngine.builder()
        .function("imageFrom", args -> args.get(0).equals("nginx") ? new Image("1.2.3") : null)
        .build();
    assertThat(e.evaluate("imageFrom('nginx').Tag", Map.of())).isEqualTo("1.2.3");
    assertThat(e.evaluate("imageFrom('nginx').WithTag('2.0').Tag", Map.of())).isEqualTo("2.0");
    assertThat(e.evaluate("imageFrom('other')?.Tag ?? 'none'", Map.of())).isEqualTo("none");
    assertThat(e.evaluate("'Tag' in imageFrom('nginx')", Map.of())).isEqualTo(true);
    assertThat(e.evaluate("'Digest' in imageFrom('nginx')", Map.of())).isEqualTo(false);
    assertThatThrownBy(() -> e.evaluate("imageFrom('nginx').Digest", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("cannot fetch Digest from Image");
    assertThatThrownBy(() -> e.evaluate("imageFrom('nginx').Foo()", Map.of()))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("has no method Foo");
    assertThat(e.render("${{ imageFrom('nginx') }}", Map.of())).isEqualTo(Map.of("tag", "1.2.3"));
  }

  @Test
  void hostFunctionFailuresCarryThePosition() {
    ExprEngine e = ExprEngine.builder()
        .function("boom", args -> {
          throw new IllegalArgumentException("no such commit");
        })
        .function("npe", args -> {
          throw new NullPointerException();
        })
        .build();
    ExpressionException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
        ExpressionException.class, () -> e.evaluate("1 + boom()", Map.of()));
    assertThat(ex.reason()).isEqualTo("no such commit");
    assertThat(ex.column()).isEqualTo(5);
    assertThat(ex.getCause()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> e.evaluate("npe()", Map.of()))
        .isInstanceOf(ExpressionException.class);
  }

  @Test
  void aHostFunctionReplacesTheBuiltinOfTheSameName() {
    ExprEngine e = ExprEngine.builder().function("upper", args -> "overridden").build();
    assertThat(e.evaluate("upper('a')", Map.of())).isEqualTo("overridden");
    ExprEngine f = ExprEngine.builder().function("filter", args -> args.size()).build();
    assertThat(f.evaluate("filter(1, 2, 3)", Map.of())).isEqualTo(3L);
  }

  @Test
  void functionsInTheEnvironmentAreCallable() {
    ExprFunction twice = args -> (Long) args.get(0) * 2;
    assertThat(engine.evaluate("twice(21)", Map.of("twice", twice))).isEqualTo(42L);
    assertThat(engine.evaluate("m.twice(2)", Map.of("m", Map.of("twice", twice))))
        .isEqualTo(4L);
  }

  @Test
  void hostNumbersAreNormalised() {
    Map<String, Object> env = Map.of(
        "i", 5, "s", (short) 2, "f", 1.5f, "big", BigInteger.TEN, "dec", new BigDecimal("0.25"),
        "list", List.of(1, 2, 3), "arr", new Object[] {1, "a"});
    assertThat(engine.evaluate("i + s", env)).isEqualTo(7L);
    assertThat(engine.evaluate("f + dec", env)).isEqualTo(1.75);
    assertThat(engine.evaluate("big * 2", env)).isEqualTo(20L);
    assertThat(engine.evaluate("list[1]", env)).isEqualTo(2L);
    assertThat(engine.evaluate("sum(list)", env)).isEqualTo(6L);
    assertThat(engine.evaluate("arr[0] + 1", env)).isEqualTo(2L);
    assertThat(engine.evaluate("2 in list", env)).isEqualTo(true);
  }

  @Test
  void goArithmetic() {
    assertThat(engine.evaluate("x + 1", Map.of("x", Long.MAX_VALUE))).isEqualTo(Long.MIN_VALUE);
    assertThat(engine.evaluate("7 / 2", Map.of())).isEqualTo(3.5);
    assertThat(engine.evaluate("x / 0", Map.of("x", 1L))).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(engine.evaluate("-7 % 3", Map.of())).isEqualTo(-1L);
    assertThat(engine.evaluate("2 ** 10", Map.of())).isEqualTo(1024.0);
    assertThat(engine.evaluate("-2 ** 2", Map.of())).isEqualTo(-4.0);
    assertThat(engine.evaluate("'b' > 'B' and 'é' > 'z'", Map.of())).isEqualTo(true);
  }

  @Test
  void optionalChainingAndNilCoalescing() {
    Map<String, Object> env = new java.util.HashMap<>();
    env.put("a", null);
    env.put("m", Map.of("list", List.of(Map.of("x", 1L))));
    assertThat(engine.evaluate("a?.b.c.d", env)).isNull();
    assertThat(engine.evaluate("a?.b() ?? 'x'", env)).isEqualTo("x");
    assertThat(engine.evaluate("m?.list?.[0]?.x", env)).isEqualTo(1L);
    assertThat(engine.evaluate("m.missing?.[3]", env)).isNull();
    assertThat(engine.evaluate("(a?.b).c", env)).isNull(); // the chain goes on, as in expr
    assertThatThrownBy(() -> engine.evaluate("a?.b[0]", env))
        .isInstanceOf(ExpressionException.class);
  }

  @Test
  void predicatesWithNestedScopesAndVariables() {
    Map<String, Object> env = Map.of("posts", List.of(
        Map.of("Author", "ann", "Comments", List.of(Map.of("Author", "ann"))),
        Map.of("Author", "bob", "Comments", List.of(Map.of("Author", "ann")))));
    assertThat(engine.evaluate(
        "filter(posts, {let post = #; any(.Comments, .Author == post.Author)}) | map(.Author)",
        env)).isEqualTo(List.of("ann"));
    assertThat(engine.evaluate("map(1..3, map(1..#, #index))", Map.of()))
        .isEqualTo(List.of(List.of(0L), List.of(0L, 1L), List.of(0L, 1L, 2L)));
    assertThat(engine.evaluate("sortBy(['bb', 'a', 'ccc'], len(#), 'desc')", Map.of()))
        .isEqualTo(List.of("ccc", "bb", "a"));
    assertThat(engine.evaluate("findIndex([1, 2], # > 5)", Map.of())).isNull();
    assertThat(engine.evaluate("count([true, false, true])", Map.of())).isEqualTo(2L);
    assertThat(engine.evaluate("groupBy(1..5, # % 2 == 0)[false]", Map.of()))
        .isEqualTo(List.of(1L, 3L, 5L));
  }

  @Test
  void nowReadsTheInjectedClock() {
    Clock fixed = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    ExprEngine e = ExprEngine.builder().clock(fixed).build();
    Object now = e.evaluate("now()", Map.of());
    assertThat(now).isInstanceOf(ZonedDateTime.class);
    assertThat(((ZonedDateTime) now).toInstant()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    assertThat(e.evaluate("now().Year()", Map.of())).isEqualTo(2026L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void constantsAreFoldedButResultsStaySafeToShare() {
    Expression ex = engine.compile("[1, 2, {'a': [3]}]");
    Object first = ex.evaluate(Map.of());
    assertThat(first).isEqualTo(List.of(1L, 2L, Map.of("a", List.of(3L))));
    assertThatThrownBy(() -> ((List<Object>) first).add(4L))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(ex.evaluate(Map.of())).isEqualTo(first);
  }

  @Test
  void compiledExpressionsAreSharedSafelyAcrossThreads() throws Exception {
    Expression ex = engine.compile("map(filter(items, # % n == 0), # * n) | sum()");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int t = 0; t < 40; t++) {
        long n = t % 5 + 1;
        results.add(pool.submit(() -> ex.evaluate(Map.of("items", rangeList(), "n", n))));
      }
      for (int t = 0; t < 40; t++) {
        long n = t % 5 + 1;
        long expected = 0;
        for (long i = 0; i < 100; i++) {
          if (i % n == 0) {
            expected += i * n;
          }
        }
        assertThat(results.get(t).get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Object> rangeList() {
    List<Object> l = new ArrayList<>();
    for (long i = 0; i < 100; i++) {
      l.add(i);
    }
    return l;
  }

  @Test
  void evaluateCachesCompilation() {
    for (int i = 0; i < 3; i++) {
      assertThat(engine.evaluate("x * 2", Map.of("x", (long) i))).isEqualTo(2L * i);
    }
    assertThat(engine.compile("1").source()).isEqualTo("1");
  }
}
