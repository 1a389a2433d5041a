package dev.kargo4j.steps.argocd.internal;

import dev.kargo4j.KargoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The parts of a kubeconfig file needed to call the Kubernetes API with a bearer token: the
 * chosen context's cluster (server, CA, insecure-skip-tls-verify) and user (token or token file).
 * Other authentication methods (client certificates, exec plugins, auth providers, basic auth)
 * are refused with a message saying so. {@link #toString()} never shows the token.
 *
 * @param server the API server URL
 * @param caPem the CA bundle (PEM bytes), or null to use the JDK's trust store
 * @param insecureSkipTlsVerify whether to skip server certificate verification
 * @param token the bearer token, or null when the user has none
 * @param namespace the context's namespace, or null
 */
public record Kubeconfig(String server, byte[] caPem, boolean insecureSkipTlsVerify, String token, String namespace) {

  @Override
  public String toString() {
    return "Kubeconfig[server=" + server + ", ca=" + (caPem != null) + ", insecureSkipTlsVerify="
        + insecureSkipTlsVerify + ", token=" + (token == null ? "none" : "***") + ", namespace=" + namespace + "]";
  }

  /**
   * Reads {@code file}, using {@code context} or, when null, the file's {@code current-context}.
   *
   * @throws KargoException naming the file and the field that is missing or unsupported
   */
  public static Kubeconfig read(Path file, String context) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new KargoException(file + ": cannot read kubeconfig: " + e.getMessage(), e);
    }
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new KargoException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?>)) {
      throw new KargoException(file + ": a kubeconfig must be a YAML mapping");
    }
    String ctxName = context != null ? context : Json.str(doc, "current-context");
    if (ctxName.isEmpty()) {
      throw new KargoException(file + ": current-context: not set and no context was given");
    }
    Map<String, Object> ctx = named(doc, "contexts", ctxName, "context", file);
    String clusterName = Json.str(ctx, "cluster");
    String userName = Json.str(ctx, "user");
    if (clusterName.isEmpty()) {
      throw new KargoException(file + ": contexts[" + ctxName + "].context.cluster: required field is missing");
    }
    Map<String, Object> cluster = named(doc, "clusters", clusterName, "cluster", file);
    String server = Json.str(cluster, "server");
    if (server.isEmpty()) {
      throw new KargoException(file + ": clusters[" + clusterName + "].cluster.server: required field is missing");
    }
    byte[] ca = null;
    String caData = Json.str(cluster, "certificate-authority-data");
    String caFile = Json.str(cluster, "certificate-authority");
    if (!caData.isEmpty()) {
      try {
        ca = Base64.getMimeDecoder().decode(caData);
      } catch (IllegalArgumentException e) {
        throw new KargoException(file + ": clusters[" + clusterName
            + "].cluster.certificate-authority-data: not valid base64");
      }
    } else if (!caFile.isEmpty()) {
      Path p = resolve(file, caFile);
      try {
        ca = Files.readAllBytes(p);
      } catch (IOException e) {
        throw new KargoException(file + ": clusters[" + clusterName + "].cluster.certificate-authority: cannot read "
            + p + ": " + e.getMessage(), e);
      }
    }
    boolean insecure = Boolean.TRUE.equals(cluster.get("insecure-skip-tls-verify"));

    String token = null;
    if (!userName.isEmpty()) {
      Map<String, Object> user = named(doc, "users", userName, "user", file);
      String where = file + ": users[" + userName + "].user";
      for (String unsupported : List.of("client-certificate", "client-certificate-data", "exec", "auth-provider",
          "username")) {
        if (user.containsKey(unsupported) && !user.containsKey("token") && !user.containsKey("tokenFile")) {
          throw new KargoException(where + "." + unsupported + ": not supported; the Kubernetes client of "
              + "kargo4j authenticates with a bearer token (token or tokenFile)");
        }
      }
      if (!Json.str(user, "token").isEmpty()) {
        token = Json.str(user, "token");
      } else if (!Json.str(user, "tokenFile").isEmpty()) {
        Path p = resolve(file, Json.str(user, "tokenFile"));
        try {
          token = Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
          throw new KargoException(where + ".tokenFile: cannot read " + p + ": " + e.getMessage(), e);
        }
      }
    }
    String ns = Json.str(ctx, "namespace");
    return new Kubeconfig(server, ca, insecure, token, ns.isEmpty() ? null : ns);
  }

  private static Path resolve(Path kubeconfig, String path) {
    Path p = Path.of(path);
    Path dir = kubeconfig.toAbsolutePath().getParent();
    return p.isAbsolute() || dir == null ? p : dir.resolve(p);
  }

  private static Map<String, Object> named(Object doc, String list, String name, String field, Path file) {
    for (Object entry : Json.list(doc, list)) {
      if (name.equals(Json.str(entry, "name"))) {
        return Json.map(entry, field);
      }
    }
    throw new KargoException(file + ": " + list + ": no entry named '" + name + "'");
  }
}
