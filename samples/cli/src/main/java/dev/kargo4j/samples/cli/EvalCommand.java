package dev.kargo4j.samples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.model.Freight;
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
    "Expressions over earlier steps' outputs see nil; secrets are masked."})
final class EvalCommand extends SessionCommand {
  @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "The Stage")
  String stage;

  @ArgGroup(exclusive = true, multiplicity = "1")
  FreightChoice freight;

  @Option(names = {"-o", "--output"}, defaultValue = "yaml", paramLabel = "FORMAT",
      description = "yaml or json; default: ${DEFAULT-VALUE}")
  String output;

  @Override
  int run(Session s) throws Exception {
    if (!output.equals("yaml") && !output.equals("json")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o " + output + ": allowed: yaml, json");
    }
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
    ObjectMapper mapper = output.equals("json") ? new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        : YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    s.out().print(mapper.writeValueAsString(doc));
    if (output.equals("json")) {
      s.out().println();
    }
    boolean errors = steps.stream().anyMatch(m -> m.containsKey("error"));
    return errors ? Kargo4jCommand.FAILED : Kargo4jCommand.OK;
  }
}
