/** The kustomize-set-image and kustomize-build promotion steps. */
package dev.kargo4j.steps.kustomize;
