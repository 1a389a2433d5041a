package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration of {@code argocd-wait}, as Kargo's schema {@code argocd-wait-config.json}
 * defines it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param apps the Applications to wait for; at least one
 */
public record ArgoCdWaiterConfig(List<App> apps) {

  /** The conditions {@code waitFor} may name. */
  public static final Set<String> CONDITIONS = Set.of("health", "sync", "operation", "suspended", "degraded");

  /** What is waited for when {@code waitFor} is omitted, as {@code argocd app wait} does. */
  public static final List<String> DEFAULT_WAIT_FOR = List.of("health", "sync", "operation");

  public ArgoCdWaiterConfig {
    apps = List.copyOf(ConfigRules.minItems(apps, 1, "apps"));
  }

  /**
   * One Application, or all Applications matching a selector, to wait for.
   *
   * @param name exactly one of {@code name} and {@code selector}
   * @param namespace null for the default namespace
   * @param selector exactly one of {@code name} and {@code selector}
   * @param waitFor the conditions; null for {@link #DEFAULT_WAIT_FOR}, otherwise at least one,
   *     unique, from {@link #CONDITIONS}
   */
  public record App(String name, String namespace, ArgoCdAppSelector selector, List<String> waitFor) {
    public App {
      ConfigRules.exactlyOne("name, selector", name, selector);
      if (namespace != null && namespace.isEmpty()) {
        throw new InvalidConfigException("namespace: must not be empty when given");
      }
      if (waitFor == null) {
        waitFor = DEFAULT_WAIT_FOR;
      } else {
        ConfigRules.minItems(waitFor, 1, "waitFor");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < waitFor.size(); i++) {
          ConfigRules.oneOf(ConfigRules.required(waitFor.get(i), "waitFor[" + i + "]"), CONDITIONS,
              "waitFor[" + i + "]");
          if (!seen.add(waitFor.get(i))) {
            throw new InvalidConfigException("waitFor[" + i + "]: '" + waitFor.get(i) + "' is listed twice");
          }
        }
        waitFor = List.copyOf(waitFor);
      }
    }
  }
}
