package dev.kargo4j.expr.internal.builtins;

import static dev.kargo4j.expr.internal.builtins.Calls.call;
import static dev.kargo4j.expr.internal.builtins.Calls.callFails;
import static dev.kargo4j.expr.internal.builtins.Calls.invoke;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeFunctionsTest {

  private static ZonedDateTime date(Object... args) {
    return (ZonedDateTime) call("date", args);
  }

  @Test
  void nowReadsTheInjectedClock() {
    ZonedDateTime now = (ZonedDateTime) call("now");
    assertThat(now.toInstant()).isEqualTo(Calls.NOW);
    assertThat(now.getZone()).isEqualTo(ZoneOffset.UTC);
    ZonedDateTime berlin = (ZonedDateTime) call("now", call("timezone", "Europe/Berlin"));
    assertThat(berlin.toInstant()).isEqualTo(Calls.NOW);
    assertThat(berlin.getZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    callFails("now", (Object) null).hasMessage("invalid number of arguments (expected 0, got 1)");
    callFails("now", 1L, 2L).hasMessage("invalid number of arguments (expected 0, got 2)");
  }

  @Test
  void dateTriesExprsDefaultLayouts() {
    assertThat(date("2023-08-14").toString()).isEqualTo("2023-08-14T00:00Z");
    assertThat(date("15:04:05").toString()).isEqualTo("0000-01-01T15:04:05Z");
    assertThat(date("2023-08-14 10:00:00").toString()).isEqualTo("2023-08-14T10:00Z");
    assertThat(date("2023-08-14T10:00:00.25+02:00").toString())
        .isEqualTo("2023-08-14T10:00:00.250+02:00");
    assertThat(date("14 Aug 23 10:00 UTC").toString()).isEqualTo("2023-08-14T10:00Z");
    assertThat(date("Monday, 14-Aug-23 10:00:00 UTC").toString()).isEqualTo("2023-08-14T10:00Z");
    assertThat(GoTimes.string(date("Mon, 14 Aug 2023 10:00:00 GMT")))
        .isEqualTo("2023-08-14 10:00:00 +0000 GMT");
    callFails("date", "error").hasMessage("invalid date error");
    callFails("date", "2023-02-30").hasMessage("invalid date 2023-02-30");
  }

  @Test
  void dateWithLayoutAndZone() {
    assertThat(invoke(date("2006.01.02", "2006.01.02"), "Format", "2006-01-02"))
        .isEqualTo("2006-01-02");
    ZonedDateTime offset =
        date("2023-04-23T00:30:00.000+0100", "2006-01-02T15:04:05-0700", "America/Chicago");
    assertThat(GoTimes.string(offset)).isEqualTo("2023-04-23 00:30:00 +0100 +0100");
    ZonedDateTime chicago =
        date("2023-04-23T00:30:00", "2006-01-02T15:04:05", "America/Chicago");
    assertThat(GoTimes.string(chicago)).isEqualTo("2023-04-23 00:30:00 -0500 CDT");
    ZonedDateTime zurich = date(call("timezone", "Europe/Zurich"), "2023-08-14");
    assertThat(GoTimes.string(zurich)).isEqualTo("2023-08-14 00:00:00 +0200 CEST");
    ZonedDateTime withLoc =
        date(call("timezone", "Asia/Tokyo"), "2023-08-14 09:00", "2006-01-02 15:04");
    assertThat(withLoc.toInstant().toString()).isEqualTo("2023-08-14T00:00:00Z");
    callFails("date", "2023", "2006-01")
        .hasMessage("parsing time \"2023\" as \"2006-01\": cannot parse \"\" as \"-\"");
    callFails("date", "2023", "2006", "Nowhere/City").hasMessage("unknown time zone Nowhere/City");
    callFails("date").hasMessage("invalid number of arguments (expected at least 1, got 0)");
    callFails("date", "a", "b", "c", "d")
        .hasMessage("invalid number of arguments (expected at most 3, got 4)");
    callFails("date", (Object) null)
        .hasMessage("interface conversion: interface {} is nil, not string");
  }

  @Test
  void timezoneAndDuration() {
    assertThat(call("timezone", "UTC")).isEqualTo(ZoneOffset.UTC);
    assertThat(invoke(call("timezone", "UTC"), "String")).isEqualTo("UTC");
    assertThat(invoke(call("timezone", "Europe/Moscow"), "String")).isEqualTo("Europe/Moscow");
    callFails("timezone", "Nope").hasMessage("unknown time zone Nope");
    callFails("timezone", (Object) null)
        .hasMessage("cannot use nil as argument (type string) to call timezone");
    assertThat(call("duration", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    callFails("duration", "1x").hasMessage("time: unknown unit \"x\" in duration \"1x\"");
    callFails("duration").hasMessage("not enough arguments to call duration");
  }

  @Test
  void timeMethods() {
    ZonedDateTime t = ZonedDateTime.of(2023, 8, 14, 15, 4, 5, 123_456_789, ZoneOffset.UTC);
    assertThat(invoke(t, "Year")).isEqualTo(2023L);
    assertThat(invoke(t, "Month")).isEqualTo(8L);
    assertThat(invoke(t, "Day")).isEqualTo(14L);
    assertThat(invoke(t, "Hour")).isEqualTo(15L);
    assertThat(invoke(t, "Minute")).isEqualTo(4L);
    assertThat(invoke(t, "Second")).isEqualTo(5L);
    assertThat(invoke(t, "Nanosecond")).isEqualTo(123_456_789L);
    assertThat(invoke(t, "Weekday")).isEqualTo(1L);
    assertThat(invoke(t, "YearDay")).isEqualTo(226L);
    assertThat(invoke(t, "Unix")).isEqualTo(1692025445L);
    assertThat(invoke(t, "UnixMilli")).isEqualTo(1692025445123L);
    assertThat(invoke(t, "UnixMicro")).isEqualTo(1692025445123456L);
    assertThat(invoke(t, "UnixNano")).isEqualTo(1692025445123456789L);
    assertThat(invoke(t, "String")).isEqualTo("2023-08-14 15:04:05.123456789 +0000 UTC");
    assertThat(invoke(t, "Format", "Jan 2, 2006 at 3:04pm (MST)"))
        .isEqualTo("Aug 14, 2023 at 3:04pm (UTC)");
    assertThat(invoke(t, "IsZero")).isEqualTo(false);
    assertThat(invoke(date("0001-01-01"), "IsZero")).isEqualTo(true);
    assertThat(invoke(t, "Location")).isEqualTo(ZoneOffset.UTC);
    assertThat(invoke(t, "GoString"))
        .isEqualTo("time.Date(2023, time.August, 14, 15, 4, 5, 123456789, time.UTC)");
    ZonedDateTime before = ZonedDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000, ZoneOffset.UTC);
    assertThat(invoke(before, "UnixMilli")).isEqualTo(-500L);
  }

  @Test
  void timeArithmeticMethods() {
    ZonedDateTime t = date("2023-08-14T00:00:00Z");
    assertThat(invoke(t, "Add", Duration.ofHours(25)).toString()).isEqualTo("2023-08-15T01:00Z");
    assertThat(invoke(t, "Add", 1_000_000_000L).toString()).isEqualTo("2023-08-14T00:00:01Z");
    assertThat(invoke(date("2023-08-15T00:00:00Z"), "Sub", t)).isEqualTo(Duration.ofHours(24));
    assertThat(invoke(t, "AddDate", 0L, 1L, 20L).toString()).isEqualTo("2023-10-04T00:00Z");
    assertThat(invoke(t, "After", date("2023-08-13"))).isEqualTo(true);
    assertThat(invoke(t, "Before", date("2023-08-13"))).isEqualTo(false);
    ZonedDateTime sameInstant = t.withZoneSameInstant(ZoneId.of("Asia/Tokyo"));
    assertThat(invoke(t, "Equal", sameInstant)).isEqualTo(true);
    assertThat(invoke(t, "Compare", date("2023-08-13"))).isEqualTo(1L);
    assertThat(invoke(t, "Compare", sameInstant)).isEqualTo(0L);
    ZonedDateTime noon = date("2023-08-14T12:34:56Z");
    assertThat(invoke(noon, "Truncate", Duration.ofHours(1)).toString())
        .isEqualTo("2023-08-14T12:00Z");
    assertThat(invoke(noon, "Round", Duration.ofHours(1)).toString())
        .isEqualTo("2023-08-14T13:00Z");
    ZonedDateTime tokyo = (ZonedDateTime) invoke(t, "In", call("timezone", "Asia/Tokyo"));
    assertThat(GoTimes.string(tokyo)).isEqualTo("2023-08-14 09:00:00 +0900 JST");
    assertThat(invoke(tokyo, "UTC")).isEqualTo(t);
    assertThat(invoke(tokyo, "Local")).isEqualTo(t);
    assertThatThrownBy(() -> invoke(t, "In", (Object) null))
        .hasMessage("time: missing Location in call to Time.In");
    assertThatThrownBy(() -> invoke(t, "Add", 1.5))
        .hasMessage("cannot use float64 as argument (type time.Duration) to call Add");
    assertThatThrownBy(() -> invoke(t, "Year", 1L)).hasMessage("too many arguments to call Year");
    assertThatThrownBy(() -> invoke(t, "Sub")).hasMessage("not enough arguments to call Sub");
    assertThatThrownBy(() -> invoke(t, "AddDate", 1L, 2L, 3.0))
        .hasMessage("cannot use float64 as argument (type int) to call AddDate");
    assertThat(invoke(t, "Nope")).isSameAs(ExprObject.NO_SUCH_MEMBER);
  }

  @Test
  void durationMethods() {
    Duration d = (Duration) call("duration", "1h30m");
    assertThat(invoke(d, "Hours")).isEqualTo(1.5);
    assertThat(invoke(d, "Minutes")).isEqualTo(90.0);
    assertThat(invoke(d, "Seconds")).isEqualTo(5400.0);
    assertThat(invoke(d, "Milliseconds")).isEqualTo(5_400_000L);
    assertThat(invoke(d, "Microseconds")).isEqualTo(5_400_000_000L);
    assertThat(invoke(d, "Nanoseconds")).isEqualTo(5_400_000_000_000L);
    assertThat(invoke(d, "String")).isEqualTo("1h30m0s");
    assertThat(invoke(d, "Round", Duration.ofHours(1))).isEqualTo(Duration.ofHours(2));
    assertThat(invoke(d, "Truncate", Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
    assertThat(invoke(d.negated(), "Abs")).isEqualTo(d);
    assertThat(invoke(d, "Nope")).isSameAs(ExprObject.NO_SUCH_MEMBER);
  }

  @Test
  void membersAreBoundMethods() {
    ZonedDateTime t = date("2023-08-14");
    Object year = Builtins.member(t, "Year");
    assertThat(year).isInstanceOf(ExprFunction.class);
    assertThat(((ExprFunction) year).call(List.of())).isEqualTo(2023L);
    Object hours = Builtins.member(Duration.ofHours(2), "Hours");
    assertThat(((ExprFunction) hours).call(List.of())).isEqualTo(2.0);
    assertThat(Builtins.member(t, "Nope")).isSameAs(ExprObject.NO_SUCH_MEMBER);
    assertThat(Builtins.member(1L, "Year")).isSameAs(ExprObject.NO_SUCH_MEMBER);
    assertThat(Builtins.member(ZoneOffset.UTC, "String")).isInstanceOf(ExprFunction.class);
    assertThat(Builtins.invoke("text", "String", List.of())).isSameAs(ExprObject.NO_SUCH_MEMBER);
  }

  @Test
  void operatorsOnTimes() {
    ZonedDateTime a = date("2023-08-15T00:00:00Z");
    ZonedDateTime b = date("2023-08-14T00:00:00Z");
    Duration hour = Duration.ofHours(1);
    assertThat(Builtins.timeArithmetic("-", a, b)).isEqualTo(Duration.ofHours(24));
    assertThat(Builtins.timeArithmetic("+", b, hour)).isEqualTo(b.plusHours(1));
    assertThat(Builtins.timeArithmetic("+", hour, b)).isEqualTo(b.plusHours(1));
    assertThat(Builtins.timeArithmetic("-", b, hour)).isEqualTo(b.minusHours(1));
    assertThat(Builtins.timeArithmetic("+", hour, hour)).isEqualTo(Duration.ofHours(2));
    assertThat(Builtins.timeArithmetic("-", hour, Duration.ofHours(3)))
        .isEqualTo(Duration.ofHours(-2));
    assertThat(Builtins.timeArithmetic("*", hour, 3L)).isEqualTo(Duration.ofHours(3));
    assertThat(Builtins.timeArithmetic("*", 2L, hour)).isEqualTo(Duration.ofHours(2));
    assertThat(Builtins.timeArithmetic("*", hour, 0.5)).isEqualTo(1.8e12);
    assertThat(Builtins.timeArithmetic("+", Duration.ofNanos(Long.MAX_VALUE), Duration.ofNanos(1)))
        .isEqualTo(Duration.ofNanos(Long.MIN_VALUE));
    assertThat(Builtins.timeArithmetic("+", a, b)).isNull();
    assertThat(Builtins.timeArithmetic("-", hour, a)).isNull();
    assertThat(Builtins.timeArithmetic("+", 1L, 2L)).isNull();
    assertThat(Builtins.timeArithmetic("/", hour, 2L)).isNull();
    assertThat(Builtins.compareTime(a, b)).isEqualTo(1);
    assertThat(Builtins.compareTime(b, a)).isEqualTo(-1);
    assertThat(Builtins.compareTime(a, a.withZoneSameInstant(ZoneId.of("Asia/Tokyo"))))
        .isEqualTo(0);
    assertThat(Builtins.compareTime(hour, Duration.ofMinutes(1))).isEqualTo(1);
    assertThat(Builtins.compareTime(hour, 1L)).isNull();
    assertThat(Builtins.compareTime(a, hour)).isNull();
  }
}
