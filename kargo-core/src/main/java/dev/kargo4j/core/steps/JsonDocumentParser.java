package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.steps.internal.DocumentValues;

/**
 * The {@code json-parse} step: reads a JSON file and outputs the values of raw expressions
 * evaluated against it, as Kargo does (every JSON number is a float64). Output: one entry per
 * configured output name.
 *
 * <p>Named to avoid Jackson's {@code JsonParser}. Config: {@link DocumentParserConfig}.
 * Stateless and thread-safe.
 */
public final class JsonDocumentParser implements StepRunner {
  /** The step kind, {@code json-parse}. */
  public static final String KIND = "json-parse";

  private final DocumentLimits limits;

  /** A runner with {@link DocumentLimits#DEFAULTS}. */
  public JsonDocumentParser() {
    this(DocumentLimits.DEFAULTS);
  }

  /** A runner that reads documents within {@code limits}. */
  public JsonDocumentParser(DocumentLimits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    DocumentParserConfig cfg = context.config(DocumentParserConfig.class);
    String text = StepFiles.read(context.workDir().resolve(cfg.path(), "path"), cfg.path(), "JSON file", limits.maxDocumentBytes());
    Object doc;
    try {
      doc = DocumentValues.parseJson(text, limits.reader());
    } catch (IllegalArgumentException e) {
      throw new KargoException("could not parse JSON file \"" + cfg.path() + "\": " + e.getMessage());
    }
    return StepResult.succeeded(DocumentOutputs.extract(cfg.outputs(), doc, "JSON document"));
  }
}
