package dev.kargo4j.core.manifest.internal;

import dev.kargo4j.core.model.AnalysisRunReference;
import dev.kargo4j.core.model.AnalysisTemplateReference;
import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.AutoPromotionHold;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.ChartDiscoveryResult;
import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.model.ClusterPromotionTask;
import dev.kargo4j.core.model.Condition;
import dev.kargo4j.core.model.ConfigMap;
import dev.kargo4j.core.model.CredentialsSecret;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredCommit;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.DiscoveredRef;
import dev.kargo4j.core.model.DiscoveryResult;
import dev.kargo4j.core.model.ExpressionVariable;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.FreightSources;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.GenericSubscription;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.GitDiscoveryResult;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.model.Health;
import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ImageDiscoveryResult;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.LabelSelector;
import dev.kargo4j.core.model.LabelSelectorRequirement;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Project;
import dev.kargo4j.core.model.ProjectConfig;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPolicy;
import dev.kargo4j.core.model.PromotionReference;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionTask;
import dev.kargo4j.core.model.PromotionTaskSpec;
import dev.kargo4j.core.model.Secret;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseStatus;
import dev.kargo4j.core.model.WebhookReceiver;
import dev.kargo4j.core.model.rollouts.AnalysisArgument;
import dev.kargo4j.core.model.rollouts.AnalysisTemplate;
import dev.kargo4j.core.model.rollouts.GenericMetricProvider;
import dev.kargo4j.core.model.rollouts.IntOrString;
import dev.kargo4j.core.model.rollouts.Metric;
import dev.kargo4j.core.model.rollouts.WebMetricHeader;
import dev.kargo4j.core.model.rollouts.WebMetricProvider;
import dev.kargo4j.expr.go.GoDuration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes model records as Kargo YAML: {@code apiVersion}, {@code kind}, {@code metadata},
 * {@code spec}, {@code status}, Kargo's field names, empty values omitted, defaults written
 * where reading would otherwise change them, durations in Go form, times in RFC 3339.
 */
public final class ManifestWriter {
  private ManifestWriter() {}

  /** One YAML document for a supported record. */
  public static String toYaml(Object record) {
    return dump(List.of(toTree(record)));
  }

  /** Several documents separated by {@code ---}. */
  public static String toYaml(Collection<?> records) {
    List<Object> trees = new ArrayList<>();
    for (Object r : records) {
      trees.add(toTree(r));
    }
    return dump(trees);
  }

  /**
   * One YAML document for a supported record, refused when longer than {@code maxChars}: the
   * text is written to a bounded sink, so a record that shares one large string many times
   * costs at most {@code maxChars} of work, never its full expansion.
   *
   * @throws TooLongException when the text would be longer than {@code maxChars}
   */
  public static String toYaml(Object record, int maxChars) {
    return dump(List.of(toTree(record)), maxChars);
  }

  /** A YAML text that would be longer than a limit. */
  public static final class TooLongException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    TooLongException(int maxChars) {
      super("its YAML is longer than the limit of " + maxChars + " characters");
    }
  }

  /** A status document (Stage or Warehouse without spec), as the directory store writes it. */
  public static String statusDocument(String kind, ObjectMeta meta, Object status) {
    return statusDocument(kind, meta, status, Integer.MAX_VALUE);
  }

  /** As {@link #statusDocument(String, ObjectMeta, Object)}, refused past {@code maxChars}. */
  public static String statusDocument(String kind, ObjectMeta meta, Object status, int maxChars) {
    Map<String, Object> m = header(ManifestDecoder.KARGO_API, kind, meta);
    Map<String, Object> st =
        status instanceof StageStatus ? stageStatus((StageStatus) status) : warehouseStatus((WarehouseStatus) status);
    if (!st.isEmpty()) {
      m.put("status", st);
    }
    return dump(List.of(m), maxChars);
  }

  static String dump(List<Object> docs) {
    return dump(docs, Integer.MAX_VALUE);
  }

  /** Appends to a builder, failing once more than {@code max} characters were written. */
  private static final class BoundedWriter extends java.io.Writer {
    private final StringBuilder sb = new StringBuilder();
    private final int max;

    BoundedWriter(int max) {
      this.max = max;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      if (len > max - sb.length()) {
        throw new TooLongException(max);
      }
      sb.append(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
      if (len > max - sb.length()) {
        throw new TooLongException(max);
      }
      sb.append(str, off, off + len);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return sb.toString();
    }
  }

  static String dump(List<Object> docs, int maxChars) {
    DumperOptions o = new DumperOptions();
    o.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    o.setIndent(2);
    o.setWidth(Integer.MAX_VALUE / 2);
    o.setSplitLines(false);
    o.setAllowUnicode(true);
    o.setExplicitStart(docs.size() > 1);
    Yaml yaml = new Yaml(new StringsAsText(o), o);
    BoundedWriter out = new BoundedWriter(maxChars);
    yaml.dumpAll(docs.iterator(), out);
    return out.toString();
  }

  /**
   * Writes every String as a YAML string: SnakeYAML would otherwise turn strings with
   * non-printable characters into {@code !!binary}, which Kargo would not read back as text.
   */
  private static final class StringsAsText extends org.yaml.snakeyaml.representer.Representer {
    StringsAsText(DumperOptions options) {
      super(options);
      this.representers.put(String.class, data -> {
        String s = (String) data;
        // Non-printable characters, and the line breaks YAML 1.1 folds (CR, NEL, LS, PS), survive
        // only in double quotes, where SnakeYAML escapes them.
        boolean plainSafe = org.yaml.snakeyaml.reader.StreamReader.isPrintable(s)
            && s.indexOf('\r') < 0 && s.indexOf('\u0085') < 0 && s.indexOf('\u2028') < 0
            && s.indexOf('\u2029') < 0;
        DumperOptions.ScalarStyle style =
            plainSafe ? options.getDefaultScalarStyle() : DumperOptions.ScalarStyle.DOUBLE_QUOTED;
        return representScalar(org.yaml.snakeyaml.nodes.Tag.STR, s, style);
      });
    }
  }

  /** The JSON-like tree of a supported record. */
  public static Map<String, Object> toTree(Object r) {
    if (r instanceof Project) {
      Project p = (Project) r;
      Map<String, Object> m = header(ManifestDecoder.KARGO_API, "Project", p.metadata());
      if (!p.conditions().isEmpty()) {
        m.put("status", map("conditions", list(p.conditions(), ManifestWriter::condition)));
      }
      return m;
    }
    if (r instanceof ProjectConfig) {
      ProjectConfig p = (ProjectConfig) r;
      Map<String, Object> m = header(ManifestDecoder.KARGO_API, "ProjectConfig", p.metadata());
      Map<String, Object> spec = new LinkedHashMap<>();
      putList(spec, "promotionPolicies", p.spec().promotionPolicies(), ManifestWriter::policy);
      putList(spec, "webhookReceivers", p.spec().webhookReceivers(), ManifestWriter::receiver);
      if (!spec.isEmpty()) {
        m.put("spec", spec);
      }
      return m;
    }
    if (r instanceof Warehouse) {
      return warehouse((Warehouse) r);
    }
    if (r instanceof Stage) {
      return stage((Stage) r);
    }
    if (r instanceof Freight) {
      return freight((Freight) r);
    }
    if (r instanceof Promotion) {
      return promotion((Promotion) r);
    }
    if (r instanceof PromotionTask) {
      PromotionTask t = (PromotionTask) r;
      Map<String, Object> m = header(ManifestDecoder.KARGO_API, "PromotionTask", t.metadata());
      m.put("spec", taskSpec(t.spec()));
      return m;
    }
    if (r instanceof ClusterPromotionTask) {
      ClusterPromotionTask t = (ClusterPromotionTask) r;
      Map<String, Object> m = header(ManifestDecoder.KARGO_API, "ClusterPromotionTask", t.metadata());
      m.put("spec", taskSpec(t.spec()));
      return m;
    }
    if (r instanceof AnalysisTemplate) {
      return analysisTemplate((AnalysisTemplate) r);
    }
    if (r instanceof Secret) {
      Secret s = (Secret) r;
      Map<String, Object> m = header(ManifestDecoder.CORE_API, "Secret", s.metadata());
      putIfNotEmpty(m, "data", base64(s.data()));
      return m;
    }
    if (r instanceof CredentialsSecret) {
      CredentialsSecret c = (CredentialsSecret) r;
      Map<String, Object> m = header(ManifestDecoder.CORE_API, "Secret", c.metadata()
          .withLabel(CredentialsSecret.LABEL, c.type().label()));
      Map<String, String> data = new TreeMap<>(c.data());
      putData(data, "repoURL", c.repoURL());
      if (c.repoURLIsRegex()) {
        data.put("repoURLIsRegex", "true");
      }
      putData(data, "username", c.username());
      putData(data, "password", c.password());
      putData(data, "sshPrivateKey", c.sshPrivateKey());
      putIfNotEmpty(m, "data", base64(data));
      return m;
    }
    if (r instanceof ConfigMap) {
      ConfigMap c = (ConfigMap) r;
      Map<String, Object> m = header(ManifestDecoder.CORE_API, "ConfigMap", c.metadata());
      putIfNotEmpty(m, "data", new TreeMap<>(c.data()));
      return m;
    }
    throw new IllegalArgumentException(
        "cannot write " + (r == null ? "null" : r.getClass().getName()) + " as a Kargo manifest");
  }

  private static void putData(Map<String, String> data, String key, String value) {
    if (!value.isEmpty()) {
      data.put(key, value);
    }
  }

  private static Map<String, Object> base64(Map<String, String> data) {
    Map<String, Object> out = new TreeMap<>();
    data.forEach((k, v) -> out.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return out;
  }

  // ---------------------------------------------------------------- helpers

  static Map<String, Object> header(String api, String kind, ObjectMeta meta) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apiVersion", api);
    m.put("kind", kind);
    m.put("metadata", meta(meta));
    return m;
  }

  static Map<String, Object> meta(ObjectMeta meta) {
    Map<String, Object> m = new LinkedHashMap<>();
    putStr(m, "name", meta.name());
    putStr(m, "namespace", meta.namespace());
    putIfNotEmpty(m, "labels", new TreeMap<>(meta.labels()));
    putIfNotEmpty(m, "annotations", new TreeMap<>(meta.annotations()));
    putTime(m, "creationTimestamp", meta.creationTimestamp());
    putStr(m, "resourceVersion", meta.resourceVersion());
    return m;
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static void putStr(Map<String, Object> m, String key, String value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }

  static void putTrue(Map<String, Object> m, String key, boolean value) {
    if (value) {
      m.put(key, true);
    }
  }

  static void putTime(Map<String, Object> m, String key, Instant t) {
    if (t != null) {
      m.put(key, DateTimeFormatter.ISO_INSTANT.format(t));
    }
  }

  static void putDuration(Map<String, Object> m, String key, Duration d) {
    if (d != null) {
      m.put(key, GoDuration.format(d));
    }
  }

  static void putIfNotEmpty(Map<String, Object> m, String key, Map<String, ?> value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }

  static void putObj(Map<String, Object> m, String key, Map<String, Object> value) {
    if (value != null && !value.isEmpty()) {
      m.put(key, value);
    }
  }

  static <T> void putList(Map<String, Object> m, String key, List<T> items, Function<T, Object> f) {
    if (!items.isEmpty()) {
      m.put(key, list(items, f));
    }
  }

  static <T> List<Object> list(List<T> items, Function<T, Object> f) {
    List<Object> out = new ArrayList<>(items.size());
    for (T t : items) {
      out.add(f.apply(t));
    }
    return out;
  }

  /** A JSON-like value as a mutable tree (SnakeYAML needs plain collections). */
  @SuppressWarnings("unchecked")
  static Object json(Object v) {
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) v).forEach((k, x) -> out.put(k, json(x)));
      return out;
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object x : (List<Object>) v) {
        out.add(json(x));
      }
      return out;
    }
    return v;
  }

  private static Map<String, Object> condition(Condition c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", c.type());
    m.put("status", c.status());
    if (c.observedGeneration() != 0) {
      m.put("observedGeneration", c.observedGeneration());
    }
    putTime(m, "lastTransitionTime", c.lastTransitionTime());
    putStr(m, "reason", c.reason());
    putStr(m, "message", c.message());
    return m;
  }

  private static Map<String, Object> var(ExpressionVariable v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.name());
    putStr(m, "value", v.value());
    return m;
  }

  private static Map<String, Object> origin(FreightOrigin o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", o.kind());
    m.put("name", o.name());
    return m;
  }

  // ---------------------------------------------------------------- ProjectConfig

  private static Map<String, Object> policy(PromotionPolicy p) {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> sel = new LinkedHashMap<>();
    putStr(sel, "name", p.stageSelector().name());
    LabelSelector ls = p.stageSelector().labelSelector();
    if (ls != null) {
      labelSelector(sel, ls);
    }
    m.put("stageSelector", sel);
    putTrue(m, "autoPromotionEnabled", p.autoPromotionEnabled());
    return m;
  }

  private static void labelSelector(Map<String, Object> m, LabelSelector ls) {
    putIfNotEmpty(m, "matchLabels", new TreeMap<>(ls.matchLabels()));
    putList(m, "matchExpressions", ls.matchExpressions(), (LabelSelectorRequirement r) -> {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("key", r.key());
      e.put("operator", r.operator().wireName());
      putList(e, "values", r.values(), x -> x);
      return e;
    });
  }

  private static Map<String, Object> receiver(WebhookReceiver r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put(r.type(), json(r.config()));
    return m;
  }

  // ---------------------------------------------------------------- Warehouse

  private static Map<String, Object> warehouse(Warehouse w) {
    Map<String, Object> m = header(ManifestDecoder.KARGO_API, "Warehouse", w.metadata());
    Map<String, Object> spec = new LinkedHashMap<>();
    putStr(spec, "shard", w.spec().shard());
    spec.put("interval", GoDuration.format(w.spec().interval()));
    spec.put("freightCreationPolicy", w.spec().freightCreationPolicy().wireName());
    if (w.spec().freightCreationCriteria() != null) {
      Map<String, Object> c = new LinkedHashMap<>();
      putStr(c, "expression", w.spec().freightCreationCriteria().expression());
      spec.put("freightCreationCriteria", c);
    }
    spec.put("subscriptions", list(w.spec().subscriptions(), ManifestWriter::subscription));
    m.put("spec", spec);
    putObj(m, "status", warehouseStatus(w.status()));
    return m;
  }

  private static Object subscription(Subscription s) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (s instanceof GitSubscription) {
      GitSubscription g = (GitSubscription) s;
      body.put("repoURL", g.repoURL());
      body.put("commitSelectionStrategy", g.commitSelectionStrategy().wireName());
      putStr(body, "branch", g.branch());
      body.put("strictSemvers", g.strictSemvers());
      putStr(body, "semverConstraint", g.semverConstraint());
      putList(body, "allowTagsRegexes", g.allowTagsRegexes(), x -> x);
      putList(body, "ignoreTagsRegexes", g.ignoreTagsRegexes(), x -> x);
      putStr(body, "expressionFilter", g.expressionFilter());
      putList(body, "includePaths", g.includePaths(), x -> x);
      putList(body, "excludePaths", g.excludePaths(), x -> x);
      body.put("discoveryLimit", (long) g.discoveryLimit());
      putTime(body, "since", g.since());
      putTrue(body, "insecureSkipTLSVerify", g.insecureSkipTLSVerify());
      putTrue(body, "blobless", g.blobless());
    } else if (s instanceof ImageSubscription) {
      ImageSubscription i = (ImageSubscription) s;
      body.put("repoURL", i.repoURL());
      body.put("imageSelectionStrategy", i.imageSelectionStrategy().wireName());
      putStr(body, "constraint", i.constraint());
      body.put("strictSemvers", i.strictSemvers());
      putList(body, "allowTagsRegexes", i.allowTagsRegexes(), x -> x);
      putList(body, "ignoreTagsRegexes", i.ignoreTagsRegexes(), x -> x);
      putStr(body, "platform", i.platform());
      body.put("discoveryLimit", (long) i.discoveryLimit());
      putTrue(body, "cacheByTag", i.cacheByTag());
      putTrue(body, "insecureSkipTLSVerify", i.insecureSkipTLSVerify());
    } else if (s instanceof ChartSubscription) {
      ChartSubscription c = (ChartSubscription) s;
      body.put("repoURL", c.repoURL());
      putStr(body, "name", c.chartName());
      putStr(body, "semverConstraint", c.semverConstraint());
      body.put("discoveryLimit", (long) c.discoveryLimit());
      putTrue(body, "insecureSkipTLSVerify", c.insecureSkipTLSVerify());
    } else {
      GenericSubscription g = (GenericSubscription) s;
      putObj(body, "config", castMap(json(g.config())));
      body.put("discoveryLimit", (long) g.discoveryLimit());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(s.type(), body);
    putStr(m, "name", s.name());
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  static Map<String, Object> warehouseStatus(WarehouseStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    putList(m, "conditions", s.conditions(), ManifestWriter::condition);
    putStr(m, "lastHandledRefresh", s.lastHandledRefresh());
    if (s.observedGeneration() != 0) {
      m.put("observedGeneration", s.observedGeneration());
    }
    putStr(m, "lastFreightID", s.lastFreightID());
    if (s.discoveredArtifacts() != null) {
      m.put("discoveredArtifacts", discovered(s.discoveredArtifacts()));
    }
    return m;
  }

  private static Map<String, Object> discovered(DiscoveredArtifacts d) {
    Map<String, Object> m = new LinkedHashMap<>();
    putTime(m, "discoveredAt", d.discoveredAt());
    putList(m, "git", d.git(), (GitDiscoveryResult g) -> {
      Map<String, Object> x = new LinkedHashMap<>();
      putStr(x, "repoURL", g.repoURL());
      putList(x, "commits", g.commits(), (DiscoveredCommit c) -> {
        Map<String, Object> y = new LinkedHashMap<>();
        putStr(y, "id", c.id());
        putStr(y, "branch", c.branch());
        putStr(y, "tag", c.tag());
        putStr(y, "subject", c.subject());
        putStr(y, "author", c.author());
        putStr(y, "committer", c.committer());
        putTime(y, "creatorDate", c.creatorDate());
        return y;
      });
      putStr(x, "subscriptionName", g.subscriptionName());
      if (g.observedRefs() != null) {
        Map<String, Object> refs = new LinkedHashMap<>();
        putStr(refs, "branchHead", g.observedRefs().branchHead());
        putList(refs, "tags", g.observedRefs().tags(), (DiscoveredRef t) -> {
          Map<String, Object> y = new LinkedHashMap<>();
          putStr(y, "name", t.name());
          putStr(y, "id", t.id());
          return y;
        });
        x.put("observedRefs", refs);
      }
      return x;
    });
    putList(m, "images", d.images(), (ImageDiscoveryResult i) -> {
      Map<String, Object> x = new LinkedHashMap<>();
      putStr(x, "repoURL", i.repoURL());
      putStr(x, "platform", i.platform());
      putList(x, "references", i.references(), (DiscoveredImageReference r) -> {
        Map<String, Object> y = new LinkedHashMap<>();
        putStr(y, "tag", r.tag());
        putStr(y, "digest", r.digest());
        putIfNotEmpty(y, "annotations", new TreeMap<>(r.annotations()));
        putTime(y, "createdAt", r.createdAt());
        return y;
      });
      putStr(x, "subscriptionName", i.subscriptionName());
      return x;
    });
    putList(m, "charts", d.charts(), (ChartDiscoveryResult c) -> {
      Map<String, Object> x = new LinkedHashMap<>();
      putStr(x, "repoURL", c.repoURL());
      putStr(x, "name", c.name());
      putStr(x, "semverConstraint", c.semverConstraint());
      putList(x, "versions", c.versions(), v -> v);
      putStr(x, "subscriptionName", c.subscriptionName());
      return x;
    });
    putList(m, "results", d.results(), (DiscoveryResult r) -> {
      Map<String, Object> x = new LinkedHashMap<>();
      putStr(x, "name", r.subscriptionName());
      putList(x, "artifactReferences", r.artifactReferences(), ManifestWriter::artifact);
      return x;
    });
    return m;
  }

  // ---------------------------------------------------------------- Freight

  private static Map<String, Object> commit(GitCommit c) {
    Map<String, Object> m = new LinkedHashMap<>();
    putStr(m, "repoURL", c.repoURL());
    putStr(m, "id", c.id());
    putStr(m, "branch", c.branch());
    putStr(m, "tag", c.tag());
    putStr(m, "message", c.message());
    putStr(m, "author", c.author());
    putStr(m, "committer", c.committer());
    putStr(m, "subscriptionName", c.subscriptionName());
    return m;
  }

  private static Map<String, Object> image(Image i) {
    Map<String, Object> m = new LinkedHashMap<>();
    putStr(m, "repoURL", i.repoURL());
    putStr(m, "tag", i.tag());
    putStr(m, "digest", i.digest());
    putIfNotEmpty(m, "annotations", new TreeMap<>(i.annotations()));
    putStr(m, "subscriptionName", i.subscriptionName());
    return m;
  }

  private static Map<String, Object> chart(Chart c) {
    Map<String, Object> m = new LinkedHashMap<>();
    putStr(m, "repoURL", c.repoURL());
    putStr(m, "name", c.name());
    putStr(m, "version", c.version());
    putStr(m, "subscriptionName", c.subscriptionName());
    return m;
  }

  private static Map<String, Object> artifact(ArtifactReference a) {
    Map<String, Object> m = new LinkedHashMap<>();
    putStr(m, "artifactType", a.artifactType());
    m.put("subscriptionName", a.subscriptionName());
    m.put("version", a.version());
    if (a.metadata() != null) {
      m.put("metadata", json(a.metadata()));
    }
    return m;
  }

  private static void artifacts(Map<String, Object> m, List<GitCommit> commits, List<Image> images,
      List<Chart> charts, List<ArtifactReference> artifacts) {
    putList(m, "commits", commits, ManifestWriter::commit);
    putList(m, "images", images, ManifestWriter::image);
    putList(m, "charts", charts, ManifestWriter::chart);
    putList(m, "artifacts", artifacts, ManifestWriter::artifact);
  }

  private static Map<String, Object> freight(Freight f) {
    Map<String, Object> m = header(ManifestDecoder.KARGO_API, "Freight", f.metadata());
    putStr(m, "alias", f.alias());
    putTime(m, "discoveredAt", f.discoveredAt());
    m.put("origin", origin(f.origin()));
    artifacts(m, f.commits(), f.images(), f.charts(), f.artifacts());
    putObj(m, "status", freightStatus(f.status()));
    return m;
  }

  private static Map<String, Object> freightStatus(FreightStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!s.currentlyIn().isEmpty()) {
      Map<String, Object> x = new TreeMap<>();
      s.currentlyIn().forEach((k, v) -> {
        Map<String, Object> y = new LinkedHashMap<>();
        putTime(y, "since", v.since());
        x.put(k, y);
      });
      m.put("currentlyIn", x);
    }
    if (!s.verifiedIn().isEmpty()) {
      Map<String, Object> x = new TreeMap<>();
      s.verifiedIn().forEach((k, v) -> {
        Map<String, Object> y = new LinkedHashMap<>();
        putTime(y, "verifiedAt", v.verifiedAt());
        putDuration(y, "longestSoak", v.longestSoak());
        x.put(k, y);
      });
      m.put("verifiedIn", x);
    }
    if (!s.approvedFor().isEmpty()) {
      Map<String, Object> x = new TreeMap<>();
      s.approvedFor().forEach((k, v) -> {
        Map<String, Object> y = new LinkedHashMap<>();
        putTime(y, "approvedAt", v.approvedAt());
        x.put(k, y);
      });
      m.put("approvedFor", x);
    }
    if (!s.metadata().isEmpty()) {
      m.put("metadata", json(s.metadata()));
    }
    return m;
  }

  private static Map<String, Object> freightReference(FreightReference f) {
    Map<String, Object> m = new LinkedHashMap<>();
    putStr(m, "name", f.name());
    if (!f.origin().kind().isEmpty() || !f.origin().name().isEmpty()) {
      m.put("origin", origin(f.origin()));
    }
    artifacts(m, f.commits(), f.images(), f.charts(), f.artifacts());
    return m;
  }

  private static Map<String, Object> freightCollection(FreightCollection c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    if (!c.items().isEmpty()) {
      Map<String, Object> items = new TreeMap<>();
      c.items().forEach((k, v) -> items.put(k, freightReference(v)));
      m.put("items", items);
    }
    putList(m, "verificationHistory", c.verificationHistory(), ManifestWriter::verificationInfo);
    return m;
  }

  private static Map<String, Object> verificationInfo(VerificationInfo v) {
    Map<String, Object> m = new LinkedHashMap<>();
    putStr(m, "id", v.id());
    putStr(m, "actor", v.actor());
    putTime(m, "startTime", v.startTime());
    if (v.phase() != null) {
      m.put("phase", v.phase().wireName());
    }
    putStr(m, "message", v.message());
    if (v.analysisRun() != null) {
      AnalysisRunReference a = v.analysisRun();
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("namespace", a.namespace());
      x.put("name", a.name());
      x.put("phase", a.phase());
      m.put("analysisRun", x);
    }
    putTime(m, "finishTime", v.finishTime());
    return m;
  }

  // ---------------------------------------------------------------- Stage

  private static Map<String, Object> stage(Stage s) {
    Map<String, Object> m = header(ManifestDecoder.KARGO_API, "Stage", s.metadata());
    Map<String, Object> spec = new LinkedHashMap<>();
    putStr(spec, "shard", s.spec().shard());
    putList(spec, "vars", s.spec().vars(), ManifestWriter::var);
    spec.put("requestedFreight", list(s.spec().requestedFreight(), ManifestWriter::request));
    if (s.spec().promotionTemplate() != null) {
      Map<String, Object> ts = new LinkedHashMap<>();
      putList(ts, "vars", s.spec().promotionTemplate().vars(), ManifestWriter::var);
      ts.put("steps", list(s.spec().promotionTemplate().steps(), ManifestWriter::step));
      spec.put("promotionTemplate", map("spec", ts));
    }
    if (s.spec().verification() != null) {
      Map<String, Object> v = new LinkedHashMap<>();
      putList(v, "analysisTemplates", s.spec().verification().analysisTemplates(), (AnalysisTemplateReference t) -> {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("name", t.name());
        x.put("kind", t.kind().wireName());
        return x;
      });
      if (s.spec().verification().analysisRunMetadata() != null) {
        Map<String, Object> x = new LinkedHashMap<>();
        putIfNotEmpty(x, "labels", new TreeMap<>(s.spec().verification().analysisRunMetadata().labels()));
        putIfNotEmpty(x, "annotations", new TreeMap<>(s.spec().verification().analysisRunMetadata().annotations()));
        v.put("analysisRunMetadata", x);
      }
      putList(v, "args", s.spec().verification().args(), a -> {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("name", a.name());
        putStr(x, "value", a.value());
        return x;
      });
      spec.put("verification", v);
    }
    m.put("spec", spec);
    putObj(m, "status", stageStatus(s.status()));
    return m;
  }

  private static Map<String, Object> request(FreightRequest r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("origin", origin(r.origin()));
    FreightSources s = r.sources();
    Map<String, Object> src = new LinkedHashMap<>();
    putTrue(src, "direct", s.direct());
    putList(src, "stages", s.stages(), x -> x);
    putDuration(src, "requiredSoakTime", s.requiredSoakTime());
    src.put("availabilityStrategy", s.availabilityStrategy().wireName());
    if (s.autoPromotionOptions() != null) {
      src.put("autoPromotionOptions", map("selectionPolicy", s.autoPromotionOptions().selectionPolicy().wireName()));
    }
    m.put("sources", src);
    return m;
  }

  static Map<String, Object> step(PromotionStep s) {
    Map<String, Object> m = new LinkedHashMap<>();
    putStr(m, "uses", s.uses());
    if (s.task() != null) {
      m.put("task", map("name", s.task().name(), "kind", s.task().kind().wireName()));
    }
    putStr(m, "as", s.as());
    putStr(m, "if", s.ifExpression());
    putTrue(m, "continueOnError", s.continueOnError());
    if (s.retry() != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      putDuration(r, "timeout", s.retry().timeout());
      if (s.retry().errorThreshold() != 0) {
        r.put("errorThreshold", s.retry().errorThreshold());
      }
      m.put("retry", r);
    }
    putList(m, "vars", s.vars(), ManifestWriter::var);
    putObj(m, "config", castMap(json(s.config())));
    return m;
  }

  static Map<String, Object> stageStatus(StageStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    putList(m, "conditions", s.conditions(), ManifestWriter::condition);
    putStr(m, "lastHandledRefresh", s.lastHandledRefresh());
    putList(m, "freightHistory", s.freightHistory(), ManifestWriter::freightCollection);
    putStr(m, "freightSummary", s.freightSummary());
    if (s.health() != null) {
      Health h = s.health();
      Map<String, Object> x = new LinkedHashMap<>();
      if (h.status() != null) {
        x.put("status", h.status().wireName());
      }
      putList(x, "issues", h.issues(), i -> i);
      if (h.config() != null) {
        x.put("config", json(h.config()));
      }
      if (h.output() != null) {
        x.put("output", json(h.output()));
      }
      m.put("health", x);
    }
    if (s.observedGeneration() != 0) {
      m.put("observedGeneration", s.observedGeneration());
    }
    if (s.currentPromotion() != null) {
      m.put("currentPromotion", promotionReference(s.currentPromotion()));
    }
    if (s.lastPromotion() != null) {
      m.put("lastPromotion", promotionReference(s.lastPromotion()));
    }
    putTrue(m, "autoPromotionEnabled", s.autoPromotionEnabled());
    if (!s.metadata().isEmpty()) {
      m.put("metadata", json(s.metadata()));
    }
    holds(m, "autoPromotionHolds", s.autoPromotionHolds());
    holds(m, "effectiveAutoPromotionHolds", s.effectiveAutoPromotionHolds());
    return m;
  }

  private static void holds(Map<String, Object> m, String key, Map<String, AutoPromotionHold> holds) {
    if (holds.isEmpty()) {
      return;
    }
    Map<String, Object> x = new TreeMap<>();
    holds.forEach((k, h) -> {
      Map<String, Object> y = new LinkedHashMap<>();
      putStr(y, "freightName", h.freightName());
      y.put("origin", origin(h.origin()));
      putStr(y, "promotionName", h.promotionName());
      putStr(y, "actor", h.actor());
      putTime(y, "createdAt", h.createdAt());
      x.put(k, y);
    });
    m.put(key, x);
  }

  private static Map<String, Object> promotionReference(PromotionReference r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    if (r.freight() != null) {
      m.put("freight", freightReference(r.freight()));
    }
    if (r.status() != null) {
      m.put("status", promotionStatus(r.status()));
    }
    putTime(m, "finishedAt", r.finishedAt());
    return m;
  }

  // ---------------------------------------------------------------- Promotion

  private static Map<String, Object> promotion(Promotion p) {
    Map<String, Object> m = header(ManifestDecoder.KARGO_API, "Promotion", p.metadata());
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("stage", p.spec().stage());
    putStr(spec, "freight", p.spec().freight());
    if (p.spec().origin() != null) {
      spec.put("origin", origin(p.spec().origin()));
    }
    putList(spec, "vars", p.spec().vars(), ManifestWriter::var);
    spec.put("steps", list(p.spec().steps(), ManifestWriter::step));
    m.put("spec", spec);
    putObj(m, "status", promotionStatus(p.status()));
    return m;
  }

  static Map<String, Object> promotionStatus(PromotionStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    putStr(m, "lastHandledRefresh", s.lastHandledRefresh());
    if (s.phase() != null) {
      m.put("phase", s.phase().wireName());
    }
    putStr(m, "message", s.message());
    if (s.freight() != null) {
      m.put("freight", freightReference(s.freight()));
    }
    if (s.freightCollection() != null) {
      m.put("freightCollection", freightCollection(s.freightCollection()));
    }
    putList(m, "healthChecks", s.healthChecks(), (HealthCheckStep h) -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("uses", h.uses());
      putObj(x, "config", castMap(json(h.config())));
      return x;
    });
    putTime(m, "startedAt", s.startedAt());
    putTime(m, "finishedAt", s.finishedAt());
    if (s.currentStep() != 0) {
      m.put("currentStep", s.currentStep());
    }
    putList(m, "stepExecutionMetadata", s.stepExecutionMetadata(), (StepExecutionMetadata e) -> {
      Map<String, Object> x = new LinkedHashMap<>();
      putStr(x, "alias", e.alias());
      putTime(x, "startedAt", e.startedAt());
      putTime(x, "finishedAt", e.finishedAt());
      if (e.errorCount() != 0) {
        x.put("errorCount", e.errorCount());
      }
      if (e.status() != null) {
        x.put("status", e.status().wireName());
      }
      putStr(x, "message", e.message());
      putTrue(x, "continueOnError", e.continueOnError());
      return x;
    });
    putObj(m, "state", castMap(json(s.state())));
    return m;
  }

  private static Map<String, Object> taskSpec(PromotionTaskSpec s) {
    Map<String, Object> m = new LinkedHashMap<>();
    putList(m, "vars", s.vars(), ManifestWriter::var);
    m.put("steps", list(s.steps(), ManifestWriter::step));
    return m;
  }

  // ---------------------------------------------------------------- AnalysisTemplate

  private static Map<String, Object> analysisTemplate(AnalysisTemplate t) {
    Map<String, Object> m = header(ManifestDecoder.ROLLOUTS_API,
        t.clusterScoped() ? "ClusterAnalysisTemplate" : "AnalysisTemplate", t.metadata());
    Map<String, Object> spec = new LinkedHashMap<>();
    putList(spec, "args", t.spec().args(), (AnalysisArgument a) -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", a.name());
      if (a.value() != null) {
        x.put("value", a.value());
      }
      putObj(x, "valueFrom", castMap(json(a.valueFrom())));
      return x;
    });
    spec.put("metrics", list(t.spec().metrics(), ManifestWriter::metric));
    putList(spec, "dryRun", t.spec().dryRun(), d -> map("metricName", d.metricName()));
    putList(spec, "measurementRetention", t.spec().measurementRetention(),
        d -> map("metricName", d.metricName(), "limit", d.limit()));
    m.put("spec", spec);
    return m;
  }

  private static Map<String, Object> metric(Metric x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", x.name());
    putDuration(m, "interval", x.interval());
    putDuration(m, "initialDelay", x.initialDelay());
    putIntOrString(m, "count", x.count());
    putStr(m, "successCondition", x.successCondition());
    putStr(m, "failureCondition", x.failureCondition());
    putIntOrString(m, "failureLimit", x.failureLimit());
    putIntOrString(m, "inconclusiveLimit", x.inconclusiveLimit());
    putIntOrString(m, "consecutiveErrorLimit", x.consecutiveErrorLimit());
    putIntOrString(m, "consecutiveSuccessLimit", x.consecutiveSuccessLimit());
    Map<String, Object> p = new LinkedHashMap<>();
    if (x.provider() instanceof WebMetricProvider) {
      WebMetricProvider w = (WebMetricProvider) x.provider();
      Map<String, Object> y = new LinkedHashMap<>();
      putStr(y, "method", w.method());
      y.put("url", w.url());
      putList(y, "headers", w.headers(), (WebMetricHeader h) -> map("key", h.key(), "value", h.value()));
      putStr(y, "body", w.body());
      if (w.timeoutSeconds() != 0) {
        y.put("timeoutSeconds", w.timeoutSeconds());
      }
      putStr(y, "jsonPath", w.jsonPath());
      putTrue(y, "insecure", w.insecure());
      if (w.jsonBody() != null) {
        y.put("jsonBody", json(w.jsonBody()));
      }
      p.put("web", y);
    } else {
      GenericMetricProvider g = (GenericMetricProvider) x.provider();
      p.put(g.type(), json(g.config()));
    }
    m.put("provider", p);
    return m;
  }

  private static void putIntOrString(Map<String, Object> m, String key, IntOrString v) {
    if (v != null) {
      m.put(key, v.isInt() ? (Object) v.intValue() : v.stringValue());
    }
  }
}
