package dev.kargo4j.core.steps.internal;

import dev.kargo4j.core.spi.ConfigRules;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoFormatTest {
  @Test
  void floatsAsGoPrintsThem() {
    assertThat(GoFormat.formatFloatV(42)).isEqualTo("42");
    assertThat(GoFormat.formatFloatV(1e21)).isEqualTo("1e+21");
    assertThat(GoFormat.formatFloatV(1e20)).isEqualTo("100000000000000000000");
    assertThat(GoFormat.formatFloatV(0.0001)).isEqualTo("0.0001");
    assertThat(GoFormat.formatFloatV(0.00001)).isEqualTo("1e-05");
    assertThat(GoFormat.formatFloatV(-1.5e-7)).isEqualTo("-1.5e-07");
    assertThat(GoFormat.formatFloatV(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(GoFormat.formatFloatV(1.25e300)).isEqualTo("1.25e+300");
    assertThat(GoFormat.formatFloatPlain(1.25e22)).isEqualTo("12500000000000000000000");
  }

  @Test
  void valuesAsPercentV() {
    assertThat(GoFormat.formatValue(null)).isEqualTo("<nil>");
    assertThat(GoFormat.formatValue(List.of(1, "a", true))).isEqualTo("[1 a true]");
    assertThat(GoFormat.formatValue(Map.of("b", 2, "a", List.of()))).isEqualTo("map[a:[] b:2]");
  }

  @Test
  void quoteLikeStrconv() {
    assertThat(GoFormat.quote("a\"b\\c\n\t\u0007é\u0001\u200b😀")).isEqualTo("\"a\\\"b\\\\c\\n\\t\\aé\\x01\\u200b😀\"");
  }

  @Test
  void parseFloatAndBoolAcceptance() {
    for (String s : List.of("1", "-1.5", ".5", "5.", "1e5", "1_000", "0x1p-2", "inf", "-Infinity", "NaN", "1e-400")) {
      assertThat(GoFormat.parsesAsFloat(s)).as(s).isTrue();
    }
    for (String s : List.of("", ".", "e5", "1e400", "0x1F", "1__0", "_1", "1_", "abc", "1.2.3")) {
      assertThat(GoFormat.parsesAsFloat(s)).as(s).isFalse();
    }
    assertThat(GoFormat.parsesAsBool("T")).isTrue();
    assertThat(GoFormat.parsesAsBool("yes")).isFalse();
    assertThat(GoFormat.quoteIfNecessary("[1, 2]")).isEqualTo("\"[1, 2]\"");
    assertThat(GoFormat.quoteIfNecessary("[1, 2")).isEqualTo("[1, 2");
  }

  @Test
  void durations() {
    assertThat(ConfigRules.duration("1m30s", "d")).hasSeconds(90);
    assertThat(ConfigRules.duration("1.5h", "d")).hasMinutes(90);
    assertThat(ConfigRules.duration("300ms", "d").toMillis()).isEqualTo(300);
    assertThat(ConfigRules.duration("0", "d")).isZero();
  }
}
