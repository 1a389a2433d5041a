package dev.kargo4j.core.manifest.internal;

import dev.kargo4j.core.freight.FreightIds;
import dev.kargo4j.core.freight.RepoUrls;
import dev.kargo4j.core.model.AnalysisRunArgument;
import dev.kargo4j.core.model.AnalysisRunMetadata;
import dev.kargo4j.core.model.AnalysisRunReference;
import dev.kargo4j.core.model.AnalysisTemplateKind;
import dev.kargo4j.core.model.AnalysisTemplateReference;
import dev.kargo4j.core.model.ApprovedStage;
import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.AutoPromotionHold;
import dev.kargo4j.core.model.AutoPromotionOptions;
import dev.kargo4j.core.model.AutoPromotionSelectionPolicy;
import dev.kargo4j.core.model.AvailabilityStrategy;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.ChartDiscoveryResult;
import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.model.ClusterPromotionTask;
import dev.kargo4j.core.model.CommitSelectionStrategy;
import dev.kargo4j.core.model.Condition;
import dev.kargo4j.core.model.ConfigMap;
import dev.kargo4j.core.model.CredentialsSecret;
import dev.kargo4j.core.model.CurrentStage;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredCommit;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.DiscoveredRef;
import dev.kargo4j.core.model.DiscoveryResult;
import dev.kargo4j.core.model.ExpressionVariable;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightCreationCriteria;
import dev.kargo4j.core.model.FreightCreationPolicy;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.FreightSources;
import dev.kargo4j.core.model.FreightStatus;
import dev.kargo4j.core.model.GenericSubscription;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.GitDiscoveryRefs;
import dev.kargo4j.core.model.GitDiscoveryResult;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.model.Health;
import dev.kargo4j.core.model.HealthCheckStep;
import dev.kargo4j.core.model.HealthState;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ImageDiscoveryResult;
import dev.kargo4j.core.model.ImageSelectionStrategy;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.LabelSelector;
import dev.kargo4j.core.model.LabelSelectorOperator;
import dev.kargo4j.core.model.LabelSelectorRequirement;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Project;
import dev.kargo4j.core.model.ProjectConfig;
import dev.kargo4j.core.model.ProjectConfigSpec;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionPhase;
import dev.kargo4j.core.model.PromotionPolicy;
import dev.kargo4j.core.model.PromotionReference;
import dev.kargo4j.core.model.PromotionSpec;
import dev.kargo4j.core.model.PromotionStatus;
import dev.kargo4j.core.model.PromotionStep;
import dev.kargo4j.core.model.PromotionStepRetry;
import dev.kargo4j.core.model.PromotionStepStatus;
import dev.kargo4j.core.model.PromotionTask;
import dev.kargo4j.core.model.PromotionTaskKind;
import dev.kargo4j.core.model.PromotionTaskReference;
import dev.kargo4j.core.model.PromotionTaskSpec;
import dev.kargo4j.core.model.PromotionTemplate;
import dev.kargo4j.core.model.Secret;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.StageSelector;
import dev.kargo4j.core.model.StageSpec;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.StepExecutionMetadata;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.Verification;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.VerificationPhase;
import dev.kargo4j.core.model.VerifiedStage;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.WarehouseSpec;
import dev.kargo4j.core.model.WarehouseStatus;
import dev.kargo4j.core.model.WebhookReceiver;
import dev.kargo4j.core.model.rollouts.AnalysisArgument;
import dev.kargo4j.core.model.rollouts.AnalysisTemplate;
import dev.kargo4j.core.model.rollouts.AnalysisTemplateSpec;
import dev.kargo4j.core.model.rollouts.DryRun;
import dev.kargo4j.core.model.rollouts.GenericMetricProvider;
import dev.kargo4j.core.model.rollouts.IntOrString;
import dev.kargo4j.core.model.rollouts.MeasurementRetention;
import dev.kargo4j.core.model.rollouts.Metric;
import dev.kargo4j.core.model.rollouts.MetricProvider;
import dev.kargo4j.core.model.rollouts.WebMetricHeader;
import dev.kargo4j.core.model.rollouts.WebMetricProvider;
import dev.kargo4j.core.spi.CredentialType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decodes YAML documents into model records, validating as Kargo does. */
public final class ManifestDecoder {
  /** Kargo's API group/version. */
  public static final String KARGO_API = "kargo.akuity.io/v1alpha1";
  /** Argo Rollouts' API group/version. */
  public static final String ROLLOUTS_API = "argoproj.io/v1alpha1";
  /** Kubernetes core API version. */
  public static final String CORE_API = "v1";

  private static final String KINDS =
      "Project, ProjectConfig, Warehouse, Stage, Freight, Promotion, PromotionTask,"
          + " ClusterPromotionTask (kargo.akuity.io/v1alpha1); AnalysisTemplate,"
          + " ClusterAnalysisTemplate (argoproj.io/v1alpha1); Secret, ConfigMap (v1)";

  private ManifestDecoder() {}

  /** A decoded document whose status may stand without a spec (store status documents). */
  public record StatusDocument(ObjectMeta metadata, Object status) {}

  /** Decodes a full document into its model object. */
  public static Object decode(MapReader.Context ctx, YNode root) {
    MapReader r = MapReader.of(ctx, root, "");
    String kind = r.reqStr("kind");
    String api = r.reqStr("apiVersion");
    switch (kind) {
      case "Project":
        api(r, api, KARGO_API);
        r.allow("apiVersion", "kind", "metadata", "status");
        return project(r);
      case "ProjectConfig":
        api(r, api, KARGO_API);
        r.allow("apiVersion", "kind", "metadata", "spec");
        return projectConfig(r);
      case "Warehouse":
        api(r, api, KARGO_API);
        r.allow("apiVersion", "kind", "metadata", "spec", "status");
        return warehouse(r);
      case "Stage":
        api(r, api, KARGO_API);
        r.allow("apiVersion", "kind", "metadata", "spec", "status");
        return stage(r);
      case "Freight":
        api(r, api, KARGO_API);
        r.allow("apiVersion", "kind", "metadata", "alias", "discoveredAt", "origin", "commits",
            "images", "charts", "artifacts", "status");
        return freight(r);
      case "Promotion":
        api(r, api, KARGO_API);
        r.allow("apiVersion", "kind", "metadata", "spec", "status");
        return promotion(r);
      case "PromotionTask":
      case "ClusterPromotionTask":
        api(r, api, KARGO_API);
        r.allow("apiVersion", "kind", "metadata", "spec");
        return promotionTask(r, kind.equals("ClusterPromotionTask"));
      case "AnalysisTemplate":
      case "ClusterAnalysisTemplate":
        api(r, api, ROLLOUTS_API);
        r.allow("apiVersion", "kind", "metadata", "spec");
        return analysisTemplate(r, kind.equals("ClusterAnalysisTemplate"));
      case "Secret":
        api(r, api, CORE_API);
        r.allow("apiVersion", "kind", "metadata", "type", "data", "stringData", "immutable");
        return secret(r);
      case "ConfigMap":
        api(r, api, CORE_API);
        r.allow("apiVersion", "kind", "metadata", "data", "immutable");
        ObjectMeta meta = meta(r.reqObj("metadata"));
        Map<String, String> data = r.strMap("data");
        return r.build(() -> new ConfigMap(meta, data));
      default:
        throw ctx.error(r.lineOf("kind"), "kind", "unsupported kind \"" + kind + "\"; allowed: " + KINDS);
    }
  }

  /**
   * Decodes a Stage or Warehouse document that may lack a spec (as written by the directory
   * store for statuses): returns its metadata and its {@link StageStatus} or
   * {@link WarehouseStatus}.
   */
  public static StatusDocument decodeStatus(MapReader.Context ctx, YNode root, String expectedKind) {
    MapReader r = MapReader.of(ctx, root, "");
    String kind = r.reqStr("kind");
    api(r, r.reqStr("apiVersion"), KARGO_API);
    if (!kind.equals(expectedKind)) {
      throw ctx.error(r.lineOf("kind"), "kind", "expected kind " + expectedKind + ", got " + kind);
    }
    r.allow("apiVersion", "kind", "metadata", "status");
    ObjectMeta meta = meta(r.reqObj("metadata"));
    MapReader s = r.obj("status");
    Object status;
    if (kind.equals("Stage")) {
      status = s == null ? StageStatus.EMPTY : stageStatus(s);
    } else {
      status = s == null ? WarehouseStatus.EMPTY : warehouseStatus(s);
    }
    return new StatusDocument(meta, status);
  }

  private static void api(MapReader r, String api, String expected) {
    if (!api.equals(expected)) {
      throw r.context().error(r.lineOf("apiVersion"), "apiVersion",
          "\"" + api + "\" is not allowed for kind " + r.str("kind") + "; allowed: " + expected);
    }
  }

  // ---------------------------------------------------------------- common

  static ObjectMeta meta(MapReader m) {
    m.allow("name", "namespace", "labels", "annotations", "creationTimestamp", "resourceVersion");
    String name = m.str("name");
    String namespace = m.str("namespace");
    Map<String, String> labels = m.strMap("labels");
    Map<String, String> annotations = m.strMap("annotations");
    java.time.Instant created = m.time("creationTimestamp");
    String rv = m.str("resourceVersion");
    return m.build(() -> new ObjectMeta(name, namespace, labels, annotations, created, rv));
  }

  private static ObjectMeta requiredMeta(MapReader r) {
    ObjectMeta meta = meta(r.reqObj("metadata"));
    if (meta.name().isEmpty()) {
      MapReader m = r.reqObj("metadata");
      throw r.context().error(m.lineOf("name"), "metadata.name", "required field is missing or empty");
    }
    return meta;
  }

  private static List<Condition> conditions(MapReader m) {
    return m.list("conditions", (n, p) -> {
      MapReader c = MapReader.of(m.context(), n, p)
          .allow("type", "status", "observedGeneration", "lastTransitionTime", "reason", "message");
      String type = c.str("type");
      String status = c.str("status");
      long gen = c.integer("observedGeneration", 0, 0, Long.MAX_VALUE);
      java.time.Instant t = c.time("lastTransitionTime");
      String reason = c.str("reason");
      String message = c.str("message");
      return c.build(() -> new Condition(type, status, gen, t, reason, message));
    });
  }

  static List<ExpressionVariable> vars(MapReader m, String key) {
    return m.list(key, (n, p) -> {
      MapReader v = MapReader.of(m.context(), n, p).allow("name", "value");
      String name = v.str("name");
      String value = v.str("value");
      return v.build(() -> new ExpressionVariable(name, value));
    });
  }

  private static FreightOrigin origin(MapReader o, boolean requireWarehouse) {
    o.allow("kind", "name");
    String kind = o.str("kind");
    String name = o.str("name");
    if (requireWarehouse) {
      if (!kind.equals(FreightOrigin.WAREHOUSE)) {
        throw o.context().error(o.lineOf("kind"), o.child("kind"),
            kind.isEmpty() ? "required field is missing; allowed: Warehouse"
                : "\"" + kind + "\" is not allowed; allowed: Warehouse");
      }
      if (name.isEmpty()) {
        throw o.context().error(o.lineOf("name"), o.child("name"), "required field is missing or empty");
      }
    }
    return new FreightOrigin(kind, name);
  }

  // ---------------------------------------------------------------- Project

  private static Project project(MapReader r) {
    ObjectMeta meta = requiredMeta(r);
    MapReader status = r.obj("status");
    List<Condition> conditions = List.of();
    if (status != null) {
      status.allow("conditions");
      conditions = conditions(status);
    }
    List<Condition> c = conditions;
    return r.build(() -> new Project(meta, c));
  }

  private static ProjectConfig projectConfig(MapReader r) {
    ObjectMeta meta = requiredMeta(r);
    if (!meta.namespace().isEmpty() && !meta.namespace().equals(meta.name())) {
      throw r.context().error(r.reqObj("metadata").lineOf("name"), "metadata.name",
          "a ProjectConfig must be named after its Project \"" + meta.namespace() + "\"");
    }
    MapReader spec = r.obj("spec");
    List<PromotionPolicy> policies = List.of();
    List<WebhookReceiver> receivers = List.of();
    if (spec != null) {
      spec.allow("promotionPolicies", "webhookReceivers");
      policies = spec.list("promotionPolicies", (n, p) -> promotionPolicy(MapReader.of(spec.context(), n, p)));
      receivers = spec.list("webhookReceivers", (n, p) -> webhookReceiver(MapReader.of(spec.context(), n, p)));
    }
    ProjectConfigSpec s = new ProjectConfigSpec(policies, receivers);
    return r.build(() -> new ProjectConfig(meta, s));
  }

  private static PromotionPolicy promotionPolicy(MapReader m) {
    m.allow("stage", "stageSelector", "autoPromotionEnabled");
    String stage = m.str("stage");
    MapReader sel = m.obj("stageSelector");
    if (!stage.isEmpty() && sel != null || stage.isEmpty() && sel == null) {
      throw m.context().error(m.line(), m.path(),
          "exactly one of stage or stageSelector must be set");
    }
    StageSelector selector;
    if (sel != null) {
      sel.allow("name", "matchLabels", "matchExpressions");
      String name = sel.str("name");
      LabelSelector ls = null;
      if (sel.has("matchLabels") || sel.has("matchExpressions")) {
        ls = labelSelector(sel);
      }
      LabelSelector fls = ls;
      selector = sel.build(() -> new StageSelector(name, fls));
    } else {
      m.context().warn(m.lineOf("stage"), m.child("stage"),
          "deprecated; use stageSelector.name; read as stageSelector: {name: " + stage + "}");
      selector = new StageSelector(stage, null);
    }
    boolean enabled = m.bool("autoPromotionEnabled", false);
    return m.build(() -> new PromotionPolicy(selector, enabled));
  }

  private static LabelSelector labelSelector(MapReader m) {
    Map<String, String> labels = m.strMap("matchLabels");
    List<LabelSelectorRequirement> exprs = m.list("matchExpressions", (n, p) -> {
      MapReader e = MapReader.of(m.context(), n, p).allow("key", "operator", "values");
      String key = e.str("key");
      LabelSelectorOperator op = e.enumValue("operator", LabelSelectorOperator::fromWireName);
      List<String> values = e.strList("values");
      return e.build(() -> new LabelSelectorRequirement(key, op, values));
    });
    return m.build(() -> new LabelSelector(labels, exprs));
  }

  private static WebhookReceiver webhookReceiver(MapReader m) {
    String name = m.str("name");
    List<String> types = new ArrayList<>();
    for (String k : m.keys()) {
      if (!k.equals("name")) {
        types.add(k);
      }
    }
    List<String> allowed = List.of("github", "gitlab", "gitea", "bitbucket", "dockerhub", "quay",
        "harbor", "artifactory", "azure", "generic");
    if (types.size() != 1 || !allowed.contains(types.get(0))) {
      throw m.context().error(m.line(), m.path(),
          "a webhook receiver needs name and exactly one of " + String.join(", ", allowed));
    }
    String type = types.get(0);
    Map<String, Object> config = m.jsonObject(type);
    return m.build(() -> new WebhookReceiver(name, type, config));
  }

  // ---------------------------------------------------------------- Warehouse

  private static Warehouse warehouse(MapReader r) {
    ObjectMeta meta = requiredMeta(r);
    MapReader spec = r.reqObj("spec");
    spec.allow("shard", "interval", "freightCreationPolicy", "subscriptions", "freightCreationCriteria");
    String shard = spec.str("shard");
    java.time.Duration interval = spec.duration("interval");
    FreightCreationPolicy policy = spec.enumValue("freightCreationPolicy", FreightCreationPolicy::fromWireName);
    if (!spec.has("subscriptions")) {
      throw r.context().error(spec.lineOf("subscriptions"), spec.child("subscriptions"),
          "required field is missing; at least one subscription is required");
    }
    List<Subscription> subs = spec.list("subscriptions", (n, p) -> subscription(MapReader.of(spec.context(), n, p)));
    checkDuplicateRepositories(spec, subs);
    FreightCreationCriteria criteria = null;
    MapReader c = spec.obj("freightCreationCriteria");
    if (c != null) {
      c.allow("expression");
      criteria = new FreightCreationCriteria(c.str("expression"));
    }
    FreightCreationCriteria fc = criteria;
    WarehouseSpec ws = spec.build(() -> new WarehouseSpec(shard, interval, policy, subs, fc));
    MapReader st = r.obj("status");
    WarehouseStatus status = st == null ? WarehouseStatus.EMPTY : warehouseStatus(st);
    return r.build(() -> new Warehouse(meta, ws, status));
  }

  private static void checkDuplicateRepositories(MapReader spec, List<Subscription> subs) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < subs.size(); i++) {
      Subscription s = subs.get(i);
      String key;
      if (s instanceof GitSubscription) {
        key = "git:" + RepoUrls.normalizeGit(((GitSubscription) s).repoURL());
      } else if (s instanceof ImageSubscription) {
        key = "image:" + RepoUrls.normalizeImage(((ImageSubscription) s).repoURL());
      } else if (s instanceof ChartSubscription) {
        ChartSubscription c = (ChartSubscription) s;
        key = "chart:" + RepoUrls.normalizeChart(c.repoURL());
        if (c.repoURL().startsWith("http://") || c.repoURL().startsWith("https://")) {
          key += ":" + c.chartName();
        }
      } else {
        continue;
      }
      Integer previous = seen.putIfAbsent(key, i);
      if (previous != null) {
        String field = "subscriptions[" + i + "]." + s.type();
        throw spec.context().error(MapReader.lineOf(spec.node(), field), spec.child(field),
            "a subscription to the same repository already exists at "
                + spec.child("subscriptions[" + previous + "]"));
      }
    }
  }

  private static Subscription subscription(MapReader m) {
    List<String> typeKeys = new ArrayList<>();
    for (String k : m.keys()) {
      if (!k.equals("name")) {
        typeKeys.add(k);
      }
    }
    if (typeKeys.size() != 1) {
      throw m.context().error(m.line(), m.path(),
          "a subscription must have exactly one top-level field naming its type (git, image,"
              + " chart or a plug-in type), apart from an optional name, but has "
              + typeKeys.size() + (typeKeys.isEmpty() ? "" : " (" + String.join(", ", typeKeys) + ")"));
    }
    String name = m.str("name");
    m.build(() -> dev.kargo4j.core.model.internal.Checks.optionalLabel("name", name));
    String type = typeKeys.get(0);
    MapReader body = m.reqObj(type);
    Subscription sub;
    switch (type) {
      case "git":
        sub = gitSubscription(body, name);
        break;
      case "image":
        sub = imageSubscription(body, name);
        break;
      case "chart":
        sub = chartSubscription(body, name);
        break;
      default:
        body.allow("config", "discoveryLimit");
        Map<String, Object> config = body.jsonObject("config");
        long limit = body.integer("discoveryLimit", Subscription.DEFAULT_DISCOVERY_LIMIT, 1, 100);
        if (name.isEmpty()) {
          throw m.context().error(m.line(), m.child("name"),
              "a name is required for subscriptions of type " + type);
        }
        sub = m.build(() -> new GenericSubscription(name, type, config, (int) limit));
        break;
    }
    return sub;
  }

  /** Go's regexp.QuoteMeta. */
  static String quoteMeta(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }


  private static GitSubscription gitSubscription(MapReader m, String name) {
    m.allow("repoURL", "commitSelectionStrategy", "branch", "strictSemvers", "semverConstraint",
        "allowTags", "allowTagsRegexes", "ignoreTags", "ignoreTagsRegexes", "expressionFilter",
        "includePaths", "excludePaths", "discoveryLimit", "since", "insecureSkipTLSVerify", "blobless");
    String repoURL = m.str("repoURL");
    CommitSelectionStrategy strategy =
        m.enumValue("commitSelectionStrategy", CommitSelectionStrategy::fromWireName);
    List<String> allow = new ArrayList<>(m.strList("allowTagsRegexes"));
    List<String> ignore = new ArrayList<>(m.strList("ignoreTagsRegexes"));
    mapDeprecatedTags(m, allow, ignore);
    boolean strict = m.bool("strictSemvers", true);
    String semver = m.str("semverConstraint");
    String filter = m.str("expressionFilter");
    List<String> include = m.strList("includePaths");
    List<String> exclude = m.strList("excludePaths");
    long limit = m.integer("discoveryLimit", Subscription.DEFAULT_DISCOVERY_LIMIT, 1, 100);
    java.time.Instant since = m.time("since");
    boolean insecure = m.bool("insecureSkipTLSVerify", false);
    boolean blobless = m.bool("blobless", false);
    String branch = m.str("branch");
    return m.build(() -> new GitSubscription(name, repoURL, strategy, branch, strict, semver,
        allow, ignore, filter, include, exclude, (int) limit, since, insecure, blobless));
  }

  private static void mapDeprecatedTags(MapReader m, List<String> allow, List<String> ignore) {
    if (m.has("allowTags")) {
      String allowTags = m.str("allowTags");
      if (!allowTags.isEmpty()) {
        allow.add(allowTags);
        m.context().warn(m.lineOf("allowTags"), m.child("allowTags"),
            "deprecated (Kargo v1.11+ fails discovery when it is set); use allowTagsRegexes;"
                + " read as allowTagsRegexes: [" + allowTags + "]");
      }
    }
    if (m.has("ignoreTags")) {
      List<String> tags = m.strList("ignoreTags");
      List<String> regexes = new ArrayList<>();
      for (String t : tags) {
        regexes.add("^" + quoteMeta(t) + "$");
      }
      ignore.addAll(regexes);
      if (!tags.isEmpty()) {
        m.context().warn(m.lineOf("ignoreTags"), m.child("ignoreTags"),
            "deprecated (Kargo v1.11+ fails discovery when it is set); use ignoreTagsRegexes;"
                + " read as ignoreTagsRegexes: " + regexes);
      }
    }
  }

  private static ImageSubscription imageSubscription(MapReader m, String name) {
    m.allow("repoURL", "imageSelectionStrategy", "constraint", "semverConstraint", "strictSemvers",
        "allowTags", "allowTagsRegexes", "ignoreTags", "ignoreTagsRegexes", "platform",
        "discoveryLimit", "cacheByTag", "insecureSkipTLSVerify");
    String repoURL = m.str("repoURL");
    ImageSelectionStrategy strategy =
        m.enumValue("imageSelectionStrategy", ImageSelectionStrategy::fromWireName);
    String constraint = m.str("constraint");
    if (m.has("semverConstraint")) {
      String semver = m.str("semverConstraint");
      if (!constraint.isEmpty() && !semver.isEmpty() && !constraint.equals(semver)) {
        throw m.context().error(m.lineOf("semverConstraint"), m.child("semverConstraint"),
            "deprecated field conflicts with constraint; set only constraint");
      }
      if (!semver.isEmpty()) {
        constraint = semver;
        m.context().warn(m.lineOf("semverConstraint"), m.child("semverConstraint"),
            "deprecated for images; use constraint; read as constraint: " + semver);
      }
    }
    List<String> allow = new ArrayList<>(m.strList("allowTagsRegexes"));
    List<String> ignore = new ArrayList<>(m.strList("ignoreTagsRegexes"));
    mapDeprecatedTags(m, allow, ignore);
    boolean strict = m.bool("strictSemvers", true);
    String platform = m.str("platform");
    long limit = m.integer("discoveryLimit", Subscription.DEFAULT_DISCOVERY_LIMIT, 1, 100);
    boolean cache = m.bool("cacheByTag", false);
    boolean insecure = m.bool("insecureSkipTLSVerify", false);
    String c = constraint;
    return m.build(() -> new ImageSubscription(name, repoURL, strategy, c, strict, allow, ignore,
        platform, (int) limit, cache, insecure));
  }

  private static ChartSubscription chartSubscription(MapReader m, String name) {
    m.allow("repoURL", "name", "semverConstraint", "discoveryLimit", "insecureSkipTLSVerify");
    String repoURL = m.str("repoURL");
    String chartName = m.str("name");
    String semver = m.str("semverConstraint");
    long limit = m.integer("discoveryLimit", Subscription.DEFAULT_DISCOVERY_LIMIT, 1, 100);
    boolean insecure = m.bool("insecureSkipTLSVerify", false);
    return m.build(() -> new ChartSubscription(name, repoURL, chartName, semver, (int) limit, insecure));
  }

  static WarehouseStatus warehouseStatus(MapReader s) {
    s.allow("conditions", "lastHandledRefresh", "observedGeneration", "lastFreightID", "discoveredArtifacts");
    List<Condition> conditions = conditions(s);
    String refresh = s.str("lastHandledRefresh");
    long gen = s.integer("observedGeneration", 0, 0, Long.MAX_VALUE);
    String last = s.str("lastFreightID");
    MapReader d = s.obj("discoveredArtifacts");
    DiscoveredArtifacts da = d == null ? null : discoveredArtifacts(d);
    return s.build(() -> new WarehouseStatus(conditions, refresh, gen, last, da));
  }

  private static DiscoveredArtifacts discoveredArtifacts(MapReader d) {
    d.allow("discoveredAt", "git", "images", "charts", "results");
    java.time.Instant at = d.time("discoveredAt");
    List<GitDiscoveryResult> git = d.list("git", (n, p) -> {
      MapReader g = MapReader.of(d.context(), n, p).allow("repoURL", "commits", "subscriptionName", "observedRefs");
      List<DiscoveredCommit> commits = g.list("commits", (cn, cp) -> {
        MapReader c = MapReader.of(d.context(), cn, cp)
            .allow("id", "branch", "tag", "subject", "author", "committer", "creatorDate");
        return c.build(() -> new DiscoveredCommit(c.str("id"), c.str("branch"), c.str("tag"),
            c.str("subject"), c.str("author"), c.str("committer"), c.time("creatorDate")));
      });
      GitDiscoveryRefs refs = null;
      MapReader o = g.obj("observedRefs");
      if (o != null) {
        o.allow("branchHead", "tags");
        List<DiscoveredRef> tags = o.list("tags", (tn, tp) -> {
          MapReader t = MapReader.of(d.context(), tn, tp).allow("name", "id");
          return new DiscoveredRef(t.str("name"), t.str("id"));
        });
        refs = new GitDiscoveryRefs(o.str("branchHead"), tags);
      }
      GitDiscoveryRefs fr = refs;
      return g.build(() -> new GitDiscoveryResult(g.str("repoURL"), commits, g.str("subscriptionName"), fr));
    });
    List<ImageDiscoveryResult> images = d.list("images", (n, p) -> {
      MapReader i = MapReader.of(d.context(), n, p).allow("repoURL", "platform", "references", "subscriptionName");
      List<DiscoveredImageReference> refs = i.list("references", (rn, rp) -> {
        MapReader x = MapReader.of(d.context(), rn, rp).allow("tag", "digest", "annotations", "createdAt");
        return x.build(() -> new DiscoveredImageReference(x.str("tag"), x.str("digest"),
            x.strMap("annotations"), x.time("createdAt")));
      });
      return i.build(() -> new ImageDiscoveryResult(i.str("repoURL"), i.str("platform"), refs, i.str("subscriptionName")));
    });
    List<ChartDiscoveryResult> charts = d.list("charts", (n, p) -> {
      MapReader c = MapReader.of(d.context(), n, p)
          .allow("repoURL", "name", "semverConstraint", "versions", "subscriptionName");
      return c.build(() -> new ChartDiscoveryResult(c.str("repoURL"), c.str("name"),
          c.str("semverConstraint"), c.strList("versions"), c.str("subscriptionName")));
    });
    List<DiscoveryResult> results = d.list("results", (n, p) -> {
      MapReader x = MapReader.of(d.context(), n, p).allow("name", "artifactReferences");
      List<ArtifactReference> refs = x.list("artifactReferences", (an, ap) -> artifact(MapReader.of(d.context(), an, ap)));
      return x.build(() -> new DiscoveryResult(x.str("name"), refs));
    });
    return d.build(() -> new DiscoveredArtifacts(at, git, images, charts, results));
  }

  // ---------------------------------------------------------------- Freight

  private static GitCommit commit(MapReader c) {
    c.allow("repoURL", "id", "branch", "tag", "message", "author", "committer", "subscriptionName");
    return c.build(() -> new GitCommit(c.str("repoURL"), c.str("id"), c.str("branch"), c.str("tag"),
        c.str("message"), c.str("author"), c.str("committer"), c.str("subscriptionName")));
  }

  private static Image image(MapReader c) {
    c.allow("repoURL", "tag", "digest", "annotations", "subscriptionName");
    return c.build(() -> new Image(c.str("repoURL"), c.str("tag"), c.str("digest"),
        c.strMap("annotations"), c.str("subscriptionName")));
  }

  private static Chart chart(MapReader c) {
    c.allow("repoURL", "name", "version", "subscriptionName");
    return c.build(() -> new Chart(c.str("repoURL"), c.str("name"), c.str("version"), c.str("subscriptionName")));
  }

  private static ArtifactReference artifact(MapReader c) {
    c.allow("artifactType", "subscriptionName", "version", "metadata");
    return c.build(() -> new ArtifactReference(c.str("artifactType"), c.str("subscriptionName"),
        c.str("version"), c.json("metadata")));
  }

  private static Freight freight(MapReader r) {
    ObjectMeta meta = meta(r.reqObj("metadata"));
    String alias = r.str("alias");
    java.time.Instant discoveredAt = r.time("discoveredAt");
    FreightOrigin origin = origin(r.reqObj("origin"), true);
    List<GitCommit> commits = r.list("commits", (n, p) -> commit(MapReader.of(r.context(), n, p)));
    List<Image> images = r.list("images", (n, p) -> image(MapReader.of(r.context(), n, p)));
    List<Chart> charts = r.list("charts", (n, p) -> chart(MapReader.of(r.context(), n, p)));
    List<ArtifactReference> artifacts = r.list("artifacts", (n, p) -> artifact(MapReader.of(r.context(), n, p)));
    MapReader st = r.obj("status");
    FreightStatus status = st == null ? FreightStatus.EMPTY : freightStatus(st);
    if (commits.isEmpty() && images.isEmpty() && charts.isEmpty() && artifacts.isEmpty()) {
      throw r.context().error(r.line(), "",
          "Freight must contain at least one commit, image, chart or artifact");
    }
    String id = FreightIds.generate(origin, commits, images, charts, artifacts);
    ObjectMeta named = meta;
    if (meta.name().isEmpty()) {
      named = meta.withName(id);
    } else if (!meta.name().equals(id)) {
      r.context().warn(r.reqObj("metadata").lineOf("name"), "metadata.name",
          "\"" + meta.name() + "\" is not the Freight ID of these artifacts (" + id
              + "); Kargo would rename it to the ID on creation");
    }
    ObjectMeta fm = named;
    return r.build(() -> new Freight(fm, alias, discoveredAt, origin, commits, images, charts, artifacts, status));
  }

  private static FreightStatus freightStatus(MapReader s) {
    s.allow("currentlyIn", "verifiedIn", "approvedFor", "metadata");
    Map<String, CurrentStage> current = keyed(s, "currentlyIn", m -> {
      m.allow("since");
      return new CurrentStage(m.time("since"));
    });
    Map<String, VerifiedStage> verified = keyed(s, "verifiedIn", m -> {
      m.allow("verifiedAt", "longestSoak");
      return new VerifiedStage(m.time("verifiedAt"), m.duration("longestSoak"));
    });
    Map<String, ApprovedStage> approved = keyed(s, "approvedFor", m -> {
      m.allow("approvedAt");
      return new ApprovedStage(m.time("approvedAt"));
    });
    Map<String, Object> metadata = s.jsonObject("metadata");
    return s.build(() -> new FreightStatus(current, verified, approved, metadata));
  }

  private static <T> Map<String, T> keyed(MapReader s, String key, java.util.function.Function<MapReader, T> f) {
    MapReader m = s.obj(key);
    if (m == null) {
      return Map.of();
    }
    Map<String, T> out = new LinkedHashMap<>();
    for (String k : m.keys()) {
      MapReader v = m.obj(k);
      if (v == null) {
        v = MapReader.of(s.context(), new YNode.YMap(m.lineOf(k), Map.of()), m.child(k));
      }
      out.put(k, f.apply(v));
    }
    return out;
  }

  private static FreightReference freightReference(MapReader m) {
    m.allow("name", "origin", "commits", "images", "charts", "artifacts");
    MapReader o = m.obj("origin");
    FreightOrigin origin = o == null ? null : origin(o, false);
    List<GitCommit> commits = m.list("commits", (n, p) -> commit(MapReader.of(m.context(), n, p)));
    List<Image> images = m.list("images", (n, p) -> image(MapReader.of(m.context(), n, p)));
    List<Chart> charts = m.list("charts", (n, p) -> chart(MapReader.of(m.context(), n, p)));
    List<ArtifactReference> artifacts = m.list("artifacts", (n, p) -> artifact(MapReader.of(m.context(), n, p)));
    return m.build(() -> new FreightReference(m.str("name"), origin, commits, images, charts, artifacts));
  }

  private static FreightCollection freightCollection(MapReader m) {
    m.allow("id", "items", "verificationHistory");
    Map<String, FreightReference> items = keyed(m, "items", ManifestDecoder::freightReference);
    List<VerificationInfo> history = m.list("verificationHistory", (n, p) -> verificationInfo(MapReader.of(m.context(), n, p)));
    return m.build(() -> new FreightCollection(m.str("id"), items, history));
  }

  private static VerificationInfo verificationInfo(MapReader v) {
    v.allow("id", "actor", "startTime", "phase", "message", "analysisRun", "finishTime");
    VerificationPhase phase = v.enumValue("phase", VerificationPhase::fromWireName);
    MapReader ar = v.obj("analysisRun");
    AnalysisRunReference run = null;
    if (ar != null) {
      ar.allow("namespace", "name", "phase");
      run = new AnalysisRunReference(ar.str("namespace"), ar.str("name"), ar.str("phase"));
    }
    AnalysisRunReference fr = run;
    return v.build(() -> new VerificationInfo(v.str("id"), v.str("actor"), v.time("startTime"),
        phase, v.str("message"), fr, v.time("finishTime")));
  }

  // ---------------------------------------------------------------- Stage

  private static Stage stage(MapReader r) {
    ObjectMeta meta = requiredMeta(r);
    MapReader spec = r.reqObj("spec");
    spec.allow("shard", "vars", "requestedFreight", "promotionTemplate", "verification");
    String shard = spec.str("shard");
    List<ExpressionVariable> vars = vars(spec, "vars");
    if (!spec.has("requestedFreight")) {
      throw r.context().error(spec.lineOf("requestedFreight"), spec.child("requestedFreight"),
          "required field is missing; at least one entry is required");
    }
    List<FreightRequest> requests = spec.list("requestedFreight", (n, p) -> {
      MapReader q = MapReader.of(spec.context(), n, p).allow("origin", "sources");
      FreightOrigin origin = origin(q.reqObj("origin"), true);
      MapReader s = q.reqObj("sources");
      s.allow("direct", "stages", "requiredSoakTime", "availabilityStrategy", "autoPromotionOptions");
      boolean direct = s.bool("direct", false);
      List<String> stages = s.strList("stages");
      java.time.Duration soak = s.duration("requiredSoakTime");
      AvailabilityStrategy strategy = s.enumValue("availabilityStrategy", AvailabilityStrategy::fromWireName);
      MapReader apo = s.obj("autoPromotionOptions");
      AutoPromotionOptions options = null;
      if (apo != null) {
        apo.allow("selectionPolicy");
        options = new AutoPromotionOptions(apo.enumValue("selectionPolicy", AutoPromotionSelectionPolicy::fromWireName));
      }
      AutoPromotionOptions fo = options;
      FreightSources sources = s.build(() -> new FreightSources(direct, stages, soak, strategy, fo));
      return q.build(() -> new FreightRequest(origin, sources));
    });
    PromotionTemplate template = null;
    MapReader pt = spec.obj("promotionTemplate");
    if (pt != null) {
      pt.allow("spec");
      MapReader ts = pt.reqObj("spec");
      ts.allow("vars", "steps");
      List<ExpressionVariable> tvars = vars(ts, "vars");
      if (!ts.has("steps")) {
        throw r.context().error(ts.lineOf("steps"), ts.child("steps"),
            "required field is missing; at least one step is required");
      }
      List<PromotionStep> steps = steps(ts, "steps");
      template = ts.build(() -> new PromotionTemplate(tvars, steps));
    }
    Verification verification = null;
    MapReader v = spec.obj("verification");
    if (v != null) {
      verification = verification(v);
    }
    PromotionTemplate ft = template;
    Verification fv = verification;
    StageSpec ss = spec.build(() -> new StageSpec(shard, vars, requests, ft, fv));
    MapReader st = r.obj("status");
    StageStatus status = st == null ? StageStatus.EMPTY : stageStatus(st);
    return r.build(() -> new Stage(meta, ss, status));
  }

  private static Verification verification(MapReader v) {
    v.allow("analysisTemplates", "analysisRunMetadata", "args");
    List<AnalysisTemplateReference> templates = v.list("analysisTemplates", (n, p) -> {
      MapReader t = MapReader.of(v.context(), n, p).allow("name", "kind");
      AnalysisTemplateKind kind = t.enumValue("kind", AnalysisTemplateKind::fromWireName);
      return t.build(() -> new AnalysisTemplateReference(t.str("name"), kind));
    });
    AnalysisRunMetadata arm = null;
    MapReader m = v.obj("analysisRunMetadata");
    if (m != null) {
      m.allow("labels", "annotations");
      arm = m.build(() -> new AnalysisRunMetadata(m.strMap("labels"), m.strMap("annotations")));
    }
    List<AnalysisRunArgument> args = v.list("args", (n, p) -> {
      MapReader a = MapReader.of(v.context(), n, p).allow("name", "value");
      return a.build(() -> new AnalysisRunArgument(a.str("name"), a.str("value")));
    });
    AnalysisRunMetadata farm = arm;
    return v.build(() -> new Verification(templates, farm, args));
  }

  /** Decodes a list of promotion steps. */
  static List<PromotionStep> steps(MapReader m, String key) {
    return m.list(key, (n, p) -> step(MapReader.of(m.context(), n, p)));
  }

  private static PromotionStep step(MapReader s) {
    s.allow("uses", "task", "as", "if", "continueOnError", "retry", "vars", "config");
    String uses = s.str("uses");
    PromotionTaskReference task = null;
    MapReader t = s.obj("task");
    if (t != null) {
      t.allow("name", "kind");
      PromotionTaskKind kind = t.enumValue("kind", PromotionTaskKind::fromWireName);
      task = t.build(() -> new PromotionTaskReference(t.str("name"), kind));
    }
    PromotionStepRetry retry = null;
    MapReader rt = s.obj("retry");
    if (rt != null) {
      rt.allow("timeout", "errorThreshold");
      java.time.Duration timeout = rt.duration("timeout");
      long threshold = rt.integer("errorThreshold", 0, 0, 0xFFFF_FFFFL);
      retry = rt.build(() -> new PromotionStepRetry(timeout, threshold));
    }
    if (s.has("config") && !(s.get("config") instanceof YNode.YMap)) {
      throw s.context().error(s.get("config").line(), s.child("config"),
          "expected an object, got " + MapReader.describe(s.get("config")));
    }
    if (s.has("task") && s.has("config")) {
      throw s.context().error(s.lineOf("config"), s.child("config"),
          "a step referencing a task cannot have a config");
    }
    Map<String, Object> config = s.jsonObject("config");
    List<ExpressionVariable> vars = vars(s, "vars");
    PromotionTaskReference ft = task;
    PromotionStepRetry fr = retry;
    return s.build(() -> new PromotionStep(uses, ft, s.str("as"), s.str("if"),
        s.bool("continueOnError", false), fr, vars, config));
  }

  static StageStatus stageStatus(MapReader s) {
    s.allow("conditions", "lastHandledRefresh", "freightHistory", "freightSummary", "health",
        "observedGeneration", "currentPromotion", "lastPromotion", "autoPromotionEnabled",
        "metadata", "autoPromotionHolds", "effectiveAutoPromotionHolds");
    List<Condition> conditions = conditions(s);
    List<FreightCollection> history =
        s.list("freightHistory", (n, p) -> freightCollection(MapReader.of(s.context(), n, p)));
    Health health = null;
    MapReader h = s.obj("health");
    if (h != null) {
      h.allow("status", "issues", "config", "output");
      HealthState state = h.enumValue("status", HealthState::fromWireName);
      health = h.build(() -> new Health(state, h.strList("issues"), h.json("config"), h.json("output")));
    }
    PromotionReference current = s.has("currentPromotion") ? promotionReference(s.obj("currentPromotion")) : null;
    PromotionReference last = s.has("lastPromotion") ? promotionReference(s.obj("lastPromotion")) : null;
    Map<String, AutoPromotionHold> holds = keyed(s, "autoPromotionHolds", ManifestDecoder::hold);
    Map<String, AutoPromotionHold> effective = keyed(s, "effectiveAutoPromotionHolds", ManifestDecoder::hold);
    Health fh = health;
    return s.build(() -> new StageStatus(conditions, s.str("lastHandledRefresh"), history,
        s.str("freightSummary"), fh, s.integer("observedGeneration", 0, 0, Long.MAX_VALUE),
        current, last, s.bool("autoPromotionEnabled", false), s.jsonObject("metadata"), holds, effective));
  }

  private static AutoPromotionHold hold(MapReader h) {
    h.allow("freightName", "origin", "promotionName", "actor", "createdAt");
    FreightOrigin origin = origin(h.reqObj("origin"), false);
    return h.build(() -> new AutoPromotionHold(h.str("freightName"), origin, h.str("promotionName"),
        h.str("actor"), h.time("createdAt")));
  }

  private static PromotionReference promotionReference(MapReader m) {
    m.allow("name", "freight", "status", "finishedAt");
    FreightReference freight = m.has("freight") ? freightReference(m.obj("freight")) : null;
    PromotionStatus status = m.has("status") ? promotionStatus(m.obj("status")) : null;
    return m.build(() -> new PromotionReference(m.str("name"), freight, status, m.time("finishedAt")));
  }

  // ---------------------------------------------------------------- Promotion

  private static Promotion promotion(MapReader r) {
    ObjectMeta meta = requiredMeta(r);
    MapReader spec = r.reqObj("spec");
    spec.allow("stage", "freight", "origin", "vars", "steps");
    MapReader o = spec.obj("origin");
    FreightOrigin origin = o == null ? null : origin(o, true);
    List<ExpressionVariable> vars = vars(spec, "vars");
    if (!spec.has("steps")) {
      throw r.context().error(spec.lineOf("steps"), spec.child("steps"),
          "required field is missing; at least one step is required");
    }
    List<PromotionStep> steps = steps(spec, "steps");
    PromotionSpec ps = spec.build(() -> new PromotionSpec(spec.str("stage"), spec.str("freight"), origin, vars, steps));
    MapReader st = r.obj("status");
    PromotionStatus status = st == null ? PromotionStatus.EMPTY : promotionStatus(st);
    return r.build(() -> new Promotion(meta, ps, status));
  }

  private static PromotionStatus promotionStatus(MapReader s) {
    s.allow("lastHandledRefresh", "phase", "message", "freight", "freightCollection", "healthChecks",
        "startedAt", "finishedAt", "currentStep", "stepExecutionMetadata", "state");
    PromotionPhase phase = s.enumValue("phase", PromotionPhase::fromWireName);
    FreightReference freight = s.has("freight") ? freightReference(s.obj("freight")) : null;
    FreightCollection collection = s.has("freightCollection") ? freightCollection(s.obj("freightCollection")) : null;
    List<HealthCheckStep> checks = s.list("healthChecks", (n, p) -> {
      MapReader h = MapReader.of(s.context(), n, p).allow("uses", "config");
      return h.build(() -> new HealthCheckStep(h.str("uses"), h.jsonObject("config")));
    });
    List<StepExecutionMetadata> meta = s.list("stepExecutionMetadata", (n, p) -> {
      MapReader m = MapReader.of(s.context(), n, p).allow("alias", "startedAt", "finishedAt",
          "errorCount", "status", "message", "continueOnError");
      PromotionStepStatus status = m.enumValue("status", PromotionStepStatus::fromWireName);
      return m.build(() -> new StepExecutionMetadata(m.str("alias"), m.time("startedAt"),
          m.time("finishedAt"), m.integer("errorCount", 0, 0, 0xFFFF_FFFFL), status,
          m.str("message"), m.bool("continueOnError", false)));
    });
    return s.build(() -> new PromotionStatus(s.str("lastHandledRefresh"), phase, s.str("message"),
        freight, collection, checks, s.time("startedAt"), s.time("finishedAt"),
        s.integer("currentStep", 0, 0, Long.MAX_VALUE), meta, s.jsonObject("state")));
  }

  private static Object promotionTask(MapReader r, boolean cluster) {
    ObjectMeta meta = requiredMeta(r);
    MapReader spec = r.reqObj("spec");
    spec.allow("vars", "steps");
    List<ExpressionVariable> vars = vars(spec, "vars");
    if (!spec.has("steps")) {
      throw r.context().error(spec.lineOf("steps"), spec.child("steps"),
          "required field is missing; at least one step is required");
    }
    List<PromotionStep> steps = steps(spec, "steps");
    PromotionTaskSpec ts = spec.build(() -> new PromotionTaskSpec(vars, steps));
    if (cluster) {
      if (!meta.namespace().isEmpty()) {
        throw r.context().error(r.reqObj("metadata").lineOf("namespace"), "metadata.namespace",
            "a ClusterPromotionTask is cluster-scoped and must not have a namespace");
      }
      return r.build(() -> new ClusterPromotionTask(meta, ts));
    }
    return r.build(() -> new PromotionTask(meta, ts));
  }

  // ---------------------------------------------------------------- AnalysisTemplate

  private static AnalysisTemplate analysisTemplate(MapReader r, boolean cluster) {
    ObjectMeta meta = requiredMeta(r);
    MapReader spec = r.reqObj("spec");
    spec.allow("args", "metrics", "dryRun", "measurementRetention");
    List<AnalysisArgument> args = spec.list("args", (n, p) -> {
      MapReader a = MapReader.of(spec.context(), n, p).allow("name", "value", "valueFrom");
      String value = a.has("value") ? a.str("value") : null;
      return a.build(() -> new AnalysisArgument(a.str("name"), value, a.jsonObject("valueFrom")));
    });
    if (!spec.has("metrics")) {
      throw r.context().error(spec.lineOf("metrics"), spec.child("metrics"),
          "required field is missing; at least one metric is required");
    }
    List<Metric> metrics = spec.list("metrics", (n, p) -> metric(MapReader.of(spec.context(), n, p)));
    List<DryRun> dry = spec.list("dryRun", (n, p) -> {
      MapReader d = MapReader.of(spec.context(), n, p).allow("metricName");
      return d.build(() -> new DryRun(d.str("metricName")));
    });
    List<MeasurementRetention> retention = spec.list("measurementRetention", (n, p) -> {
      MapReader d = MapReader.of(spec.context(), n, p).allow("metricName", "limit");
      return d.build(() -> new MeasurementRetention(d.str("metricName"), d.integer("limit", 0, 0, Integer.MAX_VALUE)));
    });
    AnalysisTemplateSpec ts = spec.build(() -> new AnalysisTemplateSpec(args, metrics, dry, retention));
    return r.build(() -> new AnalysisTemplate(meta, ts, cluster));
  }

  private static Metric metric(MapReader m) {
    m.allow("name", "interval", "initialDelay", "count", "successCondition", "failureCondition",
        "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit", "consecutiveSuccessLimit", "provider");
    MapReader p = m.reqObj("provider");
    List<String> keys = new ArrayList<>(p.keys());
    if (keys.size() != 1) {
      throw m.context().error(p.line(), p.path(),
          "a metric provider must have exactly one provider field (web, prometheus, ...), but has "
              + keys.size());
    }
    String type = keys.get(0);
    MetricProvider provider;
    if (type.equals("web")) {
      MapReader w = p.reqObj("web");
      w.allow("method", "url", "headers", "body", "timeoutSeconds", "jsonPath", "insecure", "jsonBody");
      List<WebMetricHeader> headers = w.list("headers", (n, hp) -> {
        MapReader h = MapReader.of(w.context(), n, hp).allow("key", "value");
        return h.build(() -> new WebMetricHeader(h.str("key"), h.str("value")));
      });
      provider = w.build(() -> new WebMetricProvider(w.str("method"), w.str("url"), headers,
          w.str("body"), w.integer("timeoutSeconds", 0, 0, Long.MAX_VALUE), w.str("jsonPath"),
          w.bool("insecure", false), w.json("jsonBody")));
    } else {
      Object config = p.json(type);
      provider = p.build(() -> new GenericMetricProvider(type, config));
    }
    return m.build(() -> new Metric(m.str("name"), m.duration("interval"), m.duration("initialDelay"),
        intOrString(m, "count"), m.str("successCondition"), m.str("failureCondition"),
        intOrString(m, "failureLimit"), intOrString(m, "inconclusiveLimit"),
        intOrString(m, "consecutiveErrorLimit"), intOrString(m, "consecutiveSuccessLimit"), provider));
  }

  private static IntOrString intOrString(MapReader m, String key) {
    YNode v = m.get(key);
    if (v == null) {
      return null;
    }
    if (v instanceof YNode.YScalar && ((YNode.YScalar) v).kind() == YNode.Kind.INT
        && ((YNode.YScalar) v).value() instanceof Long) {
      return IntOrString.of((Long) ((YNode.YScalar) v).value());
    }
    return IntOrString.of(MapReader.string(m.context(), v, m.child(key)));
  }

  // ---------------------------------------------------------------- Secrets

  private static Object secret(MapReader r) {
    ObjectMeta meta = requiredMeta(r);
    Map<String, String> data = new LinkedHashMap<>();
    MapReader d = r.obj("data");
    if (d != null) {
      for (String k : d.keys()) {
        YNode v = d.get(k);
        if (v == null) {
          continue;
        }
        if (!(v instanceof YNode.YScalar) || ((YNode.YScalar) v).kind() != YNode.Kind.STRING) {
          throw r.context().error(v.line(), d.child(k), "expected a base64 string (value not shown)");
        }
        try {
          byte[] bytes = Base64.getMimeDecoder().decode(((YNode.YScalar) v).text());
          data.put(k, new String(bytes, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw r.context().error(v.line(), d.child(k), "not valid base64 (value not shown)");
        }
      }
    }
    MapReader sd = r.obj("stringData");
    if (sd != null) {
      for (String k : sd.keys()) {
        YNode v = sd.get(k);
        if (v == null) {
          continue;
        }
        if (!(v instanceof YNode.YScalar) || ((YNode.YScalar) v).kind() == YNode.Kind.NULL) {
          throw r.context().error(v.line(), sd.child(k), "expected a string (value not shown)");
        }
        if (((YNode.YScalar) v).kind() != YNode.Kind.STRING
            && ((YNode.YScalar) v).kind() != YNode.Kind.TIMESTAMP) {
          throw r.context().error(v.line(), sd.child(k),
              "expected a string, got " + ((YNode.YScalar) v).kind().label + " (quote it; value not shown)");
        }
        data.put(k, ((YNode.YScalar) v).text());
      }
    }
    String credType = meta.labels().get(CredentialsSecret.LABEL);
    if (credType == null) {
      return r.build(() -> new Secret(meta, data));
    }
    CredentialType type;
    try {
      type = CredentialType.ofLabel(credType);
    } catch (IllegalArgumentException e) {
      throw r.context().error(r.reqObj("metadata").lineOf("labels"),
          "metadata.labels." + CredentialsSecret.LABEL, e.getMessage());
    }
    String repoURL = data.getOrDefault("repoURL", "");
    if (type != CredentialType.GENERIC && repoURL.isEmpty()) {
      throw r.context().error(r.line(), "data.repoURL",
          "credentials of type " + type.label() + " need a repoURL");
    }
    boolean isRegex = "true".equals(data.get("repoURLIsRegex"));
    return r.build(() -> new CredentialsSecret(meta, type, repoURL, isRegex, data.getOrDefault("username", ""),
        data.getOrDefault("password", ""), data.getOrDefault("sshPrivateKey", ""), data));
  }
}
