package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.range;
import static dev.kargo4j.core.model.internal.Checks.required;

import dev.kargo4j.core.model.internal.Checks;
import dev.kargo4j.core.model.internal.JsonTrees;
import java.util.Map;

/**
 * A subscription of a plug-in type ({@code subscriptions[].<type>}, any key other than
 * {@code git}, {@code image}, {@code chart}): {@code {<type>: {config, discoveryLimit}, name}}.
 * The sibling {@code name} is required; {@code config} is a JSON-like object handed to the
 * {@code SubscriptionSource} of that type; {@code discoveryLimit} defaults to 20.
 *
 * <p>Immutable and thread-safe.
 */
public record GenericSubscription(
    String name, String type, Map<String, Object> config, int discoveryLimit)
    implements Subscription {

  /** Validates and deep-copies the config. */
  public GenericSubscription {
    required("name", name);
    Checks.optionalLabel("name", name);
    required("type", type);
    if (type.equals("git") || type.equals("image") || type.equals("chart") || type.equals("name")) {
      throw new InvalidModelException("type", "\"" + type + "\" is reserved");
    }
    config = JsonTrees.object(type + ".config", config);
    range("discoveryLimit", discoveryLimit, 1, 100);
  }
}
