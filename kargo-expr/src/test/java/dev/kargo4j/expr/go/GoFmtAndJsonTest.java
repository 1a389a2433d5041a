package dev.kargo4j.expr.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoFmtAndJsonTest {
  @Test
  void percentVOfValues() {
    assertThat(GoFmt.formatV(null)).isEqualTo("<nil>");
    assertThat(GoFmt.formatV(List.of(1, "a", true))).isEqualTo("[1 a true]");
    assertThat(GoFmt.formatV(Map.of("b", 2, "a", List.of()))).isEqualTo("map[a:[] b:2]");
    assertThat(GoFmt.formatV(1500000.0)).isEqualTo("1.5e+06");
    assertThat(GoFmt.formatV(42L)).isEqualTo("42");
    assertThat(GoFmt.formatV(new BigDecimal("0.5"))).isEqualTo("0.5");
    assertThat(GoFmt.formatV(BigInteger.TEN)).isEqualTo("10");
    assertThat(GoFmt.formatV(Duration.ofMinutes(90))).isEqualTo("1h30m0s");
  }

  @Test
  void quoteLikeStrconv() {
    assertThat(GoStrconv.quote("a\"b\\c\n\t\u0007é\u0001\u200b😀"))
        .isEqualTo("\"a\\\"b\\\\c\\n\\t\\aé\\x01\\u200b😀\"");
    assertThat(GoStrconv.quote("\ud800")).isEqualTo("\"\\ufffd\"");
  }

  @Test
  void marshalLikeEncodingJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", 1e21);
    m.put("a", "<&>\u2028");
    m.put("c", Arrays.asList(1L, 0.000001, 1e-7, null, new BigDecimal("2.50")));
    assertThat(GoJson.marshal(m))
        .isEqualTo("{\"a\":\"\\u003c\\u0026\\u003e\\u2028\",\"b\":1e+21,\"c\":[1,0.000001,1e-7,null,2.5]}");
    assertThat(GoJson.marshalIndent(List.of(1L), "  ")).isEqualTo("[\n  1\n]");
    assertThatThrownBy(() -> GoJson.marshal(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("json: unsupported value: NaN");
  }

  @Test
  void unmarshalLikeEncodingJson() {
    assertThat(GoJson.unmarshal("[1, 2.5, true, null, \"s\"]"))
        .isEqualTo(Arrays.asList(1.0, 2.5, true, null, "s"));
    assertThatThrownBy(() -> GoJson.unmarshal("not json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid character 'o' in literal null (expecting 'u')");
  }
}
