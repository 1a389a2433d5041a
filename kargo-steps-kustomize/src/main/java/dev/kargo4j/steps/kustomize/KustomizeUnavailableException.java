package dev.kargo4j.steps.kustomize;

import dev.kargo4j.core.spi.TerminalStepException;

/**
 * No kustomize tool can be run: neither {@code kustomize} nor {@code kubectl} is on the
 * {@code PATH}, or the binary the host configured ({@link KustomizeBuilder.Builder#binary} or
 * the {@code KARGO4J_KUSTOMIZE} environment variable) does not exist or cannot be executed.
 * The message says how to get one. Terminal: retrying does not install a tool.
 */
public class KustomizeUnavailableException extends TerminalStepException {
  private static final long serialVersionUID = 1L;

  public KustomizeUnavailableException(String message) {
    super(message);
  }

  public KustomizeUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
