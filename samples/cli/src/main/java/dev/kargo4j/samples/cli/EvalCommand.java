package dev.kargo4j.samples.cli;

import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.samples.cli.internal.Formats;
import dev.kargo4j.samples.cli.internal.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kargo4j eval --stage S --freight F}: every step of the Promotion that would run, with
 * its {@code if} and config rendered, without running anything (secrets masked).
 */
@Command(name = "eval", description = {
    "Shows every step of a promotion with its `if` and config rendered, without running anything.",
    "Expressions over earlier steps' outputs see nil; secrets are masked.",
    "Exit code 2 when a step's `if` or config cannot be rendered (its error is shown)."})
final class EvalCommand extends SessionCommand {
  @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "The Stage")
  String stage;

  @ArgGroup(exclusive = true, multiplicity = "1")
  FreightChoice freight;

  /** The output formats: one line a step, or the whole rendering as YAML or JSON. */
  enum Format { table, yaml, json }

  @Option(names = {"-o", "--output"}, defaultValue = "yaml", paramLabel = "FORMAT",
      description = "${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}")
  Format output;

  @Override
  int run(Session s) throws Exception {
    Freight f = freight.resolve(s);
    FreightChoice.stage(s, stage);
    // a dry run waits for nothing: work the runtime resumes (a `promote --no-wait`) is left
    // queued for the next command, as `promote --no-wait` leaves it
    s.leaveQueuedWork();
    List<Map<String, Object>> steps = new ArrayList<>();
    for (PromotionEngine.RenderedStep r : s.runtime().dryRun(stage, f.name())) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("as", r.alias());
      m.put("uses", r.uses());
      if (r.condition() != null) {
        m.put("if", r.condition());
      }
      m.put("config", r.config());
      if (r.error() != null) {
        m.put("error", r.error());
      }
      steps.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("stage", stage);
    doc.put("freight", f.name());
    doc.put("alias", f.alias());
    doc.put("steps", steps);
    switch (output) {
      case table -> s.out().print(table(steps));
      case json -> s.out().print(Formats.jsonDocument(doc));
      default -> s.out().print(Formats.yamlDocument(doc));
    }
    // a step whose `if` or config cannot be rendered holds a wrong expression (or reads an output
    // only a real run has)
    boolean errors = steps.stream().anyMatch(m -> m.containsKey("error"));
    return errors ? Kargo4jCommand.USAGE : Kargo4jCommand.OK;
  }

  /** One line a step: its alias, kind, rendered {@code if} and config (as one line of JSON) or error. */
  static String table(List<Map<String, Object>> steps) {
    Table t = new Table("STEP", "USES", "IF", "CONFIG");
    for (Map<String, Object> m : steps) {
      Object error = m.get("error");
      t.row(m.get("as"), m.get("uses"), m.containsKey("if") ? String.valueOf(m.get("if")) : "",
          error != null ? "error: " + GetCommand.oneLine(error.toString())
              : GetCommand.oneLine(Formats.jsonLine(m.get("config"))));
    }
    return t.render();
  }
}
