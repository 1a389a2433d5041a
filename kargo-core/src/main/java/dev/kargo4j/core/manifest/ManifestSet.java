package dev.kargo4j.core.manifest;

import dev.kargo4j.core.model.ClusterPromotionTask;
import dev.kargo4j.core.model.ConfigMap;
import dev.kargo4j.core.model.CredentialsSecret;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Project;
import dev.kargo4j.core.model.ProjectConfig;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.PromotionTask;
import dev.kargo4j.core.model.Secret;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.model.rollouts.AnalysisTemplate;
import dev.kargo4j.core.freight.RepoUrls;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.CredentialsProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything read from a set of manifests, by kind, in reading order (files sorted by name,
 * documents in file order), plus the {@link #warnings()} (deprecated fields that were mapped).
 * Credentials Secrets ({@code kargo.akuity.io/cred-type}) are in {@link #credentials()}; other
 * Secrets in {@link #secrets()}.
 *
 * <p>Immutable and thread-safe.
 */
public record ManifestSet(
    List<Project> projects,
    List<ProjectConfig> projectConfigs,
    List<Warehouse> warehouses,
    List<Stage> stages,
    List<PromotionTask> promotionTasks,
    List<ClusterPromotionTask> clusterPromotionTasks,
    List<Freight> freight,
    List<Promotion> promotions,
    List<AnalysisTemplate> analysisTemplates,
    List<CredentialsSecret> credentials,
    List<Secret> secrets,
    List<ConfigMap> configMaps,
    List<ManifestWarning> warnings) {

  /** The empty set. */
  public static final ManifestSet EMPTY = new ManifestSet(List.of(), List.of(), List.of(),
      List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
      List.of(), List.of());

  /** Copies the lists. */
  public ManifestSet {
    projects = List.copyOf(projects);
    projectConfigs = List.copyOf(projectConfigs);
    warehouses = List.copyOf(warehouses);
    stages = List.copyOf(stages);
    promotionTasks = List.copyOf(promotionTasks);
    clusterPromotionTasks = List.copyOf(clusterPromotionTasks);
    freight = List.copyOf(freight);
    promotions = List.copyOf(promotions);
    analysisTemplates = List.copyOf(analysisTemplates);
    credentials = List.copyOf(credentials);
    secrets = List.copyOf(secrets);
    configMaps = List.copyOf(configMaps);
    warnings = List.copyOf(warnings);
  }

  /** Every object read, in reading order by kind (warnings excluded). */
  public List<Object> all() {
    List<Object> out = new ArrayList<>();
    out.addAll(projects);
    out.addAll(projectConfigs);
    out.addAll(warehouses);
    out.addAll(stages);
    out.addAll(promotionTasks);
    out.addAll(clusterPromotionTasks);
    out.addAll(freight);
    out.addAll(promotions);
    out.addAll(analysisTemplates);
    out.addAll(credentials);
    out.addAll(secrets);
    out.addAll(configMaps);
    return out;
  }

  /** This set followed by {@code other}; duplicates are not checked here. */
  public ManifestSet plus(ManifestSet other) {
    return new ManifestSet(join(projects, other.projects), join(projectConfigs, other.projectConfigs),
        join(warehouses, other.warehouses), join(stages, other.stages),
        join(promotionTasks, other.promotionTasks),
        join(clusterPromotionTasks, other.clusterPromotionTasks), join(freight, other.freight),
        join(promotions, other.promotions), join(analysisTemplates, other.analysisTemplates),
        join(credentials, other.credentials), join(secrets, other.secrets),
        join(configMaps, other.configMaps), join(warnings, other.warnings));
  }

  private static <T> List<T> join(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** The Warehouse {@code name} of {@code project}. */
  public Optional<Warehouse> warehouse(String project, String name) {
    return find(warehouses, project, name, w -> w.metadata().namespace(), Warehouse::name);
  }

  /** The Stage {@code name} of {@code project}. */
  public Optional<Stage> stage(String project, String name) {
    return find(stages, project, name, s -> s.metadata().namespace(), Stage::name);
  }

  /** The PromotionTask {@code name} of {@code project}. */
  public Optional<PromotionTask> promotionTask(String project, String name) {
    return find(promotionTasks, project, name, t -> t.metadata().namespace(), PromotionTask::name);
  }

  /** The ClusterPromotionTask {@code name}. */
  public Optional<ClusterPromotionTask> clusterPromotionTask(String name) {
    return clusterPromotionTasks.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The AnalysisTemplate {@code name} of {@code project} (not cluster-scoped). */
  public Optional<AnalysisTemplate> analysisTemplate(String project, String name) {
    return analysisTemplates.stream()
        .filter(t -> !t.clusterScoped() && t.name().equals(name)
            && t.metadata().namespace().equals(project))
        .findFirst();
  }

  /** The ProjectConfig of {@code project}. */
  public Optional<ProjectConfig> projectConfig(String project) {
    return projectConfigs.stream()
        .filter(c -> c.name().equals(project)
            && (c.metadata().namespace().isEmpty() || c.metadata().namespace().equals(project)))
        .findFirst();
  }

  /** The Warehouses of {@code project}. */
  public List<Warehouse> warehouses(String project) {
    return warehouses.stream().filter(w -> w.metadata().namespace().equals(project)).toList();
  }

  /** The Stages of {@code project}. */
  public List<Stage> stages(String project) {
    return stages.stream().filter(s -> s.metadata().namespace().equals(project)).toList();
  }

  /**
   * Kargo's credentials lookup over {@link #credentials()} of {@code project}: the Secrets of
   * the asked type, by name, and the first whose {@code repoURL} matches — as a regular
   * expression (tried against the URL as given and normalised) when {@code repoURLIsRegex},
   * else by equality after normalising both URLs for the type (git, image and helm URLs are
   * normalised by {@link RepoUrls}; generic ones are compared as they are).
   *
   * <p>The provider is immutable and thread-safe.
   */
  public CredentialsProvider credentialsProvider(String project) {
    List<CredentialsSecret> mine = credentials.stream()
        .filter(c -> c.metadata().namespace().equals(project))
        .sorted(Comparator.comparing(CredentialsSecret::name))
        .toList();
    return (type, url) -> {
      String normalized = normalize(type, url);
      return mine.stream()
          .filter(c -> c.type() == type)
          .filter(c -> c.matches(url, normalized, c.repoURLIsRegex() ? "" : normalize(type, c.repoURL())))
          .findFirst()
          .map(CredentialsSecret::toCredentials);
    };
  }

  private static String normalize(CredentialType type, String url) {
    switch (type) {
      case GIT:
        return RepoUrls.normalizeGit(url);
      case IMAGE:
        return RepoUrls.normalizeImage(url);
      case HELM:
        return RepoUrls.normalizeChart(url);
      default:
        return url;
    }
  }

  private static <T> Optional<T> find(List<T> items, String project, String name,
      Function<T, String> ns, Function<T, String> n) {
    return items.stream()
        .filter(i -> ns.apply(i).equals(project) && n.apply(i).equals(name))
        .findFirst();
  }
}
