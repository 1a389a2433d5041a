package dev.kargo4j.expr.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFloatTest {

  @ParameterizedTest(name = "%v of {0} is {1}")
  @CsvSource({
    "1.0, 1",
    "1.5, 1.5",
    "0.1, 0.1",
    "3.14, 3.14",
    "100000.0, 100000",
    "123456.7, 123456.7",
    "1000000.0, 1e+06",
    "1234567.0, 1.234567e+06",
    "123456789.0, 1.23456789e+08",
    "1e20, 1e+20",
    "1e21, 1e+21",
    "1e100, 1e+100",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "1.5e-7, 1.5e-07",
    "0.30000000000000004, 0.30000000000000004",
    "9007199254740992.0, 9.007199254740992e+15",
    "1.7976931348623157e308, 1.7976931348623157e+308",
    "4.9e-324, 5e-324",
    "1e23, 1e+23",
    "-2.5, -2.5",
    "-1e-10, -1e-10",
    "0.0, 0",
    "-0.0, -0",
    "100.0, 100",
    "0.000001, 1e-06",
    "1e-7, 1e-07",
    "5e-324, 5e-324",
    // Java 17's Double.toString gives 2.0E-3 style or non-shortest digits for these
    "2.0E-3, 0.002",
    "1.0E23, 1e+23",
    "2.2250738585072014E-308, 2.2250738585072014e-308",
  })
  void formatsLikeGoPercentV(double value, String expected) {
    assertThat(GoFloat.formatV(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "json of {0} is {1}")
  @CsvSource({
    "1.0, 1",
    "1.5, 1.5",
    "100000.0, 100000",
    "123456789.0, 123456789",
    "1e20, 100000000000000000000",
    "1e21, 1e+21",
    "1.5e300, 1.5e+300",
    "0.000001, 0.000001",
    "1e-7, 1e-7",
    "1.5e-7, 1.5e-7",
    "1.5e-10, 1.5e-10",
    "9007199254740992.0, 9007199254740992",
    "4.9e-324, 5e-324",
    "-0.0, -0",
    "-3.25, -3.25",
    "100.0, 100",
    "0.30000000000000004, 0.30000000000000004",
    "1e-6, 0.000001",
    "9.99e-7, 9.99e-7",
    "1.5e21, 1.5e+21",
  })
  void formatsLikeEncodingJson(double value, String expected) {
    assertThat(GoFloat.formatJson(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "'f' of {0} is {1}")
  @CsvSource({
    "1.25e22, 12500000000000000000000",
    "1e21, 1000000000000000000000",
    "1e-7, 0.0000001",
    "0.1, 0.1",
    "-2.5, -2.5",
    "-0.0, -0",
    "NaN, NaN",
    "Infinity, +Inf",
  })
  void formatsLikeStrconvF(double value, String expected) {
    assertThat(GoFloat.formatF(value)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void sumOfTenthsPrintsItsShortestForm() {
    assertThat(GoFloat.formatV(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(GoFloat.formatJson(0.1 + 0.2)).isEqualTo("0.30000000000000004");
  }

  @ParameterizedTest
  @CsvSource({"NaN, NaN", "Infinity, +Inf", "-Infinity, -Inf"})
  void specialValues(double value, String expected) {
    assertThat(GoFloat.formatV(value)).isEqualTo(expected);
    assertThatThrownBy(() -> GoFloat.formatJson(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("json: unsupported value: " + expected);
  }

  @Provide
  Arbitrary<Double> anyFiniteDouble() {
    return Arbitraries.longs()
        .map(Double::longBitsToDouble)
        .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d));
  }

  @Property(tries = 2000)
  void percentVReadsBackExactly(@ForAll("anyFiniteDouble") double d) {
    assertThat(Double.parseDouble(GoFloat.formatV(d))).isEqualTo(d);
    assertThat(Double.parseDouble(GoFloat.formatJson(d))).isEqualTo(d);
    assertThat(Double.parseDouble(GoFloat.formatF(d))).isEqualTo(d);
  }

  @Property(tries = 2000)
  void shortestIsNeverLongerThanJavasDigitsAndNoShorterFormReadsBack(
      @ForAll("anyFiniteDouble") double d) {
    double v = Math.abs(d);
    if (v == 0) {
      return;
    }
    GoFloat.Decimal dec = GoFloat.shortest(v);
    String javaDigits =
        new BigDecimal(Double.toString(v)).stripTrailingZeros().unscaledValue().toString();
    assertThat(dec.digits().length()).isLessThanOrEqualTo(javaDigits.length());
    assertThat(dec.digits()).doesNotEndWith("0");
    if (dec.digits().length() > 1) {
      int shorter = dec.digits().length() - 1;
      BigDecimal exact = new BigDecimal(v);
      for (java.math.RoundingMode mode :
          new java.math.RoundingMode[] {
            java.math.RoundingMode.FLOOR, java.math.RoundingMode.CEILING
          }) {
        double back = exact.round(new java.math.MathContext(shorter, mode)).doubleValue();
        assertThat(back).isNotEqualTo(v);
      }
    }
  }
}
