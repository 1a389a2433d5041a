package dev.kargo4j.core.model;

import dev.kargo4j.core.model.internal.WireNames;

/** The kind of an AnalysisTemplate referenced by a Stage's verification; the default is {@code AnalysisTemplate}. */
public enum AnalysisTemplateKind {
  /** {@code AnalysisTemplate} */
  ANALYSIS_TEMPLATE("AnalysisTemplate"),
  /** {@code ClusterAnalysisTemplate} */
  CLUSTER_ANALYSIS_TEMPLATE("ClusterAnalysisTemplate");

  private final String wireName;

  AnalysisTemplateKind(String wireName) {
    this.wireName = wireName;
  }

  /** The name Kargo uses in YAML. */
  public String wireName() {
    return wireName;
  }

  /**
   * The constant for a Kargo wire name.
   *
   * @throws InvalidModelException naming the allowed values when unknown
   */
  public static AnalysisTemplateKind fromWireName(String text) {
    return WireNames.parse(AnalysisTemplateKind.class, text, AnalysisTemplateKind::wireName);
  }
}
