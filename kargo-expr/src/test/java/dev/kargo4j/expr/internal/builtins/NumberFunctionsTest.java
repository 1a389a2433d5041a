package dev.kargo4j.expr.internal.builtins;

import static dev.kargo4j.expr.internal.builtins.Calls.call;
import static dev.kargo4j.expr.internal.builtins.Calls.callFails;
import static dev.kargo4j.expr.internal.builtins.Calls.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NumberFunctionsTest {

  @Test
  void absKeepsTheType() {
    assertThat(call("abs", -5L)).isEqualTo(5L);
    assertThat(call("abs", -0.5)).isEqualTo(0.5);
    assertThat(call("abs", Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
    callFails("abs", "x").hasMessage("invalid argument for abs (type string)");
    callFails("abs").hasMessage("invalid number of arguments (expected 1, got 0)");
  }

  @Test
  void roundingAlwaysGivesFloats() {
    assertThat(call("ceil", 5L)).isEqualTo(5.0);
    assertThat(call("ceil", -1.5)).isEqualTo(-1.0);
    assertThat(call("floor", -1.5)).isEqualTo(-2.0);
    assertThat(call("round", 2.5)).isEqualTo(3.0);
    assertThat(call("round", -2.5)).isEqualTo(-3.0);
    assertThat(call("round", 5.49)).isEqualTo(5.0);
    assertThat(call("round", 0.49999999999999994)).isEqualTo(0.0);
    assertThat(call("round", 4503599627370497.0)).isEqualTo(4503599627370497.0);
    assertThat(call("round", -0.4)).isEqualTo(-0.0);
    assertThat((Double) call("round", Double.NaN)).isNaN();
    callFails("floor", "1").hasMessage("invalid argument for floor (type string)");
  }

  @Test
  void intConversions() {
    assertThat(call("int", "12")).isEqualTo(12L);
    assertThat(call("int", "+12")).isEqualTo(12L);
    assertThat(call("int", "-12")).isEqualTo(-12L);
    assertThat(call("int", 1.9)).isEqualTo(1L);
    assertThat(call("int", -1.9)).isEqualTo(-1L);
    assertThat(call("int", 1e300)).isEqualTo(Long.MIN_VALUE);
    assertThat(call("int", 7L)).isEqualTo(7L);
    assertThat(call("int", Duration.ofSeconds(1))).isEqualTo(1_000_000_000L);
    callFails("int", "5.5").hasMessage("invalid operation: int(5.5)");
    callFails("int", "1_000").hasMessage("invalid operation: int(1_000)");
    callFails("int", " 1").hasMessage("invalid operation: int( 1)");
    callFails("int", "\u0663").hasMessage("invalid operation: int(\u0663)");
    callFails("int", "99999999999999999999")
        .hasMessage("invalid operation: int(99999999999999999999)");
    callFails("int", true).hasMessage("invalid operation: int(bool)");
    callFails("int", 1L, 2L).hasMessage("invalid number of arguments (expected 1, got 2)");
  }

  @Test
  void floatConversions() {
    assertThat(call("float", 5L)).isEqualTo(5.0);
    assertThat(call("float", "1.5")).isEqualTo(1.5);
    assertThat(call("float", "-1e3")).isEqualTo(-1000.0);
    assertThat(call("float", ".5")).isEqualTo(0.5);
    assertThat(call("float", "5.")).isEqualTo(5.0);
    assertThat(call("float", "0x1p-2")).isEqualTo(0.25);
    assertThat(call("float", "inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(call("float", "-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat((Double) call("float", "NaN")).isNaN();
    assertThat(call("float", "1e-400")).isEqualTo(0.0);
    callFails("float", "1e999").hasMessage("invalid operation: float(1e999)");
    callFails("float", "1.5f").hasMessage("invalid operation: float(1.5f)");
    callFails("float", "0x1").hasMessage("invalid operation: float(0x1)");
    callFails("float", "infin").hasMessage("invalid operation: float(infin)");
    callFails("float", (Object) null).hasMessage("invalid operation: float(<nil>)");
  }

  @Test
  void maxAndMinKeepTheWinningElementsType() {
    assertThat(call("max", 1.5, 2.5, 3.5)).isEqualTo(3.5);
    assertThat(call("max", list(1L, 2L, 4L, 10L), 20L, list(29L, 23L, -19L))).isEqualTo(29L);
    assertThat(call("min", list(1L, 2L, 4L, 10L), 20L, list(29L, 23L, -19L))).isEqualTo(-19L);
    assertThat(call("min", -1L, list(1.5, 2.5, 3.5))).isEqualTo(-1L);
    assertThat(call("max", 2.5, 3L)).isEqualTo(3L);
    assertThat(call("max", 1L, 1.0)).isEqualTo(1L);
    assertThat(call("max", list(1L, list(2L, list(3L)), list()))).isEqualTo(3L);
    assertThat(call("max", list())).isNull();
    assertThat(call("max", "a")).isEqualTo("a");
    assertThat(call("max", Duration.ofSeconds(1), Duration.ofSeconds(2)))
        .isEqualTo(Duration.ofSeconds(2));
    callFails("max").hasMessage("not enough arguments to call max");
    callFails("max", 1L, "2").hasMessage("invalid argument for max (type string)");
    callFails("max", list(1L, "2")).hasMessage("invalid argument for max (type string)");
    callFails("min", list(Duration.ofSeconds(1)))
        .hasMessage("invalid argument for min (type time.Duration)");
  }

  @Test
  void meanAndMedianAreFloats() {
    assertThat(call("mean", list(1L, 2L, 3.0, 4L))).isEqualTo(2.5);
    assertThat(call("mean", list())).isEqualTo(0.0);
    assertThat(call("mean", -10L, list(1L, 2L, 3L, 4L))).isEqualTo(0.0);
    assertThat(call("mean", list(list(1L), list(2L, 3L)))).isEqualTo(2.0);
    assertThat(call("median", list(1L, 2L, 3L, 4L))).isEqualTo(2.5);
    assertThat(call("median", list(3L, 1L, 2L))).isEqualTo(2.0);
    assertThat(call("median", list())).isEqualTo(0.0);
    assertThat(call("median", list(1L, 2L, 3L, 4L, 5L), 4.9)).isEqualTo(3.5);
    callFails("median", list(1L), "t").hasMessage("invalid argument for median (type string)");
    callFails("mean", "s", list(1L)).hasMessage("invalid argument for mean (type string)");
    callFails("mean").hasMessage("not enough arguments to call mean");
  }

  @Test
  void sumFoldsWithPlus() {
    assertThat(Builtins.sumArray(list(1L, 2L, 3L))).isEqualTo(6L);
    assertThat(Builtins.sumArray(list(0.5, 1.5, 2.5))).isEqualTo(4.5);
    assertThat(Builtins.sumArray(list(1L, 0.5))).isEqualTo(1.5);
    assertThat(Builtins.sumArray(list())).isEqualTo(0L);
    assertThat(Builtins.sumArray(list(Long.MAX_VALUE, 1L))).isEqualTo(Long.MIN_VALUE);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Builtins.sumArray(list("a")))
        .hasMessage("invalid operation: string + int");
  }

  @Test
  void bitOperations() {
    assertThat(call("bitnot", 10L)).isEqualTo(-11L);
    assertThat(call("bitxor", 15L, 32L)).isEqualTo(47L);
    assertThat(call("bitand", 90L, 34L)).isEqualTo(2L);
    assertThat(call("bitnand", 35L, 9L)).isEqualTo(34L);
    assertThat(call("bitor", 987L, -123L)).isEqualTo(-33L);
    assertThat(call("bitshl", 39L, 3L)).isEqualTo(312L);
    assertThat(call("bitshr", 7L, 2L)).isEqualTo(1L);
    assertThat(call("bitushr", -5L, 2L)).isEqualTo(4611686018427387902L);
    assertThat(call("bitshl", 1L, 64L)).isEqualTo(0L);
    assertThat(call("bitshr", -8L, 70L)).isEqualTo(-1L);
    assertThat(call("bitushr", -1L, 64L)).isEqualTo(0L);
    callFails("bitshr", -5L, -2L).hasMessage("invalid operation: negative shift count -2 (type int)");
    callFails("bitnot", "1").hasMessage("cannot use string as argument (type int) to call bitnot");
    callFails("bitand", 1.0, 1L)
        .hasMessage("cannot use float64 as argument (type int) to call bitand");
    callFails("bitand", 1L).hasMessage("not enough arguments to call bitand");
  }
}
