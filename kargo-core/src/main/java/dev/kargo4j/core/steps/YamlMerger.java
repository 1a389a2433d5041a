package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.steps.internal.YamlOverlay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code yaml-merge} step: merges YAML files, later over earlier, into one file, as Kargo
 * does: maps merge key by key, lists and scalars are replaced, a {@code null} removes a key
 * (see {@link YamlOverlay}); empty files are tolerated. Output: {@code commitMessage}
 * ({@code "Wrote a.yaml to out.yaml"} for one input, {@code "Merged N YAML files to out.yaml"}
 * and a list for several), absent when every input was missing and ignored.
 *
 * <p>Config: {@link YamlMergerConfig}. Stateless and thread-safe.
 */
public final class YamlMerger implements StepRunner {
  /** The step kind, {@code yaml-merge}. */
  public static final String KIND = "yaml-merge";

  private final DocumentLimits limits;

  /** A runner with {@link DocumentLimits#DEFAULTS}. */
  public YamlMerger() {
    this(DocumentLimits.DEFAULTS);
  }

  /** A runner that reads documents within {@code limits}. */
  public YamlMerger(DocumentLimits limits) {
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    YamlMergerConfig cfg = context.config(YamlMergerConfig.class);
    List<String> used = new ArrayList<>();
    YamlOverlay overlay = new YamlOverlay(limits.reader());
    for (int i = 0; i < cfg.inFiles().size(); i++) {
      String rel = cfg.inFiles().get(i);
      Path in = context.workDir().resolve(rel, "inFiles[" + i + "]");
      if (!Files.exists(in)) {
        if (cfg.ignoreMissingFiles()) {
          continue;
        }
        throw new KargoException("input file \"" + rel + "\" not found");
      }
      String text = StepFiles.read(in, rel, "input file", limits.maxDocumentBytes());
      try {
        overlay.add(text);
      } catch (IllegalArgumentException e) {
        throw new KargoException("error merging YAML files: error reading input file \"" + rel
            + "\": " + e.getMessage());
      }
      used.add(rel);
    }
    Path out = context.workDir().resolve(cfg.outFile(), "outFile");
    try {
      Files.createDirectories(out.getParent());
    } catch (IOException e) {
      throw new KargoException("error writing merged YAML to \"" + cfg.outFile() + "\": "
          + FileCopier.describe(e, context.workDir().root()));
    }
    StepFiles.write(out, overlay.text(), cfg.outFile(), "merged YAML");
    String msg = commitMessage(used, cfg.outFile());
    return StepResult.succeeded(msg.isEmpty() ? Map.of() : Map.of("commitMessage", msg));
  }

  /** Kargo's message; empty when no input was used. */
  static String commitMessage(List<String> inPaths, String outPath) {
    if (inPaths.isEmpty()) {
      return "";
    }
    if (inPaths.size() == 1) {
      return "Wrote " + inPaths.get(0) + " to " + outPath;
    }
    StringBuilder sb = new StringBuilder("Merged ").append(inPaths.size()).append(" YAML files to ")
        .append(outPath);
    for (String p : inPaths) {
      sb.append("\n- ").append(p);
    }
    return sb.toString();
  }
}
