package dev.kargo4j.core.discovery;

import dev.kargo4j.core.conformance.ConformanceVectors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kargo4j.core.discovery.internal.TagFilter;
import dev.kargo4j.core.discovery.internal.TagOrder;
import dev.kargo4j.core.semver.SemVerConstraint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The image sections of selection/semver.yaml: imageSelection, tagMatch, tagFilter, newestBuildSort. */
class ImageSelectionConformanceTest {
  private static final String FILE = "selection/semver.yaml";

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    if (o == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object x : (List<Object>) o) {
      out.add(String.valueOf(x));
    }
    return out;
  }

  private static TagFilter filter(Map<String, Object> c) {
    return TagFilter.of(strings(c.get("allowTagsRegexes")), strings(c.get("ignoreTagsRegexes")), "conformance");
  }

  @Test
  void imageSelection() throws Exception {
    ConformanceVectors.load(FILE).run("imageSelection", c -> {
      List<String> tags = filter(c).filter(strings(c.get("tags")));
      String strategy = String.valueOf(c.getOrDefault("strategy", "SemVer"));
      List<String> got = switch (strategy) {
        case "SemVer" -> {
          String constraint = (String) c.get("semverConstraint");
          yield TagOrder.semver(tags, Boolean.TRUE.equals(c.get("strictSemvers")),
              constraint == null || constraint.isEmpty() ? null : SemVerConstraint.parse(constraint));
        }
        case "Lexical" -> TagOrder.lexical(tags);
        default -> throw new IllegalArgumentException("strategy " + strategy);
      };
      if (c.get("discoveryLimit") instanceof Integer limit && got.size() > limit) {
        got = got.subList(0, limit);
      }
      assertThat(got).containsExactlyElementsOf(strings(c.get("expect")));
    });
  }

  @Test
  void tagMatch() throws Exception {
    ConformanceVectors.load(FILE).run("tagMatch", c ->
        assertThat(filter(c).matches(String.valueOf(c.get("tag")))).isEqualTo(c.get("expect")));
  }

  @Test
  void tagFilter() throws Exception {
    ConformanceVectors.load(FILE).run("tagFilter", c ->
        assertThat(filter(c).filter(strings(c.get("tags")))).containsExactlyElementsOf(strings(c.get("expect"))));
  }

  @Test
  @SuppressWarnings("unchecked")
  void newestBuildSort() throws Exception {
    ConformanceVectors.load(FILE).run("newestBuildSort", c -> {
      Instant base = Instant.parse("2024-01-01T00:00:00Z");
      record Img(String tag, Instant createdAt) {}
      List<Img> images = new ArrayList<>();
      for (Object h : (List<Object>) c.get("createdAtOffsetsHours")) {
        int hours = ((Number) h).intValue();
        images.add(new Img("t" + hours, base.plus(Duration.ofHours(hours))));
      }
      TagOrder.newestFirst(images, Img::createdAt, Img::tag);
      List<String> expect = new ArrayList<>();
      for (Object h : (List<Object>) c.get("expectOrderOffsetsHours")) {
        expect.add("t" + ((Number) h).intValue());
      }
      assertThat(images).extracting(Img::tag).containsExactlyElementsOf(expect);
    });
  }
}
