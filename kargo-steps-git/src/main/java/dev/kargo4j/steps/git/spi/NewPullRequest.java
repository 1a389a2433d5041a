package dev.kargo4j.steps.git.spi;

import java.util.List;
import java.util.Objects;

/**
 * A pull request to open.
 *
 * @param title never null
 * @param description may be empty, never null
 * @param head the source branch
 * @param base the target branch
 * @param labels label names to add; may be empty
 */
public record NewPullRequest(String title, String description, String head, String base, List<String> labels) {
  public NewPullRequest {
    Objects.requireNonNull(title, "title");
    description = description == null ? "" : description;
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(base, "base");
    labels = List.copyOf(labels == null ? List.of() : labels);
  }
}
