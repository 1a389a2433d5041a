package dev.kargo4j.samples.cli;

import dev.kargo4j.KargoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kargo4j graph [--format mermaid|dot|html] [--out FILE]}: the pipeline as a picture. */
@Command(name = "graph", description = {
    "The pipeline: Warehouses, Stages (in their kargo.akuity.io/color), their current Freight and",
    "verification state, as Mermaid, Graphviz DOT or one self-contained HTML page."})
final class GraphCommand extends SessionCommand {
  /** The formats. */
  enum Format { mermaid, dot, html }

  @Option(names = "--format", defaultValue = "mermaid", paramLabel = "FORMAT",
      description = "mermaid, dot or html; default: ${DEFAULT-VALUE}")
  Format format;

  @Option(names = {"-O", "--out"}, paramLabel = "FILE", description = "Write to this file instead of standard output")
  Path out;

  @Override
  int run(Session s) {
    String project = s.project();
    PipelineGraph graph = PipelineGraph.of(project, s.manifests().warehouses(project), s.state().stages(project),
        s.store().listFreight(project));
    String text = switch (format) {
      case mermaid -> graph.mermaid();
      case dot -> graph.dot();
      case html -> graph.html();
    };
    if (out == null) {
      s.out().print(text);
      return Kargo4jCommand.OK;
    }
    try {
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      Files.writeString(out, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KargoException("--out " + out + ": cannot write: " + e.getMessage(), e);
    }
    s.out().println("wrote " + out);
    return Kargo4jCommand.OK;
  }
}
