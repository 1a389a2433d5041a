package dev.kargo4j.core.model;

import static dev.kargo4j.core.model.internal.Checks.required;
import static dev.kargo4j.core.model.internal.Checks.subdomain;

import dev.kargo4j.core.model.internal.JsonTrees;
import java.util.Map;

/**
 * One of a ProjectConfig's {@code webhookReceivers}: its {@code name}, the provider
 * {@code type} key ({@code github}, {@code gitlab}, {@code gitea}, {@code bitbucket},
 * {@code dockerhub}, {@code quay}, {@code harbor}, {@code artifactory}, {@code azure},
 * {@code generic}) and that key's JSON-like {@code config} (with its {@code secretRef}). Kept
 * for fidelity; an embedded host triggers refreshes by method call.
 *
 * <p>Immutable and thread-safe.
 */
public record WebhookReceiver(String name, String type, Map<String, Object> config) {
  /** Validates. */
  public WebhookReceiver {
    subdomain("name", name);
    required("type", type);
    config = JsonTrees.object(type, config);
  }
}
