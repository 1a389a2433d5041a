package dev.kargo4j.steps.argocd.internal;

import dev.kargo4j.core.model.PromotionStepStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Argo CD operation phases and how Kargo folds several into one step status
 * ({@code pkg/argocd/sort.go}): Failed, Error, Running, Terminating, Succeeded in that order of
 * precedence, unknown phases after them, and the first one decides. Thread-safe.
 */
public final class OperationPhases {
  public static final String RUNNING = "Running";
  public static final String TERMINATING = "Terminating";
  public static final String FAILED = "Failed";
  public static final String ERROR = "Error";
  public static final String SUCCEEDED = "Succeeded";

  private static final Map<String, Integer> ORDER =
      Map.of(FAILED, 0, ERROR, 1, RUNNING, 2, TERMINATING, 3, SUCCEEDED, 4);

  private OperationPhases() {}

  /** True for Failed and Error. */
  public static boolean failed(String phase) {
    return FAILED.equals(phase) || ERROR.equals(phase);
  }

  /** True for Succeeded, Failed and Error (Argo CD's {@code Completed}). */
  public static boolean completed(String phase) {
    return SUCCEEDED.equals(phase) || failed(phase);
  }

  /**
   * The step status for {@code phases}: Running for Running/Terminating, Errored for
   * Failed/Error, Succeeded for Succeeded; null when there is none or the first is unknown.
   */
  public static PromotionStepStatus aggregate(List<String> phases) {
    if (phases.isEmpty()) {
      return null;
    }
    List<String> sorted = new ArrayList<>(phases);
    sorted.sort(Comparator.<String>comparingInt(p -> ORDER.getOrDefault(p, Integer.MAX_VALUE))
        .thenComparing(Comparator.naturalOrder()));
    return switch (sorted.get(0)) {
      case RUNNING, TERMINATING -> PromotionStepStatus.RUNNING;
      case FAILED, ERROR -> PromotionStepStatus.ERRORED;
      case SUCCEEDED -> PromotionStepStatus.SUCCEEDED;
      default -> null;
    };
  }
}
