/** Implementation of the Argo CD steps and clients; not for use outside this module. */
package dev.kargo4j.steps.argocd.internal;
