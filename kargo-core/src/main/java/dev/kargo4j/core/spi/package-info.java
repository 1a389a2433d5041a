/**
 * The extension points of kargo4j, for plug-in authors: {@link dev.kargo4j.core.spi.StepRunner},
 * {@link dev.kargo4j.core.spi.HealthChecker}, {@link dev.kargo4j.core.spi.CredentialsProvider} and
 * {@link dev.kargo4j.core.spi.Store}, with the values they exchange with the engine.
 */
package dev.kargo4j.core.spi;
