package dev.kargo4j.core.verification;

import dev.kargo4j.core.model.AnalysisRunArgument;
import dev.kargo4j.core.model.rollouts.AnalysisTemplate;
import dev.kargo4j.core.spi.BoundedHttpClient;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.verification.internal.AnalysisEvaluation;
import dev.kargo4j.expr.ExprEngine;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Evaluates Argo Rollouts AnalysisTemplates natively, as the Rollouts analysis controller
 * evaluates an AnalysisRun: metrics with {@code interval}, {@code initialDelay},
 * {@code count}, {@code successCondition}/{@code failureCondition} over {@code result}
 * (expr-lang, evaluated by kargo-expr), {@code failureLimit}, {@code inconclusiveLimit},
 * {@code consecutiveErrorLimit}, {@code consecutiveSuccessLimit}, {@code dryRun} and
 * {@code measurementRetention}; {@code {{args.name}}} placeholders substituted everywhere in a
 * metric. The {@code web} provider is built in on the JDK HTTP client; other providers come
 * from the {@link MetricProviderRegistry}.
 *
 * <p>{@link #start} creates an {@link AnalysisRun}; the caller drives it with
 * {@link AnalysisRun#reconcile()} at the times {@link AnalysisRun#nextReconcileAt()} names,
 * on the verifier's clock. Built with {@link #builder()}; immutable and thread-safe.
 */
public final class Verifier {
  /** The default limit of a {@code web} metric's response body: 8 MiB. */
  public static final long DEFAULT_WEB_METRIC_MAX_BODY_BYTES = 8L << 20;

  private final MetricProviderRegistry providers;
  private final ExprEngine expressions;
  private final BoundedHttpClient web;
  private final Clock clock;
  private final Map<Capability<?>, Object> capabilities;

  private Verifier(Builder b) {
    this.providers = b.providers;
    this.expressions = b.expressions;
    this.web = BoundedHttpClient.of(b.httpClient).withMaxBodyBytes(b.webMetricMaxBodyBytes);
    this.clock = b.clock;
    this.capabilities = Map.copyOf(b.capabilities);
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The clock measurements are timed with. */
  public Clock clock() {
    return clock;
  }

  /**
   * Starts an AnalysisRun of {@code templates} (flattened in order, as Kargo combines a Stage's
   * templates) with {@code args} (the Stage's already rendered {@code verification.args},
   * merged over the templates' own defaults). Nothing is measured until the first
   * {@link AnalysisRun#reconcile()}.
   *
   * <p>Mistakes in the templates or arguments (duplicate metric names, an argument without a
   * value, an unresolved placeholder, limits Argo Rollouts rejects, an unknown provider) do not
   * throw: the run is returned already finished in phase Error with a message saying what
   * was wrong, as Argo Rollouts reports them.
   *
   * @param project the Project (for providers and logs)
   * @param stage the Stage being verified
   * @param name the run's name (e.g. {@code <stage>.<ulid>.<collection id>})
   */
  public AnalysisRun start(String project, String stage, String name, List<AnalysisTemplate> templates,
      List<AnalysisRunArgument> args) {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(templates, "templates");
    Objects.requireNonNull(args, "args");
    AnalysisEvaluation evaluation = AnalysisEvaluation.create(project, stage, templates, args, providers,
        expressions, web, clock, capabilities);
    return new AnalysisRun(name, evaluation);
  }

  /** Builds a {@link Verifier}; not thread-safe. */
  public static final class Builder {
    private MetricProviderRegistry providers = MetricProviderRegistry.empty();
    private ExprEngine expressions = ExprEngine.standard();
    private HttpClient httpClient;
    private long webMetricMaxBodyBytes = DEFAULT_WEB_METRIC_MAX_BODY_BYTES;
    private Clock clock = Clock.systemUTC();
    private final Map<Capability<?>, Object> capabilities = new HashMap<>();

    private Builder() {}

    /** Metric providers besides {@code web}; none by default. */
    public Builder metricProviders(MetricProviderRegistry providers) {
      this.providers = Objects.requireNonNull(providers, "providers");
      return this;
    }

    /** The expression engine for conditions; {@link ExprEngine#standard()} by default. */
    public Builder expressions(ExprEngine expressions) {
      this.expressions = Objects.requireNonNull(expressions, "expressions");
      return this;
    }

    /**
     * The HTTP client of the {@code web} provider; a new one by default. Its per-metric
     * {@code timeoutSeconds} bounds each whole exchange, body included; redirects are followed
     * by a {@link BoundedHttpClient} (hop by hop checks, headers not sent to other hosts,
     * link-local hosts refused), whatever the client's own redirect policy.
     */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * The largest response body a {@code web} metric reads (default
     * {@link #DEFAULT_WEB_METRIC_MAX_BODY_BYTES}); reading stops there and the measurement is an
     * Error.
     */
    public Builder webMetricMaxBodyBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("webMetricMaxBodyBytes must be positive, got " + bytes);
      }
      this.webMetricMaxBodyBytes = bytes;
      return this;
    }

    /** The clock for measurement times, intervals and delays; UTC system time by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Supplies a capability to the metric providers that declare it. */
    public <T> Builder capability(Capability<T> capability, T value) {
      capabilities.put(capability, capability.cast(Objects.requireNonNull(value, "value")));
      return this;
    }

    /** The verifier. */
    public Verifier build() {
      if (httpClient == null) {
        // redirects are BoundedHttpClient's to follow, hop by hop, with its checks
        httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
      }
      capabilities.putIfAbsent(Capability.HTTP_CLIENT, httpClient);
      return new Verifier(this);
    }
  }
}
