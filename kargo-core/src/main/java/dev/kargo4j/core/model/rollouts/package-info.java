/** Argo Rollouts' AnalysisTemplate ({@code argoproj.io/v1alpha1}) as records, for verification. */
package dev.kargo4j.core.model.rollouts;
