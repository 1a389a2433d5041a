package dev.kargo4j.expr.internal.builtins;

import static dev.kargo4j.expr.internal.builtins.Calls.list;
import static dev.kargo4j.expr.internal.builtins.Calls.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoJsonTest {

  @Test
  void marshalIndentSortsKeysAndIndentsTwoSpaces() {
    Map<String, Object> v = map("b", 1L, "a", list(1L, "x", null, true), "c", map(), "d", list());
    assertThat(GoJson.encode(v, "  "))
        .isEqualTo(
            "{\n  \"a\": [\n    1,\n    \"x\",\n    null,\n    true\n  ],\n  \"b\": 1,\n"
                + "  \"c\": {},\n  \"d\": []\n}");
    assertThat(GoJson.encode(v, null)).isEqualTo("{\"a\":[1,\"x\",null,true],\"b\":1,\"c\":{},\"d\":[]}");
    assertThat(GoJson.encode(map("k", map("x", 1.5)), "  "))
        .isEqualTo("{\n  \"k\": {\n    \"x\": 1.5\n  }\n}");
  }

  @Test
  void keysSortByBytesNotUtf16() {
    // U+FF5E (3 UTF-8 bytes) sorts before U+1F600 (4 bytes) in Go, although its UTF-16 unit
    // is larger than the high surrogate of U+1F600.
    Map<String, Object> v = map("\uD83D\uDE00", 1L, "\uFF5E", 2L);
    assertThat(GoJson.encode(v, null)).isEqualTo("{\"\uFF5E\":2,\"\uD83D\uDE00\":1}");
  }

  static Stream<Arguments> escapes() {
    return Stream.of(
        Arguments.of("<a&b>", "\"\\u003ca\\u0026b\\u003e\""),
        Arguments.of("line\nbreak\ttab\rcr", "\"line\\nbreak\\ttab\\rcr\""),
        Arguments.of("q\"b\\", "\"q\\\"b\\\\\""),
        Arguments.of("\u2028\u2029", "\"\\u2028\\u2029\""),
        Arguments.of("\u0001\u001f\u007f", "\"\\u0001\\u001f\u007f\""),
        Arguments.of("\b\f", "\"\\b\\f\""),
        Arguments.of("é😀", "\"é😀\""));
  }

  @ParameterizedTest
  @MethodSource("escapes")
  void escapesLikeGo(String input, String expected) {
    assertThat(GoJson.encode(input, "  ")).isEqualTo(expected);
  }

  @Test
  void loneSurrogatesBecomeTheReplacementCharacter() {
    assertThat(GoJson.encode("a\uD800b", null)).isEqualTo("\"a\\ufffdb\"");
  }

  @Test
  void timesDurationsAndLocations() {
    ZonedDateTime t = ZonedDateTime.of(2023, 8, 14, 10, 0, 0, 500_000_000, ZoneOffset.ofHours(2));
    assertThat(GoJson.encode(t, null)).isEqualTo("\"2023-08-14T10:00:00.5+02:00\"");
    assertThat(GoJson.encode(t.withZoneSameInstant(ZoneOffset.UTC).withNano(0), null))
        .isEqualTo("\"2023-08-14T08:00:00Z\"");
    assertThat(GoJson.encode(Duration.ofSeconds(1), null)).isEqualTo("1000000000");
    assertThat(GoJson.encode(ZoneOffset.UTC, null)).isEqualTo("{}");
  }

  @Test
  void hostObjectsMarshalAsTheirJsonValue() {
    dev.kargo4j.expr.ExprObject origin =
        new dev.kargo4j.expr.ExprObject() {
          @Override
          public Object member(String name) {
            return NO_SUCH_MEMBER;
          }

          @Override
          public Object jsonValue() {
            return map("name", "w", "kind", "Warehouse");
          }
        };
    assertThat(GoJson.encode(list(origin), null))
        .isEqualTo("[{\"kind\":\"Warehouse\",\"name\":\"w\"}]");
    dev.kargo4j.expr.ExprObject bare = name -> dev.kargo4j.expr.ExprObject.NO_SUCH_MEMBER;
    assertThat(GoJson.encode(bare, "  ")).isEqualTo("{}");
  }

  @Test
  void refusesWhatGoRefuses() {
    assertThatThrownBy(() -> GoJson.encode(list(Double.NaN), null))
        .hasMessage("json: unsupported value: NaN");
    InterfaceKeyedMap pairs = new InterfaceKeyedMap();
    pairs.put("a", 1L);
    assertThatThrownBy(() -> GoJson.encode(pairs, null))
        .hasMessage("json: unsupported type: map[interface {}]interface {}");
    assertThatThrownBy(() -> GoJson.encode((dev.kargo4j.expr.ExprFunction) a -> null, null))
        .hasMessageStartingWith("json: unsupported type: func");
    ZonedDateTime far = ZonedDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    assertThatThrownBy(() -> GoJson.encode(far, null))
        .hasMessageContaining("year outside of range [0,9999]");
  }

  @Test
  void decodesNumbersAsFloatsAndObjectsAsMaps() {
    assertThat(GoJson.decode(" [1, 2.5, -3e2] ")).isEqualTo(List.of(1.0, 2.5, -300.0));
    Object v = GoJson.decode("{\"a\": {\"b\": [true, false, null]}, \"c\": \"x\"}");
    Map<String, Object> inner = new LinkedHashMap<>();
    List<Object> arr = new ArrayList<>();
    arr.add(true);
    arr.add(false);
    arr.add(null);
    inner.put("b", arr);
    assertThat(v).isEqualTo(map("a", inner, "c", "x"));
    assertThat(GoJson.decode("{\"a\":1,\"a\":2}")).isEqualTo(map("a", 2.0));
    assertThat(GoJson.decode("null")).isNull();
  }

  @Test
  void decodesEscapes() {
    assertThat(GoJson.decode("\"\\u00e9\\ud83d\\ude00\\n\\t\\/\\\\\\\"\"")).isEqualTo("é😀\n\t/\\\"");
    assertThat(GoJson.decode("\"\\ud800x\"")).isEqualTo("\ufffdx");
    assertThat(GoJson.decode("\"\\udc00\"")).isEqualTo("\ufffd");
  }

  static Stream<Arguments> syntaxErrors() {
    return Stream.of(
        Arguments.of("bad", "invalid character 'b' looking for beginning of value"),
        Arguments.of("", "unexpected end of JSON input"),
        Arguments.of("   ", "unexpected end of JSON input"),
        Arguments.of("[1,]", "invalid character ']' looking for beginning of value"),
        Arguments.of("[1 2]", "invalid character '2' after array element"),
        Arguments.of("{\"a\" 1}", "invalid character '1' after object key"),
        Arguments.of("{\"a\":1 \"b\":2}", "invalid character '\"' after object key:value pair"),
        Arguments.of("{,}", "invalid character ',' looking for beginning of object key string"),
        Arguments.of("{\"a\":1,}", "invalid character '}' looking for beginning of object key string"),
        Arguments.of("01", "invalid character '1' after top-level value"),
        Arguments.of("1 2", "invalid character '2' after top-level value"),
        Arguments.of("tru", "unexpected end of JSON input"),
        Arguments.of("trux", "invalid character 'x' in literal true (expecting 'e')"),
        Arguments.of("nul", "unexpected end of JSON input"),
        Arguments.of("-", "unexpected end of JSON input"),
        Arguments.of("-x", "invalid character 'x' in numeric literal"),
        Arguments.of("1.x", "invalid character 'x' after decimal point in numeric literal"),
        Arguments.of("1ex", "invalid character 'x' in exponent of numeric literal"),
        Arguments.of("\"\\x\"", "invalid character 'x' in string escape code"),
        Arguments.of("\"\\u12g4\"", "invalid character 'g' in \\u hexadecimal character escape"),
        Arguments.of("\"abc", "unexpected end of JSON input"),
        Arguments.of("5e2482", "json: cannot unmarshal number 5e2482 into Go value of type float64"),
        Arguments.of("[5e2482, x]", "invalid character 'x' looking for beginning of value"));
  }

  @ParameterizedTest
  @MethodSource("syntaxErrors")
  void reportsGoSyntaxErrors(String input, String message) {
    assertThatThrownBy(() -> GoJson.decode(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void controlCharactersInStringsAreQuotedLikeGo() {
    assertThatThrownBy(() -> GoJson.decode("\"a\nb\""))
        .hasMessage("invalid character '\\n' in string literal");
    assertThatThrownBy(() -> GoJson.decode("'x'"))
        .hasMessage("invalid character '\\'' looking for beginning of value");
  }

  // ------------------------------------------------------------------ property

  @Provide
  Arbitrary<Object> jsonValues() {
    return value(3);
  }

  private Arbitrary<Object> value(int depth) {
    Arbitrary<Object> doubles =
        Arbitraries.longs()
            .map(Double::longBitsToDouble)
            .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d))
            .map(d -> (Object) d);
    Arbitrary<Object> strings =
        Arbitraries.strings()
            .all()
            .ofMaxLength(12)
            .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)))
            .map(s -> (Object) s);
    Arbitrary<Object> booleans = Arbitraries.of(true, false).map(b -> (Object) b);
    Arbitrary<Object> leaf = Arbitraries.oneOf(doubles, strings, booleans).injectNull(0.1);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> lists = value(depth - 1).list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
    Arbitrary<Object> maps =
        Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(5), value(depth - 1))
            .ofMaxSize(4)
            .map(m -> (Object) new LinkedHashMap<>(m));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, leaf), net.jqwik.api.Tuple.of(1, lists),
        net.jqwik.api.Tuple.of(1, maps));
  }

  @Property(tries = 500)
  void fromJsonOfToJsonGivesTheValueBack(@ForAll("jsonValues") Object v) {
    assertThat(GoJson.decode(GoJson.encode(v, "  "))).isEqualTo(v);
    assertThat(GoJson.decode(GoJson.encode(v, null))).isEqualTo(v);
  }
}
