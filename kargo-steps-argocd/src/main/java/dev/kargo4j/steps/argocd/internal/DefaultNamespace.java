package dev.kargo4j.steps.argocd.internal;

import java.util.function.UnaryOperator;

/** Kargo's default Argo CD namespace ({@code pkg/argocd/namespace.go}). Thread-safe. */
public final class DefaultNamespace {
  private DefaultNamespace() {}

  /** {@code ARGOCD_NAMESPACE} when set and non-empty, else {@code argocd}. */
  public static String from(UnaryOperator<String> env) {
    String v = env.apply("ARGOCD_NAMESPACE");
    return v == null || v.isEmpty() ? "argocd" : v;
  }
}
