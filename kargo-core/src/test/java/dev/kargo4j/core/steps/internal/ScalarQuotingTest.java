package dev.kargo4j.core.steps.internal;

import dev.kargo4j.core.spi.ConfigRules;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScalarQuotingTest {
  @Test
  void yamlScalarsOfFloatsAreGoPercentV() {
    // yaml-update writes fmt's %v of the float64 Kargo decoded from JSON: 'g' with exponent
    // from 1e+06 (this copy used to switch at 1e21, which Go does not)
    assertThat(YamlEditor.render(42.0, false)).isEqualTo("42");
    assertThat(YamlEditor.render(1e21, false)).isEqualTo("1e+21");
    assertThat(YamlEditor.render(1e20, false)).isEqualTo("1e+20");
    assertThat(YamlEditor.render(1500000.5, false)).isEqualTo("1.5000005e+06");
    assertThat(YamlEditor.render(0.00001, false)).isEqualTo("1e-05");
    assertThat(YamlEditor.render(0.1 + 0.2, false)).isEqualTo("0.30000000000000004");
    assertThat(YamlEditor.render(1000000, false)).isEqualTo("1000000");
  }

  @Test
  void parseFloatAndBoolAcceptance() {
    for (String s : List.of("1", "-1.5", ".5", "5.", "1e5", "1_000", "0x1p-2", "inf", "-Infinity", "NaN", "1e-400")) {
      assertThat(ScalarQuoting.parsesAsFloat(s)).as(s).isTrue();
    }
    for (String s : List.of("", ".", "e5", "1e400", "0x1F", "1__0", "_1", "1_", "abc", "1.2.3")) {
      assertThat(ScalarQuoting.parsesAsFloat(s)).as(s).isFalse();
    }
    assertThat(ScalarQuoting.parsesAsBool("T")).isTrue();
    assertThat(ScalarQuoting.parsesAsBool("yes")).isFalse();
    assertThat(ScalarQuoting.quoteIfNecessary("[1, 2]")).isEqualTo("\"[1, 2]\"");
    assertThat(ScalarQuoting.quoteIfNecessary("[1, 2")).isEqualTo("[1, 2");
    assertThat(ScalarQuoting.quoteIfNecessary("true")).isEqualTo("\"true\"");
  }

  @Test
  void durations() {
    assertThat(ConfigRules.duration("1m30s", "d")).hasSeconds(90);
    assertThat(ConfigRules.duration("1.5h", "d")).hasMinutes(90);
    assertThat(ConfigRules.duration("300ms", "d").toMillis()).isEqualTo(300);
    assertThat(ConfigRules.duration("0", "d")).isZero();
  }
}
