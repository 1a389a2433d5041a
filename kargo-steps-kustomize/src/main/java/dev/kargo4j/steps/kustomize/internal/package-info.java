/** Internals of the kustomize steps (YAML editing, image merging, running the tool); not an API. */
package dev.kargo4j.steps.kustomize.internal;
