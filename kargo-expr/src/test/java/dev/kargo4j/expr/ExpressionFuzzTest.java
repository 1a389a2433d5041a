package dev.kargo4j.expr;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile expressions (deep nesting, huge literals, doubling, catastrophic regexes, big JSON)
 * raise only KargoException, each within seconds, and the 192 MiB heap of the fuzz run survives.
 */
class ExpressionFuzzTest {
  @Provide
  Arbitrary<String> hostile() {
    return FuzzSupport.hostileExpression();
  }

  @Property(tries = 250)
  void hostileExpressionsRaiseOnlyKargoExceptions(@ForAll("hostile") String source) {
    FuzzSupport.onlyKargoExceptions(
        () -> FuzzSupport.ENGINE.compile(source).evaluate(FuzzSupport.ENV));
  }

  @Property(tries = 60)
  void catastrophicRegexesAnswerWithTheDefaultLimits(
      @ForAll("regexes") String re) {
    FuzzSupport.onlyKargoExceptions(() -> ExprEngine.standard()
        .evaluate("s matches r", java.util.Map.of("s", "a".repeat(20_000) + "!", "r", re)));
  }

  @Provide
  Arbitrary<String> regexes() {
    return FuzzSupport.evilRegex();
  }
}
