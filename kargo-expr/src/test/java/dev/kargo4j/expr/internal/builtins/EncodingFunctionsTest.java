package dev.kargo4j.expr.internal.builtins;

import static dev.kargo4j.expr.internal.builtins.Calls.call;
import static dev.kargo4j.expr.internal.builtins.Calls.callFails;
import static dev.kargo4j.expr.internal.builtins.Calls.list;
import static dev.kargo4j.expr.internal.builtins.Calls.map;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodingFunctionsTest {

  @Test
  void toJsonIsMarshalIndent() {
    assertThat(call("toJSON", list(1L, 2L, 3L))).isEqualTo("[\n  1,\n  2,\n  3\n]");
    assertThat(call("toJSON", true)).isEqualTo("true");
    assertThat(call("toJSON", 1.5)).isEqualTo("1.5");
    assertThat(call("toJSON", map())).isEqualTo("{}");
    assertThat(call("toJSON", list(1L, "a", null))).isEqualTo("[\n  1,\n  \"a\",\n  null\n]");
    assertThat(call("toJSON", "<a&b>")).isEqualTo("\"\\u003ca\\u0026b\\u003e\"");
    assertThat(call("toJSON", (Object) null)).isEqualTo("null");
    callFails("toJSON", call("fromPairs", list(list("a", 1L))))
        .hasMessage("json: unsupported type: map[interface {}]interface {}");
    callFails("toJSON").hasMessage("not enough arguments to call toJSON");
  }

  @Test
  void fromJsonIsUnmarshalIntoInterface() {
    assertThat(call("fromJSON", "[1, 2, 3]")).isEqualTo(list(1.0, 2.0, 3.0));
    assertThat(call("fromJSON", "[\"1\"]")).isEqualTo(list("1"));
    assertThat(call("fromJSON", "{\"a\": 1}")).isEqualTo(map("a", 1.0));
    assertThat(call("fromJSON", "null")).isNull();
    assertThat(call("fromJSON", "true")).isEqualTo(true);
    callFails("fromJSON", "5e2482")
        .hasMessage("json: cannot unmarshal number 5e2482 into Go value of type float64");
    callFails("fromJSON", "bad")
        .hasMessage("invalid character 'b' looking for beginning of value");
    callFails("fromJSON", 1L).hasMessage("cannot use int as argument (type string) to call fromJSON");
  }

  @Test
  void base64IsStdEncoding() {
    assertThat(call("toBase64", "Hello World")).isEqualTo("SGVsbG8gV29ybGQ=");
    assertThat(call("toBase64", "")).isEqualTo("");
    assertThat(call("toBase64", "é")).isEqualTo("w6k=");
    assertThat(call("fromBase64", "aGVsbG8=")).isEqualTo("hello");
    assertThat(call("fromBase64", "aGVs\r\nbG8=\n")).isEqualTo("hello");
    assertThat(call("fromBase64", "w6k=")).isEqualTo("é");
    assertThat(call("fromBase64", "")).isEqualTo("");
    callFails("fromBase64", "aGVsbG8").hasMessage("illegal base64 data at input byte 4");
    callFails("fromBase64", "aGVsbG8=x").hasMessage("illegal base64 data at input byte 8");
    callFails("fromBase64", "a").hasMessage("illegal base64 data at input byte 0");
    callFails("fromBase64", "aG!s").hasMessage("illegal base64 data at input byte 2");
    callFails("fromBase64", "aG=").hasMessage("illegal base64 data at input byte 3");
    callFails("fromBase64", "a===").hasMessage("illegal base64 data at input byte 1");
    callFails("fromBase64", "aGVsbG8-").hasMessage("illegal base64 data at input byte 7");
  }
}
