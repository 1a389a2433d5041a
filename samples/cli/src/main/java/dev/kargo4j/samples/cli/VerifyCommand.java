package dev.kargo4j.samples.cli;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.samples.cli.internal.DurationConverter;
import dev.kargo4j.samples.cli.internal.VerificationWatcher;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kargo4j verify stage NAME}: verifies the Stage's current Freight again and waits. */
@Command(name = "verify", description = "Verifies a Stage's current Freight again.",
    subcommands = VerifyCommand.StageVerify.class)
final class VerifyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to verify: stage NAME");
  }

  @Command(name = "stage", description = {"Runs the Stage's verification of its current Freight again and waits for it.",
      "Exit code 1 when it does not succeed."})
  static final class StageVerify extends SessionCommand {
    @Parameters(paramLabel = "NAME", description = "The Stage")
    String stage;

    @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
        description = "How long to wait; default: ${DEFAULT-VALUE}")
    Duration timeout;

    @Override
    int run(Session s) throws Exception {
      FreightChoice.stage(s, stage);
      VerificationWatcher watcher = new VerificationWatcher();
      ProjectRuntime runtime = s.runtime(new ProgressPrinter(s.out()), watcher);
      FreightCollection current = runtime.stage(stage).status().currentFreight();
      if (current == null || current.items().isEmpty()) {
        throw new KargoException("Stage " + stage + " has no Freight to verify; promote to it first");
      }
      FreightReference any = current.references().get(0);
      VerificationInfo before = current.currentVerification();
      CompletableFuture<VerificationInfo> done = watcher.watch(stage, any.name(), before == null ? null : before.id());
      runtime.reverify(stage);
      s.awaitOnClose(timeout);
      try {
        VerificationInfo v = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        s.out().println("verification of " + stage + ": " + v.phase().wireName()
            + (v.message() == null || v.message().isEmpty() ? "" : ": " + v.message()));
        return v.phase() == VerificationPhase.SUCCESSFUL ? Kargo4jCommand.OK : Kargo4jCommand.FAILED;
      } catch (TimeoutException e) {
        s.err().println("verification of " + stage + " did not finish within " + timeout);
        return Kargo4jCommand.FAILED;
      }
    }
  }
}
