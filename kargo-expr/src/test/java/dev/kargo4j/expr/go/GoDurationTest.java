package dev.kargo4j.expr.go;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoDurationTest {

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of(0L, "0s"),
        Arguments.of(1L, "1ns"),
        Arguments.of(999L, "999ns"),
        Arguments.of(1_100L, "1.1\u00b5s"),
        Arguments.of(2_200_000L, "2.2ms"),
        Arguments.of(100_000_000L, "100ms"),
        Arguments.of(1_500_000_000L, "1.5s"),
        Arguments.of(-1_500_000_000L, "-1.5s"),
        Arguments.of(60_000_000_000L, "1m0s"),
        Arguments.of(5_400_000_000_000L, "1h30m0s"),
        Arguments.of(7_200_000_000_000L, "2h0m0s"),
        Arguments.of(3_600_500_000_000L, "1h0m0.5s"),
        Arguments.of(Long.MAX_VALUE, "2562047h47m16.854775807s"),
        Arguments.of(Long.MIN_VALUE, "-2562047h47m16.854775808s"));
  }

  @ParameterizedTest
  @MethodSource("strings")
  void formatsLikeDurationString(long nanos, String text) {
    assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
  }

  static Stream<Arguments> parses() {
    return Stream.of(
        Arguments.of("0", 0L),
        Arguments.of("-0", 0L),
        Arguments.of("+0", 0L),
        Arguments.of("1h30m", 5_400_000_000_000L),
        Arguments.of("1.5h", 5_400_000_000_000L),
        Arguments.of("-1.5h", -5_400_000_000_000L),
        Arguments.of("+5s", 5_000_000_000L),
        Arguments.of("300ms", 300_000_000L),
        Arguments.of("1us", 1_000L),
        Arguments.of("1\u00b5s", 1_000L),
        Arguments.of("1\u03bcs", 1_000L),
        Arguments.of("10ns", 10L),
        Arguments.of(".5s", 500_000_000L),
        Arguments.of("1.s", 1_000_000_000L),
        Arguments.of("2h45m10.5s", 9_910_500_000_000L),
        Arguments.of("1.0000000000000000000001s", 1_000_000_000L),
        Arguments.of("9223372036854775807ns", Long.MAX_VALUE),
        Arguments.of("-9223372036854775808ns", Long.MIN_VALUE),
        Arguments.of("0.3333333333333333333h", 1_200_000_000_000L));
  }

  @ParameterizedTest
  @MethodSource("parses")
  void parsesLikeParseDuration(String text, long nanos) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  static Stream<Arguments> parseErrors() {
    return Stream.of(
        Arguments.of("", "time: invalid duration \"\""),
        Arguments.of("-", "time: invalid duration \"-\""),
        Arguments.of("1", "time: missing unit in duration \"1\""),
        Arguments.of("1h1", "time: missing unit in duration \"1h1\""),
        Arguments.of("1x", "time: unknown unit \"x\" in duration \"1x\""),
        Arguments.of("1hour", "time: unknown unit \"hour\" in duration \"1hour\""),
        Arguments.of(".s", "time: invalid duration \".s\""),
        Arguments.of("s", "time: invalid duration \"s\""),
        Arguments.of("1h 30m", "time: unknown unit \"h \" in duration \"1h 30m\""),
        Arguments.of("9223372036854775808ns", "time: invalid duration \"9223372036854775808ns\""),
        Arguments.of("2562048h", "time: invalid duration \"2562048h\""),
        Arguments.of("1\u00e9s", "time: unknown unit \"\\xc3\\xa9s\" in duration \"1\\xc3\\xa9s\""));
  }

  @ParameterizedTest
  @MethodSource("parseErrors")
  void reportsParseDurationErrors(String text, String message) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void unitConversions() {
    Duration d = GoDuration.parse("1h30m");
    assertThat(GoDuration.hours(d)).isEqualTo(1.5);
    assertThat(GoDuration.minutes(d)).isEqualTo(90.0);
    assertThat(GoDuration.seconds(d)).isEqualTo(5400.0);
    assertThat(GoDuration.seconds(Duration.ofNanos(-1_500_000_000L))).isEqualTo(-1.5);
  }

  static Stream<Arguments> roundings() {
    // The examples of Go's Duration.Round and Duration.Truncate documentation.
    return Stream.of(
        Arguments.of("1ns", "1h15m30.918273645s", "1h15m30.918273645s"),
        Arguments.of("1us", "1h15m30.918274s", "1h15m30.918273s"),
        Arguments.of("1ms", "1h15m30.918s", "1h15m30.918s"),
        Arguments.of("1s", "1h15m31s", "1h15m30s"),
        Arguments.of("2s", "1h15m30s", "1h15m30s"),
        Arguments.of("1m", "1h16m0s", "1h15m0s"),
        Arguments.of("10m", "1h20m0s", "1h10m0s"),
        Arguments.of("1h", "1h0m0s", "1h0m0s"));
  }

  @ParameterizedTest
  @MethodSource("roundings")
  void roundsAndTruncatesLikeGo(String unit, String rounded, String truncated) {
    Duration d = GoDuration.parse("1h15m30.918273645s");
    long m = GoDuration.nanos(GoDuration.parse(unit));
    assertThat(GoDuration.format(GoDuration.round(d, m))).isEqualTo(rounded);
    assertThat(GoDuration.format(GoDuration.truncate(d, m))).isEqualTo(truncated);
  }

  @Test
  void roundingEdges() {
    assertThat(GoDuration.round(Duration.ofNanos(-15), 10)).isEqualTo(Duration.ofNanos(-20));
    assertThat(GoDuration.round(Duration.ofNanos(-14), 10)).isEqualTo(Duration.ofNanos(-10));
    assertThat(GoDuration.round(Duration.ofNanos(Long.MAX_VALUE), 1_000_000_000L))
        .isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(GoDuration.round(Duration.ofNanos(7), 0)).isEqualTo(Duration.ofNanos(7));
    assertThat(GoDuration.truncate(Duration.ofNanos(-17), 10)).isEqualTo(Duration.ofNanos(-10));
    assertThat(GoDuration.abs(Duration.ofNanos(Long.MIN_VALUE)))
        .isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(GoDuration.abs(Duration.ofNanos(-5))).isEqualTo(Duration.ofNanos(5));
  }

  @Test
  void javaDurationsBeyondInt64NanosAreClamped() {
    assertThat(GoDuration.nanos(Duration.ofDays(365L * 1000))).isEqualTo(Long.MAX_VALUE);
    assertThat(GoDuration.nanos(Duration.ofDays(-365L * 1000))).isEqualTo(Long.MIN_VALUE);
  }

  @Property(tries = 3000)
  void parseDurationReadsBackDurationString(@ForAll long nanos) {
    Duration d = Duration.ofNanos(nanos);
    assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
  }

  @Test
  void kargoManifestForms() {
    assertThat(GoDuration.format(Duration.ofMinutes(5))).isEqualTo("5m0s");
    assertThat(GoDuration.format(Duration.ofHours(48))).isEqualTo("48h0m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(-61))).isEqualTo("-1m1s");
    assertThat(GoDuration.format(Duration.ofNanos(Long.MAX_VALUE))).isEqualTo("2562047h47m16.854775807s");
    assertThat(GoDuration.format(Duration.ofNanos(Long.MIN_VALUE))).isEqualTo("-2562047h47m16.854775808s");
    assertThat(GoDuration.parse("+300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(GoDuration.parse(".5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("1.s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(GoDuration.parse("-2562047h47m16.854775808s")).isEqualTo(Duration.ofNanos(Long.MIN_VALUE));
    for (String bad : new String[] {"", "5", "5 m", "1d", ".s", "-", "1h-5m", "9223372036854775808ns", "2562048h"}) {
      assertThatThrownBy(() -> GoDuration.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("time: ");
    }
  }
}
