/** The argocd-update and argocd-wait steps and the Argo CD health check. */
package dev.kargo4j.steps.argocd;
