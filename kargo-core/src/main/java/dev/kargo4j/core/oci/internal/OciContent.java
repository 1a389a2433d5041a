package dev.kargo4j.core.oci.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kargo4j.core.oci.OciImage;
import dev.kargo4j.core.oci.OciPlatform;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the OCI JSON documents discovery needs: manifests, indexes, configs, tag lists, tokens. */
public final class OciContent {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The OCI annotation for a build time. */
  public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";
  /** The legacy label-schema build date. */
  public static final String BUILD_DATE_LABEL = "org.label-schema.build-date";

  private OciContent() {}

  /** A content descriptor. {@code platform} is null when absent. */
  public record Descriptor(String mediaType, String digest, long size, Map<String, String> annotations, OciPlatform platform) {}

  /** A parsed manifest: an index ({@code manifests} set) or an image manifest ({@code config} set). */
  public record Manifest(String mediaType, Descriptor config, List<Descriptor> manifests, Map<String, String> annotations) {
    /** Whether this is an index or manifest list. */
    public boolean isIndex() {
      return config == null;
    }
  }

  /** The parts of an image config discovery reads. */
  public record ImageConfig(Instant created, OciPlatform platform, Map<String, String> labels) {}

  /** A bad document; the caller adds where it came from. */
  public static final class BadContentException extends Exception {
    private static final long serialVersionUID = 1L;

    BadContentException(String message) {
      super(message);
    }
  }

  private static JsonNode tree(byte[] body) throws BadContentException {
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null || !n.isObject()) {
        throw new BadContentException("not a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new BadContentException("invalid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadContentException("unreadable JSON: " + e.getMessage());
    }
  }

  /** Parses a manifest or index; {@code contentType} is the response's Content-Type, if any. */
  public static Manifest manifest(byte[] body, String contentType) throws BadContentException {
    JsonNode n = tree(body);
    if (n.path("schemaVersion").asInt(2) == 1) {
      throw new BadContentException("Docker schema 1 manifests are not supported");
    }
    String mediaType = n.path("mediaType").asText("");
    if (mediaType.isEmpty() && contentType != null) {
      int semi = contentType.indexOf(';');
      mediaType = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    }
    boolean index = n.has("manifests") || OciImage.OCI_INDEX.equals(mediaType)
        || OciImage.DOCKER_MANIFEST_LIST.equals(mediaType);
    if (index) {
      if (mediaType.isEmpty() || mediaType.equals("application/json")) {
        mediaType = OciImage.OCI_INDEX;
      }
      List<Descriptor> manifests = new ArrayList<>();
      for (JsonNode d : n.path("manifests")) {
        manifests.add(descriptor(d));
      }
      return new Manifest(mediaType, null, List.copyOf(manifests), strings(n.path("annotations")));
    }
    if (!n.has("config")) {
      throw new BadContentException("neither an image manifest (no config) nor an index (no manifests)");
    }
    if (mediaType.isEmpty() || mediaType.equals("application/json")) {
      mediaType = OciImage.OCI_MANIFEST;
    }
    return new Manifest(mediaType, descriptor(n.path("config")), null, strings(n.path("annotations")));
  }

  private static Descriptor descriptor(JsonNode d) throws BadContentException {
    String digest = d.path("digest").asText("");
    if (digest.isEmpty()) {
      throw new BadContentException("a descriptor has no digest");
    }
    OciPlatform platform = null;
    JsonNode p = d.path("platform");
    if (p.isObject()) {
      platform = new OciPlatform(p.path("os").asText(""), p.path("architecture").asText(""), p.path("variant").asText(""));
    }
    return new Descriptor(d.path("mediaType").asText(""), digest, d.path("size").asLong(0),
        strings(d.path("annotations")), platform);
  }

  /** Parses an image config; a config that is not an image config yields empty values. */
  public static ImageConfig config(byte[] body) throws BadContentException {
    JsonNode n = tree(body);
    Instant created = time(n.path("created").asText(""));
    OciPlatform platform = null;
    if (n.hasNonNull("os") || n.hasNonNull("architecture")) {
      platform = new OciPlatform(n.path("os").asText(""), n.path("architecture").asText(""), n.path("variant").asText(""));
    }
    return new ImageConfig(created, platform, strings(n.path("config").path("Labels")));
  }

  /** The {@code tags} of a tag list page (null tags read as none). */
  public static List<String> tags(byte[] body) throws BadContentException {
    JsonNode n = tree(body);
    List<String> tags = new ArrayList<>();
    for (JsonNode t : n.path("tags")) {
      if (t.isTextual()) {
        tags.add(t.asText());
      }
    }
    return tags;
  }

  /** A token response: {@code token} or {@code access_token}, and {@code expires_in} (seconds, default 60). */
  public record TokenResponse(String token, long expiresInSeconds) {
    @Override
    public String toString() {
      return "TokenResponse[token=***, expiresInSeconds=" + expiresInSeconds + "]";
    }
  }

  /** Parses a token response. */
  public static TokenResponse token(byte[] body) throws BadContentException {
    JsonNode n = tree(body);
    String t = n.path("token").asText("");
    if (t.isEmpty()) {
      t = n.path("access_token").asText("");
    }
    if (t.isEmpty()) {
      throw new BadContentException("the token response holds no token");
    }
    long expires = n.path("expires_in").asLong(60);
    return new TokenResponse(t, expires < 60 ? 60 : expires);
  }

  /** The registry's own error summary ({@code CODE: message; ...}) from an error body, or empty. */
  public static String errors(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    try {
      JsonNode n = JSON.readTree(body);
      if (n == null) {
        return "";
      }
      StringBuilder sb = new StringBuilder();
      for (JsonNode e : n.path("errors")) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        sb.append(e.path("code").asText("")).append(": ").append(e.path("message").asText(""));
      }
      return sb.length() > 300 ? sb.substring(0, 300) + "..." : sb.toString();
    } catch (IOException e) {
      return "";
    }
  }

  /** Kargo's {@code creationTimeFromMetadata}: the first of the two build-time keys that parses as RFC 3339. */
  public static Instant createdFrom(Map<String, String> metadata) {
    for (String key : List.of(CREATED_ANNOTATION, BUILD_DATE_LABEL)) {
      String v = metadata.get(key);
      if (v != null) {
        Instant t = time(v);
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }

  /** An RFC 3339 time, or null. */
  public static Instant time(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Map<String, String> strings(JsonNode obj) {
    if (!obj.isObject()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : obj.properties()) {
      if (e.getValue().isValueNode() && !e.getValue().isNull()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }
}
