package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.ConfigRules;
import java.util.List;

/**
 * The input of the {@code argocd-update} health check, as {@code argocd-update} registers it
 * (Kargo's {@code ArgoCDHealthInput}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param apps the Applications to assess; never null
 */
public record ArgoCdHealthInput(List<App> apps) {

  public ArgoCdHealthInput {
    apps = apps == null ? List.of() : List.copyOf(apps);
  }

  /**
   * One Application to assess.
   *
   * @param name required
   * @param namespace null or empty for the default namespace
   * @param desiredRevisions the revision each source should be synced to ("" for any); never null
   */
  public record App(String name, String namespace, List<String> desiredRevisions) {
    public App {
      ConfigRules.required(name, "name");
      desiredRevisions = desiredRevisions == null ? List.of() : List.copyOf(desiredRevisions);
    }
  }
}
