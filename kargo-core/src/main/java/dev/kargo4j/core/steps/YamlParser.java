package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.steps.internal.DocumentValues;

/**
 * The {@code yaml-parse} step: reads a YAML file (its first document) and outputs the values of
 * raw expressions evaluated against it, as Kargo does (YAML 1.2 typing, as Go's yaml.v3).
 * Output: one entry per configured output name.
 *
 * <p>Config: {@link DocumentParserConfig}. Stateless and thread-safe.
 */
public final class YamlParser implements StepRunner {
  /** The step kind, {@code yaml-parse}. */
  public static final String KIND = "yaml-parse";

  private final DocumentLimits limits;

  /** A runner with {@link DocumentLimits#DEFAULTS}. */
  public YamlParser() {
    this(DocumentLimits.DEFAULTS);
  }

  /** A runner that reads documents within {@code limits}. */
  public YamlParser(DocumentLimits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    DocumentParserConfig cfg = context.config(DocumentParserConfig.class);
    String text = StepFiles.read(context.workDir().resolve(cfg.path(), "path"), cfg.path(), "YAML file", limits.maxDocumentBytes());
    if (text.isEmpty()) {
      throw new KargoException("could not parse empty YAML file \"" + cfg.path() + "\"");
    }
    Object doc;
    try {
      doc = DocumentValues.parseYaml(text, limits.reader());
    } catch (IllegalArgumentException e) {
      throw new KargoException("could not parse YAML file \"" + cfg.path() + "\": " + e.getMessage());
    }
    return StepResult.succeeded(DocumentOutputs.extract(cfg.outputs(), doc, "YAML document"));
  }
}
