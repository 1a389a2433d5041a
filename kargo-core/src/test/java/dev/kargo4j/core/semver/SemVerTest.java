package dev.kargo4j.core.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SemVerTest {

  @ParameterizedTest(name = "loose {0} -> {1}")
  @CsvSource(delimiter = '|', nullValues = "ERR", value = {
      "1.2.3|1.2.3",
      "v1.2.3|1.2.3",
      "1|1.0.0",
      "v1|1.0.0",
      "1.2|1.2.0",
      "1.2-5|1.2.0-5",
      "v1.2-beta.5|1.2.0-beta.5",
      "1.2.3+test.01|1.2.3+test.01",
      "1.2.3-alpha.-1|1.2.3-alpha.-1",
      "1.2.3-0abc123|1.2.3-0abc123",
      "01.1.1|1.1.1",
      "1.01.1|1.1.1",
      "1.2.2147483648|1.2.2147483648",
      "20221209-update-renovatejson-v4|20221209.0.0-update-renovatejson-v4",
      "18446744073709551615.0.0|18446744073709551615.0.0",
      "18446744073709551616.0.0|ERR",
      "1.2.3-alpha.01|ERR",
      "1.2.beta|ERR",
      "foo|ERR",
      "V1.2.3|ERR",
      "1.2.3.4|ERR",
      "1.1.2+.123|ERR",
      "1.0.0-alpha_beta|ERR",
      "1.0.0-alpha..1|ERR",
      "9.8.7+meta+meta|ERR",
      "1.2.3-0123|ERR",
      "+invalid|ERR",
      "''|ERR",
  })
  void parsesLooselyLikeMasterminds(String in, String expected) {
    Optional<SemVer> v = SemVer.tryParse(in);
    if (expected == null) {
      assertThat(v).isEmpty();
      assertThatThrownBy(() -> SemVer.parse(in)).isInstanceOf(InvalidSemVerException.class)
          .hasMessageContaining("is not a semantic version").hasMessageContaining("allowed");
    } else {
      assertThat(v).map(SemVer::toString).contains(expected);
      assertThat(v.get().original()).isEqualTo(in);
    }
  }

  @ParameterizedTest(name = "strict {0} ok={1}")
  @CsvSource(delimiter = '|', value = {
      "1.2.3|true", "1.2.3-alpha.01|false", "1.2.3+test.01|true", "1.2.3-alpha.-1|true",
      "v1.2.3|false", "1.0|false", "1|false", "1.2.beta|false", "1.2.0-x.Y.0+metadata|true",
      "1.2.3-rc1-with-hypen|true", "1.2.3-0abc123|true", "1.2.3-beta.01|false", "1.2.3.4|false",
      "1.2.2147483648|true", "01.1.1|false", "1.01.1|false", "1.1.01|false", "9.8.7+meta+meta|false",
      "1.0.0-alpha..|false", "1.2.31----RC-SNAPSHOT.12.09.1--.12+788|false",
  })
  void parsesStrictlyLikeMasterminds(String in, boolean ok) {
    assertThat(SemVer.tryParseStrict(in)).as(in).matches(o -> o.isPresent() == ok);
    if (!ok) {
      assertThatThrownBy(() -> SemVer.parseStrict(in)).isInstanceOf(InvalidSemVerException.class)
          .hasMessageContaining("strict");
    }
  }

  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "1.2.3|1.5.1|-1", "2.2.3|1.5.1|1", "2.2.3|2.2.2|1", "3.2-beta|3.2-beta|0", "1.3|1.1.4|1",
      "4.2|4.2-beta|1", "4.2-beta|4.2|-1", "4.2-alpha|4.2-beta|-1", "4.2-alpha|4.2-alpha|0",
      "4.2-beta.2|4.2-beta.1|1", "4.2-beta2|4.2-beta1|1", "4.2-beta|4.2-beta.2|-1",
      "4.2-beta|4.2-beta.foo|-1", "4.2-beta.2|4.2-beta|1", "4.2-beta.foo|4.2-beta|1",
      "1.2+bar|1.2+baz|0", "1.0.0-beta.4|1.0.0-beta.-2|-1", "1.0.0-beta.-2|1.0.0-beta.-3|-1",
      "1.0.0-beta.-3|1.0.0-beta.5|1", "1.0.0-alpha.10|1.0.0-alpha.9|1",
  })
  void comparesLikeMasterminds(String a, String b, int expected) {
    assertThat(SemVer.parse(a).compareTo(SemVer.parse(b))).isEqualTo(expected);
  }

  @Test
  void semverSpecOrdering() {
    List<String> ordered = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
        "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0");
    List<SemVer> shuffled = new ArrayList<>(ordered.stream().map(SemVer::parse).toList());
    java.util.Collections.reverse(shuffled);
    java.util.Collections.sort(shuffled);
    assertThat(shuffled).map(SemVer::original).containsExactlyElementsOf(ordered);
  }

  @ParameterizedTest(name = "{0} {1} -> {2} ({3})")
  @CsvSource(delimiter = '|', value = {
      "1.2.3|patch|1.2.4|1.2.4", "v1.2.4|patch|1.2.5|v1.2.5", "1.2.3-rc.1|patch|1.2.3|1.2.3",
      "1.2.3+meta|patch|1.2.4|1.2.4", "1.2.3|minor|1.3.0|1.3.0", "v1.2.3-rc.1|minor|1.3.0|v1.3.0",
      "1.2.3|major|2.0.0|2.0.0", "v1.2.3+m|major|2.0.0|v2.0.0", "1.2|minor|1.3.0|1.3.0",
  })
  void increments(String in, String what, String expected, String original) {
    SemVer v = SemVer.parse(in);
    SemVer next = switch (what) {
      case "patch" -> v.incPatch();
      case "minor" -> v.incMinor();
      default -> v.incMajor();
    };
    assertThat(next.toString()).isEqualTo(expected);
    assertThat(next.original()).isEqualTo(original);
  }

  @Test
  void longVersionsParseWithoutDeepRecursion() {
    String pre = "a.".repeat(20_000) + "a";
    assertThat(SemVer.parse("1.0.0-" + pre).prerelease()).isEqualTo(pre);
    assertThat(SemVer.tryParse("1.0.0-" + pre + ".")).isEmpty();
    assertThat(SemVer.tryParse("1" + ".2".repeat(10_000))).isEmpty();
  }

  @Test
  void incrementOverflowFails() {
    SemVer max = SemVer.parse("18446744073709551615.18446744073709551615.18446744073709551615");
    assertThatThrownBy(max::incPatch).isInstanceOf(InvalidSemVerException.class).hasMessageContaining("patch");
    assertThatThrownBy(max::incMinor).hasMessageContaining("minor");
    assertThatThrownBy(max::incMajor).hasMessageContaining("major");
  }

  @Test
  void withPrereleaseAndMetadata() {
    SemVer v = SemVer.parse("v1.2.3");
    assertThat(v.withPrerelease("rc.1").original()).isEqualTo("v1.2.3-rc.1");
    assertThat(v.withMetadata("b.7").toString()).isEqualTo("1.2.3+b.7");
    assertThatThrownBy(() -> v.withPrerelease("rc..1")).isInstanceOf(InvalidSemVerException.class)
        .hasMessageContaining("rc..1");
    assertThatThrownBy(() -> v.withMetadata("a_b")).isInstanceOf(InvalidSemVerException.class);
    assertThat(v.sameVersionAs(SemVer.parse("1.2.3+x"))).isTrue();
    assertThat(v).isNotEqualTo(SemVer.parse("1.2.3"));
  }

  @ParameterizedTest(name = "diff {0} {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "1.1.1|2.2.2|Major", "1.1.1|1.2.2|Minor", "1.1.1|1.1.2|Patch", "1.1.1+build1|1.1.1+build2|Metadata",
      "1.2|1.2.0|None", "1.2.3|latest|Incomparable", "invalid|1.0.0|Incomparable",
      "1.0.0-alpha|1.0.0-beta|None", "v1.0.0|v2.0.0|Major",
  })
  void diff(String a, String b, String expected) {
    assertThat(SemVer.diff(a, b)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "tag {0} strict={1}")
  @CsvSource(delimiter = '|', nullValues = "NONE", value = {
      "v1.0.0|true|1.0.0", "v1.0|true|NONE", "v1.0|false|1.0.0", "1.2.3-rc.1|true|1.2.3-rc.1",
      "vv1.2.3|false|NONE", "v01.2.3|true|NONE", "v01.2.3|false|1.2.3",
  })
  void parseTagAsKargoDoes(String tag, boolean strict, String expected) {
    assertThat(SemVer.parseTag(tag, strict).map(SemVer::toString).orElse(null)).isEqualTo(expected);
  }

  @Property(tries = 300)
  void printParseRoundTrip(@ForAll @IntRange(max = 100000) int ma, @ForAll @IntRange(max = 999) int mi,
      @ForAll @IntRange(max = 999) int pa, @ForAll @AlphaChars @StringLength(max = 6) String pre,
      @ForAll @NumericChars @StringLength(max = 4) String build) {
    SemVer v = new SemVer(ma, mi, pa, pre, build, null);
    SemVer back = SemVer.parseStrict(v.toString());
    assertThat(back).isEqualTo(v);
    assertThat(SemVer.parse("v" + v).toString()).isEqualTo(v.toString());
  }

  @Property(tries = 300)
  void neverThrowsAnythingButKargoExceptions(@ForAll @StringLength(max = 20) String text) {
    assertThat(SemVer.tryParse(text)).isNotNull();
    assertThat(SemVer.tryParseStrict(text)).isNotNull();
    try {
      SemVer.parse(text);
    } catch (InvalidSemVerException expected) {
      assertThat(expected.input()).isEqualTo(text);
    }
    try {
      SemVerConstraint.parse(text);
    } catch (InvalidSemVerException expected) {
      assertThat(expected.getMessage()).contains("allowed");
    }
  }
}
