package dev.kargo4j.steps.argocd.internal;

/** Names Kargo and Argo CD agree on. */
public final class ArgoCdFields {
  private ArgoCdFields() {}

  /** Argo CD's refresh request annotation; the value {@code hard} asks for a hard refresh. */
  public static final String REFRESH_ANNOTATION = "argocd.argoproj.io/refresh";

  /** The annotation listing the {@code <project>:<stage>} pairs allowed to change an Application. */
  public static final String AUTHORIZED_STAGE_ANNOTATION = "kargo.akuity.io/authorized-stage";

  /** The {@code operation.info} entry naming the Promotion that started an operation. */
  public static final String PROMOTION_INFO = "kargo.akuity.io/promotion";

  /** The initiator Kargo records for promotions no person asked for. */
  public static final String CONTROLLER_INITIATOR = "kargo-controller";

  /** The {@code operation.info} reason Kargo writes. */
  public static final String SYNC_REASON = "Promotion triggered a sync of this Application resource.";
}
