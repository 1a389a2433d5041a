package dev.kargo4j.samples.cli.internal;

import dev.kargo4j.core.model.Stage;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stage colours from Kargo's {@code kargo.akuity.io/color} annotation: one of the UI's named
 * colours (red, orange, amber, yellow, lime, green, teal, cyan, sky, blue, violet, purple,
 * fuchsia, pink, rose, gray) or a hex code such as {@code #ff8800}. Anything else, or no
 * annotation, is a neutral grey. Stateless.
 */
public final class StageColors {
  /** The annotation. */
  public static final String ANNOTATION = "kargo.akuity.io/color";
  /** The colour of a Stage without (a valid) annotation. */
  public static final String DEFAULT = "#94a3b8";

  private static final Map<String, String> NAMED = Map.ofEntries(
      Map.entry("red", "#ef4444"), Map.entry("orange", "#f97316"), Map.entry("amber", "#f59e0b"),
      Map.entry("yellow", "#eab308"), Map.entry("lime", "#84cc16"), Map.entry("green", "#22c55e"),
      Map.entry("teal", "#14b8a6"), Map.entry("cyan", "#06b6d4"), Map.entry("sky", "#0ea5e9"),
      Map.entry("blue", "#3b82f6"), Map.entry("violet", "#8b5cf6"), Map.entry("purple", "#a855f7"),
      Map.entry("fuchsia", "#d946ef"), Map.entry("pink", "#ec4899"), Map.entry("rose", "#f43f5e"),
      Map.entry("gray", "#6b7280"));
  private static final Pattern HEX = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

  private StageColors() {}

  /** The Stage's colour as {@code #rrggbb} (or {@code #rgb} when given so). */
  public static String of(Stage stage) {
    String v = stage.metadata().annotations().get(ANNOTATION);
    if (v == null) {
      return DEFAULT;
    }
    v = v.strip();
    if (HEX.matcher(v).matches()) {
      return v.toLowerCase(Locale.ROOT);
    }
    return NAMED.getOrDefault(v.toLowerCase(Locale.ROOT), DEFAULT);
  }
}
