package dev.kargo4j.samples.cli;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.pipeline.ProjectRuntime;
import dev.kargo4j.core.pipeline.PromotionHandle;
import dev.kargo4j.samples.cli.internal.DurationConverter;
import dev.kargo4j.samples.cli.internal.VerificationWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kargo4j promote --stage S (--freight ID | --freight-alias A)} and
 * {@code promote --downstream-from S ...}: queues Promotions and, unless {@code --no-wait},
 * follows them step by step, then their verification.
 */
@Command(name = "promote", description = {
    "Promotes Freight to a Stage, or to every Stage downstream of one, and follows it step by step,",
    "then its verification. Exit code 1 when a promotion or verification fails."})
final class PromoteCommand extends SessionCommand {
  static final class Target {
    @Option(names = "--stage", paramLabel = "STAGE", required = true, description = "The Stage to promote to")
    String stage;

    @Option(names = "--downstream-from", paramLabel = "STAGE", required = true,
        description = "Promote to every Stage that takes Freight from this one")
    String downstreamFrom;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @ArgGroup(exclusive = true, multiplicity = "1")
  FreightChoice freight;

  @Option(names = "--no-wait", description = "Only queue the promotion; `kargo4j reconcile` runs queued work")
  boolean noWait;

  @Option(names = "--timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "How long to wait for promotions and verifications; default: ${DEFAULT-VALUE}")
  Duration timeout;

  @Override
  int run(Session s) throws Exception {
    Freight f = freight.resolve(s);
    if (target.stage != null) {
      FreightChoice.stage(s, target.stage);
    } else {
      FreightChoice.stage(s, target.downstreamFrom);
    }
    ProgressPrinter printer = new ProgressPrinter(s.out());
    printer.knowFreight(s.store().listFreight(s.project()));
    VerificationWatcher watcher = new VerificationWatcher();
    ProjectRuntime runtime = s.runtime(printer, watcher);
    Map<String, CompletableFuture<VerificationInfo>> verifications = new LinkedHashMap<>();
    List<PromotionHandle> handles = new ArrayList<>();
    if (target.stage != null) {
      verifications.put(target.stage, watcher.watch(target.stage, f.name(), null));
      handles.add(runtime.promote(target.stage, f.name()));
    } else {
      for (Stage st : runtime.stages()) {
        verifications.put(st.name(), watcher.watch(st.name(), f.name(), null));
      }
      handles.addAll(runtime.promoteToDownstream(target.downstreamFrom, f.name()));
    }
    if (noWait) {
      for (PromotionHandle h : handles) {
        s.out().println("promotion " + h.name() + " queued");
      }
      s.leaveQueuedWork();
      return Kargo4jCommand.OK;
    }
    s.awaitOnClose(timeout);
    long deadline = System.nanoTime() + timeout.toNanos();
    int code = Kargo4jCommand.OK;
    for (PromotionHandle h : handles) {
      Promotion done = h.await(remaining(deadline));
      String stage = done.spec().stage();
      if (done.status().phase() != PromotionPhase.SUCCEEDED) {
        s.err().println("promotion " + done.name() + " to " + stage + " " + done.status().phase().wireName()
            + ": " + done.status().message());
        code = Kargo4jCommand.FAILED;
        continue;
      }
      Stage st = runtime.stage(stage);
      if (st.spec().verification() == null) {
        s.out().println("Freight " + label(f) + " is now in " + stage);
        continue;
      }
      try {
        VerificationInfo v = verifications.get(stage).get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
        if (v.phase() == VerificationPhase.SUCCESSFUL) {
          s.out().println("Freight " + label(f) + " is now in " + stage + " and verified");
        } else {
          s.err().println("verification of " + label(f) + " in " + stage + " " + v.phase().wireName()
              + (v.message() == null || v.message().isEmpty() ? "" : ": " + v.message()));
          code = Kargo4jCommand.FAILED;
        }
      } catch (TimeoutException e) {
        s.err().println("verification of " + label(f) + " in " + stage + " did not finish within " + timeout);
        code = Kargo4jCommand.FAILED;
      }
    }
    return code;
  }

  static String label(Freight f) {
    return f.alias().isEmpty() ? f.name() : f.alias();
  }

  static Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
  }
}
