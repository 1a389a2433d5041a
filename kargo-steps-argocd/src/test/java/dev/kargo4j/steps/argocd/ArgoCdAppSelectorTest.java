package dev.kargo4j.steps.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ArgoCdAppSelectorTest {
  @Test
  void printsKubernetesSelectorSyntaxSortedByKey() {
    ArgoCdAppSelector s = new ArgoCdAppSelector(Map.of("tier", "web", "app", "guestbook"), List.of(
        new ArgoCdAppSelector.Requirement("env", "In", List.of("prod", "dev")),
        new ArgoCdAppSelector.Requirement("legacy", "DoesNotExist", null),
        new ArgoCdAppSelector.Requirement("region", "NotIn", List.of("eu")),
        new ArgoCdAppSelector.Requirement("owner", "Exists", List.of())));
    assertThat(s.toQuery()).isEqualTo("app=guestbook,env in (dev,prod),!legacy,owner,region notin (eu),tier=web");
  }

  /** Law: what the selector matches equals what its printed query matches, as a server parses it. */
  @Property(tries = 300)
  void theQueryMatchesExactlyWhatTheSelectorMatches(@ForAll("selectors") ArgoCdAppSelector selector,
      @ForAll("labels") Map<String, String> labels) {
    assertThat(LabelSelectorQuery.parse(selector.toQuery()).test(labels)).isEqualTo(selector.matches(labels));
  }

  static final List<String> KEYS = List.of("app", "tier", "env", "team");
  static final List<String> VALUES = List.of("a", "b", "c");

  @Provide
  Arbitrary<Map<String, String>> labels() {
    return Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES)).ofMaxSize(4)
        .map(LinkedHashMap::new);
  }

  @Provide
  Arbitrary<ArgoCdAppSelector> selectors() {
    Arbitrary<ArgoCdAppSelector.Requirement> req = Combinators.combine(Arbitraries.of(KEYS),
        Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist"),
        Arbitraries.of(VALUES).list().ofMinSize(1).ofMaxSize(3)).as((k, op, vs) ->
        new ArgoCdAppSelector.Requirement(k, op, op.equals("In") || op.equals("NotIn") ? vs : List.of()));
    return Combinators.combine(labels(), req.list().ofMaxSize(3)).as((l, rs) -> (Object) List.of(l, rs))
        .filter(o -> !((Map<?, ?>) ((List<?>) o).get(0)).isEmpty() || !((List<?>) ((List<?>) o).get(1)).isEmpty())
        .map(o -> {
          @SuppressWarnings("unchecked")
          List<Object> pair = (List<Object>) o;
          @SuppressWarnings("unchecked")
          Map<String, String> l = (Map<String, String>) pair.get(0);
          @SuppressWarnings("unchecked")
          List<ArgoCdAppSelector.Requirement> rs = new ArrayList<>((List<ArgoCdAppSelector.Requirement>) pair.get(1));
          return new ArgoCdAppSelector(l, rs);
        });
  }
}
