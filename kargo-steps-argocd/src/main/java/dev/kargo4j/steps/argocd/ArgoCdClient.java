package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.Capability;
import java.util.List;
import java.util.Optional;

/**
 * The few calls the Argo CD steps and health check make against Argo CD. The host chooses an
 * implementation from {@link ArgoCdClients} (the Argo CD API server with a bearer token, or
 * Application resources through the Kubernetes API, as Kargo itself works) or writes its own,
 * and supplies it to the engine under {@link #CAPABILITY}.
 *
 * <p>Implementations are thread-safe. Failures are {@link ArgoCdException}s whose messages never
 * contain credentials.
 */
public interface ArgoCdClient {

  /** The capability under which steps receive the client. */
  Capability<ArgoCdClient> CAPABILITY = Capability.of("argocd", ArgoCdClient.class);

  /** The Application {@code name} in {@code namespace}, or empty when it does not exist. */
  Optional<ArgoCdApplication> get(String namespace, String name);

  /** The Applications in {@code namespace} whose labels match {@code selector}. */
  List<ArgoCdApplication> list(String namespace, ArgoCdAppSelector selector);

  /** Applies {@code patch} (annotations and sources) to the Application; returns it patched. */
  ArgoCdApplication patch(String namespace, String name, ApplicationPatch patch);

  /**
   * Starts {@code operation} on the Application and clears the state of the previous one;
   * returns the Application as it is afterwards.
   */
  ArgoCdApplication sync(String namespace, String name, SyncOperation operation);

  /**
   * Asks Argo CD for a hard refresh of the Application, so that it reconciles and records
   * {@code status.reconciledAt} even when nothing changed.
   */
  void refresh(String namespace, String name);
}
