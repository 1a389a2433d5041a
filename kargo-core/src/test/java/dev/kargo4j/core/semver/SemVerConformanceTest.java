package dev.kargo4j.core.semver;

import dev.kargo4j.core.conformance.ConformanceVectors;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code semverParse} and {@code semverConstraints} sections of selection/semver.yaml. */
class SemVerConformanceTest {

  @Test
  @SuppressWarnings("unchecked")
  void semverParse() throws Exception {
    ConformanceVectors.load("selection/semver.yaml").run("semverParse", c -> {
      String tag = String.valueOf(c.get("tag"));
      boolean strict = Boolean.TRUE.equals(c.get("strict"));
      Optional<SemVer> v = SemVer.parseTag(tag, strict);
      Object expect = c.get("expect");
      if (expect == null) {
        assertThat(v).as(tag).isEmpty();
      } else {
        Map<String, Object> e = (Map<String, Object>) expect;
        assertThat(v).as(tag).isPresent();
        assertThat(v.get().toString()).isEqualTo(e.get("string"));
        assertThat(v.get().original()).isEqualTo(e.get("original"));
      }
    });
  }

  @Test
  void semverConstraints() throws Exception {
    ConformanceVectors.load("selection/semver.yaml").run("semverConstraints", c -> {
      String constraint = String.valueOf(c.get("constraint"));
      if (Boolean.TRUE.equals(c.get("expectError"))) {
        assertThatThrownBy(() -> SemVerConstraint.parse(constraint))
            .isInstanceOf(InvalidSemVerException.class);
        return;
      }
      SemVerConstraint sc = SemVerConstraint.parse(constraint);
      assertThat(sc.check(SemVer.parse(String.valueOf(c.get("version")))))
          .as("%s against %s", constraint, c.get("version"))
          .isEqualTo(c.get("expect"));
    });
  }
}
