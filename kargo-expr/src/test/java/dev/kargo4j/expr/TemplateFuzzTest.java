package dev.kargo4j.expr;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile templates: expressions of {@link ExpressionFuzzTest} inside {@code ${{ }}}, mixes of
 * {@code ${{}, {@code ${%} and {@code $<<} delimiters, unbalanced ones, and the template
 * functions that marshal values. Only KargoException escapes, within seconds.
 */
class TemplateFuzzTest {
  @Provide
  Arbitrary<String> hostile() {
    Arbitrary<String> piece = Arbitraries.oneOf(
        Arbitraries.of("${{", "}}", "${%", "%}", "$<<", ">>", "${{ s }}", "${{ quote(m) }}",
            "${{ asJSON(m) }}", "${{ asYAML(m) }}", "${{ unsafeQuote(xs) }}", "$", "{", "}",
            "\"", "'", "\\", "\n", " text ", "${{ 1 + }}", "${{ {{ }}", "${{ '}}' }}",
            "${{ toJSON(toJSON(toJSON(big))) }}", "${{ asYAML(map(1..50, big)) }}",
            "${{ asJSON(map(1..100, big)) }}", "${{ quote(map(1..100, big)) }}"),
        FuzzSupport.hostileExpression().map(e -> "${{ " + e + " }}"),
        FuzzSupport.hostileExpression().map(e -> "${% " + e + " %}"),
        FuzzSupport.hostileExpression().map(e -> "$<< " + e + " >>"));
    return piece.list().ofMinSize(1).ofMaxSize(8).map(l -> String.join("", l));
  }

  @Property(tries = 250)
  void hostileTemplatesRaiseOnlyKargoExceptions(@ForAll("hostile") String text) {
    FuzzSupport.onlyKargoExceptions(
        () -> FuzzSupport.ENGINE.compileTemplate(text).render(FuzzSupport.ENV));
  }

  @Property(tries = 100)
  void arbitraryTemplateTextRaisesOnlyKargoExceptions(@ForAll String text) {
    FuzzSupport.onlyKargoExceptions(
        () -> FuzzSupport.ENGINE.compileTemplate(text).render(FuzzSupport.ENV));
  }
}
