/** The promotion engine's implementation: orchestrator, step evaluator, executor; not an API. */
package dev.kargo4j.core.engine.internal;
