package dev.kargo4j.samples.cli;

import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.VerificationInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kargo4j abort promotion NAME} and {@code abort verification STAGE}. */
@Command(name = "abort", description = "Aborts a Promotion or a running verification.",
    subcommands = {AbortCommand.PromotionAbort.class, AbortCommand.VerificationAbort.class})
final class AbortCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to abort: promotion NAME or verification STAGE");
  }

  @Command(name = "promotion", description = {
      "Aborts a Promotion: a queued one never runs, a running one stops at the next step."})
  static final class PromotionAbort extends SessionCommand {
    @Parameters(paramLabel = "NAME", description = "The Promotion (see `kargo4j get promotions`)")
    String name;

    @Override
    int run(Session s) {
      s.store().getPromotion(s.project(), name).orElseThrow(() -> Session.unknown("Promotion", name,
          s.store().listPromotions(s.project()).stream().map(Promotion::name).toList()));
      Promotion p = s.runtime(new ProgressPrinter(s.out())).abort(name);
      s.out().println("promotion " + p.name() + " " + p.status().phase().wireName()
          + (p.status().message() == null || p.status().message().isEmpty() ? "" : ": " + p.status().message()));
      return Kargo4jCommand.OK;
    }
  }

  @Command(name = "verification", description = "Aborts the running verification of a Stage's current Freight.")
  static final class VerificationAbort extends SessionCommand {
    @Parameters(paramLabel = "STAGE", description = "The Stage")
    String stage;

    @Override
    int run(Session s) {
      FreightChoice.stage(s, stage);
      var runtime = s.runtime(new ProgressPrinter(s.out()));
      runtime.abortVerification(stage);
      var current = runtime.stage(stage).status().currentFreight();
      VerificationInfo v = current == null ? null : current.currentVerification();
      s.out().println("verification of " + stage + ": " + (v == null ? "none" : v.phase().wireName()));
      return Kargo4jCommand.OK;
    }
  }
}
