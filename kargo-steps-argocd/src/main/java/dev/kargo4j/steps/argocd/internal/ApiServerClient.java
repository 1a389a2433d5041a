package dev.kargo4j.steps.argocd.internal;

import dev.kargo4j.steps.argocd.ApplicationPatch;
import dev.kargo4j.steps.argocd.ArgoCdAppSelector;
import dev.kargo4j.steps.argocd.ArgoCdApplication;
import dev.kargo4j.steps.argocd.ArgoCdClient;
import dev.kargo4j.steps.argocd.SyncOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ArgoCdClient} over the Argo CD API server's REST API (the gRPC gateway of
 * {@code server/application/application.proto}):
 * <ul>
 *   <li>{@code GET /api/v1/applications/{name}?appNamespace=} and, for a refresh,
 *       {@code ...&refresh=hard};</li>
 *   <li>{@code GET /api/v1/applications?selector=&appNamespace=};</li>
 *   <li>{@code PATCH /api/v1/applications/{name}} with an {@code ApplicationPatchRequest}
 *       ({@code patchType: merge});</li>
 *   <li>{@code POST /api/v1/applications/{name}/sync} with an {@code ApplicationSyncRequest}
 *       carrying {@code infos}, {@code syncOptions} and {@code retryStrategy}.</li>
 * </ul>
 * The server records the token's subject as the operation's initiator. It answers 403 both for
 * an Application the token may not read and for one that does not exist (unless a project is
 * named), so a 403 on a read is reported as an error, not as absence. Thread-safe.
 */
public final class ApiServerClient implements ArgoCdClient {
  private final JsonHttp http;

  public ApiServerClient(JsonHttp http) {
    this.http = http;
  }

  @Override
  public Optional<ArgoCdApplication> get(String namespace, String name) {
    return read(namespace, name, false);
  }

  @Override
  public List<ArgoCdApplication> list(String namespace, ArgoCdAppSelector selector) {
    String path = "/api/v1/applications?selector=" + JsonHttp.query(selector.toQuery())
        + "&appNamespace=" + JsonHttp.query(namespace);
    Map<String, Object> body = http.sendForObject("GET", path, null, null);
    List<ArgoCdApplication> apps = new ArrayList<>();
    for (Object item : Json.list(body, "items")) {
      ArgoCdApplication app = http.application(Json.map(item), namespace);
      if (app.namespace().equals(namespace)) {
        apps.add(app);
      }
    }
    return apps;
  }

  @Override
  public ArgoCdApplication patch(String namespace, String name, ApplicationPatch patch) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("name", name);
    req.put("appNamespace", namespace);
    req.put("patchType", "merge");
    req.put("patch", Json.write(patch.toMergePatch()));
    String path = "/api/v1/applications/" + JsonHttp.segment(name);
    return http.application(http.sendForObject("PATCH", path, req, "application/json"), namespace);
  }

  @Override
  public ArgoCdApplication sync(String namespace, String name, SyncOperation operation) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("name", name);
    req.put("appNamespace", namespace);
    List<Object> infos = new ArrayList<>();
    for (SyncOperation.Info i : operation.info()) {
      infos.add(Map.of("name", i.name(), "value", i.value()));
    }
    req.put("infos", infos);
    if (!operation.syncOptions().isEmpty()) {
      req.put("syncOptions", Map.of("items", operation.syncOptions()));
    }
    if (operation.retry() != null) {
      req.put("retryStrategy", operation.retry());
    }
    String path = "/api/v1/applications/" + JsonHttp.segment(name) + "/sync";
    return http.application(http.sendForObject("POST", path, req, "application/json"), namespace);
  }

  @Override
  public void refresh(String namespace, String name) {
    read(namespace, name, true);
  }

  private Optional<ArgoCdApplication> read(String namespace, String name, boolean refresh) {
    String path = "/api/v1/applications/" + JsonHttp.segment(name) + "?appNamespace="
        + JsonHttp.query(namespace) + (refresh ? "&refresh=hard" : "");
    JsonHttp.Response r = http.send("GET", path, null, null);
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (r.status() == 403) {
      throw http.failure("GET", "/api/v1/applications/" + name, r,
          "Argo CD answers 403 both when the token may not read Application '" + name
              + "' in namespace '" + namespace + "' and when that Application does not exist");
    }
    if (!r.ok()) {
      throw http.failure("GET", "/api/v1/applications/" + name, r, null);
    }
    return Optional.of(http.application(http.parse(r, "GET", path), namespace));
  }

  @Override
  public String toString() {
    return "ArgoCdClient[" + http.peer() + "]";
  }
}
