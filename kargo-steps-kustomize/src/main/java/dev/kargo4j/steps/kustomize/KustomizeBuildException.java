package dev.kargo4j.steps.kustomize;

/**
 * The kustomize tool ran but did not produce manifests: it exited with an error (the tool's
 * own message is in {@link #toolMessage()} and in the exception message, with work-directory
 * paths made relative) or it ran longer than the builder's timeout ({@link #timedOut()}).
 * Immutable.
 */
public class KustomizeBuildException extends KustomizeException {
  private static final long serialVersionUID = 1L;

  private final String toolMessage;
  private final boolean timedOut;

  public KustomizeBuildException(String message, String toolMessage, boolean timedOut) {
    super(message);
    this.toolMessage = toolMessage == null ? "" : toolMessage;
    this.timedOut = timedOut;
  }

  /** What the tool wrote to its standard error, trimmed; empty when it wrote nothing. */
  public String toolMessage() {
    return toolMessage;
  }

  /** True when the build was stopped because it ran longer than the configured timeout. */
  public boolean timedOut() {
    return timedOut;
  }
}
