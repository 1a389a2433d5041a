package dev.kargo4j.core.pipeline.internal;

import dev.kargo4j.core.discovery.SubscriptionSourceRegistry;
import dev.kargo4j.core.engine.ProjectData;
import dev.kargo4j.core.engine.PromotionEngine;
import dev.kargo4j.core.engine.StepRegistry;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.pipeline.HealthCheckerRegistry;
import dev.kargo4j.core.pipeline.PipelineListener;
import dev.kargo4j.core.pipeline.DiscoveryOptions;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.verification.MetricProviderRegistry;
import dev.kargo4j.expr.ExprEngine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything a {@code ProjectRuntime.Builder} collected; null means "use the default" for
 * {@code project}, {@code engine}/{@code steps} (one of them is set), {@code executor},
 * {@code scheduler}, {@code discoverySources} (no discovery) and {@code projectData}.
 */
public record RuntimeConfig(
    String project,
    ManifestSet manifests,
    Store store,
    PromotionEngine.Builder engine,
    StepRegistry steps,
    HealthCheckerRegistry healthCheckers,
    MetricProviderRegistry metricProviders,
    Map<Capability<?>, Object> capabilities,
    ExprEngine expressions,
    Clock clock,
    Executor executor,
    ScheduledExecutorService scheduler,
    boolean manualTimers,
    List<PipelineListener> listeners,
    SubscriptionSourceRegistry discoverySources,
    DiscoveryOptions discoveryOptions,
    Duration healthRecheckInterval,
    ProjectData projectData) {}
