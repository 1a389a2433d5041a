package dev.kargo4j.steps.kustomize;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.util.List;
import java.util.Set;

/**
 * The configuration of a {@code kustomize-build} step (Kargo's
 * {@code kustomize-build-config.json}). Immutable.
 *
 * @param path the directory holding the Kustomization, relative to the work directory;
 *     required
 * @param outPath where the manifests go, relative to the work directory; required. A path
 *     ending in {@code .yaml} or {@code .yml} is one multi-document file; anything else is a
 *     directory with one file per resource
 * @param outputFormat how the files of a directory are named: {@code kargo} (the default,
 *     {@code [namespace-]kind-name.yaml}) or {@code kustomize} (as {@code kustomize build -o
 *     dir/} names them, {@code [namespace_]group_version_kind_name.yaml}); may be null
 * @param plugin options of kustomize's built-in plugins; may be null
 */
public record KustomizeBuilderConfig(String path, String outPath, String outputFormat, Plugin plugin) {

  /** The value of {@code outputFormat} for Kargo's file names (the default). */
  public static final String KARGO = "kargo";

  /** The value of {@code outputFormat} for kustomize's file names. */
  public static final String KUSTOMIZE = "kustomize";

  public KustomizeBuilderConfig {
    ConfigRules.required(path, "path");
    ConfigRules.required(outPath, "outPath");
    ConfigRules.oneOf(outputFormat, Set.of(KARGO, KUSTOMIZE), "outputFormat");
  }

  /** {@code outputFormat}, or {@link #KARGO} when it is not set. */
  public String effectiveOutputFormat() {
    return outputFormat == null ? KARGO : outputFormat;
  }

  /** Whether {@code outPath} names one file (it ends in {@code .yaml} or {@code .yml}). */
  public boolean writesSingleFile() {
    String name = outPath.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1);
    return name.endsWith(".yaml") || name.endsWith(".yml");
  }

  /**
   * Options of kustomize's built-in plugins.
   *
   * @param helm options of the Helm chart inflation generator; may be null
   */
  public record Plugin(Helm helm) {}

  /**
   * Options of the Helm chart inflation generator, passed to the tool as
   * {@code --helm-api-versions} and {@code --helm-kube-version}.
   *
   * @param apiVersions API versions Helm reports in {@code Capabilities.APIVersions}; never
   *     null, entries non-empty
   * @param kubeVersion the Kubernetes version Helm reports in
   *     {@code Capabilities.KubeVersion}; may be null
   */
  public record Helm(List<String> apiVersions, String kubeVersion) {
    public Helm {
      if (apiVersions == null) {
        apiVersions = List.of();
      }
      for (int i = 0; i < apiVersions.size(); i++) {
        if (apiVersions.get(i) == null || apiVersions.get(i).isEmpty()) {
          throw new InvalidConfigException("apiVersions[" + i + "]: must be a non-empty string");
        }
      }
      apiVersions = List.copyOf(apiVersions);
    }
  }
}
