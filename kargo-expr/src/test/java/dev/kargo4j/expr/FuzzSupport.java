package dev.kargo4j.expr;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kargo4j.KargoException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Hostile expression shapes shared by the expression and template fuzz tests. */
final class FuzzSupport {
  private FuzzSupport() {}

  /**
   * Limits for a 192 MiB heap: 2 Mi chars per string (8 Mi in all), 200,000 elements, 2 s. A
   * host with a small heap lowers the defaults the same way.
   */
  static final ExprEngine ENGINE = ExprEngine.builder()
      .limits(new EvalLimits(200_000, 128, 2 * 1024 * 1024, 200_000, Duration.ofSeconds(2),
          100_000))
      .build();

  static final Map<String, Object> ENV = Map.of(
      "s", "a".repeat(3_000) + "!",
      "big", "<&>".repeat(200_000),
      "xs", List.of(1L, 2L, 3L),
      "m", Map.of("k", "v", "list", List.of(Map.of("x", 1L))));

  /** Runs {@code body}; only a KargoException may escape, within a few seconds. */
  static void onlyKargoExceptions(Runnable body) {
    assertTimeoutPreemptively(Duration.ofSeconds(6), () -> {
      try {
        body.run();
      } catch (KargoException expected) {
        // the one exception type hostile input may cause
      }
    });
  }

  static Arbitrary<String> evilRegex() {
    return Arbitraries.oneOf(
        Arbitraries.of("(a+)+$", "(a|aa)+$", "^(a*)*(a*)*(a*)*b$", "(.*a){25}", "(x+x+)+y",
            "a(?=b)", "(a)\\1", "a++", "[[:alpha:]]+", "(?P<n>a)\\pL", "x{1001}", "[a", "\\",
            "(?i)A.*$", "\\Q.*\\E", "((((((((((a))))))))))*"),
        Arbitraries.strings().withChars("()[]{}*+?|^$\\.a:-,P<>=!1").ofMaxLength(30));
  }

  private static String nest(String open, String close, int n, String inner) {
    return open.repeat(n) + inner + close.repeat(n);
  }

  /** Expressions meant to hurt: nesting, huge literals, doubling, evil regexes, big JSON. */
  static Arbitrary<String> hostileExpression() {
    Arbitrary<Integer> depth = Arbitraries.integers().between(1, 5_000);
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 3_000_000);
    Arbitrary<Integer> small = Arbitraries.integers().between(1, 100);
    return Arbitraries.oneOf(
        depth.map(n -> nest("(", ")", n, "1")),
        depth.map(n -> nest("[", "]", n, "")),
        depth.map(n -> nest("{a: ", "}", n, "1")),
        depth.map(n -> "-".repeat(n) + "1"),
        depth.map(n -> "!".repeat(n) + "true"),
        depth.map(n -> "m" + ".k".repeat(n)),
        depth.map(n -> nest("toJSON(", ")", n, "m")),
        depth.map(n -> nest("len(", ")", n, "xs")),
        size.map(n -> "'" + "x".repeat(Math.min(n, 120_000)) + "'"),
        size.map(n -> "9".repeat(Math.min(n, 120_000))),
        size.map(n -> "repeat('x', " + n + ")"),
        size.map(n -> "repeat('€', " + n + ") + repeat('€', " + n + ")"),
        small.map(n -> "reduce(1.." + n + ", #acc + #acc, 'xy')"),
        small.map(n -> "let s = repeat('x', 1000000); map(1.." + n + ", s + string(#))"),
        small.map(n -> "let a = map(1..1000, repeat('x', 10000)); toJSON(map(1.." + n + ", a))"),
        small.map(n -> "let a = map(1..1000, big); join(map(1.." + n + ", join(a)))"),
        small.map(n -> "string(map(1.." + n + ", map(1..1000, big)))"),
        size.map(n -> "map(1.." + n + ", {k: #, v: [#, #]})"),
        size.map(n -> "split(repeat('a,', " + n + "), ',')"),
        size.map(n -> "split(repeat('ab', " + n + "), '')"),
        evilRegex().map(re -> "s matches " + quote(re)),
        evilRegex().map(re -> "big matches " + quote(re)),
        evilRegex().map(re -> "'aaaaaaaaaaaaa!' matches " + quote(re)),
        Combinators.combine(evilRegex(), small)
            .as((re, n) -> "all(1.." + n + ", s matches " + quote(re) + ")"),
        Arbitraries.strings().ofMaxLength(200));
  }

  static String quote(String re) {
    return "'" + re.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
