package dev.kargo4j.core.engine;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.ClusterPromotionTask;
import dev.kargo4j.core.model.PromotionTask;
import dev.kargo4j.core.model.PromotionTaskKind;
import dev.kargo4j.core.model.PromotionTaskReference;
import dev.kargo4j.core.model.PromotionTaskSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The PromotionTasks (per Project) and ClusterPromotionTasks (shared) that Stage templates can
 * reference. Immutable and thread-safe.
 */
public final class PromotionTasks {
  private final Map<String, PromotionTaskSpec> projectTasks;
  private final Map<String, PromotionTaskSpec> clusterTasks;

  private PromotionTasks(Map<String, PromotionTaskSpec> projectTasks, Map<String, PromotionTaskSpec> clusterTasks) {
    this.projectTasks = projectTasks;
    this.clusterTasks = clusterTasks;
  }

  /** No tasks at all. */
  public static PromotionTasks none() {
    return new PromotionTasks(Map.of(), Map.of());
  }

  /** The given tasks; PromotionTasks are keyed by their namespace (Project) and name. */
  public static PromotionTasks of(Collection<PromotionTask> tasks, Collection<ClusterPromotionTask> clusterTasks) {
    Map<String, PromotionTaskSpec> p = new LinkedHashMap<>();
    for (PromotionTask t : tasks) {
      p.put(key(t.metadata().namespace(), t.name()), t.spec());
    }
    Map<String, PromotionTaskSpec> c = new LinkedHashMap<>();
    for (ClusterPromotionTask t : clusterTasks) {
      c.put(t.name(), t.spec());
    }
    return new PromotionTasks(Map.copyOf(p), Map.copyOf(c));
  }

  /** The spec {@code ref} names in {@code project}, or a {@link KargoException} naming the known ones. */
  public PromotionTaskSpec resolve(String project, PromotionTaskReference ref) {
    if (ref.kind() == PromotionTaskKind.CLUSTER_PROMOTION_TASK) {
      PromotionTaskSpec spec = clusterTasks.get(ref.name());
      if (spec == null) {
        throw new KargoException("ClusterPromotionTask \"" + ref.name() + "\" not found; known: "
            + known(clusterTasks.keySet(), null));
      }
      return spec;
    }
    PromotionTaskSpec spec = projectTasks.get(key(project, ref.name()));
    if (spec == null) {
      throw new KargoException("PromotionTask \"" + ref.name() + "\" not found in project \"" + project
          + "\"; known: " + known(projectTasks.keySet(), project));
    }
    return spec;
  }

  private static String known(Collection<String> keys, String project) {
    TreeSet<String> names = new TreeSet<>();
    for (String k : keys) {
      if (project == null) {
        names.add(k);
      } else if (k.startsWith(project + "/")) {
        names.add(k.substring(project.length() + 1));
      }
    }
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  private static String key(String project, String name) {
    return (project == null ? "" : project) + "/" + name;
  }
}
