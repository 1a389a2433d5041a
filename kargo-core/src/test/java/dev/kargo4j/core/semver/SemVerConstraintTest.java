package dev.kargo4j.core.semver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemVerConstraintTest {

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(delimiter = ';', value = {
      "*;1.2.3;true", "~0.0.0;1.2.3;true", "0.x.x;1.2.3;false", "0.0.x;1.2.3;false",
      "0.0.0;1.2.3;false", "^0.0.0;1.2.3;false", "= 2.0;1.2.3;false", "= 2.0;2.0.0;true",
      "4.1;4.1.0;true", "4.1.x;4.1.3;true", "1.x;1.4;true", "!=4.1;4.1.0;false",
      "!=4.1-alpha;4.1.0-alpha;false", "!=4.1-alpha;4.1.1-alpha;false", "!=4.1-alpha;4.1.0;true",
      "!=4.1;5.1.0;true", "!=4.x;5.1.0;true", "!=4.x;4.1.0;false", "!=4.1.x;4.2.0;true",
      "!=4.2.x;4.2.3;false", ">1.1;4.1.0;true", ">1.1;1.1.0;false", "<1.1;0.1.0;true",
      "<1.1;1.1.0;false", "<1.1;1.1.1;false", "<1.x;1.1.1;false", "<1.x;0.1.1;true",
      "<1.x;2.0.0;false", "<1.1.x;1.2.1;false", "<1.1.x;1.1.500;false", "<1.1.x;1.0.500;true",
      "<1.2.x;1.1.1;true", ">=1.1;4.1.0;true", ">=1.1;4.1.0-beta;false", ">=1.1;1.1.0;true",
      ">=1.1;0.0.9;false", "<=1.1;0.1.0;true", "<=1.1;0.1.0-alpha;false", "<=1.1-a;0.1.0-alpha;true",
      "<=1.1;1.1.0;true", "<=1.x;1.1.0;true", "<=2.x;3.0.0;false", "<=1.1;1.1.1;true",
      "<=1.1.x;1.2.500;false", "<=4.5;3.4.0;true", "<=4.5;4.6.3;false", ">1.1, <2;1.1.1;false",
      ">1.1, <2;1.2.1;true", ">1.1, <3;4.3.2;false", ">=1.1, <2, !=1.2.3;1.2.3;false",
      ">1.1 <2;1.2.1;true", ">1.1    <3;4.3.2;false", ">=1.1, <2, !=1.2.3 || > 3;4.1.2;true",
      ">=1.1, <2, !=1.2.3 || > 3;3.1.2;false", ">=1.1, <2, !=1.2.3 || >= 3;3.0.0;true",
      ">= 1.1 < 2 !=1.2.3 || > 3;3.0.0;false", ">= 1.0.0  <= 2.0.0-beta;1.0.1-beta;true",
      ">= 1.0.0  <= 2.0.0-beta;1.0.1;true", ">= 1.0.0  <= 2.0.0-beta || > 3;3.0.1-beta;false",
      ">= 1.0.0  <= 2.0.0-beta != 1.0.1-beta || > 3;1.0.1-beta;false", ">= 1.0.0-0  <= 2.0.0;1.0.1-beta;true",
      "1.1 - 2;1.1.1;true", "1.5.0 - 4.5;3.7.0;true", "1.1-3;4.3.2;false", "^1.1;1.1.1;true",
      "^1.1;4.3.2;false", "^1.x;1.1.1;true", "^2.x;1.1.1;false", "^1.x;2.1.1;false",
      "^1.x;1.1.1-beta1;false", "^1.1.2-alpha;1.2.1-beta1;true", "^1.2.x-alpha;1.1.1-beta1;false",
      "^0.0.1;0.0.1;true", "^0.0.1;0.3.1;false", "^0.2.3;0.2.9;true", "^0.2.3;0.3.0;false",
      "^0.2;0.2.0;true", "^0;0.9.9;true", "^0;1.0.0;false", "~*;2.1.1;true", "~1;2.1.1;false",
      "~1;1.3.5;true", "~1.x;1.4;true", "~1.1;1.1.1;true", "~1.1;1.1.1-alpha;false",
      "~1.1-alpha;1.1.1-beta;true", "~1.1.1-beta;1.1.1-alpha;false", "~1.1.1-beta;1.1.1;true",
      "~1.2.3;1.2.5;true", "~1.2.3;1.2.2;false", "~1.2.3;1.3.2;false", "~>1.2;1.2.9;true",
      "1.0.0 - 2.0.0 <=2.0.0;1.5.0;true", "1.0.0 - 2.0.0, <=2.0.0;1.5.0;true",
      "v1.2.3;1.2.3;true", "=>1.2;1.2.0;true", "=<1.2;1.2.5;true",
  })
  void checksLikeMasterminds(String constraint, String version, boolean expected) {
    assertThat(SemVerConstraint.parse(constraint).check(SemVer.parse(version))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} / {1} with prereleases -> {2}")
  @CsvSource(delimiter = ';', value = {
      ">=1.1;4.1.0-beta;true", ">1.1;4.1.0-beta;true", "<=1.1;0.1.0-alpha;true",
      "<1.1;0.1.0-alpha;true", "^1.x;1.1.1-beta1;true", "~1.1;1.1.1-alpha;true",
      "*;1.2.3-alpha;true", "= 2.0;2.0.1-beta;true", "0.0.0;1.2.3;false",
  })
  void includePrerelease(String constraint, String version, boolean expected) {
    SemVerConstraint c = SemVerConstraint.parse(constraint).withIncludePrerelease(true);
    assertThat(c.includePrerelease()).isTrue();
    assertThat(c.check(SemVer.parse(version))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {">= bar", "BAR >= 1.2.3", "v1.2.3-beta.01", "12.3.4.1234", "12.23.4.1234",
      "12.3.34~ 1.2.3", "invalid", "", " ", ">=1.0 ||", "1.2.3 &&"})
  void rejectsImproperConstraints(String text) {
    assertThatThrownBy(() -> SemVerConstraint.parse(text))
        .isInstanceOf(InvalidSemVerException.class)
        .hasMessageContaining("improper constraint")
        .hasMessageContaining("allowed");
    assertThat(SemVerConstraint.isValid(text)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {">= 1.1", ">40.50.60, < 50.70", "2.0", "v2.3.5-20161202202307-sha.e8fc5e5",
      "v1.2.3-0abc", ">= 1.2.3 < 2.0 || => 3.0 < 4", "3 - 4 || => 3.0, < 4", "12.3.34 ~1.2.3"})
  void acceptsConstraints(String text) {
    assertThat(SemVerConstraint.isValid(text)).isTrue();
  }

  @ParameterizedTest(name = "{0} prints {1}")
  @CsvSource(delimiter = ';', value = {
      "*;*", ">=1.2.3;>=1.2.3", ">= 1.2.3;>=1.2.3",
      "'2.x,   >=1.2.3 || >4.5.6, < 5.7';2.x >=1.2.3 || >4.5.6 <5.7", "1.2;1.2",
      "1.2 - 1.4.5;>=1.2 <=1.4.5",
  })
  void printsLikeMasterminds(String text, String printed) {
    SemVerConstraint c = SemVerConstraint.parse(text);
    assertThat(c.toString()).isEqualTo(printed);
    assertThat(SemVerConstraint.isValid(c.toString())).isTrue();
    assertThat(c.text()).isEqualTo(text);
  }

  @Test
  void checkOfTextIsFalseForNonVersions() {
    SemVerConstraint c = SemVerConstraint.parse("*");
    assertThat(c.check("latest")).isFalse();
    assertThat(c.check("v3")).isTrue();
    assertThat(c).isEqualTo(SemVerConstraint.parse("*")).hasSameHashCodeAs(SemVerConstraint.parse("*"));
  }

  @Test
  void longInputIsCheckedWithoutDeepRecursion() {
    String many = ">=1.0.0 <2.0.0 ".repeat(60) + "!=1.5.0";
    assertThat(SemVerConstraint.parse(many).check(SemVer.parse("1.4.0"))).isTrue();
    assertThat(SemVerConstraint.parse(">=1.0.0-" + "a.".repeat(400) + "a").check("1.0.0")).isTrue();
    assertThat(SemVerConstraint.isValid("1 ".repeat(500) + "!")).isFalse();
    assertThatThrownBy(() -> SemVerConstraint.parse("*".repeat(SemVerConstraint.MAX_LENGTH + 1)))
        .isInstanceOf(InvalidSemVerException.class).hasMessageContaining("at most " + SemVerConstraint.MAX_LENGTH);
  }
}
