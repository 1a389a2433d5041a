package dev.kargo4j.steps.argocd.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the {@code kargo.akuity.io/authorized-stage} annotation as Kargo does
 * ({@code pkg/api/stage.go} {@code AuthorizedStages}): comma-separated
 * {@code <project>:<stage>} entries, blanks ignored, globs rejected. Thread-safe.
 */
public final class AuthorizedStages {
  private AuthorizedStages() {}

  /** One {@code <project>:<stage>} entry. */
  public record Entry(String project, String stage) {}

  /**
   * The entries of {@code value}.
   *
   * @throws IllegalArgumentException naming the bad entry and the expected format
   */
  public static List<Entry> parse(String value) {
    List<Entry> out = new ArrayList<>();
    for (String raw : value.split(",", -1)) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        continue;
      }
      int colon = entry.indexOf(':');
      String project = colon < 0 ? "" : entry.substring(0, colon).strip();
      String stage = colon < 0 ? "" : entry.substring(colon + 1).strip();
      if (project.isEmpty() || stage.isEmpty()) {
        throw new IllegalArgumentException(
            "invalid authorized Stage '" + entry + "': expected format '<project>:<stage>'");
      }
      if (project.contains("*") || stage.contains("*")) {
        throw new IllegalArgumentException("invalid authorized Stage '" + entry
            + "': glob expressions are no longer supported; list each '<project>:<stage>'");
      }
      out.add(new Entry(project, stage));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no authorized Stages found in '" + value + "'");
    }
    return out;
  }
}
