package dev.kargo4j.samples.cli;

import dev.kargo4j.KargoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kargo4j graph [-o mermaid|dot|html] [--out FILE]}: the pipeline as a picture. */
@Command(name = "graph", description = {
    "The pipeline: Warehouses, Stages (in their kargo.akuity.io/color), their current Freight and",
    "verification state, as Mermaid, Graphviz DOT or one self-contained HTML page."})
final class GraphCommand extends SessionCommand {
  /** The formats. */
  enum Format { mermaid, dot, html }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "${COMPLETION-CANDIDATES}; default: by the --out file's extension (.html, .dot or .gv), else mermaid")
  Format output;

  @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of standard output")
  Path out;

  /** The option before -o: still read, with a warning, so that old scripts keep working. */
  @Option(names = "--format", hidden = true, paramLabel = "FORMAT")
  void deprecatedFormat(Format format) {
    if (format == null) {
      return;
    }
    spec.commandLine().getErr().println("warning: --format is deprecated; use -o " + format);
    output = format;
  }

  /** The option before --out, read with a warning (its letter is too close to -o). */
  @Option(names = "-O", hidden = true, paramLabel = "FILE")
  void deprecatedOut(Path file) {
    if (file == null) {
      return;
    }
    spec.commandLine().getErr().println("warning: -O is deprecated; use --out " + file);
    out = file;
  }

  @Override
  int run(Session s) {
    String project = s.project();
    PipelineGraph graph = PipelineGraph.of(project, s.manifests().warehouses(project), s.state().stages(project),
        s.store().listFreight(project));
    String text = switch (format()) {
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

  /** {@code -o}, else what the {@code --out} file's extension says, else Mermaid. */
  private Format format() {
    if (output != null) {
      return output;
    }
    String file = out == null || out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (file.endsWith(".html") || file.endsWith(".htm")) {
      return Format.html;
    }
    return file.endsWith(".dot") || file.endsWith(".gv") ? Format.dot : Format.mermaid;
  }
}
