package dev.kargo4j.core.discovery.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.semver.SemVerConstraint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class TagOrderTest {
  @Test
  void equalVersionsAreOrderedByTagText() {
    assertThat(TagOrder.semver(List.of("1.0.0", "v1.0.0", "1.0", "v1"), false, null))
        .containsExactly("v1.0.0", "v1", "1.0.0", "1.0");
    assertThat(TagOrder.semver(List.of("9.1.9", "9.1.45", "9.10.0"), true, null))
        .containsExactly("9.10.0", "9.1.45", "9.1.9"); // Kargo #4788
    assertThat(TagOrder.semver(List.of("1.2.3", "2.0.0"), true, SemVerConstraint.parse("~1"))).containsExactly("1.2.3");
  }

  @Test
  void newestFirstPutsUnknownTimesLast() {
    List<String[]> items = new ArrayList<>(List.of(new String[] {"a", null}, new String[] {"b", "2024-01-01T00:00:00Z"},
        new String[] {"c", "2024-01-01T00:00:00Z"}, new String[] {"d", "2023-01-01T00:00:00Z"}));
    TagOrder.newestFirst(items, i -> i[1] == null ? null : Instant.parse(i[1]), i -> i[0]);
    assertThat(items).extracting(i -> i[0]).containsExactly("c", "b", "d", "a");
  }

  @Test
  void byteOrderPutsSupplementaryCharactersLast() {
    assertThat(TagOrder.compareBytes("\uffff", "\ud83d\ude00")).isNegative();
    assertThat(TagOrder.compareBytes("a", "ab")).isNegative();
  }

  @Test
  void badRegexesNameTheField() {
    assertThatThrownBy(() -> TagFilter.of(List.of("ok"), List.of("(unclosed"), "image subscription x"))
        .isInstanceOf(KargoException.class)
        .hasMessageContaining("image subscription x: ignoreTagsRegexes[0] \"(unclosed\"");
  }

  @Property(tries = 200)
  void semverOrderIgnoresInputOrder(@ForAll List<@net.jqwik.api.constraints.IntRange(max = 30) Integer> nums) {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < nums.size(); i++) {
      tags.add((nums.get(i) % 3) + "." + (nums.get(i) % 7) + "." + nums.get(i) + (i % 2 == 0 ? "" : "-rc." + i));
    }
    List<String> shuffled = new ArrayList<>(tags);
    Collections.shuffle(shuffled);
    assertThat(TagOrder.semver(shuffled, true, null)).isEqualTo(TagOrder.semver(tags, true, null));
    assertThat(TagOrder.lexical(shuffled)).isEqualTo(TagOrder.lexical(tags));
    String[] sorted = tags.toArray(String[]::new);
    Arrays.sort(sorted, Collections.reverseOrder());
    assertThat(TagOrder.lexical(tags)).containsExactly(sorted);
  }
}
