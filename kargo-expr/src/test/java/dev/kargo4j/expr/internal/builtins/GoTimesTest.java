package dev.kargo4j.expr.internal.builtins;

import dev.kargo4j.expr.go.GoDuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoTimesTest {

  /** Go's reference time with nanoseconds, in a fabricated zone without a name. */
  static final ZonedDateTime REF =
      ZonedDateTime.of(2006, 1, 2, 15, 4, 5, 123_456_789, ZoneOffset.ofHours(-7));

  static Stream<Arguments> layouts() {
    return Stream.of(
        Arguments.of(GoTimes.RFC3339, "2006-01-02T15:04:05-07:00"),
        Arguments.of(GoTimes.RFC3339_NANO, "2006-01-02T15:04:05.123456789-07:00"),
        Arguments.of("Mon Jan _2 15:04:05 2006", "Mon Jan  2 15:04:05 2006"),
        Arguments.of("Monday, January 2, 2006", "Monday, January 2, 2006"),
        Arguments.of("3:04PM", "3:04PM"),
        Arguments.of("03:04:05 pm", "03:04:05 pm"),
        Arguments.of("15:04:05.000", "15:04:05.123"),
        Arguments.of("15:04:05,000000", "15:04:05,123456"),
        Arguments.of("15:04:05.9", "15:04:05.1"),
        Arguments.of("05.999999999", "05.123456789"),
        Arguments.of("-0700 -07 -07:00 -070000 -07:00:00", "-0700 -07 -07:00 -070000 -07:00:00"),
        Arguments.of("Z0700 Z07 Z07:00 Z070000 Z07:00:00", "-0700 -07 -07:00 -070000 -07:00:00"),
        Arguments.of("MST", "-0700"),
        Arguments.of("002 __2", "002   2"),
        Arguments.of("06 _2006 2006", "06 _2006 2006"),
        Arguments.of("1/2/06 01/02/2006", "1/2/06 01/02/2006"),
        Arguments.of("Jan January Mon Monday", "Jan January Mon Monday"),
        Arguments.of("Month Mond Janet", "Month Mond Janet"),
        Arguments.of("no tokens here", "no tokens here"),
        Arguments.of("2006-01-02 15:04:05.999999999 -0700 MST",
            "2006-01-02 15:04:05.123456789 -0700 -0700"),
        Arguments.of(".0999", ".0999"),
        Arguments.of("", ""));
  }

  @ParameterizedTest
  @MethodSource("layouts")
  void formatsTheReferenceTime(String layout, String expected) {
    assertThat(GoTimes.format(REF, layout)).isEqualTo(expected);
  }

  @Test
  void formatsUtcAndRegions() {
    ZonedDateTime utc = ZonedDateTime.of(2023, 8, 14, 0, 0, 0, 0, ZoneOffset.UTC);
    assertThat(GoTimes.format(utc, "Z07:00 -0700 MST")).isEqualTo("Z +0000 UTC");
    assertThat(GoTimes.string(utc)).isEqualTo("2023-08-14 00:00:00 +0000 UTC");
    assertThat(GoTimes.format(utc, "15:04:05.999")).isEqualTo("00:00:00");
    assertThat(GoTimes.format(utc.withNano(500_000_000), "15:04:05.999")).isEqualTo("00:00:00.5");
    assertThat(GoTimes.format(utc, "3:04 PM")).isEqualTo("12:00 AM");
    assertThat(GoTimes.format(utc.withHour(12), "3:04 PM")).isEqualTo("12:00 PM");
    ZonedDateTime chicago =
        ZonedDateTime.of(2023, 4, 23, 0, 30, 0, 0, ZoneId.of("America/Chicago"));
    assertThat(GoTimes.string(chicago)).isEqualTo("2023-04-23 00:30:00 -0500 CDT");
    ZonedDateTime winter = ZonedDateTime.of(2023, 1, 5, 9, 0, 0, 0, ZoneId.of("Europe/Berlin"));
    assertThat(GoTimes.format(winter, "Jan 2 15:04 MST Z07:00")).isEqualTo("Jan 5 09:00 CET +01:00");
  }

  @Test
  void namesZonesLikeGo() {
    assertThat(GoTimes.locationName(ZoneOffset.UTC)).isEqualTo("UTC");
    assertThat(GoTimes.locationName(ZoneOffset.ofHours(2))).isEmpty();
    assertThat(GoTimes.locationName(ZoneId.of("Europe/Moscow"))).isEqualTo("Europe/Moscow");
    ZonedDateTime t = ZonedDateTime.of(2023, 1, 5, 9, 0, 0, 0, ZoneId.of("Etc/GMT+3"));
    assertThat(GoTimes.abbreviation(t)).isEqualTo("-03");
    assertThat(GoTimes.abbreviation(t.withZoneSameInstant(ZoneId.of("Etc/UTC")))).isEqualTo("UTC");
    assertThat(abbreviationIn(t, "Asia/Dubai")).isEqualTo("+04");
    assertThat(abbreviationIn(t, "Asia/Kathmandu")).isEqualTo("+0545");
    assertThat(abbreviationIn(t, "America/Sao_Paulo")).isEqualTo("-03");
    assertThat(abbreviationIn(t, "America/Adak")).isEqualTo("HST");
    assertThat(abbreviationIn(t, "Europe/Moscow")).isEqualTo("MSK");
    assertThat(abbreviationIn(t, "Asia/Tokyo")).isEqualTo("JST");
    assertThat(abbreviationIn(t, "Europe/London")).isEqualTo("GMT");
    assertThat(abbreviationIn(t.plusMonths(6), "Europe/London")).isEqualTo("BST");
    assertThat(abbreviationIn(t, "Australia/Sydney")).isEqualTo("AEDT");
  }

  private static String abbreviationIn(ZonedDateTime t, String zone) {
    return GoTimes.abbreviation(t.withZoneSameInstant(ZoneId.of(zone)));
  }

  @Test
  void loadsLocations() {
    assertThat(GoTimes.loadLocation("")).isEqualTo(ZoneOffset.UTC);
    assertThat(GoTimes.loadLocation("UTC")).isEqualTo(ZoneOffset.UTC);
    assertThat(GoTimes.loadLocation("Local")).isEqualTo(ZoneOffset.UTC);
    assertThat(GoTimes.loadLocation("Europe/Zurich")).isEqualTo(ZoneId.of("Europe/Zurich"));
    assertThatThrownBy(() -> GoTimes.loadLocation("Mars/Olympus"))
        .hasMessage("unknown time zone Mars/Olympus");
    assertThatThrownBy(() -> GoTimes.loadLocation("+02:00"))
        .hasMessage("unknown time zone +02:00");
    assertThatThrownBy(() -> GoTimes.loadLocation("../etc/passwd"))
        .hasMessage("time: invalid location name");
  }

  // ------------------------------------------------------------------ parse

  @Test
  void parsesRfc3339WithFractionsAndOffsets() {
    ZonedDateTime t = GoTimes.parse(GoTimes.RFC3339, "2023-08-14T12:30:45.5+02:00");
    assertThat(t.toInstant().toString()).isEqualTo("2023-08-14T10:30:45.500Z");
    assertThat(t.getZone()).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(GoTimes.locationName(t.getZone())).isEmpty();
    ZonedDateTime z = GoTimes.parse(GoTimes.RFC3339, "2023-08-14T12:30:45Z");
    assertThat(z.getZone()).isEqualTo(ZoneOffset.UTC);
    // an offset equal to Local's (UTC) is Local
    ZonedDateTime zero = GoTimes.parse(GoTimes.RFC3339, "2023-08-14T12:30:45+00:00");
    assertThat(zero.getZone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void parsesZoneAbbreviations() {
    ZonedDateTime gmt = GoTimes.parse(GoTimes.RFC1123, "Mon, 02 Jan 2006 15:04:05 GMT");
    assertThat(GoTimes.format(gmt, GoTimes.RFC1123)).isEqualTo("Mon, 02 Jan 2006 15:04:05 GMT");
    ZonedDateTime utc = GoTimes.parse(GoTimes.RFC850, "Monday, 02-Jan-06 15:04:05 UTC");
    assertThat(utc.getZone()).isEqualTo(ZoneOffset.UTC);
    // In a location that uses the abbreviation, ParseInLocation takes its offset.
    ZonedDateTime cdt =
        GoTimes.parseInLocation(
            "2006-01-02 15:04 MST", "2023-07-01 10:00 CDT", ZoneId.of("America/Chicago"));
    assertThat(cdt.toInstant().toString()).isEqualTo("2023-07-01T15:00:00Z");
    // Unknown abbreviations keep the wall time at offset zero.
    ZonedDateTime pst = GoTimes.parse("2006-01-02 15:04 MST", "2023-07-01 10:00 PST");
    assertThat(pst.toInstant().toString()).isEqualTo("2023-07-01T10:00:00Z");
    ZonedDateTime gmtPlus = GoTimes.parse("2006-01-02 15:04 MST", "2023-07-01 10:00 GMT+3");
    assertThat(gmtPlus.getOffset()).isEqualTo(ZoneOffset.ofHours(3));
  }

  @Test
  void parsesOtherElements() {
    assertThat(GoTimes.parse("2006 002", "2023 045").toLocalDate().toString())
        .isEqualTo("2023-02-14");
    assertThat(GoTimes.parse("2006 __2", "2024  60").toLocalDate().toString())
        .isEqualTo("2024-02-29");
    assertThat(GoTimes.parse("Jan _2", "Jan  5").toLocalDate().toString()).isEqualTo("0000-01-05");
    assertThat(GoTimes.parse("02/01/06", "05/03/69").getYear()).isEqualTo(1969);
    assertThat(GoTimes.parse("02/01/06", "05/03/68").getYear()).isEqualTo(2068);
    assertThat(GoTimes.string(GoTimes.parse("3:04PM", "12:30AM")))
        .isEqualTo("0000-01-01 00:30:00 +0000 UTC");
    assertThat(GoTimes.parse("3:04pm", "1:30pm").getHour()).isEqualTo(13);
    assertThat(GoTimes.parse("January 2 2006", "march 4 2021").getMonthValue()).isEqualTo(3);
    assertThat(GoTimes.parse("Mon Jan 2 2006", "Fri Mar 4 2021").getDayOfMonth()).isEqualTo(4);
    assertThat(GoTimes.parse("15:04:05", "10:11:12.987654321987").getNano())
        .isEqualTo(987_654_321);
    assertThat(GoTimes.parse("15:04:05,000", "10:11:12,250").getNano()).isEqualTo(250_000_000);
    assertThat(GoTimes.parse("2006-01-02  15:04", "2023-01-02 15:04").getHour()).isEqualTo(15);
    assertThat(GoTimes.parse("-0700", "+0530").getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
  }

  static Stream<Arguments> parseErrors() {
    return Stream.of(
        Arguments.of("2006-01-02", "x",
            "parsing time \"x\" as \"2006-01-02\": cannot parse \"x\" as \"2006\""),
        Arguments.of("2006-01-02", "2023/01/02",
            "parsing time \"2023/01/02\" as \"2006-01-02\": cannot parse \"/01/02\" as \"-\""),
        Arguments.of("2006-01-02", "2023-02-30", "parsing time \"2023-02-30\": day out of range"),
        Arguments.of("2006-01-02", "2023-13-01", "parsing time \"2023-13-01\": month out of range"),
        Arguments.of("15:04", "24:00", "parsing time \"24:00\": hour out of range"),
        Arguments.of("2006-01-02", "2023-08-14 extra",
            "parsing time \"2023-08-14 extra\": extra text: \" extra\""),
        Arguments.of("2006 002", "2023 366", "parsing time \"2023 366\": day-of-year out of range"),
        Arguments.of("Jan 2006", "Foo 2006",
            "parsing time \"Foo 2006\" as \"Jan 2006\": cannot parse \"Foo 2006\" as \"Jan\""),
        Arguments.of(GoTimes.RFC3339, "2023-08-14T12:30:45",
            "parsing time \"2023-08-14T12:30:45\" as \"2006-01-02T15:04:05Z07:00\": "
                + "cannot parse \"\" as \"Z07:00\""));
  }

  @ParameterizedTest
  @MethodSource("parseErrors")
  void reportsParseErrorsLikeGo(String layout, String value, String message) {
    assertThatThrownBy(() -> GoTimes.parse(layout, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  // ------------------------------------------------------------------ Date, Add, Truncate

  @Test
  void dateNormalisesLikeGo() {
    ZonedDateTime jan31 = ZonedDateTime.of(2023, 1, 31, 10, 0, 0, 0, ZoneOffset.UTC);
    assertThat(GoTimes.addDate(jan31, 0, 1, 0).toLocalDate().toString()).isEqualTo("2023-03-03");
    ZonedDateTime leap = ZonedDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneOffset.UTC);
    assertThat(GoTimes.addDate(leap, 0, 1, 0).toLocalDate().toString()).isEqualTo("2024-03-02");
    ZonedDateTime feb29 = ZonedDateTime.of(2024, 2, 29, 0, 0, 0, 0, ZoneOffset.UTC);
    assertThat(GoTimes.addDate(feb29, -1, 0, 0).toLocalDate().toString())
        .isEqualTo("2023-03-01");
    assertThat(GoTimes.addDate(feb29, 0, -14, 1).toLocalDate().toString())
        .isEqualTo("2022-12-30");
    assertThat(GoTimes.date(2023, 13, 1, 25, 61, 0, 0, ZoneOffset.UTC).toString())
        .isEqualTo("2024-01-02T02:01Z");
  }

  @Test
  void wallTimesInTransitionsResolveAsGoResolvesThem() {
    ZoneId ny = ZoneId.of("America/New_York");
    // 02:30 does not exist on 2023-03-12; Go lands on 01:30 EST.
    ZonedDateTime gap = GoTimes.parseInLocation("2006-01-02 15:04", "2023-03-12 02:30", ny);
    assertThat(GoTimes.string(gap)).isEqualTo("2023-03-12 01:30:00 -0500 EST");
    // 01:30 happens twice on 2023-11-05; Go's lookup keeps the first (EDT) one.
    ZonedDateTime overlap = GoTimes.parseInLocation("2006-01-02 15:04", "2023-11-05 01:30", ny);
    assertThat(GoTimes.string(overlap)).isEqualTo("2023-11-05 01:30:00 -0400 EDT");
  }

  @Test
  void subSaturatesAndTruncateRoundCountFromTheZeroTime() {
    ZonedDateTime a = ZonedDateTime.of(2023, 8, 15, 0, 0, 0, 0, ZoneOffset.UTC);
    ZonedDateTime b = ZonedDateTime.of(2023, 8, 14, 0, 0, 0, 0, ZoneOffset.UTC);
    assertThat(GoTimes.sub(a, b)).isEqualTo(Duration.ofHours(24));
    ZonedDateTime far = ZonedDateTime.of(2500, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    assertThat(GoTimes.sub(far, b)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(GoTimes.sub(b, far)).isEqualTo(Duration.ofNanos(Long.MIN_VALUE));

    ZonedDateTime t = ZonedDateTime.of(2023, 8, 14, 10, 37, 45, 600_000_000, ZoneOffset.UTC);
    long hour = GoDuration.HOUR;
    assertThat(GoTimes.truncate(t, hour).toString()).isEqualTo("2023-08-14T10:00Z");
    assertThat(GoTimes.round(t, hour).toString()).isEqualTo("2023-08-14T11:00Z");
    assertThat(GoTimes.round(t, GoDuration.SECOND).toString()).isEqualTo("2023-08-14T10:37:46Z");
    assertThat(GoTimes.truncate(t, 24 * hour).toString()).isEqualTo("2023-08-14T00:00Z");
    assertThat(GoTimes.truncate(t, 0)).isEqualTo(t);
    // Truncation works on absolute time: a day in Chicago is cut at UTC midnight.
    ZonedDateTime chicago = t.withZoneSameInstant(ZoneId.of("America/Chicago"));
    assertThat(GoTimes.string(GoTimes.truncate(chicago, 24 * hour)))
        .isEqualTo("2023-08-13 19:00:00 -0500 CDT");
    ZonedDateTime zero = ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    assertThat(GoTimes.isZero(zero)).isTrue();
    assertThat(GoTimes.isZero(t)).isFalse();
    assertThat(GoTimes.string(zero)).isEqualTo("0001-01-01 00:00:00 +0000 UTC");
  }
}
