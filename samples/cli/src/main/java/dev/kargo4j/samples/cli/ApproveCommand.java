package dev.kargo4j.samples.cli;

import dev.kargo4j.core.model.Freight;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kargo4j approve (--freight ID | --freight-alias A) --stage S}: Kargo's manual approval. */
@Command(name = "approve", description = {
    "Approves Freight for a Stage: it becomes available there without upstream verification or soak."})
final class ApproveCommand extends SessionCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  FreightChoice freight;

  @Option(names = "--stage", required = true, paramLabel = "STAGE", description = "The Stage to approve the Freight for")
  String stage;

  @Override
  int run(Session s) {
    Freight f = freight.resolve(s);
    FreightChoice.stage(s, stage);
    ProgressPrinter printer = new ProgressPrinter(s.out());
    Freight approved = s.runtime(printer).approve(f.name(), stage);
    s.out().println("Freight " + PromoteCommand.label(approved) + " approved for " + stage);
    return Kargo4jCommand.OK;
  }
}
