/**
 * Kargo's resources as immutable records: Project, ProjectConfig, Warehouse, Freight, Stage,
 * Promotion, PromotionTask, ClusterPromotionTask, credentials, Secrets and ConfigMaps.
 *
 * <p>Conventions for every record in this package and its subpackages: records are immutable
 * and thread-safe; optional {@code String} components are never null (absent is the empty
 * string, as in Kargo's Go types); {@code List} and {@code Map} components are never null
 * (absent is empty) and are unmodifiable copies; nested records, {@link java.time.Instant}s
 * and {@link java.time.Duration}s are null when absent unless their Javadoc says otherwise.
 * JSON-like values ({@code config}, {@code metadata}, {@code state}) are trees of
 * {@code String}, {@code Boolean}, {@code Long}, {@code Double}, {@code BigInteger}, null,
 * unmodifiable {@code List} and unmodifiable insertion-ordered {@code Map<String, Object>}.
 * Invalid values fail with {@link dev.kargo4j.core.model.InvalidModelException}.
 */
package dev.kargo4j.core.model;
