package dev.kargo4j.samples.cli;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Stage;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --freight NAME} or {@code --freight-alias ALIAS}: exactly one, picocli enforces it. */
final class FreightChoice {
  @Option(names = "--freight", paramLabel = "ID", required = true, description = "The Freight's name (its ID)")
  String name;

  @Option(names = "--freight-alias", paramLabel = "ALIAS", required = true, description = "The Freight's alias")
  String alias;

  /** The stored Freight; a usage error naming the known ones when there is none. */
  Freight resolve(Session s) {
    if (name != null) {
      return s.store().getFreight(s.project(), name).orElseThrow(() -> Session.unknown("Freight", name,
          s.store().listFreight(s.project()).stream().map(Freight::name).toList()));
    }
    return s.store().getFreightByAlias(s.project(), alias).orElseThrow(() -> Session.unknown("Freight alias", alias,
        s.store().listFreight(s.project()).stream().map(Freight::alias).filter(a -> !a.isEmpty()).sorted().toList()));
  }

  static Stage stage(Session s, String name) {
    return s.manifests().stage(s.project(), name).orElseThrow(() -> Session.unknown("Stage", name,
        s.manifests().stages(s.project()).stream().map(Stage::name).toList()));
  }

  static Comparator<Freight> newestFirst() {
    return Comparator.comparing(Freight::effectiveDiscoveredAt, Comparator.nullsFirst(Comparator.naturalOrder())).reversed();
  }

  static List<String> aliases(List<Freight> freight) {
    return freight.stream().map(f -> f.alias().isEmpty() ? f.name() : f.alias()).toList();
  }
}
