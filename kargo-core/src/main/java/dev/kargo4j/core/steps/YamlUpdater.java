package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.steps.internal.ConfigChecks;
import dev.kargo4j.core.steps.internal.ScalarQuoting;
import dev.kargo4j.core.steps.internal.YamlEditor;
import dev.kargo4j.expr.go.GoFmt;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code yaml-update} step: sets values in a YAML file in place, as Kargo does. Only the
 * updated values change; comments and formatting elsewhere stay byte for byte (on the updated
 * line, a trailing comment goes, as in Kargo). Output: {@code commitMessage}
 * ({@code "Updated <path>\n\n- <key>: <value>"...}).
 *
 * <p>Config: {@link YamlUpdaterConfig}. A key that is missing or that addresses a map or a list
 * is an error. Stateless and thread-safe.
 */
public final class YamlUpdater implements StepRunner {
  /** The step kind, {@code yaml-update}. */
  public static final String KIND = "yaml-update";

  private final DocumentLimits limits;

  /** A runner with {@link DocumentLimits#DEFAULTS}. */
  public YamlUpdater() {
    this(DocumentLimits.DEFAULTS);
  }

  /** A runner that reads documents within {@code limits}. */
  public YamlUpdater(DocumentLimits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    YamlUpdaterConfig cfg = context.config(YamlUpdaterConfig.class);
    ConfigChecks.requireKeyInEach(context.config(), "updates", "value", "steps[" + context.alias() + "].config");
    Path file = context.workDir().resolve(cfg.path(), "path");
    String text = StepFiles.read(file, cfg.path(), "YAML file", limits.maxDocumentBytes());
    String updated;
    try {
      updated = apply(text, cfg.updates(), limits);
    } catch (IllegalArgumentException e) {
      throw new KargoException("values file update failed: error updating \"" + cfg.path() + "\": "
          + e.getMessage());
    }
    StepFiles.write(file, updated, cfg.path(), "YAML file");
    return StepResult.succeeded(Map.of("commitMessage", commitMessage(cfg.path(), cfg.updates())));
  }

  /** Applies {@code updates} to YAML {@code text}; IllegalArgumentException with Kargo's wording. */
  static String apply(String text, List<YamlUpdaterConfig.Update> updates) {
    return apply(text, updates, DocumentLimits.DEFAULTS);
  }

  /** As {@link #apply(String, List)}, reading the document within {@code limits}. */
  static String apply(String text, List<YamlUpdaterConfig.Update> updates, DocumentLimits limits) {
    YamlEditor editor = YamlEditor.parse(text, limits.reader());
    for (YamlUpdaterConfig.Update u : updates) {
      editor.setScalar(u.key(), u.value());
    }
    return editor.text();
  }

  /** Kargo's commit message: empty without updates. */
  static String commitMessage(String path, List<YamlUpdaterConfig.Update> updates) {
    if (updates.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("Updated ").append(path).append('\n');
    for (YamlUpdaterConfig.Update u : updates) {
      sb.append("\n- ").append(u.key()).append(": ")
          .append(GoFmt.formatV(ScalarQuoting.quoteIfNecessary(u.value())));
    }
    return sb.toString();
  }
}
