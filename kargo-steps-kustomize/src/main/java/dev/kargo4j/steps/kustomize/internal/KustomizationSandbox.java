package dev.kargo4j.steps.kustomize.internal;

import dev.kargo4j.core.spi.PathEscapeException;
import dev.kargo4j.steps.kustomize.KustomizationLimits;
import dev.kargo4j.steps.kustomize.KustomizeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.composer.ComposerException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserException;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.scanner.ScannerException;

/**
 * Keeps a kustomize build inside the promotion's work directory. Kargo runs kustomize
 * in-process; kargo4j runs an external tool with {@code --load-restrictor=LoadRestrictionsNone}
 * (Kargo's setting, which lets overlays use {@code ../base}), which sees the whole machine. So
 * before a build this class reads the Kustomization tree the way kustomize will and refuses it
 * unless every local path it names stays inside the work directory, also through symbolic
 * links:
 *
 * <ul>
 *   <li>every path-carrying field of kustomize's {@code types.Kustomization} (resources,
 *       components, bases, crds, configurations, openapi.path, patches[].path,
 *       patchesStrategicMerge, patchesJson6902[].path, replacements[].path,
 *       configMapGenerator/secretGenerator files, envs and env, helmGlobals, helmCharts and the
 *       legacy helmChartInflationGenerator), with field names matched case-insensitively as
 *       Go's {@code encoding/json} (which kustomize decodes through) matches them; a field
 *       kustomize does not know is refused (kustomize refuses it too);
 *   <li>the plugin configs under {@code generators}/{@code transformers}/{@code validators}:
 *       files, inline YAML documents and directories of them; only kustomize's built-in plugin
 *       kinds are allowed (anything else would be an exec or container plugin), and their path
 *       fields are checked as above;
 *   <li>symbolic links anywhere under a referenced folder or Helm chart home (helm reads every
 *       file of a chart, following links) must not lead out of the work directory;
 *   <li>{@code file:} URLs are refused; git and http remote bases are left to kustomize, which
 *       confines a cloned repository to itself, unless the host turns them off.
 * </ul>
 *
 * <p>The check fails closed: a file it cannot read, decode as UTF-8 or parse (custom tags,
 * duplicate keys, too many aliases, too large) is refused with a message naming the file and
 * why, never passed on to kustomize. What it reads is bounded by {@link KustomizationLimits}.
 * Stateless and thread-safe.
 */
public final class KustomizationSandbox {
  /** Longer paths cannot be opened on Linux (PATH_MAX); a longer "path" is refused. */
  static final int MAX_PATH_LENGTH = 4096;

  private static final Set<String> FIELDS = folded("apiVersion", "kind", "metadata", "openapi", "namePrefix",
      "nameSuffix", "namespace", "commonLabels", "labels", "commonAnnotations", "patchesStrategicMerge",
      "patchesJson6902", "patches", "images", "imageTags", "replacements", "replicas", "vars", "sortOptions",
      "resources", "components", "crds", "bases", "configMapGenerator", "secretGenerator", "helmGlobals",
      "helmCharts", "helmChartInflationGenerator", "generatorOptions", "configurations", "generators",
      "transformers", "validators", "inventory", "buildMetadata");

  // a Kustomization whose output kustomize uses as plugin configs may only list them: anything
  // that generates or rewrites resources could produce a config this class never saw
  private static final Set<String> PLUGIN_DIRECTORY_FIELDS = folded("apiVersion", "kind", "metadata",
      "resources", "namespace", "namePrefix", "nameSuffix", "commonLabels", "labels", "commonAnnotations",
      "buildMetadata", "sortOptions");

  /** kustomize's built-in plugin kinds (api/internal/plugins/builtinhelpers), in kustomize 4 and 5. */
  private static final Set<String> BUILTIN_KINDS = Set.of("AnnotationsTransformer", "ConfigMapGenerator",
      "IAMPolicyGenerator", "HashTransformer", "ImageTagTransformer", "InventoryTransformer",
      "LabelTransformer", "LegacyOrderTransformer", "NamespaceTransformer", "PatchJson6902Transformer",
      "PatchStrategicMergeTransformer", "PatchTransformer", "PrefixSuffixTransformer", "PrefixTransformer",
      "SuffixTransformer", "ReplicaCountTransformer", "SecretGenerator", "ValueAddTransformer",
      "HelmChartInflationGenerator", "ReplacementTransformer", "SortOrderTransformer");

  private KustomizationSandbox() {}

  /**
   * A file the sandbox refused because it is not well-formed YAML (a scanner, parser or
   * composer error), as opposed to YAML it will not accept (custom tags, duplicate keys, limits).
   * The caller may ask the tool, confined, for its own message about such a file.
   */
  public static final class SyntaxException extends KustomizeException {
    private static final long serialVersionUID = 1L;

    SyntaxException(String message) {
      super(message);
    }
  }

  /** {@link #check(Path, Path, KustomizationLimits)} with {@link KustomizationLimits#DEFAULTS}. */
  public static void check(Path root, Path dir) {
    check(root, dir, KustomizationLimits.DEFAULTS);
  }

  /**
   * Checks the Kustomization in {@code dir} and everything it includes.
   *
   * @param root the work directory
   * @param dir the directory to build, inside {@code root}
   * @throws PathEscapeException naming the Kustomization file, the field and the path, when a
   *     path leads out of the work directory
   * @throws KustomizeException naming the file and why, when something cannot be checked (not
   *     UTF-8, not plain YAML, beyond a limit, an unknown plugin kind or field)
   */
  public static void check(Path root, Path dir, KustomizationLimits limits) {
    Path realRoot;
    Path realDir;
    try {
      realRoot = root.toRealPath();
      realDir = dir.toRealPath();
    } catch (IOException e) {
      throw new KustomizeException("kustomize-build cannot read the directory to build: " + e.getMessage(), e);
    }
    if (!realDir.startsWith(realRoot)) {
      throw new PathEscapeException("the directory to build leads out of the promotion's work directory");
    }
    new Visit(realRoot, limits).kustomization(realDir, 1, null);
  }

  private enum Kind {
    /** A file kustomize reads (an http(s) URL is fetched by kustomize, which is harmless). */
    FILE,
    /** A resource, base or component: a file, a Kustomization directory or a remote base. */
    BASE,
    /** A directory kustomize or helm reads (chart home, helm config home): must be local. */
    DIR,
    /** A plugin config file or directory: must be local, it is read and checked. */
    PLUGIN
  }

  private static final class Visit {
    private final Path root;
    private final KustomizationLimits limits;
    private final Set<String> seen = new HashSet<>();
    private final Set<Path> scanned = new HashSet<>();
    private final Set<Path> scannedSkippingGit = new HashSet<>();
    private int kustomizations;
    private long bytes;
    private int entries;

    Visit(Path root, KustomizationLimits limits) {
      this.root = root;
      this.limits = limits;
    }

    /**
     * @param dir a real directory inside the root
     * @param pluginBase null for an ordinary Kustomization; for one whose resources are plugin
     *     configs, the directory their paths are relative to (the Kustomization listing it)
     */
    void kustomization(Path dir, int depth, Path pluginBase) {
      if (depth > limits.maxDepth()) {
        throw new KustomizeException("Kustomization " + shown(dir) + " is nested too deep: more than "
            + limits.maxDepth() + " Kustomizations include one another (KustomizationLimits.maxDepth)");
      }
      if (!seen.add((pluginBase == null ? "k:" : "p:" + pluginBase + ":") + dir)) {
        return;
      }
      if (++kustomizations > limits.maxKustomizations()) {
        throw new KustomizeException("the Kustomization tree has more than " + limits.maxKustomizations()
            + " Kustomizations (KustomizationLimits.maxKustomizations); stopped at " + shown(dir));
      }
      for (String name : KustomizationFiles.NAMES) {
        Path file = dir.resolve(name);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        Path real = realInside(file, shown(file), "is a symbolic link that leads out of the promotion's work directory");
        String shown = shown(file);
        for (Object doc : documents(real, shown)) {
          if (doc instanceof Map<?, ?> map) {
            fields(dir, map, shown, depth, pluginBase);
          }
        }
      }
      // after the fields, so that a named path is reported as the field that names it
      scanLinks(dir, shown(dir), true);
    }

    private void fields(Path dir, Map<?, ?> k, String shown, int depth, Path pluginBase) {
      for (Object key : k.keySet()) {
        Set<String> allowed = pluginBase == null ? FIELDS : PLUGIN_DIRECTORY_FIELDS;
        String s = key instanceof String || key instanceof byte[] ? str(key) : null;
        if (s == null || !allowed.contains(fold(s))) {
          throw new KustomizeException("Kustomization " + shown + ": field '" + cut(String.valueOf(key)) + "' "
              + (pluginBase == null ? "is not a Kustomization field kustomize knows"
                  : "is not allowed in a Kustomization listed under generators, transformers or validators:"
                      + " kargo4j checks the plugin configs it lists, so it may only list them (resources)"
                      + " and set names, labels and annotations")
              + "; kustomize-build refuses what it cannot check");
        }
      }
      if (pluginBase != null) {
        List<Object> resources = list(get(k, "resources"));
        for (int i = 0; i < resources.size(); i++) {
          pluginSource(dir, pluginBase, resources.get(i), shown, "resources[" + i + "]", depth);
        }
        return;
      }
      for (String field : List.of("resources", "bases", "components")) {
        List<Object> values = list(get(k, field));
        for (int i = 0; i < values.size(); i++) {
          reference(dir, values.get(i), shown, field + "[" + i + "]", Kind.BASE, depth);
        }
      }
      for (String field : List.of("crds", "configurations", "patchesStrategicMerge")) {
        List<Object> values = list(get(k, field));
        for (int i = 0; i < values.size(); i++) {
          String v = str(values.get(i));
          // a patchesStrategicMerge entry may be an inline patch; only a path can name a file
          if (v != null && !v.contains("\n")) {
            reference(dir, v, shown, field + "[" + i + "]", Kind.FILE, depth);
          }
        }
      }
      for (String field : List.of("patches", "patchesJson6902", "replacements")) {
        pathsOfEntries(dir, list(get(k, field)), shown, field, depth);
      }
      for (Object openapi : get(k, "openapi")) {
        if (openapi instanceof Map<?, ?> map) {
          for (Object path : get(map, "path")) {
            reference(dir, path, shown, "openapi.path", Kind.FILE, depth);
          }
        }
      }
      for (String field : List.of("configMapGenerator", "secretGenerator")) {
        List<Object> generators = list(get(k, field));
        for (int i = 0; i < generators.size(); i++) {
          if (generators.get(i) instanceof Map<?, ?> generator) {
            generatorSources(dir, generator, shown, field + "[" + i + "]", depth);
          }
        }
      }
      for (String field : List.of("generators", "transformers", "validators")) {
        List<Object> values = list(get(k, field));
        for (int i = 0; i < values.size(); i++) {
          plugin(dir, values.get(i), shown, field + "[" + i + "]", depth);
        }
      }
      List<Path> chartHomes = new ArrayList<>();
      for (Object globals : get(k, "helmGlobals")) {
        if (globals instanceof Map<?, ?> map) {
          chartHomes.addAll(homes(dir, map, shown, "helmGlobals", depth, "chartHome", "configHome"));
        }
      }
      List<Object> charts = list(get(k, "helmCharts"));
      for (int i = 0; i < charts.size(); i++) {
        if (charts.get(i) instanceof Map<?, ?> chart) {
          chart(dir, chart, shown, "helmCharts[" + i + "]", depth, "name", "valuesFile", "repo");
        }
      }
      List<Object> legacy = list(get(k, "helmChartInflationGenerator"));
      for (int i = 0; i < legacy.size(); i++) {
        if (legacy.get(i) instanceof Map<?, ?> chart) {
          String field = "helmChartInflationGenerator[" + i + "]";
          for (String forbidden : List.of("helmBin", "extraArgs")) {
            if (!get(chart, forbidden).isEmpty()) {
              throw new KustomizeException("Kustomization " + shown + ": " + field + "." + forbidden + " is not"
                  + " allowed: kargo4j runs the helm binary the host configured, with kustomize's own"
                  + " arguments; remove it");
            }
          }
          chartHomes.addAll(homes(dir, chart, shown, field, depth, "chartHome", "helmHome"));
          chart(dir, chart, shown, field, depth, "chartName", "values", "chartRepoUrl");
        }
      }
      if (!charts.isEmpty() || !legacy.isEmpty()) {
        chartHomes.add(dir.resolve("charts")); // kustomize's default chart home
      }
      for (Path home : chartHomes) {
        scanChartHome(home, shown);
      }
    }

    private void pathsOfEntries(Path dir, List<Object> entries, String shown, String field, int depth) {
      for (int i = 0; i < entries.size(); i++) {
        if (entries.get(i) instanceof Map<?, ?> entry) {
          for (Object path : get(entry, "path")) {
            reference(dir, path, shown, field + "[" + i + "].path", Kind.FILE, depth);
          }
        }
      }
    }

    /** ConfigMapArgs/SecretArgs (kustomize's KvPairSources): files ({@code [key=]path}), envs, env. */
    private void generatorSources(Path dir, Map<?, ?> generator, String shown, String field, int depth) {
      List<Object> files = list(get(generator, "files"));
      for (int j = 0; j < files.size(); j++) {
        String f = str(files.get(j));
        if (f != null) {
          int eq = f.indexOf('=');
          reference(dir, eq < 0 ? f : f.substring(eq + 1), shown, field + ".files[" + j + "]", Kind.FILE, depth);
        }
      }
      List<Object> envs = list(get(generator, "envs"));
      for (int j = 0; j < envs.size(); j++) {
        reference(dir, envs.get(j), shown, field + ".envs[" + j + "]", Kind.FILE, depth);
      }
      for (Object env : get(generator, "env")) {
        reference(dir, env, shown, field + ".env", Kind.FILE, depth);
      }
    }

    /** Checks the home directories named in {@code map} and returns the chart homes among them. */
    private List<Path> homes(Path dir, Map<?, ?> map, String shown, String field, int depth, String chartHome,
        String configHome) {
      List<Path> homes = new ArrayList<>();
      for (Object home : get(map, chartHome)) {
        Path real = reference(dir, home, shown, field + "." + chartHome, Kind.DIR, depth);
        if (real != null) {
          homes.add(real);
        } else if (str(home) != null && !str(home).isBlank()) {
          homes.add(dir.resolve(str(home)).normalize());
        }
      }
      for (Object home : get(map, configHome)) {
        reference(dir, home, shown, field + "." + configHome, Kind.DIR, depth);
      }
      return homes;
    }

    private void chart(Path dir, Map<?, ?> chart, String shown, String field, int depth, String nameField,
        String valuesField, String repoField) {
      for (Object value : get(chart, nameField)) {
        String name = str(value);
        // kustomize joins the name to the chart home (filepath.Join), so '..' climbs out of it
        if (name != null && (name.startsWith("/") || name.length() > MAX_PATH_LENGTH
            || Stream.of(name.split("[/\\\\]")).anyMatch(".."::equals))) {
          throw escape(shown, field + "." + nameField, name, "is not a chart name: a chart lives in the chart"
              + " home, and its name may not climb out of it");
        }
      }
      for (Object values : get(chart, valuesField)) {
        reference(dir, values, shown, field + "." + valuesField, Kind.FILE, depth);
      }
      List<Object> more = list(get(chart, "additionalValuesFiles"));
      for (int j = 0; j < more.size(); j++) {
        reference(dir, more.get(j), shown, field + ".additionalValuesFiles[" + j + "]", Kind.FILE, depth);
      }
      for (Object repo : get(chart, repoField)) {
        String r = str(repo);
        if (r != null && isFileUrl(r)) {
          throw escape(shown, field + "." + repoField, r, "is a file URL, which would read a chart from the host");
        }
      }
    }

    /** An entry of generators/transformers/validators: an inline config, a file or a directory of them. */
    private void plugin(Path dir, Object entry, String shown, String field, int depth) {
      String s = str(entry);
      if (s == null || s.isBlank()) {
        return;
      }
      // kustomize takes an entry that parses as resources for an inline config, else a path
      List<Object> inline = null;
      try {
        inline = parse(s, shown + " (" + field + ")");
      } catch (KustomizeException e) {
        if (s.contains("\n")) {
          throw e;
        }
      }
      if (inline != null && inline.stream().anyMatch(d -> d instanceof Map || d instanceof List)) {
        for (Object doc : inline) {
          pluginConfig(dir, doc, shown + " (" + field + ")", depth);
        }
        return;
      }
      pluginSource(dir, dir, s, shown, field, depth);
    }

    /** A plugin config file or directory named relative to {@code refDir}; its paths are relative to {@code base}. */
    private void pluginSource(Path refDir, Path base, Object entry, String shown, String field, int depth) {
      String s = str(entry);
      if (s != null && isRemote(s) && !Files.exists(safeResolve(refDir, s, shown, field), LinkOption.NOFOLLOW_LINKS)) {
        throw new KustomizeException("Kustomization " + shown + ": " + field + " '" + cut(s) + "' is a remote plugin"
            + " config, which kargo4j cannot check before kustomize runs it; copy it into the repository");
      }
      Path real = reference(refDir, entry, shown, field, Kind.PLUGIN, depth);
      if (real == null) {
        return;
      }
      if (Files.isDirectory(real)) {
        kustomization(real, depth + 1, base);
        return;
      }
      String shownFile = shown(real);
      for (Object doc : documents(real, shownFile)) {
        pluginConfig(base, doc, shownFile, depth);
      }
    }

    private void pluginConfig(Path base, Object doc, String shown, int depth) {
      if (doc instanceof List<?> items) {
        for (Object item : items) {
          pluginConfig(base, item, shown, depth);
        }
        return;
      }
      if (!(doc instanceof Map<?, ?> config)) {
        return;
      }
      List<String> kinds = new ArrayList<>();
      for (Object k : get(config, "kind")) {
        String kind = str(k);
        kinds.add(kind);
        if (kind == null || !BUILTIN_KINDS.contains(kind)) {
          if (kind != null && kind.endsWith("List") && !get(config, "items").isEmpty()) {
            for (Object items : get(config, "items")) {
              pluginConfig(base, items, shown, depth);
            }
            return;
          }
          throw new KustomizeException("plugin config in " + shown + ": kind '" + cut(String.valueOf(k)) + "' is not"
              + " one of kustomize's built-in plugins (" + String.join(", ", BUILTIN_KINDS.stream().sorted().toList())
              + "); any other kind would run an exec or container plugin, which kustomize-build does not allow");
        }
      }
      if (kinds.isEmpty()) {
        throw new KustomizeException("plugin config in " + shown + " has no kind; kustomize-build accepts only"
            + " kustomize's built-in plugins");
      }
      for (Object metadata : get(config, "metadata")) {
        if (metadata instanceof Map<?, ?> meta) {
          for (Object annotations : get(meta, "annotations")) {
            if (annotations instanceof Map<?, ?> a && a.keySet().stream()
                .anyMatch(key -> String.valueOf(key).toLowerCase(Locale.ROOT).contains("/function"))) {
              throw new KustomizeException("plugin config in " + shown + ": a KRM function annotation would run"
                  + " an exec or container function, which kustomize-build does not allow");
            }
          }
        }
      }
      // kustomize reads 'kind' by its exact name, but check every spelling's kind: a decoy must not hide one
      for (String kind : kinds) {
        pluginPaths(base, config, kind, shown, depth);
      }
    }

    private void pluginPaths(Path base, Map<?, ?> config, String kind, String shown, int depth) {
      String field = kind;
      switch (kind) {
        case "ConfigMapGenerator", "SecretGenerator" -> generatorSources(base, config, shown, field, depth);
        case "PatchTransformer", "PatchJson6902Transformer" -> {
          for (Object path : get(config, "path")) {
            reference(base, path, shown, field + ".path", Kind.FILE, depth);
          }
        }
        case "PatchStrategicMergeTransformer" -> {
          List<Object> paths = list(get(config, "paths"));
          for (int i = 0; i < paths.size(); i++) {
            reference(base, paths.get(i), shown, field + ".paths[" + i + "]", Kind.FILE, depth);
          }
        }
        case "ReplacementTransformer" -> pathsOfEntries(base, list(get(config, "replacements")), shown,
            field + ".replacements", depth);
        case "HelmChartInflationGenerator" -> {
          List<Path> homes = homes(base, config, shown, field, depth, "chartHome", "configHome");
          homes.add(base.resolve("charts"));
          chart(base, config, shown, field, depth, "name", "valuesFile", "repo");
          for (Path home : homes) {
            scanChartHome(home, shown);
          }
        }
        default -> {
          // the other built-in plugins name no files
        }
      }
    }

    /**
     * Checks one path-carrying value.
     *
     * @return the real path when it exists locally, else null
     */
    private Path reference(Path dir, Object raw, String shown, String field, Kind kind, int depth) {
      String ref = str(raw);
      if (ref == null || ref.isBlank()) {
        return null;
      }
      if (ref.length() > MAX_PATH_LENGTH) {
        throw new KustomizeException("Kustomization " + shown + ": " + field + " is " + ref.length()
            + " characters long, more than a path can be (" + MAX_PATH_LENGTH + ")");
      }
      if (isFileUrl(ref)) {
        throw escape(shown, field, ref, "is a file URL, which would read from the host");
      }
      Path local = safeResolve(dir, ref, shown, field);
      if (Files.exists(local, LinkOption.NOFOLLOW_LINKS)) {
        Path real = realInside(local, null, null);
        if (real == null) {
          throw escape(shown, field, ref, "leads out of the promotion's work directory"
              + (local.startsWith(root) ? " through a symbolic link" : ""));
        }
        if (kind == Kind.BASE && Files.isDirectory(real)) {
          kustomization(real, depth + 1, null);
        }
        return real;
      }
      if ((kind == Kind.BASE || kind == Kind.FILE) && isRemote(ref)) {
        if (Stream.of(ref.split("[/\\\\?]")).anyMatch(".."::equals)) {
          throw escape(shown, field, ref, "is a remote reference with a '..' segment");
        }
        if (kind == Kind.BASE && !limits.remoteResources()) {
          throw new KustomizeException("Kustomization " + shown + ": " + field + " '" + cut(ref) + "' is a remote"
              + " reference, and this kargo4j does not allow them (KustomizationLimits.remoteResources)");
        }
        return null;
      }
      if (!local.startsWith(root)) {
        throw escape(shown, field, ref, "leaves the promotion's work directory");
      }
      return null;
    }

    private Path safeResolve(Path dir, String ref, String shown, String field) {
      try {
        return dir.resolve(ref).normalize();
      } catch (InvalidPathException e) {
        throw new KustomizeException("Kustomization " + shown + ": " + field + " '" + cut(ref)
            + "' is not a valid path: " + e.getReason());
      }
    }

    /** The real path of {@code path} if it is inside the root; else null, or a refusal when {@code why} is set. */
    private Path realInside(Path path, String shown, String why) {
      Path real;
      try {
        real = path.toRealPath();
      } catch (IOException e) {
        if (why == null) {
          return null;
        }
        throw new PathEscapeException("Kustomization " + shown + " goes through a broken symbolic link");
      }
      if (real.startsWith(root)) {
        return real;
      }
      if (why == null) {
        return null;
      }
      throw new PathEscapeException("Kustomization " + shown + " " + why + "; kustomize-build reads only files"
          + " inside it");
    }

    private void scanChartHome(Path home, String shown) {
      if (Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(home)) {
        Path real = realInside(home, shown, "names a chart home that leads out of the promotion's work directory");
        scanLinks(real, shown, false);
      }
    }

    /**
     * Refuses a symbolic link anywhere under {@code dir} that leads out of the root.
     *
     * @param skipGit whether to skip {@code .git} folders: kustomize reads only the files a
     *     Kustomization names, so a checkout's git metadata under a resource folder is never read
     *     (helm, in contrast, reads every file of a chart)
     */
    private void scanLinks(Path dir, String shown, boolean skipGit) {
      try {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            count(shown);
            if (skipGit && !d.equals(dir) && ".git".equals(String.valueOf(d.getFileName()))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            // a folder searched whole need not be searched again; one searched without its .git
            // folders is enough only for another search that skips them
            boolean fresh = skipGit ? !scanned.contains(d) && scannedSkippingGit.add(d) : scanned.add(d);
            return fresh ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            count(shown);
            if (attrs.isSymbolicLink()) {
              Path real;
              try {
                real = file.toRealPath();
              } catch (IOException e) {
                real = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
              }
              if (!real.startsWith(root)) {
                throw new PathEscapeException("Kustomization " + shown + ": " + root.relativize(file) + " is a"
                    + " symbolic link that leads out of the promotion's work directory; kustomize and helm"
                    + " would read the host's files through it, so kustomize-build refuses it");
              }
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            throw e;
          }
        });
      } catch (IOException e) {
        throw new KustomizeException("Kustomization " + shown + ": cannot search " + shown(dir)
            + " for symbolic links: " + e.getMessage(), e);
      }
    }

    private void count(String shown) {
      if (++entries > limits.maxScannedEntries()) {
        throw new KustomizeException("Kustomization " + shown + ": the folders it references hold more than "
            + limits.maxScannedEntries() + " entries to search for symbolic links"
            + " (KustomizationLimits.maxScannedEntries)");
      }
    }

    /** The YAML documents of a file, read within the limits, strictly. */
    private List<Object> documents(Path file, String shown) {
      byte[] data;
      try (InputStream in = Files.newInputStream(file)) {
        data = in.readNBytes((int) limits.maxFileBytes() + 1);
      } catch (IOException e) {
        throw new KustomizeException("Kustomization file " + shown + " cannot be read (" + e.getMessage()
            + "); kustomize-build refuses what it cannot check", e);
      }
      if (data.length > limits.maxFileBytes()) {
        throw new KustomizeException("Kustomization file " + shown + " is larger than " + limits.maxFileBytes()
            + " bytes (KustomizationLimits.maxFileBytes); kustomize-build refuses what it cannot check");
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
      } catch (CharacterCodingException e) {
        throw new KustomizeException("Kustomization file " + shown + " is not valid UTF-8 (" + e.getMessage()
            + "); kustomize reads only UTF-8, and kustomize-build refuses what it cannot check");
      }
      return parse(text, shown);
    }

    private List<Object> parse(String text, String shown) {
      bytes += text.length();
      if (bytes > limits.maxTotalBytes()) {
        throw new KustomizeException("the Kustomization tree holds more than " + limits.maxTotalBytes()
            + " bytes of YAML (KustomizationLimits.maxTotalBytes); stopped at " + shown);
      }
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      options.setMaxAliasesForCollections(limits.maxAliases());
      options.setNestingDepthLimit(limits.maxNestingDepth());
      options.setCodePointLimit(Integer.MAX_VALUE);
      options.setAllowRecursiveKeys(false);
      Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
          options, new PlainScalars());
      List<Object> docs = new ArrayList<>();
      try {
        for (Object doc : yaml.loadAll(text)) {
          if (docs.size() >= limits.maxDocuments()) {
            throw new KustomizeException("Kustomization file " + shown + " has more than " + limits.maxDocuments()
                + " YAML documents (KustomizationLimits.maxDocuments)");
          }
          docs.add(doc);
        }
      } catch (KustomizeException e) {
        throw e;
      } catch (MarkedYAMLException e) {
        if (e instanceof ScannerException || e instanceof ParserException || e instanceof ComposerException) {
          throw new SyntaxException("Kustomization file " + shown + " is not well-formed YAML ("
              + cut(firstLine(e.getMessage())) + (e.getProblemMark() == null ? ""
                  : " at line " + (e.getProblemMark().getLine() + 1)) + "); kustomize-build refuses what it"
              + " cannot check");
        }
        throw refused(shown, e);
      } catch (RuntimeException | StackOverflowError e) {
        throw refused(shown, e);
      }
      return docs;
    }

    private KustomizeException refused(String shown, Throwable e) {
      // custom tags, duplicate keys, alias bombs: kustomize might read it otherwise
      return new KustomizeException("Kustomization file " + shown + " is not YAML kustomize-build can check ("
            + cut(firstLine(e.getMessage())) + "); it accepts plain YAML without custom tags, duplicate keys or more"
            + " than " + limits.maxAliases() + " aliases, and refuses what it cannot check");
    }

    private String shown(Path path) {
      if (!path.startsWith(root)) {
        return String.valueOf(path.getFileName());
      }
      String relative = root.relativize(path).toString();
      return relative.isEmpty() ? "." : relative;
    }

    private static PathEscapeException escape(String shown, String field, String ref, String why) {
      return new PathEscapeException("Kustomization " + shown + ": " + field + " '" + cut(ref) + "' " + why
          + "; kustomize-build reads only files inside the work directory (and remote bases)");
    }
  }

  /**
   * Resolves only merge keys; every other plain scalar stays a string as kustomize reads it
   * (JSON decoding into string fields), so that no path hides behind a timestamp or a number.
   */
  private static final class PlainScalars extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.MERGE, MERGE, "<");
    }
  }

  private static boolean isFileUrl(String ref) {
    String lower = ref.strip().toLowerCase(Locale.ROOT);
    return lower.startsWith("file:") || lower.contains("::file:") || lower.contains("file://");
  }

  private static boolean isRemote(String ref) {
    return ref.contains("://") || ref.startsWith("git@") || ref.startsWith("github.com/")
        || ref.startsWith("gitlab.com/") || ref.startsWith("bitbucket.org/") || ref.contains("?ref=")
        || ref.contains(".git//") || ref.contains("?version=") || ref.startsWith("git::");
  }

  /** Values of {@code name} in {@code map}, matched as Go's encoding/json matches field names (case-insensitively). */
  private static List<Object> get(Map<?, ?> map, String name) {
    String folded = fold(name);
    List<Object> values = new ArrayList<>(1);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = e.getKey() instanceof String || e.getKey() instanceof byte[] ? str(e.getKey()) : null;
      if (key != null && fold(key).equals(folded) && e.getValue() != null) {
        values.add(e.getValue());
      }
    }
    return values;
  }

  /** The elements of every value: a list contributes its elements, anything else itself. */
  private static List<Object> list(List<Object> values) {
    List<Object> out = new ArrayList<>();
    for (Object value : values) {
      if (value instanceof List<?> l) {
        out.addAll(l);
      } else {
        out.add(value);
      }
    }
    return out;
  }

  /** A scalar as kustomize would see it in a string field; null for collections. */
  private static String str(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof byte[] b) { // !!binary: Go's YAML decodes it into the string
      return new String(b, StandardCharsets.UTF_8);
    }
    if (value == null || value instanceof Map || value instanceof List || value instanceof Set) {
      return null;
    }
    return String.valueOf(value);
  }

  // Go's json folds 'ſ' to 's' and the Kelvin sign to 'k'; upper then lower case covers both
  private static String fold(String s) {
    return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  private static Set<String> folded(String... names) {
    return Stream.of(names).map(KustomizationSandbox::fold).collect(Collectors.toUnmodifiableSet());
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String cut(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
