package dev.kargo4j.core.manifest;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.manifest.internal.ManifestDecoder;
import dev.kargo4j.core.manifest.internal.ManifestWriter;
import dev.kargo4j.core.manifest.internal.MapReader;
import dev.kargo4j.core.manifest.internal.YamlLimits;
import dev.kargo4j.core.manifest.internal.YamlReader;
import dev.kargo4j.core.model.ClusterPromotionTask;
import dev.kargo4j.core.model.ConfigMap;
import dev.kargo4j.core.model.CredentialsSecret;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Project;
import dev.kargo4j.core.model.ProjectConfig;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionTask;
import dev.kargo4j.core.model.Secret;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.rollouts.AnalysisTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Kargo manifests (YAML or JSON; one or many documents; files, folders, strings or
 * streams) into a {@link ManifestSet}, validating as Kargo does, and writes model records back
 * as Kargo YAML ({@link #toYaml(Object)}), so that model → YAML → model is the identity.
 *
 * <p>Every problem is an {@link InvalidManifestException} naming file, line and field path.
 * Deprecated fields that older Kargo versions accepted (image {@code allowTags},
 * {@code ignoreTags}, {@code semverConstraint}; git {@code allowTags}, {@code ignoreTags};
 * ProjectConfig {@code stage}) are mapped to their replacements and reported in
 * {@link ManifestSet#warnings()} (and logged at WARN).
 *
 * <p>Untrusted input is safe: per-document size, total input size, aliases to collections,
 * nesting depth, and the node count and size after alias expansion are limited (see
 * {@link Builder});
 * exceeding a limit is an {@link InvalidManifestException} that says so.
 *
 * <p>Instances are immutable and thread-safe; {@link #defaults()} has the default limits.
 */
public final class Manifests {
  private static final Logger LOG = LoggerFactory.getLogger(Manifests.class);
  private static final Manifests DEFAULTS = builder().build();

  private final YamlLimits limits;

  private Manifests(YamlLimits limits) {
    this.limits = limits;
  }

  /** A reader with the default limits. */
  public static Manifests defaults() {
    return DEFAULTS;
  }

  /** A builder for a reader with other limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** Limits for untrusted input; every value must be positive. */
  public static final class Builder {
    private int maxDocumentCodePoints = 3 * 1024 * 1024;
    private long maxInputCodePoints = 64L * 1024 * 1024;
    private int maxAliasesForCollections = 50;
    private int maxNestingDepth = 64;
    private long maxExpandedNodes = 1_000_000;
    private long maxAliasExpansion = 4L * 1024 * 1024;

    private Builder() {}

    /** Characters per YAML document (default 3 Mi). */
    public Builder maxDocumentCodePoints(int value) {
      this.maxDocumentCodePoints = positive("maxDocumentCodePoints", value);
      return this;
    }

    /** Characters per file, string or stream (default 64 Mi). */
    public Builder maxInputCodePoints(long value) {
      this.maxInputCodePoints = positive("maxInputCodePoints", value);
      return this;
    }

    /** Aliases to lists or maps per document (default 50). */
    public Builder maxAliasesForCollections(int value) {
      this.maxAliasesForCollections = positive("maxAliasesForCollections", value);
      return this;
    }

    /** Nesting depth of lists and maps (default 64). */
    public Builder maxNestingDepth(int value) {
      this.maxNestingDepth = positive("maxNestingDepth", value);
      return this;
    }

    /** Nodes per document after expanding aliases (default 1,000,000). */
    public Builder maxExpandedNodes(long value) {
      this.maxExpandedNodes = positive("maxExpandedNodes", value);
      return this;
    }

    /**
     * How much a document may grow when its aliases are expanded, counting 64 per node plus the
     * characters of every scalar, compared with the document as written (default 4 Mi: about
     * 65,000 extra nodes or 4 Mi extra characters; a document without aliases never grows).
     * This is what stops a small manifest whose aliases repeat one large string from becoming
     * a Promotion or Stage that is gigabytes long once written out.
     */
    public Builder maxAliasExpansion(long value) {
      this.maxAliasExpansion = positive("maxAliasExpansion", value);
      return this;
    }

    private static int positive(String name, int v) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + v);
      }
      return v;
    }

    private static long positive(String name, long v) {
      if (v <= 0) {
        throw new IllegalArgumentException(name + " must be positive, got " + v);
      }
      return v;
    }

    /** The reader. */
    public Manifests build() {
      return new Manifests(new YamlLimits(maxDocumentCodePoints, maxInputCodePoints,
          maxAliasesForCollections, maxNestingDepth, maxExpandedNodes, maxAliasExpansion));
    }
  }

  // ---------------------------------------------------------------- static conveniences

  /** {@code defaults().read(path)}. */
  public static ManifestSet load(Path fileOrFolder) {
    return DEFAULTS.read(fileOrFolder);
  }

  /** {@code defaults().read(sourceName, text)}. */
  public static ManifestSet loadString(String sourceName, String text) {
    return DEFAULTS.read(sourceName, text);
  }

  /**
   * A record as Kargo YAML: Project, ProjectConfig, Warehouse, Stage, Freight, Promotion,
   * PromotionTask, ClusterPromotionTask, AnalysisTemplate, Secret, ConfigMap or
   * CredentialsSecret (as a labelled Secret, values base64-encoded).
   *
   * @throws IllegalArgumentException for other types
   */
  public static String toYaml(Object record) {
    return ManifestWriter.toYaml(record);
  }

  /** Several records as a multi-document YAML stream. */
  public static String toYaml(Collection<?> records) {
    return ManifestWriter.toYaml(records);
  }

  /**
   * A record as the JSON-like tree that {@link #toYaml(Object)} writes, for hosts that print
   * JSON (any JSON writer prints it as is, with no detour through YAML text): a new, mutable
   * {@code Map} whose branches are {@code Map}s with {@code String} keys and {@code List}s, and
   * whose leaves are {@code String}, {@code Boolean} or {@code Number}, or {@code null} inside
   * free-form config (step config, subscription config, Promotion state).
   *
   * @throws IllegalArgumentException for the types {@link #toYaml(Object)} refuses
   */
  public static Map<String, Object> toTree(Object record) {
    return ManifestWriter.toTree(record);
  }

  // ---------------------------------------------------------------- reading

  /**
   * Reads a file, or every {@code *.yaml}, {@code *.yml} and {@code *.json} file of a folder
   * (not recursive; sorted by name).
   *
   * @throws InvalidManifestException for invalid content
   * @throws KargoException when a file cannot be read
   */
  public ManifestSet read(Path fileOrFolder) {
    if (Files.isDirectory(fileOrFolder)) {
      List<Path> files;
      try (Stream<Path> s = Files.list(fileOrFolder)) {
        files = s.filter(Files::isRegularFile)
            .filter(p -> {
              String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
              return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
            })
            .sorted()
            .toList();
      } catch (IOException e) {
        throw new KargoException("cannot list manifest folder " + fileOrFolder + ": " + e, e);
      }
      Acc acc = new Acc();
      for (Path f : files) {
        readFile(f, acc);
      }
      return acc.finish();
    }
    Acc acc = new Acc();
    readFile(fileOrFolder, acc);
    return acc.finish();
  }

  /** Reads YAML or JSON text; {@code sourceName} appears in messages. */
  public ManifestSet read(String sourceName, String text) {
    Acc acc = new Acc();
    readText(sourceName, text, acc);
    return acc.finish();
  }

  /** Reads a UTF-8 stream (not closed); {@code sourceName} appears in messages. */
  public ManifestSet read(String sourceName, InputStream in) {
    Acc acc = new Acc();
    try {
      readText(sourceName, readUtf8(sourceName, in), acc);
    } catch (CharacterCodingException e) {
      throw new InvalidManifestException(sourceName, 0, "", "input is not valid UTF-8", e);
    } catch (IOException e) {
      throw new KargoException("cannot read " + sourceName + ": " + e, e);
    }
    return acc.finish();
  }

  /**
   * Reads exactly one object of {@code type} from {@code text}.
   *
   * @throws InvalidManifestException when the text holds anything else
   */
  public <T> T readOne(String sourceName, String text, Class<T> type) {
    ManifestSet set = read(sourceName, text);
    List<Object> all = set.all();
    if (all.size() != 1 || !type.isInstance(all.get(0))) {
      throw new InvalidManifestException(sourceName, 0, "",
          "expected exactly one " + type.getSimpleName() + ", got " + all.size() + " object(s)");
    }
    return type.cast(all.get(0));
  }

  private void readFile(Path f, Acc acc) {
    String source = f.toString();
    try (InputStream in = Files.newInputStream(f)) {
      readText(source, readUtf8(source, in), acc);
    } catch (CharacterCodingException e) {
      throw new InvalidManifestException(source, 0, "", "file is not valid UTF-8", e);
    } catch (IOException e) {
      throw new KargoException("cannot read manifest file " + f + ": " + e, e);
    }
  }

  private String readUtf8(String source, InputStream in) throws IOException {
    Reader r = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT));
    return new YamlReader(limits).readAll(source, r);
  }

  private void readText(String source, String text, Acc acc) {
    YamlReader reader = new YamlReader(limits);
    List<ManifestWarning> warnings = new ArrayList<>();
    MapReader.Context ctx = new MapReader.Context(source, warnings);
    for (YamlReader.Document doc : reader.parse(source, text)) {
      Object o = ManifestDecoder.decode(ctx, doc.root());
      acc.add(o, source, doc.line());
    }
    for (ManifestWarning w : warnings) {
      LOG.warn("{}", w);
    }
    acc.warnings.addAll(warnings);
  }

  /** Collects objects and rejects duplicates (same kind, namespace and name). */
  private static final class Acc {
    final List<Project> projects = new ArrayList<>();
    final List<ProjectConfig> projectConfigs = new ArrayList<>();
    final List<Warehouse> warehouses = new ArrayList<>();
    final List<Stage> stages = new ArrayList<>();
    final List<PromotionTask> promotionTasks = new ArrayList<>();
    final List<ClusterPromotionTask> clusterPromotionTasks = new ArrayList<>();
    final List<Freight> freight = new ArrayList<>();
    final List<Promotion> promotions = new ArrayList<>();
    final List<AnalysisTemplate> analysisTemplates = new ArrayList<>();
    final List<CredentialsSecret> credentials = new ArrayList<>();
    final List<Secret> secrets = new ArrayList<>();
    final List<ConfigMap> configMaps = new ArrayList<>();
    final List<ManifestWarning> warnings = new ArrayList<>();
    final Map<String, String> seen = new HashMap<>();

    void add(Object o, String source, int line) {
      String kind;
      ObjectMeta meta;
      if (o instanceof Project) {
        kind = "Project";
        meta = ((Project) o).metadata();
        projects.add((Project) o);
      } else if (o instanceof ProjectConfig) {
        kind = "ProjectConfig";
        meta = ((ProjectConfig) o).metadata();
        projectConfigs.add((ProjectConfig) o);
      } else if (o instanceof Warehouse) {
        kind = "Warehouse";
        meta = ((Warehouse) o).metadata();
        warehouses.add((Warehouse) o);
      } else if (o instanceof Stage) {
        kind = "Stage";
        meta = ((Stage) o).metadata();
        stages.add((Stage) o);
      } else if (o instanceof PromotionTask) {
        kind = "PromotionTask";
        meta = ((PromotionTask) o).metadata();
        promotionTasks.add((PromotionTask) o);
      } else if (o instanceof ClusterPromotionTask) {
        kind = "ClusterPromotionTask";
        meta = ((ClusterPromotionTask) o).metadata();
        clusterPromotionTasks.add((ClusterPromotionTask) o);
      } else if (o instanceof Freight) {
        kind = "Freight";
        meta = ((Freight) o).metadata();
        freight.add((Freight) o);
      } else if (o instanceof Promotion) {
        kind = "Promotion";
        meta = ((Promotion) o).metadata();
        promotions.add((Promotion) o);
      } else if (o instanceof AnalysisTemplate) {
        AnalysisTemplate t = (AnalysisTemplate) o;
        kind = t.clusterScoped() ? "ClusterAnalysisTemplate" : "AnalysisTemplate";
        meta = t.metadata();
        analysisTemplates.add(t);
      } else if (o instanceof CredentialsSecret) {
        kind = "Secret";
        meta = ((CredentialsSecret) o).metadata();
        credentials.add((CredentialsSecret) o);
      } else if (o instanceof Secret) {
        kind = "Secret";
        meta = ((Secret) o).metadata();
        secrets.add((Secret) o);
      } else {
        kind = "ConfigMap";
        meta = ((ConfigMap) o).metadata();
        configMaps.add((ConfigMap) o);
      }
      String key = kind + " " + (meta.namespace().isEmpty() ? "" : meta.namespace() + "/") + meta.name();
      String here = source + ":" + line;
      String previous = seen.putIfAbsent(key, here);
      if (previous != null) {
        throw new InvalidManifestException(source, line, "metadata.name",
            "duplicate " + key + " (first defined at " + previous + ")");
      }
    }

    ManifestSet finish() {
      return new ManifestSet(projects, projectConfigs, warehouses, stages, promotionTasks,
          clusterPromotionTasks, freight, promotions, analysisTemplates, credentials, secrets,
          configMaps, warnings);
    }
  }
}
