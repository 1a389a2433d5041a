package dev.kargo4j.steps.kustomize;

import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.WorkDir;
import dev.kargo4j.steps.kustomize.internal.KustomizationFiles;
import dev.kargo4j.steps.kustomize.internal.KustomizationSandbox;
import dev.kargo4j.steps.kustomize.internal.KustomizeTool;
import dev.kargo4j.steps.kustomize.internal.ManifestWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs {@code kustomize-build} steps: builds the Kustomization in {@code path} with an external
 * kustomize ({@code kustomize build <dir>} or {@code kubectl kustomize <dir>}, run through
 * Apache Commons Exec with Kargo's options: no load restrictions, the Helm chart inflation
 * generator enabled, {@code plugin.helm} passed as {@code --helm-api-versions} and
 * {@code --helm-kube-version}) and writes the manifests to {@code outPath}: one multi-document
 * file when it ends in {@code .yaml}/{@code .yml}, else a directory with one file per resource
 * named as Kargo names them (see {@link KustomizeBuilderConfig}).
 *
 * <p>Where the tool comes from: {@link Builder#binary} if set, else the
 * {@value KustomizeTool#ENV} environment variable, else {@code kustomize}, then
 * {@code kubectl}, on the {@code PATH}; it is looked up at each run, so a runner built before
 * the tool was installed works once it is. Without a tool the step throws a
 * {@link KustomizeUnavailableException} that says how to get one.
 *
 * <p>Differences from Kargo, which runs kustomize in-process: before the tool runs, the
 * Kustomization tree is read as kustomize will read it, and every local path it names (in every
 * path-carrying field, in the plugin configs under {@code generators}/{@code transformers}/
 * {@code validators}, in Helm chart homes) is checked to stay inside the work directory, also
 * through symbolic links (a {@link dev.kargo4j.core.spi.PathEscapeException} otherwise); a tree
 * that cannot be checked (not UTF-8, custom YAML tags, duplicate keys, beyond
 * {@link KustomizationLimits}, a plugin kind that is not one of kustomize's built-in plugins, a
 * {@code file:} URL) is refused with a {@link KustomizeException}; the build has a timeout; each
 * per-resource file holds the resource as the tool printed it (Kargo re-encodes it with sorted
 * keys; the content is the same YAML); two resources that would get one file name are an
 * error rather than one overwriting the other.
 *
 * <p>A failed or timed-out build is a {@link KustomizeBuildException} carrying the tool's
 * message (the step is Errored, as in Kargo). Immutable and thread-safe: builds are separate
 * processes, so any number may run at once.
 */
public final class KustomizeBuilder implements StepRunner {

  /** The step kind, {@value}. */
  public static final String KIND = "kustomize-build";

  /** The build timeout when the host sets none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  private final Path binary;
  private final Path helmBinary;
  private final Duration timeout;
  private final Map<String, String> environment;
  private final KustomizationLimits limits;

  /**
   * A runner with the defaults: the tool from {@value KustomizeTool#ENV} or the {@code PATH},
   * {@code helm} from the {@code PATH}, a timeout of {@link #DEFAULT_TIMEOUT}. Used by
   * {@link java.util.ServiceLoader}.
   */
  public KustomizeBuilder() {
    this(builder());
  }

  private KustomizeBuilder(Builder builder) {
    this.binary = builder.binary;
    this.helmBinary = builder.helmBinary;
    this.timeout = builder.timeout;
    this.environment = builder.environment;
    this.limits = builder.limits;
  }

  /** A builder for a runner with host-chosen settings. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    KustomizeBuilderConfig config = context.config(KustomizeBuilderConfig.class);
    WorkDir workDir = context.workDir();
    Path dir = workDir.resolve(config.path(), "path");
    // resolve outPath before building: an escaping outPath fails without running the tool
    workDir.resolve(config.outPath(), "outPath");
    KustomizationFiles.requireAny(dir, config.path());
    KustomizeBuilderConfig.Helm helm = config.plugin() == null ? null : config.plugin().helm();
    KustomizeTool.Options options = new KustomizeTool.Options(helmBinary,
        helm == null ? List.of() : helm.apiVersions(), helm == null ? null : helm.kubeVersion());
    try {
      KustomizationSandbox.check(workDir.root(), dir, limits);
    } catch (KustomizationSandbox.SyntaxException e) {
      // kustomize's own message for broken YAML, as Kargo reports it: a confined run (root-only,
      // no Helm) reads nothing outside the folder; its output is never used
      try {
        tool().build(workDir.root(), dir, config.path(), options.confine(), timeout, context::isCancelled);
      } catch (KustomizeUnavailableException unavailable) {
        e.addSuppressed(unavailable);
      }
      throw e;
    }
    KustomizeTool tool = tool();
    context.logger().debug("building {} with {}", config.path(), tool.describe());
    String manifests = tool.build(workDir.root(), dir, config.path(), options, timeout, context::isCancelled);
    ManifestWriter.write(manifests, config, workDir);
    return StepResult.succeeded(Map.of());
  }

  private KustomizeTool tool() {
    return KustomizeTool.locate(binary, environment == null ? System.getenv() : environment);
  }

  @Override
  public String toString() {
    return "KustomizeBuilder[binary=" + (binary == null ? "(from " + KustomizeTool.ENV + " or PATH)" : binary)
        + ", timeout=" + timeout + "]";
  }

  /**
   * Settings of a {@link KustomizeBuilder}. Not thread-safe; {@link #build()} returns an
   * immutable runner.
   */
  public static final class Builder {
    private Path binary;
    private Path helmBinary;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Map<String, String> environment;
    private KustomizationLimits limits = KustomizationLimits.DEFAULTS;

    private Builder() {}

    /**
     * Bounds on what the check of a Kustomization tree before each build reads (file sizes,
     * documents, aliases, nesting, number of Kustomizations, folders searched for symbolic
     * links) and whether remote bases are allowed. Default {@link KustomizationLimits#DEFAULTS}.
     */
    public Builder sandboxLimits(KustomizationLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * The kustomize executable to run; a file whose name starts with {@code kubectl} is called
     * as {@code kubectl kustomize}, any other as {@code kustomize build}. Default: the
     * {@value KustomizeTool#ENV} environment variable, else {@code kustomize} or
     * {@code kubectl} from the {@code PATH}.
     */
    public Builder binary(Path binary) {
      this.binary = Objects.requireNonNull(binary, "binary");
      return this;
    }

    /** The helm executable for Kustomizations with {@code helmCharts}; default {@code helm} on the PATH. */
    public Builder helmBinary(Path helmBinary) {
      this.helmBinary = Objects.requireNonNull(helmBinary, "helmBinary");
      return this;
    }

    /** How long one build may take before it is stopped; positive. Default five minutes. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The environment the tool is looked up in (PATH, KARGO4J_KUSTOMIZE); for tests. */
    Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** The runner. */
    public KustomizeBuilder build() {
      return new KustomizeBuilder(this);
    }
  }
}
