package dev.kargo4j.samples.cli.internal;

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

/** Kind, namespace and name of the objects a manifest set holds. Stateless. */
public final class ObjectKeys {
  private ObjectKeys() {}

  /** The object's metadata. */
  public static ObjectMeta meta(Object o) {
    if (o instanceof Project p) {
      return p.metadata();
    } else if (o instanceof ProjectConfig p) {
      return p.metadata();
    } else if (o instanceof Warehouse w) {
      return w.metadata();
    } else if (o instanceof Stage s) {
      return s.metadata();
    } else if (o instanceof PromotionTask t) {
      return t.metadata();
    } else if (o instanceof ClusterPromotionTask t) {
      return t.metadata();
    } else if (o instanceof Freight f) {
      return f.metadata();
    } else if (o instanceof Promotion p) {
      return p.metadata();
    } else if (o instanceof AnalysisTemplate t) {
      return t.metadata();
    } else if (o instanceof CredentialsSecret s) {
      return s.metadata();
    } else if (o instanceof Secret s) {
      return s.metadata();
    } else if (o instanceof ConfigMap c) {
      return c.metadata();
    }
    throw new IllegalArgumentException("not a manifest object: " + o.getClass().getName());
  }

  /** The kind as kubectl names it in its output, e.g. {@code stage.kargo.akuity.io}. */
  public static String kind(Object o) {
    if (o instanceof AnalysisTemplate t) {
      return t.clusterScoped() ? "clusteranalysistemplate.argoproj.io" : "analysistemplate.argoproj.io";
    }
    if (o instanceof CredentialsSecret || o instanceof Secret) {
      return "secret";
    }
    if (o instanceof ConfigMap) {
      return "configmap";
    }
    return o.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + ".kargo.akuity.io";
  }

  /** {@code kind/namespace/name}, unique in a state folder. */
  public static String key(Object o) {
    ObjectMeta m = meta(o);
    return kind(o) + "/" + m.namespace() + "/" + m.name();
  }

  /** The Project an object belongs to: its namespace, or its name for a Project. */
  public static String project(Object o) {
    ObjectMeta m = meta(o);
    if (o instanceof Project || o instanceof ProjectConfig) {
      return m.name();
    }
    return m.namespace();
  }
}
