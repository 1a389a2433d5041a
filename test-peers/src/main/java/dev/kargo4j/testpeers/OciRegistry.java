package dev.kargo4j.testpeers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * A real OCI registry for integration tests: Debian's {@code docker-registry} (the CNCF
 * distribution registry 2.8) with its own {@code config.yml}, bound to 127.0.0.1 on a free port,
 * storing in a temporary directory, optionally behind HTTP basic auth with a bcrypt
 * {@code htpasswd} file (see {@code TEST-PEERS.md} §2). Deletion is enabled.
 *
 * <p>Content is pushed through the registry's HTTP API, as a build would push it: images (a
 * config with a creation time, labels and a platform; one small layer; manifest annotations),
 * image indexes over several platforms, and Helm charts (the Helm config and chart media types).
 *
 * <pre>{@code
 * try (OciRegistry registry = OciRegistry.builder().basicAuth("ci", "s3cret").start()) {
 *   String digest = registry.pushImage("team/app", "1.0.0", OciRegistry.image().created(t));
 *   String repo = registry.repository("team/app");      // 127.0.0.1:<port>/team/app
 * }
 * }</pre>
 *
 * <p>When {@code docker-registry} (or, for auth, {@code htpasswd}) is missing, {@link
 * Builder#start()} skips the calling test through a JUnit assumption. Thread-safe.
 * {@link #close()} stops the one process this object started and deletes its directory.
 */
public final class OciRegistry implements AutoCloseable {
  /** OCI image manifest media type. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  /** OCI image index media type. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  /** OCI image config media type. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  /** OCI gzip layer media type. */
  public static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  /** Helm chart config media type. */
  public static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
  /** Helm chart content media type. */
  public static final String HELM_CHART = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  private final Path base;
  private final int port;
  private final String username;
  private final String password;
  private final Process process;
  private final HttpClient http;

  private OciRegistry(Path base, int port, String username, String password, Process process) {
    this.base = base;
    this.port = port;
    this.username = username;
    this.password = password;
    this.process = process;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Starts a registry without authentication. */
  public static OciRegistry start() {
    return builder().start();
  }

  /** A builder to turn on basic auth. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds and starts an {@link OciRegistry}. Not thread-safe. */
  public static final class Builder {
    private String username;
    private String password;

    private Builder() {}

    /** Requires HTTP basic auth for this one user (bcrypt htpasswd). */
    public Builder basicAuth(String username, String password) {
      this.username = Objects.requireNonNull(username, "username");
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Starts the registry; skips the calling test when a binary is missing. */
    public OciRegistry start() {
      Path binary = TestPeers.requireBinary("docker-registry",
          "apt-get install -y --no-install-recommends docker-registry");
      Path base;
      try {
        base = Files.createTempDirectory("oci-registry-");
        Files.createDirectories(base.resolve("data"));
      } catch (IOException e) {
        throw new UncheckedIOException("could not create the registry directory", e);
      }
      if (username != null) {
        Path htpasswd = TestPeers.requireBinary("htpasswd", "apt-get install -y apache2-utils");
        TestPeers.run(base, htpasswd.toString(), "-Bbc", base.resolve("htpasswd").toString(), username, password);
      }
      IllegalStateException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        int port = TestPeers.freePort();
        Path conf = writeConfig(base, port, username != null);
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "serve", conf.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(base.resolve("registry.log").toFile());
        pb.environment().put("OTEL_TRACES_EXPORTER", "none");
        Optional<Process> started = TestPeers.startListening(pb, port, Duration.ofSeconds(15), "docker-registry");
        if (started.isPresent()) {
          Process p = started.get();
          return new OciRegistry(base, port, username, password, p);
        }
        last = new IllegalStateException("docker-registry did not listen on 127.0.0.1:" + port
            + "; see " + base.resolve("registry.log"));
      }
      throw last;
    }
  }

  private static Path writeConfig(Path b, int port, boolean auth) {
    StringBuilder conf = new StringBuilder()
        .append("version: 0.1\n")
        .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
        .append("storage:\n  filesystem:\n    rootdirectory: ").append(b.resolve("data")).append('\n')
        .append("  delete:\n    enabled: true\n")
        .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
        .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
        .append("  secret: test-peer-").append(Long.toHexString(System.nanoTime())).append('\n');
    if (auth) {
      conf.append("auth:\n  htpasswd:\n    realm: basic-realm\n    path: ").append(b.resolve("htpasswd")).append('\n');
    }
    Path file = b.resolve("config.yml");
    try {
      Files.writeString(file, conf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
    return file;
  }

  /** {@code 127.0.0.1:<port>}: the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  /** The port (127.0.0.1 only). */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:<port>/<repository>}: an image repository URL. */
  public String repository(String repository) {
    return host() + "/" + checkRepo(repository);
  }

  /** The user basic auth accepts, if auth is on. */
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** That user's password, if auth is on. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  // ------------------------------------------------------------------ what to push

  /** An image description with defaults: linux/amd64, no creation time, no labels or annotations. */
  public static ImageSpec image() {
    return new ImageSpec(null, Map.of(), Map.of(), "linux", "amd64", "", "");
  }

  /**
   * What an image's config and manifest say. {@code created} may be null (then the config has
   * none); {@code salt} makes otherwise equal images differ.
   */
  public record ImageSpec(Instant created, Map<String, String> annotations, Map<String, String> labels,
      String os, String architecture, String variant, String salt) {
    /** Copies. */
    public ImageSpec {
      annotations = Map.copyOf(annotations);
      labels = Map.copyOf(labels);
      Objects.requireNonNull(os, "os");
      Objects.requireNonNull(architecture, "architecture");
      variant = variant == null ? "" : variant;
      salt = salt == null ? "" : salt;
    }

    /** With this config creation time. */
    public ImageSpec created(Instant t) {
      return new ImageSpec(t, annotations, labels, os, architecture, variant, salt);
    }

    /** With one more manifest annotation. */
    public ImageSpec annotation(String key, String value) {
      Map<String, String> m = new TreeMap<>(annotations);
      m.put(key, value);
      return new ImageSpec(created, m, labels, os, architecture, variant, salt);
    }

    /** With one more config label. */
    public ImageSpec label(String key, String value) {
      Map<String, String> m = new TreeMap<>(labels);
      m.put(key, value);
      return new ImageSpec(created, annotations, m, os, architecture, variant, salt);
    }

    /** With this platform, {@code os/arch[/variant]}. */
    public ImageSpec platform(String platform) {
      String[] p = platform.split("/", 3);
      return new ImageSpec(created, annotations, labels, p[0], p[1], p.length > 2 ? p[2] : "", salt);
    }

    /** With a salt that makes the image's content unique. */
    public ImageSpec salt(String s) {
      return new ImageSpec(created, annotations, labels, os, architecture, variant, s);
    }

    String platformString() {
      return variant.isEmpty() ? os + "/" + architecture : os + "/" + architecture + "/" + variant;
    }
  }

  /**
   * Pushes a single-platform image and tags it; returns the manifest digest. The layer holds the
   * repository, tag and salt, so every push of a new tag is a new image.
   */
  public String pushImage(String repository, String tag, ImageSpec spec) {
    Manifest m = buildImage(repository, tag, spec);
    return putManifest(repository, tag, OCI_MANIFEST, m.bytes);
  }

  /**
   * Pushes one image per platform (untagged) and an OCI image index over them tagged {@code tag};
   * {@code entryAnnotations} (may be empty) go on the index entry of the platform with the same
   * position. Returns the index digest.
   */
  public String pushIndex(String repository, String tag, List<ImageSpec> platforms,
      List<Map<String, String>> entryAnnotations, Map<String, String> indexAnnotations) {
    StringBuilder manifests = new StringBuilder();
    for (int i = 0; i < platforms.size(); i++) {
      ImageSpec spec = platforms.get(i);
      Manifest m = buildImage(repository, tag + "@" + spec.platformString(), spec);
      String digest = putManifest(repository, m.digest, OCI_MANIFEST, m.bytes);
      if (i > 0) {
        manifests.append(',');
      }
      manifests.append("{\"mediaType\":\"").append(OCI_MANIFEST).append("\",\"digest\":\"").append(digest)
          .append("\",\"size\":").append(m.bytes.length).append(",\"platform\":{\"architecture\":")
          .append(json(spec.architecture())).append(",\"os\":").append(json(spec.os()));
      if (!spec.variant().isEmpty()) {
        manifests.append(",\"variant\":").append(json(spec.variant()));
      }
      manifests.append('}');
      Map<String, String> ea = i < entryAnnotations.size() ? entryAnnotations.get(i) : Map.of();
      if (!ea.isEmpty()) {
        manifests.append(",\"annotations\":").append(json(ea));
      }
      manifests.append('}');
    }
    String index = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[" + manifests + "]"
        + (indexAnnotations.isEmpty() ? "" : ",\"annotations\":" + json(indexAnnotations)) + "}";
    return putManifest(repository, tag, OCI_INDEX, index.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Pushes a Helm chart as Helm does ({@code helm push}): config {@code {apiVersion,name,version}}
   * with the Helm config media type, the {@code .tgz} as the one layer; tagged with the version
   * ({@code +} becomes {@code _}, as Helm does). {@code repository} is the path including the
   * chart name, e.g. {@code charts/demo}. Returns the manifest digest.
   */
  public String pushChart(String repository, String name, String version, byte[] chartTgz) {
    byte[] config = ("{\"apiVersion\":\"v2\",\"name\":" + json(name) + ",\"version\":" + json(version) + "}")
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = pushBlob(repository, config);
    String layerDigest = pushBlob(repository, chartTgz);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + HELM_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{"
        + "\"mediaType\":\"" + HELM_CHART + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + chartTgz.length
        + "}],\"annotations\":{\"org.opencontainers.image.title\":" + json(name)
        + ",\"org.opencontainers.image.version\":" + json(version) + "}}";
    return putManifest(repository, version.replace('+', '_'), OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Deletes what {@code tag} points to (the registry deletes manifests by digest; every tag of
   * that manifest disappears). Returns the deleted digest.
   */
  public String deleteTag(String repository, String tag) {
    HttpResponse<byte[]> head = send(HttpRequest.newBuilder(uri(repository, "/manifests/" + tag))
        .method("HEAD", HttpRequest.BodyPublishers.noBody())
        .header("Accept", OCI_INDEX + ", " + OCI_MANIFEST));
    expect(head, 200, "resolve " + repository + ":" + tag);
    String digest = head.headers().firstValue("Docker-Content-Digest")
        .orElseThrow(() -> new IllegalStateException("registry sent no Docker-Content-Digest"));
    HttpResponse<byte[]> del = send(HttpRequest.newBuilder(uri(repository, "/manifests/" + digest)).DELETE());
    expect(del, 202, "delete " + repository + "@" + digest);
    return digest;
  }

  /** The tags of {@code repository}, as the registry lists them (for assertions). */
  public List<String> tags(String repository) {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(repository, "/tags/list")).GET());
    expect(r, 200, "list tags of " + repository);
    String body = new String(r.body(), StandardCharsets.UTF_8);
    List<String> tags = new ArrayList<>();
    int at = body.indexOf("\"tags\"");
    if (at < 0 || body.indexOf('[', at) < 0) {
      return tags;
    }
    String list = body.substring(body.indexOf('[', at) + 1, body.indexOf(']', at));
    for (String t : list.split(",")) {
      String s = t.strip();
      if (s.length() >= 2) {
        tags.add(s.substring(1, s.length() - 1));
      }
    }
    return tags;
  }

  /**
   * A Helm chart archive ({@code <name>/Chart.yaml} and a values file) as {@code helm package}
   * would write it.
   */
  public static byte[] chartArchive(String name, String version) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(name + "/Chart.yaml", ("apiVersion: v2\nname: " + name + "\nversion: " + version
        + "\ntype: application\n").getBytes(StandardCharsets.UTF_8));
    files.put(name + "/values.yaml", "replicaCount: 1\n".getBytes(StandardCharsets.UTF_8));
    return tarGz(files);
  }

  /** A gzip-compressed ustar archive of {@code files} (path to content), in order. */
  public static byte[] tarGz(Map<String, byte[]> files) {
    return gzip(tar(files));
  }

  /** The lower-case hex SHA-256 digest of {@code data}, prefixed {@code sha256:}. */
  public static String digest(byte[] data) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ internals

  private record Manifest(byte[] bytes, String digest) {}

  private Manifest buildImage(String repository, String tag, ImageSpec spec) {
    byte[] tar = tar(Map.of("content.txt", (repository + ":" + tag + "|" + spec.platformString() + "|" + spec.salt())
        .getBytes(StandardCharsets.UTF_8)));
    byte[] layer = gzip(tar);
    String layerDigest = pushBlob(repository, layer);
    StringBuilder cfg = new StringBuilder("{\"architecture\":").append(json(spec.architecture()))
        .append(",\"os\":").append(json(spec.os()));
    if (!spec.variant().isEmpty()) {
      cfg.append(",\"variant\":").append(json(spec.variant()));
    }
    if (spec.created() != null) {
      cfg.append(",\"created\":").append(json(spec.created().toString()));
    }
    cfg.append(",\"config\":{");
    if (!spec.labels().isEmpty()) {
      cfg.append("\"Labels\":").append(json(spec.labels()));
    }
    cfg.append("},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"").append(digest(tar)).append("\"]}}");
    byte[] config = cfg.toString().getBytes(StandardCharsets.UTF_8);
    String configDigest = pushBlob(repository, config);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[{"
        + "\"mediaType\":\"" + OCI_LAYER + "\",\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]"
        + (spec.annotations().isEmpty() ? "" : ",\"annotations\":" + json(spec.annotations())) + "}";
    byte[] bytes = manifest.getBytes(StandardCharsets.UTF_8);
    return new Manifest(bytes, digest(bytes));
  }

  /** Uploads a blob (POST then PUT with the digest); returns its digest. */
  public String pushBlob(String repository, byte[] data) {
    String digest = digest(data);
    HttpResponse<byte[]> start = send(HttpRequest.newBuilder(uri(repository, "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()));
    expect(start, 202, "start a blob upload to " + repository);
    String location = start.headers().firstValue("Location")
        .orElseThrow(() -> new IllegalStateException("registry sent no upload Location"));
    URI put = URI.create("http://" + host() + "/").resolve(location);
    String sep = put.toString().contains("?") ? "&" : "?";
    HttpResponse<byte[]> done = send(HttpRequest.newBuilder(URI.create(put + sep + "digest=" + digest))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(data)));
    expect(done, 201, "finish a blob upload to " + repository);
    return digest;
  }

  private String putManifest(String repository, String reference, String mediaType, byte[] bytes) {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri(repository, "/manifests/" + reference))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    expect(r, 201, "put manifest " + repository + ":" + reference);
    return r.headers().firstValue("Docker-Content-Digest").orElse(digest(bytes));
  }

  private URI uri(String repository, String suffix) {
    return URI.create("http://" + host() + "/v2/" + checkRepo(repository) + suffix);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder b) {
    if (username != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("request to the test registry failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void expect(HttpResponse<byte[]> r, int status, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException("could not " + what + ": HTTP " + r.statusCode() + " "
          + new String(r.body(), StandardCharsets.UTF_8));
    }
  }

  private static String checkRepo(String repository) {
    if (repository == null || !repository.matches("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*")) {
      throw new IllegalArgumentException("invalid repository '" + repository
          + "'; allowed: lower-case path components of [a-z0-9._-] joined by '/'");
    }
    return repository;
  }

  static String json(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  static String json(Map<String, String> m) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, String> e : new TreeMap<>(m).entrySet()) {
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append(json(e.getKey())).append(':').append(json(e.getValue()));
    }
    return sb.append('}').toString();
  }

  private static byte[] tar(Map<String, byte[]> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      byte[] header = new byte[512];
      byte[] name = f.getKey().getBytes(StandardCharsets.UTF_8);
      if (name.length > 100) {
        throw new IllegalArgumentException("tar entry name too long: " + f.getKey());
      }
      System.arraycopy(name, 0, header, 0, name.length);
      octal(header, 100, 8, 0644);
      octal(header, 108, 8, 0);
      octal(header, 116, 8, 0);
      octal(header, 124, 12, f.getValue().length);
      octal(header, 136, 12, 1_700_000_000L);
      for (int i = 148; i < 156; i++) {
        header[i] = ' ';
      }
      header[156] = '0';
      byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(magic, 0, header, 257, magic.length);
      long sum = 0;
      for (byte b : header) {
        sum += b & 0xff;
      }
      byte[] chk = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(chk, 0, header, 148, 6);
      header[154] = 0;
      header[155] = ' ';
      out.writeBytes(header);
      out.writeBytes(f.getValue());
      int pad = (512 - f.getValue().length % 512) % 512;
      out.writeBytes(new byte[pad]);
    }
    out.writeBytes(new byte[1024]);
    return out.toByteArray();
  }

  private static void octal(byte[] header, int offset, int length, long value) {
    String s = String.format("%0" + (length - 1) + "o", value);
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, header, offset, b.length);
    header[offset + length - 1] = 0;
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Stops docker-registry (the process this object started) and deletes its directory. */
  public void stop() {
    TestPeers.stop(process);
    TestPeers.deleteRecursively(base);
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public String toString() {
    return "OciRegistry[" + host() + (username == null ? "" : ", user=" + username) + "]";
  }
}
