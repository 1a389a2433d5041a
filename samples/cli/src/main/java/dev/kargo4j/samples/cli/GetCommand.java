package dev.kargo4j.samples.cli;

import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.Condition;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.model.Project;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseStatus;
import dev.kargo4j.samples.cli.internal.ArtifactText;
import dev.kargo4j.samples.cli.internal.Formats;
import dev.kargo4j.samples.cli.internal.Table;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kargo4j get projects|warehouses|stages|freight|promotions [NAME] [-o table|yaml|json|name]}. */
@Command(name = "get", description = "Shows Projects, Warehouses, Stages, Freight or Promotions.",
    subcommands = {GetCommand.Projects.class, GetCommand.Warehouses.class, GetCommand.Stages.class,
        GetCommand.FreightList.class, GetCommand.Promotions.class})
final class GetCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "say what to get: projects, warehouses, stages, freight or promotions");
  }

  /** The output formats: a table, the objects as Kargo YAML or JSON, or their names as kubectl prints them. */
  enum Format { table, yaml, json, name }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** What every {@code get} takes: an optional name and {@code -o}. */
  abstract static class Getter<T> extends SessionCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this one")
    String name;

    @Option(names = {"-o", "--output"}, defaultValue = "table", paramLabel = "FORMAT",
        description = "${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}")
    Format output;

    abstract String what();

    abstract List<T> list(Session s);

    abstract Optional<T> one(Session s, String name);

    abstract List<String> names(Session s);

    abstract Table table(Session s, List<T> items);

    String render(Session s, List<T> items) {
      Table t = table(s, items);
      return t.size() == 0 ? "No " + what() + " found.\n" : t.render();
    }

    @Override
    int run(Session s) {
      List<T> items;
      if (name != null) {
        items = List.of(one(s, name).orElseThrow(() -> Session.unknown(what(), name, names(s))));
      } else {
        items = list(s);
      }
      switch (output) {
        case yaml -> s.out().print(Formats.yaml(items));
        case json -> s.out().print(Formats.json(items, name != null));
        case name -> s.out().print(Formats.names(items));
        default -> s.out().print(render(s, items));
      }
      return Kargo4jCommand.OK;
    }
  }

  @Command(name = "projects", aliases = "project", description = "The Projects of the state folder.")
  static final class Projects extends Getter<Project> {
    @Override
    String what() {
      return "Project";
    }

    @Override
    List<Project> list(Session s) {
      List<Project> out = new ArrayList<>();
      for (String p : s.state().projects()) {
        out.add(s.manifests().projects().stream().filter(x -> x.name().equals(p)).findFirst()
            .orElse(new Project(ObjectMeta.of("", p), List.of())));
      }
      return out;
    }

    @Override
    Optional<Project> one(Session s, String name) {
      return list(s).stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Override
    List<String> names(Session s) {
      return s.state().projects();
    }

    @Override
    Table table(Session s, List<Project> items) {
      Table t = new Table("NAME", "WAREHOUSES", "STAGES", "FREIGHT", "PROMOTIONS");
      for (Project p : items) {
        t.row(p.name(), s.manifests().warehouses(p.name()).size(), s.manifests().stages(p.name()).size(),
            s.store().listFreight(p.name()).size(), s.store().listPromotions(p.name()).size());
      }
      return t;
    }
  }

  @Command(name = "warehouses", aliases = "warehouse", description = "The Warehouses of the Project and what they discovered.")
  static final class Warehouses extends Getter<Warehouse> {
    @Override
    String what() {
      return "Warehouse";
    }

    @Override
    List<Warehouse> list(Session s) {
      List<Warehouse> out = new ArrayList<>();
      for (Warehouse w : s.manifests().warehouses(s.project())) {
        out.add(s.store().getWarehouseStatus(s.project(), w.name()).map(v -> w.withStatus(v.value())).orElse(w));
      }
      return out;
    }

    @Override
    Optional<Warehouse> one(Session s, String name) {
      return list(s).stream().filter(w -> w.name().equals(name)).findFirst();
    }

    @Override
    List<String> names(Session s) {
      return s.manifests().warehouses(s.project()).stream().map(Warehouse::name).toList();
    }

    @Override
    Table table(Session s, List<Warehouse> items) {
      Table t = new Table("NAME", "SUBSCRIPTIONS", "HEALTHY", "LAST FREIGHT", "FREIGHT");
      for (Warehouse w : items) {
        List<String> subs = new ArrayList<>();
        for (Subscription sub : w.spec().subscriptions()) {
          subs.add(describe(sub));
        }
        WarehouseStatus st = w.status();
        String healthy = st == null ? "" : st.conditions().stream().filter(c -> c.type().equals("Healthy"))
            .map(Condition::status).findFirst().orElse("");
        String last = st == null || st.lastFreightID() == null || st.lastFreightID().isEmpty() ? ""
            : aliasOf(s, st.lastFreightID());
        long count = s.store().listFreight(s.project()).stream().filter(f -> f.origin().name().equals(w.name())).count();
        t.row(w.name(), String.join(", ", subs), healthy, last, count);
      }
      return t;
    }
  }

  @Command(name = "stages", aliases = "stage", description = "The Stages of the Project: current Freight, health, verification, last promotion.")
  static final class Stages extends Getter<Stage> {
    @Override
    String what() {
      return "Stage";
    }

    @Override
    List<Stage> list(Session s) {
      return s.state().stages(s.project());
    }

    @Override
    Optional<Stage> one(Session s, String name) {
      return list(s).stream().filter(x -> x.name().equals(name)).findFirst();
    }

    @Override
    List<String> names(Session s) {
      return s.manifests().stages(s.project()).stream().map(Stage::name).toList();
    }

    @Override
    Table table(Session s, List<Stage> items) {
      return PipelineTable.table(items, s.store().listFreight(s.project()));
    }
  }

  @Command(name = "freight", description = "The Freight of the Project, newest first.")
  static final class FreightList extends Getter<Freight> {
    @Override
    String what() {
      return "Freight";
    }

    @Override
    List<Freight> list(Session s) {
      List<Freight> all = new ArrayList<>(s.store().listFreight(s.project()));
      all.sort(java.util.Comparator.comparing((Freight f) -> Optional.ofNullable(f.effectiveDiscoveredAt())
          .orElse(Instant.EPOCH)).reversed().thenComparing(Freight::name));
      return all;
    }

    @Override
    Optional<Freight> one(Session s, String name) {
      Optional<Freight> f = s.store().getFreight(s.project(), name);
      return f.isPresent() ? f : s.store().getFreightByAlias(s.project(), name);
    }

    @Override
    List<String> names(Session s) {
      return s.store().listFreight(s.project()).stream().map(f -> f.alias().isEmpty() ? f.name() : f.alias()).toList();
    }

    @Override
    Table table(Session s, List<Freight> items) {
      Table t = new Table("NAME", "ALIAS", "ORIGIN", "ARTIFACTS", "IN STAGES", "VERIFIED IN", "AGE");
      for (Freight f : items) {
        t.row(f.name(), f.alias(), f.origin().name(), artifacts(f.images(), f.commits(), f.charts()),
            String.join(",", f.status().currentlyIn().keySet()), String.join(",", f.status().verifiedIn().keySet()),
            f.effectiveDiscoveredAt() == null ? "" : TIME.format(f.effectiveDiscoveredAt()));
      }
      return t;
    }
  }

  @Command(name = "promotions", aliases = "promotion", description = "The Promotions of the Project, oldest first.")
  static final class Promotions extends Getter<Promotion> {
    @Option(names = "--stage", paramLabel = "STAGE", description = "Only those of this Stage")
    String stage;

    @Override
    String what() {
      return "Promotion";
    }

    @Override
    List<Promotion> list(Session s) {
      return stage == null ? s.store().listPromotions(s.project()) : s.store().listPromotionsByStage(s.project(), stage);
    }

    @Override
    Optional<Promotion> one(Session s, String name) {
      return s.store().getPromotion(s.project(), name);
    }

    @Override
    List<String> names(Session s) {
      return s.store().listPromotions(s.project()).stream().map(Promotion::name).toList();
    }

    @Override
    Table table(Session s, List<Promotion> items) {
      Table t = new Table("NAME", "STAGE", "FREIGHT", "PHASE", "STEPS", "STARTED", "MESSAGE");
      Map<String, String> aliases = new java.util.HashMap<>();
      for (Freight f : s.store().listFreight(s.project())) {
        aliases.put(f.name(), f.alias());
      }
      for (Promotion p : items) {
        int done = (int) p.status().stepExecutionMetadata().stream()
            .filter(m -> m.status() != null && m.status() != dev.kargo4j.core.model.PromotionStepStatus.RUNNING).count();
        t.row(p.name(), p.spec().stage(), aliases.getOrDefault(p.spec().freight(), p.spec().freight()),
            p.status().phase() == null ? "" : p.status().phase().wireName(), done + "/" + p.spec().steps().size(),
            p.status().startedAt() == null ? "" : TIME.format(p.status().startedAt()),
            oneLine(p.status().message()));
      }
      return t;
    }
  }

  static String describe(Subscription sub) {
    if (sub instanceof ImageSubscription i) {
      return "image " + i.repoURL();
    } else if (sub instanceof GitSubscription g) {
      return "git " + g.repoURL();
    } else if (sub instanceof ChartSubscription c) {
      return "chart " + c.repoURL() + (c.chartName() == null || c.chartName().isEmpty() ? "" : " " + c.chartName());
    }
    return sub.getClass().getSimpleName();
  }

  static String artifacts(List<Image> images, List<GitCommit> commits, List<Chart> charts) {
    return ArtifactText.of(images, commits, charts);
  }

  static String aliasOf(Session s, String freightName) {
    return s.store().getFreight(s.project(), freightName).map(f -> f.alias().isEmpty() ? f.name() : f.alias())
        .orElse(freightName);
  }

  static String oneLine(String message) {
    if (message == null) {
      return "";
    }
    String m = message.replace('\n', ' ');
    return m.length() > 80 ? m.substring(0, 79) + "\u2026" : m;
  }
}
