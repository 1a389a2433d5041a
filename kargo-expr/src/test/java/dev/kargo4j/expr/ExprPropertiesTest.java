package dev.kargo4j.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Laws of the language and of the renderer, checked on generated input. */
class ExprPropertiesTest {
  private static final ExprEngine ENGINE = ExprEngine.standard();

  private static final Map<String, Object> ENV = env();

  private static Map<String, Object> env() {
    Map<String, Object> env = new HashMap<>();
    env.put("a", 3L);
    env.put("b", -7L);
    env.put("f", 2.5);
    env.put("s", "hello");
    env.put("t", true);
    env.put("n", null);
    env.put("xs", List.of(1L, 2L, 3L));
    env.put("m", Map.of("k", "v", "list", List.of(Map.of("x", 1L))));
    return env;
  }

  /** Whatever the text, compiling and evaluating fails only with ExpressionException. */
  private static void onlyExpressionExceptions(String source) {
    try {
      ENGINE.compile(source).evaluate(ENV);
    } catch (ExpressionException e) {
      assertThat(e.expression()).isEqualTo(source);
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isPositive();
      assertThat(e.expected()).isNotNull();
    }
  }

  @Property(tries = 2000)
  void arbitraryTextRaisesOnlyExpressionExceptions(@ForAll String source) {
    onlyExpressionExceptions(source);
  }

  @Provide
  Arbitrary<String> tokenSoup() {
    Arbitrary<String> token = Arbitraries.of(
        "a", "b", "f", "s", "t", "n", "xs", "m", "m.k", "m.list", "$env", "#", "#index", "#acc",
        ".x", "1", "0", "-1", "2.5", "1e3", "0x1F", "'str'", "\"q\"", "`raw`", "nil", "true",
        "+", "-", "*", "/", "%", "**", "^", "==", "!=", "<", ">=", "&&", "||", "!", "not", "and",
        "in", "not in", "matches", "'^h'", "contains", "startsWith", "..", "??", "?", ":", "?.",
        ".", "[", "]", "(", ")", "{", "}", ",", ";", "|", "let x =", "x", "if", "else",
        "map(", "filter(", "all(", "reduce(", "sum(", "groupBy(", "sortBy(", "len(", "upper(",
        "string(", "toJSON(", "fromJSON(", "split(", "join(", "first(", "max(", "abs(", "int(",
        "keys(", "date(", "duration(");
    return token.list().ofMaxSize(14).map(l -> String.join(" ", l));
  }

  @Property(tries = 3000)
  void tokenSoupRaisesOnlyExpressionExceptions(@ForAll("tokenSoup") String source) {
    onlyExpressionExceptions(source);
  }

  @Provide
  Arbitrary<String> templates() {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(6),
        Arbitraries.of("${{", "}}", "${%", "%}", "$<<", ">>", " a ", " 1 + ", " quote(s) ",
            " asYAML(m) ", " asJSON(xs) ", " '\"' ", " nil ", "\n"),
        tokenSoup());
    return piece.list().ofMaxSize(8).map(l -> String.join("", l));
  }

  @Property(tries = 2000)
  void arbitraryTemplatesRaiseOnlyExpressionExceptions(@ForAll("templates") String text) {
    try {
      ENGINE.render(text, ENV);
    } catch (ExpressionException e) {
      assertThat(e.expression()).isEqualTo(text);
    }
    try {
      ENGINE.renderTree(Map.of("k", text, "l", List.of(text)), ENV);
    } catch (ExpressionException e) {
      assertThat(e.line()).isPositive();
    }
  }

  @Provide
  Arbitrary<Object> plainTrees() {
    Arbitrary<String> plain = Arbitraries.strings().ofMaxLength(12)
        .filter(s -> !s.contains("${{") && !s.contains("${%") && !s.contains("$<<"));
    Arbitrary<Object> leaf = Arbitraries.oneOf(
        plain.map(s -> (Object) s),
        Arbitraries.longs().map(l -> (Object) l),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null));
    return Arbitraries.recursive(() -> leaf, this::containerOf, 3);
  }

  private Arbitrary<Object> containerOf(Arbitrary<Object> inner) {
    Arbitrary<String> keys = Arbitraries.strings().ofMaxLength(8);
    Arbitrary<Object> map = Combinators.combine(keys.list().ofMaxSize(4), inner.list().ofSize(4))
        .as((ks, vs) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < ks.size(); i++) {
            m.put(ks.get(i), vs.get(i));
          }
          return (Object) m;
        });
    Arbitrary<Object> list = inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
    return Arbitraries.oneOf(map, list);
  }

  @Property(tries = 500)
  void aTreeWithoutDelimitersComesBackEqual(@ForAll("plainTrees") Object tree) {
    assertThat(ENGINE.renderTree(tree, ENV)).isEqualTo(tree);
  }

  @Property(tries = 500)
  void additionAndMultiplicationWrapLikeGoInt64(@ForAll long x, @ForAll long y) {
    Map<String, Object> env = Map.of("x", x, "y", y);
    assertThat(ENGINE.evaluate("x + y", env)).isEqualTo(x + y);
    assertThat(ENGINE.evaluate("x * y", env)).isEqualTo(x * y);
    assertThat(ENGINE.evaluate("x - y", env)).isEqualTo(x - y);
    assertThat(ENGINE.evaluate("x + y == y + x && x * y == y * x", env)).isEqualTo(true);
    assertThat(ENGINE.evaluate("x - y == x + -y", env)).isEqualTo(true);
  }

  @Property(tries = 300)
  void additionIsAssociative(@ForAll long x, @ForAll long y, @ForAll long z) {
    assertThat(ENGINE.evaluate("(x + y) + z == x + (y + z)", Map.of("x", x, "y", y, "z", z)))
        .isEqualTo(true);
  }

  @Property(tries = 500)
  void moduloFollowsTheDividendAndDivisionIsFloat(
      @ForAll long x, @ForAll @LongRange(min = 1, max = 1_000_000) long d) {
    Map<String, Object> env = Map.of("x", x, "d", d);
    assertThat(ENGINE.evaluate("x % d", env)).isEqualTo(x % d);
    assertThat(ENGINE.evaluate("x / d", env)).isEqualTo((double) x / (double) d);
    assertThat(ENGINE.evaluate("(x - x % d) % d == 0", env)).isEqualTo(true);
  }

  @Property(tries = 300)
  void intsEqualFloatsOfTheSameValue(@ForAll @IntRange(min = -1 << 30, max = 1 << 30) int i) {
    Map<String, Object> env = Map.of("i", (long) i, "f", (double) i);
    assertThat(ENGINE.evaluate("i == f && [i] == [f] && i in [f]", env)).isEqualTo(true);
    assertThat(ENGINE.evaluate("i < f + 0.5 && i >= f", env)).isEqualTo(true);
  }

  @Property(tries = 300)
  void rangesHaveTheirLength(
      @ForAll @IntRange(min = -50, max = 50) int lo, @ForAll @IntRange(min = -50, max = 50) int hi) {
    Object len = ENGINE.evaluate("len(lo..hi)", Map.of("lo", (long) lo, "hi", (long) hi));
    assertThat(len).isEqualTo((long) Math.max(0, hi - lo + 1));
  }
}
