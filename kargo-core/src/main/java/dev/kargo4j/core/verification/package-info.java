/** Verification: Argo Rollouts AnalysisTemplates evaluated natively (the web provider built in, others through MetricProvider). */
package dev.kargo4j.core.verification;
