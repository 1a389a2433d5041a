package dev.kargo4j.samples.cli;

import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.Health;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.pipeline.PipelineListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints a pipeline's progress as it happens, one line per event, prefixed with the Stage:
 * Promotions queued, started and finished, every step as it finishes (kind, alias, outcome,
 * duration, message), verifications and health changes to Unhealthy.
 *
 * <pre>
 * [dev]        promotion dev.01k0...9c.a3f1c0d of brave-tiger queued
 * [dev]          git-clone             task-1::step-1        Succeeded  0.3s
 * [dev]          argocd-update         task-1::step-7        Skipped    no Argo CD configured
 * [dev]        promotion Succeeded in 1.4s
 * [ab-test-b]  verification Failed: ...
 * </pre>
 *
 * <p>Thread-safe: lines from parallel Stages never interleave. Messages carry no secrets (the
 * runtime masks them).
 */
public final class ProgressPrinter implements PipelineListener {
  private final PrintWriter out;
  private final Map<String, String> aliases = new ConcurrentHashMap<>();
  private final Map<String, Boolean> verificationShown = new ConcurrentHashMap<>();

  /** Prints to {@code out}, flushing after every line. */
  public ProgressPrinter(PrintWriter out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Remembers Freight aliases so lines can name Freight by alias. */
  public void knowFreight(Iterable<Freight> freight) {
    for (Freight f : freight) {
      if (!f.alias().isEmpty()) {
        aliases.put(f.name(), f.alias());
      }
    }
  }

  @Override
  public void freightCreated(Freight freight) {
    if (!freight.alias().isEmpty()) {
      aliases.put(freight.name(), freight.alias());
    }
    line("[" + freight.origin().name() + "]", "Freight " + freight.alias() + " (" + shortId(freight.name())
        + ") created");
  }

  @Override
  public void promotionCreated(Promotion promotion) {
    line(stage(promotion.spec().stage()), "promotion " + promotion.name() + " of "
        + aliases.getOrDefault(promotion.spec().freight(), shortId(promotion.spec().freight())) + " queued");
  }

  @Override
  public void promotionPhaseChanged(Promotion promotion) {
    PromotionPhase phase = promotion.status().phase();
    if (phase == null || phase == PromotionPhase.PENDING) {
      return;
    }
    String s = stage(promotion.spec().stage());
    if (phase == PromotionPhase.RUNNING) {
      line(s, "promotion running (" + promotion.spec().steps().size() + " steps)");
      return;
    }
    String took = "";
    if (promotion.status().startedAt() != null && promotion.status().finishedAt() != null) {
      took = " in " + seconds(Duration.between(promotion.status().startedAt(), promotion.status().finishedAt()));
    }
    String msg = promotion.status().message();
    line(s, "promotion " + phase.wireName() + took
        + (phase != PromotionPhase.SUCCEEDED && msg != null && !msg.isEmpty() ? ": " + msg : ""));
  }

  @Override
  public void stepUpdated(Promotion promotion, StepExecutionMetadata step) {
    if (step.status() == null) {
      return;
    }
    String kind = "";
    for (PromotionStep ps : promotion.spec().steps()) {
      if (step.alias().equals(ps.as())) {
        kind = ps.uses();
        break;
      }
    }
    String took = step.startedAt() != null && step.finishedAt() != null
        ? seconds(Duration.between(step.startedAt(), step.finishedAt())) : "";
    String msg = step.message() == null ? "" : step.message().replace('\n', ' ');
    boolean showMessage = step.status() != PromotionStepStatus.SUCCEEDED && !msg.isEmpty();
    line(stage(promotion.spec().stage()), String.format("  %-21s %-24s %-10s %s", kind, step.alias(),
        step.status().wireName(), showMessage ? msg : took).stripTrailing());
  }

  @Override
  public void verificationUpdated(String stage, FreightCollection collection, VerificationInfo info) {
    if (info == null || info.phase() == null) {
      return;
    }
    String key = stage + "/" + info.id() + "/" + info.isTerminal();
    if (verificationShown.putIfAbsent(key, Boolean.TRUE) != null) {
      return;
    }
    String msg = info.message() == null || info.message().isEmpty() || !info.isTerminal() ? "" : ": " + info.message();
    line(stage(stage), "verification " + info.phase().wireName() + msg);
  }

  @Override
  public void healthChanged(String stage, Health health) {
    if (health != null && health.status() == HealthState.UNHEALTHY) {
      line(stage(stage), "health Unhealthy: " + String.join("; ", health.issues()));
    }
  }

  /** Prints one line of the host's own, aligned with the progress lines. */
  public void note(String prefix, String text) {
    line("[" + prefix + "]", text);
  }

  private synchronized void line(String prefix, String text) {
    out.println(String.format("%-13s %s", prefix, text));
    out.flush();
  }

  private static String stage(String name) {
    return "[" + name + "]";
  }

  private static String shortId(String id) {
    return id == null ? "" : id.substring(0, Math.min(7, id.length()));
  }

  private static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
  }
}
