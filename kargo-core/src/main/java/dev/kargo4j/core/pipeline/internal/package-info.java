/** Implementation of the pipeline (Stage reconciliation, availability, holds); not API. */
package dev.kargo4j.core.pipeline.internal;
