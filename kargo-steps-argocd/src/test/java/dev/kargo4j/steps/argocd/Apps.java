package dev.kargo4j.steps.argocd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Application resources for tests, shaped like what Argo CD stores. */
final class Apps {
  private Apps() {}

  static final String PROJECT = "kargo-demo";
  static final String STAGE = "test";
  static final String AUTHORIZED = PROJECT + ":" + STAGE;

  /** A single-source git Application, authorized for {@code authorizedStage} (null for none). */
  static Map<String, Object> git(String namespace, String name, String repoURL, String targetRevision,
      String authorizedStage, Map<String, String> labels) {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("repoURL", repoURL);
    source.put("path", "env/" + name);
    source.put("targetRevision", targetRevision);
    source.put("directory", Map.of("recurse", true));
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", "default");
    spec.put("source", source);
    spec.put("destination", Map.of("server", "https://kubernetes.default.svc", "namespace", name));
    spec.put("syncPolicy", Map.of("syncOptions", List.of("CreateNamespace=true"),
        "retry", Map.of("limit", 2, "backoff", Map.of("duration", "5s", "factor", 2))));
    return resource(namespace, name, authorizedStage, labels, spec);
  }

  /** A multi-source Application: a Helm chart and a git values repository. */
  static Map<String, Object> multi(String namespace, String name, String authorizedStage) {
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("repoURL", "https://charts.example.com");
    chart.put("chart", "guestbook");
    chart.put("targetRevision", "1.0.0");
    chart.put("helm", new LinkedHashMap<>(Map.of(
        "valueFiles", List.of("$values/env/values.yaml"),
        "parameters", new ArrayList<>(List.of(
            new LinkedHashMap<>(Map.of("name", "image.tag", "value", "1.0.0", "forceString", true)),
            new LinkedHashMap<>(Map.of("name", "replicas", "value", "2")))))));
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("repoURL", "https://git.example.com/acme/values.git");
    values.put("targetRevision", "main");
    values.put("ref", "values");
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("project", "default");
    spec.put("sources", List.of(chart, values));
    spec.put("destination", Map.of("server", "https://kubernetes.default.svc", "namespace", name));
    return resource(namespace, name, authorizedStage, Map.of(), spec);
  }

  static Map<String, Object> resource(String namespace, String name, String authorizedStage,
      Map<String, String> labels, Map<String, Object> spec) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("name", name);
    meta.put("namespace", namespace);
    meta.put("uid", "uid-" + name);
    if (!labels.isEmpty()) {
      meta.put("labels", new LinkedHashMap<>(labels));
    }
    Map<String, Object> annotations = new LinkedHashMap<>();
    annotations.put("team", "platform");
    if (authorizedStage != null) {
      annotations.put("kargo.akuity.io/authorized-stage", authorizedStage);
    }
    meta.put("annotations", annotations);
    Map<String, Object> app = new LinkedHashMap<>();
    app.put("apiVersion", "argoproj.io/v1alpha1");
    app.put("kind", "Application");
    app.put("metadata", meta);
    app.put("spec", spec);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("sync", new LinkedHashMap<>(Map.of("status", "OutOfSync")));
    status.put("health", new LinkedHashMap<>(Map.of("status", "Healthy")));
    status.put("reconciledAt", "2029-12-31T00:00:00Z");
    app.put("status", status);
    return app;
  }
}
