package dev.kargo4j.steps.kustomize.internal;

import dev.kargo4j.core.spi.PathEscapeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Keeps a kustomize build inside the promotion's work directory. Kargo runs kustomize
 * in-process on a file system rooted at the work directory; an external tool sees the whole
 * machine, so before a build every local path a Kustomization names (resources, bases,
 * components, patches, generator files, Helm values and chart homes, ...) is checked, following
 * bases and components recursively: it must stay inside the work directory, also through
 * symbolic links. Remote references (URLs, {@code github.com/...}, {@code git@...}) are left
 * to kustomize. Files that cannot be read or parsed are left to kustomize, which reports them.
 * Stateless and thread-safe.
 */
public final class KustomizationSandbox {
  private static final List<String> PATH_LISTS = List.of("resources", "bases", "components", "crds",
      "configurations", "patchesStrategicMerge", "generators", "transformers", "validators");

  private KustomizationSandbox() {}

  /**
   * Checks the Kustomization in {@code dir} and everything it includes.
   *
   * @throws PathEscapeException naming the Kustomization file, the field and the path
   */
  public static void check(Path root, Path dir) {
    new Visit(root).directory(dir);
  }

  private static final class Visit {
    private final Path root;
    private final Set<Path> seen = new HashSet<>();

    Visit(Path root) {
      this.root = root;
    }

    void directory(Path dir) {
      if (!seen.add(dir)) {
        return;
      }
      Path file = null;
      for (String name : KustomizationFiles.NAMES) {
        if (Files.isRegularFile(dir.resolve(name))) {
          file = dir.resolve(name);
          break;
        }
      }
      if (file == null) {
        return;
      }
      try {
        if (!file.toRealPath().startsWith(root)) {
          throw new PathEscapeException("Kustomization " + root.relativize(file) + " is a symbolic link that"
              + " leads out of the promotion's work directory; kustomize-build reads only files inside it");
        }
      } catch (IOException e) {
        return; // kustomize reports it
      }
      Object loaded;
      try {
        LoaderOptions options = new LoaderOptions();
        loaded = new Yaml(options).load(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException | YAMLException e) {
        return; // kustomize reports it
      }
      if (!(loaded instanceof Map<?, ?> kustomization)) {
        return;
      }
      String shown = root.relativize(file).toString();
      for (String field : PATH_LISTS) {
        List<Object> values = list(kustomization.get(field));
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i) instanceof String ref && !ref.contains("\n")) {
            reference(dir, ref, shown, field + "[" + i + "]", true);
          }
        }
      }
      for (String field : List.of("patches", "patchesJson6902", "replacements")) {
        List<Object> values = list(kustomization.get(field));
        for (int i = 0; i < values.size(); i++) {
          if (values.get(i) instanceof Map<?, ?> entry && entry.get("path") instanceof String ref) {
            reference(dir, ref, shown, field + "[" + i + "].path", false);
          }
        }
      }
      if (kustomization.get("openapi") instanceof Map<?, ?> openapi && openapi.get("path") instanceof String ref) {
        reference(dir, ref, shown, "openapi.path", false);
      }
      for (String field : List.of("configMapGenerator", "secretGenerator")) {
        List<Object> generators = list(kustomization.get(field));
        for (int i = 0; i < generators.size(); i++) {
          if (!(generators.get(i) instanceof Map<?, ?> generator)) {
            continue;
          }
          List<Object> files = list(generator.get("files"));
          for (int j = 0; j < files.size(); j++) {
            if (files.get(j) instanceof String f) {
              int eq = f.indexOf('=');
              reference(dir, eq < 0 ? f : f.substring(eq + 1), shown, field + "[" + i + "].files[" + j + "]", false);
            }
          }
          List<Object> envs = new ArrayList<>(list(generator.get("envs")));
          if (generator.get("env") instanceof String env) {
            envs.add(env);
          }
          for (int j = 0; j < envs.size(); j++) {
            if (envs.get(j) instanceof String env) {
              reference(dir, env, shown, field + "[" + i + "].envs", false);
            }
          }
        }
      }
      if (kustomization.get("helmGlobals") instanceof Map<?, ?> globals) {
        for (String key : List.of("chartHome", "configHome")) {
          if (globals.get(key) instanceof String ref) {
            reference(dir, ref, shown, "helmGlobals." + key, false);
          }
        }
      }
      List<Object> charts = list(kustomization.get("helmCharts"));
      for (int i = 0; i < charts.size(); i++) {
        if (!(charts.get(i) instanceof Map<?, ?> chart)) {
          continue;
        }
        if (chart.get("valuesFile") instanceof String ref) {
          reference(dir, ref, shown, "helmCharts[" + i + "].valuesFile", false);
        }
        List<Object> more = list(chart.get("additionalValuesFiles"));
        for (int j = 0; j < more.size(); j++) {
          if (more.get(j) instanceof String ref) {
            reference(dir, ref, shown, "helmCharts[" + i + "].additionalValuesFiles[" + j + "]", false);
          }
        }
      }
    }

    private void reference(Path dir, String ref, String shown, String field, boolean mayBeKustomization) {
      if (ref.isBlank()) {
        return;
      }
      Path local;
      try {
        local = dir.resolve(ref).normalize();
      } catch (InvalidPathException e) {
        return; // not a local path; kustomize reports it
      }
      if (Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
        Path real;
        try {
          real = local.toRealPath();
        } catch (IOException e) {
          throw escape(shown, field, ref, "goes through a broken symbolic link");
        }
        if (!real.startsWith(root)) {
          throw escape(shown, field, ref, "leads out of the promotion's work directory"
              + (local.startsWith(root) ? " through a symbolic link" : ""));
        }
        if (mayBeKustomization && Files.isDirectory(real)) {
          directory(real);
        }
        return;
      }
      if (isRemote(ref)) {
        return;
      }
      if (!local.startsWith(root)) {
        throw escape(shown, field, ref, "leaves the promotion's work directory");
      }
    }

    private static PathEscapeException escape(String shown, String field, String ref, String why) {
      return new PathEscapeException("Kustomization " + shown + ": " + field + " '" + ref + "' " + why
          + "; kustomize-build reads only files inside the work directory (and remote bases)");
    }
  }

  private static boolean isRemote(String ref) {
    return ref.contains("://") || ref.startsWith("git@") || ref.startsWith("github.com/")
        || ref.startsWith("gitlab.com/") || ref.startsWith("bitbucket.org/") || ref.contains("?ref=")
        || ref.contains(".git//") || ref.contains("?version=");
  }

  private static List<Object> list(Object value) {
    if (value instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    if (value instanceof String s) {
      return List.of(s);
    }
    return List.of();
  }
}
