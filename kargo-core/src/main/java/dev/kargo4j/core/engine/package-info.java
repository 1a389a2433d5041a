/** The promotion engine: step registry, promotion building, execution, resume and dry-run. */
package dev.kargo4j.core.engine;
