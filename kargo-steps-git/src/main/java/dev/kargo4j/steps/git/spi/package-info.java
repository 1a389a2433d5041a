/** The pull-request provider SPI: implement {@link dev.kargo4j.steps.git.spi.GitProviderFactory} to add a git hosting service. */
package dev.kargo4j.steps.git.spi;
