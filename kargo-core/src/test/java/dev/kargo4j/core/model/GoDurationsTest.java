package dev.kargo4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GoDurationsTest {
  @Test
  void formatsLikeGo() {
    assertThat(GoDurations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDurations.format(Duration.ofMinutes(5))).isEqualTo("5m0s");
    assertThat(GoDurations.format(Duration.ofMinutes(90))).isEqualTo("1h30m0s");
    assertThat(GoDurations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDurations.format(Duration.ofMillis(300))).isEqualTo("300ms");
    assertThat(GoDurations.format(Duration.ofNanos(1500))).isEqualTo("1.5\u00b5s");
    assertThat(GoDurations.format(Duration.ofNanos(7))).isEqualTo("7ns");
    assertThat(GoDurations.format(Duration.ofHours(48))).isEqualTo("48h0m0s");
    assertThat(GoDurations.format(Duration.ofSeconds(-61))).isEqualTo("-1m1s");
    assertThat(GoDurations.format(Duration.ofNanos(Long.MAX_VALUE))).isEqualTo("2562047h47m16.854775807s");
    assertThat(GoDurations.format(Duration.ofNanos(Long.MIN_VALUE))).isEqualTo("-2562047h47m16.854775808s");
  }

  @Test
  void parsesLikeGo() {
    assertThat(GoDurations.parse("5m0s")).isEqualTo(Duration.ofMinutes(5));
    assertThat(GoDurations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDurations.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(GoDurations.parse("-1.5h")).isEqualTo(Duration.ofMinutes(-90));
    assertThat(GoDurations.parse("+300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(GoDurations.parse("1us")).isEqualTo(Duration.ofNanos(1000));
    assertThat(GoDurations.parse("1\u00b5s")).isEqualTo(Duration.ofNanos(1000));
    assertThat(GoDurations.parse(".5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDurations.parse("1.s")).isEqualTo(Duration.ofSeconds(1));
    assertThat(GoDurations.parse("2562047h47m16.854775807s")).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    assertThat(GoDurations.parse("-2562047h47m16.854775808s")).isEqualTo(Duration.ofNanos(Long.MIN_VALUE));
    for (String bad : new String[] {"", "5", "5 m", "1d", ".s", "-", "1h-5m", "9223372036854775808ns", "2562048h"}) {
      assertThatThrownBy(() -> GoDurations.parse(bad)).as(bad).isInstanceOf(InvalidModelException.class)
          .hasMessageContaining("allowed: a Go duration");
    }
  }

  @Property(tries = 300)
  void formatThenParseIsTheIdentity(@ForAll long nanos) {
    Duration d = Duration.ofNanos(nanos);
    assertThat(GoDurations.parse(GoDurations.format(d))).isEqualTo(d);
  }
}
