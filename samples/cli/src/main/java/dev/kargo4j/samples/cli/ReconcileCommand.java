package dev.kargo4j.samples.cli;

import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.samples.cli.internal.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kargo4j reconcile}: runs what is queued (Promotions queued with {@code --no-wait} or
 * cut short, verifications, auto-promotions) until the pipeline is idle, then prints the Stages.
 */
@Command(name = "reconcile", description = {
    "Runs the Project's queued work (promotions queued with --no-wait or interrupted, verifications,",
    "auto-promotions) until it is idle, then prints the Stages."})
final class ReconcileCommand extends SessionCommand {
  @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "How long to wait; default: ${DEFAULT-VALUE}")
  Duration timeout;

  @Override
  int run(Session s) {
    ProgressPrinter printer = new ProgressPrinter(s.out());
    printer.knowFreight(s.store().listFreight(s.project()));
    ProjectRuntime runtime = s.runtime(printer);
    runtime.refresh();
    s.awaitOnClose(timeout);
    if (!runtime.awaitIdle(timeout)) {
      s.err().println("the pipeline still had work after " + timeout);
      return Kargo4jCommand.FAILED;
    }
    s.out().print(PipelineTable.render(runtime.stages(), runtime.freight()));
    return Kargo4jCommand.OK;
  }
}
