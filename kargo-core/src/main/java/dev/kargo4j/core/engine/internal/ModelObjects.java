package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.semver.SemVer;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model records as expr host objects, with Go's field names (what {@code commitFrom(url).ID}
 * reads) and Kargo's JSON names (what {@code toJSON} and template rendering write).
 */
public final class ModelObjects {
  private ModelObjects() {}

  /** A host object with Go-named fields and a JSON form. */
  public record Struct(String typeName, Map<String, Object> goFields, Map<String, Object> json)
      implements ExprObject {
    @Override
    public Object member(String name) {
      return goFields.containsKey(name) ? goFields.get(name) : NO_SUCH_MEMBER;
    }

    @Override
    public Object jsonValue() {
      return json;
    }

    @Override
    public String toString() {
      return typeName + json;
    }
  }

  static Struct origin(FreightOrigin o) {
    return struct("FreightOrigin", "Kind", "kind", o.kind(), "Name", "name", o.name());
  }

  static Struct commit(GitCommit c) {
    return struct("GitCommit", "RepoURL", "repoURL", c.repoURL(), "ID", "id", c.id(), "Branch", "branch",
        c.branch(), "Tag", "tag", c.tag(), "Message", "message", c.message(), "Author", "author",
        c.author(), "Committer", "committer", c.committer());
  }

  static Struct image(Image i) {
    return struct("Image", "RepoURL", "repoURL", i.repoURL(), "Tag", "tag", i.tag(), "Digest", "digest",
        i.digest(), "Annotations", "annotations", new LinkedHashMap<String, Object>(i.annotations()));
  }

  static Struct chart(Chart c) {
    return struct("Chart", "RepoURL", "repoURL", c.repoURL(), "Name", "name", c.name(), "Version", "version",
        c.version());
  }

  static Struct artifact(ArtifactReference a) {
    return struct("ArtifactReference", "ArtifactType", "artifactType", a.artifactType(), "SubscriptionName",
        "subscriptionName", a.subscriptionName(), "Version", "version", a.version(), "Metadata", "metadata",
        a.metadata());
  }

  /** A Masterminds {@code *semver.Version}: only methods, as in Go. */
  record Version(SemVer v) implements ExprObject {
    @Override
    public Object member(String name) {
      ExprFunction f = switch (name) {
        case "Major" -> args -> v.major();
        case "Minor" -> args -> v.minor();
        case "Patch" -> args -> v.patch();
        case "Prerelease" -> args -> v.prerelease();
        case "Metadata" -> args -> v.metadata();
        case "Original" -> args -> v.original();
        case "String" -> args -> v.toString();
        case "IncMajor" -> args -> new Version(v.incMajor());
        case "IncMinor" -> args -> new Version(v.incMinor());
        case "IncPatch" -> args -> new Version(v.incPatch());
        default -> null;
      };
      return f == null ? NO_SUCH_MEMBER : f;
    }

    @Override
    public Object invoke(String method, List<Object> args) {
      Object m = member(method);
      if (!(m instanceof ExprFunction f)) {
        throw new IllegalArgumentException("type *semver.Version has no method " + method);
      }
      if (!args.isEmpty()) {
        throw new IllegalArgumentException("too many arguments to call " + method);
      }
      return f.call(args);
    }

    @Override
    public Object jsonValue() {
      return v.toString();
    }

    @Override
    public String toString() {
      return v.toString();
    }
  }

  private static Struct struct(String type, Object... triples) {
    Map<String, Object> go = new LinkedHashMap<>();
    Map<String, Object> json = new LinkedHashMap<>();
    for (int i = 0; i < triples.length; i += 3) {
      go.put((String) triples[i], triples[i + 2]);
      Object v = triples[i + 2];
      if (v != null && !(v instanceof String s && s.isEmpty()) && !(v instanceof Map<?, ?> m && m.isEmpty())) {
        json.put((String) triples[i + 1], v); // omitempty, as Kargo's json tags say
      }
    }
    return new Struct(type, go, json);
  }
}
