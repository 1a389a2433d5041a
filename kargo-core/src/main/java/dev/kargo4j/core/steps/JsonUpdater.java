package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.steps.internal.ConfigChecks;
import dev.kargo4j.core.steps.internal.JsonEditor;
import dev.kargo4j.expr.go.GoFmt;
import dev.kargo4j.expr.go.GoStrconv;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code json-update} step: sets scalar values in a JSON file in place with sjson's rules,
 * as Kargo does: replaced values keep their place and the rest of the text is untouched; new
 * keys are appended compactly. Output: {@code commitMessage}
 * ({@code "Updated <path>\n\n- <key>: \"<string>\""...}).
 *
 * <p>Config: {@link JsonUpdaterConfig}. Stateless and thread-safe.
 */
public final class JsonUpdater implements StepRunner {
  /** The step kind, {@code json-update}. */
  public static final String KIND = "json-update";

  private final DocumentLimits limits;

  /** A runner with {@link DocumentLimits#DEFAULTS}. */
  public JsonUpdater() {
    this(DocumentLimits.DEFAULTS);
  }

  /** A runner that reads documents within {@code limits}. */
  public JsonUpdater(DocumentLimits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    JsonUpdaterConfig cfg = context.config(JsonUpdaterConfig.class);
    ConfigChecks.requireKeyInEach(context.config(), "updates", "value", "steps[" + context.alias() + "].config");
    Path file = context.workDir().resolve(cfg.path(), "path");
    String text = StepFiles.read(file, cfg.path(), "JSON file", limits.maxDocumentBytes());
    String updated;
    try {
      updated = apply(text, cfg.updates(), limits);
    } catch (IllegalArgumentException e) {
      throw new KargoException("JSON file update failed: \"" + cfg.path() + "\": " + e.getMessage());
    }
    StepFiles.write(file, updated, cfg.path(), "JSON file");
    return StepResult.succeeded(Map.of("commitMessage", commitMessage(cfg.path(), cfg.updates())));
  }

  /** Applies {@code updates} in order; IllegalArgumentException with Kargo's wording. */
  static String apply(String text, List<JsonUpdaterConfig.Update> updates) {
    return apply(text, updates, DocumentLimits.DEFAULTS);
  }

  /** As {@link #apply(String, List)}, reading the document within {@code limits}. */
  static String apply(String text, List<JsonUpdaterConfig.Update> updates, DocumentLimits limits) {
    String out = text;
    for (JsonUpdaterConfig.Update u : updates) {
      Object v = u.value();
      if (!(v instanceof String || v instanceof Boolean || v instanceof Number)) {
        throw new IllegalArgumentException("value for key \"" + u.key() + "\" is not a scalar type");
      }
      try {
        out = JsonEditor.set(out, u.key(), v, limits.maxNestingDepth());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("error setting key \"" + u.key() + "\" in JSON file: "
            + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Kargo's commit message: strings Go-quoted, other values as Go prints them; empty without updates. */
  static String commitMessage(String path, List<JsonUpdaterConfig.Update> updates) {
    if (updates.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("Updated ").append(path).append('\n');
    for (JsonUpdaterConfig.Update u : updates) {
      sb.append("\n- ").append(u.key()).append(": ").append(u.value() instanceof String s
          ? GoStrconv.quote(s) : GoFmt.formatV(u.value()));
    }
    return sb.toString();
  }
}
