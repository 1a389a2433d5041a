package dev.kargo4j.core.discovery.internal;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.freight.RepoUrls;
import dev.kargo4j.core.model.ArtifactReference;
import dev.kargo4j.core.model.ChartDiscoveryResult;
import dev.kargo4j.core.model.DiscoveredArtifacts;
import dev.kargo4j.core.model.DiscoveredCommit;
import dev.kargo4j.core.model.DiscoveredImageReference;
import dev.kargo4j.core.model.DiscoveryResult;
import dev.kargo4j.core.model.FreightCreationCriteria;
import dev.kargo4j.core.model.GitDiscoveryResult;
import dev.kargo4j.core.model.ImageDiscoveryResult;
import dev.kargo4j.expr.EvalLimits;
import dev.kargo4j.expr.ExprEngine;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import dev.kargo4j.expr.ExpressionException;
import dev.kargo4j.expr.go.GoFmt;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kargo's Freight-creation-criteria functions ({@code DiscoveredArtifactsOperations}):
 * {@code commitFrom(url)}, {@code imageFrom(url)}, {@code chartFrom(url[, name])} and
 * {@code artifactFrom(subscriptionName)} over a Warehouse's <em>discovered</em> artifacts, each
 * returning the first (best) candidate of the first matching result, or nil; and the criteria
 * evaluation itself ({@code freightCreationCriteriaSatisfied}). Argument errors use Kargo's
 * wording. Stateless.
 */
public final class DiscoveredFunctions {
  private DiscoveredFunctions() {}

  /** The four functions bound to {@code artifacts} (which may be null: every lookup is nil). */
  public static Map<String, ExprFunction> of(DiscoveredArtifacts artifacts) {
    Map<String, ExprFunction> fns = new LinkedHashMap<>();
    fns.put("commitFrom", args -> {
      exactlyOne(args);
      String url = RepoUrls.normalizeGit(string(args.get(0), "first argument"));
      if (artifacts == null) {
        return null;
      }
      for (GitDiscoveryResult r : artifacts.git()) {
        if (RepoUrls.normalizeGit(r.repoURL()).equals(url) && !r.commits().isEmpty()) {
          return commit(r.commits().get(0));
        }
      }
      return null;
    });
    fns.put("imageFrom", args -> {
      exactlyOne(args);
      String url = RepoUrls.normalizeImage(string(args.get(0), "first argument"));
      if (artifacts == null) {
        return null;
      }
      for (ImageDiscoveryResult r : artifacts.images()) {
        if (RepoUrls.normalizeImage(r.repoURL()).equals(url) && !r.references().isEmpty()) {
          return image(r.references().get(0));
        }
      }
      return null;
    });
    fns.put("chartFrom", args -> {
      if (args.isEmpty() || args.size() > 2) {
        throw new IllegalArgumentException("expected 1-2 arguments, got " + args.size());
      }
      String url = RepoUrls.normalizeChart(string(args.get(0), "first argument"));
      String name = args.size() == 2 ? string(args.get(1), "second argument") : "";
      if (artifacts == null) {
        return null;
      }
      for (ChartDiscoveryResult r : artifacts.charts()) {
        if (!RepoUrls.normalizeChart(r.repoURL()).equals(url) || (!name.isEmpty() && !r.name().equals(name))) {
          continue;
        }
        if (!r.versions().isEmpty()) {
          return struct("Chart", "RepoURL", "repoURL", url, "Name", "name", r.name(), "Version", "version",
              r.versions().get(0));
        }
      }
      return null;
    });
    fns.put("artifactFrom", args -> {
      exactlyOne(args);
      String sub = string(args.get(0), "first argument");
      if (artifacts == null) {
        return null;
      }
      ArtifactReference found = null;
      for (DiscoveryResult r : artifacts.results()) {
        if (r.subscriptionName().equals(sub) && !r.artifactReferences().isEmpty()) {
          found = r.artifactReferences().get(0); // the last matching result wins, as in Kargo
        }
      }
      if (found == null) {
        return null;
      }
      Object metadata = found.metadata() == null ? Map.of() : goJson(found.metadata());
      if (!(metadata instanceof Map<?, ?>)) {
        throw new IllegalArgumentException("error unmarshaling artifact details for subscription " + sub
            + ": json: cannot unmarshal into Go value of type map[string]interface {}");
      }
      // the struct has no JSON tags: every field marshals under its Go name, empty or not
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("ArtifactType", found.artifactType());
      fields.put("SubscriptionName", found.subscriptionName());
      fields.put("Version", found.version());
      fields.put("Metadata", metadata);
      return new GoStruct("expressionFriendlyArtifactReference", fields, fields);
    });
    return fns;
  }

  /**
   * Kargo's {@code freightCreationCriteriaSatisfied}: true when there are no criteria, the
   * expression is blank, or no git, image or chart artifacts were discovered; otherwise the
   * expression, run without variables, must be true (a non-bool result is read as Go's
   * {@code strconv.ParseBool} reads its {@code %v} form).
   *
   * @throws KargoException when the expression does not compile, fails, or is not a bool
   */
  public static boolean criteriaSatisfied(FreightCreationCriteria criteria, DiscoveredArtifacts artifacts,
      EvalLimits limits, Clock clock) {
    if (criteria == null) {
      return true;
    }
    String expression = criteria.expression().strip();
    if (expression.isEmpty()) {
      return true;
    }
    if (artifacts == null || (artifacts.git().isEmpty() && artifacts.images().isEmpty() && artifacts.charts().isEmpty())) {
      return true;
    }
    ExprEngine.Builder b = ExprEngine.builder().limits(limits).clock(clock);
    of(artifacts).forEach(b::function);
    Object result;
    try {
      result = b.build().compile(expression).evaluate(Map.of());
    } catch (ExpressionException e) {
      throw new KargoException("error evaluating freightCreationCriteria.expression: " + e.getMessage(), e);
    }
    if (result instanceof Boolean bool) {
      return bool;
    }
    String text = GoFmt.formatV(result);
    return switch (text) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw new KargoException("failed to parse freight creation criteria expression result \"" + text
          + "\" as bool; allowed: an expression whose result is a bool (or 1, 0, t, f, true, false)");
    };
  }

  private static void exactlyOne(List<Object> args) {
    if (args.size() != 1) {
      throw new IllegalArgumentException("expected 1 argument, got " + args.size());
    }
  }

  private static String string(Object o, String which) {
    if (o instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(which + " must be string, got " + GoFmt.typeName(o));
  }

  private static ExprObject commit(DiscoveredCommit c) {
    return struct("DiscoveredCommit", "ID", "id", c.id(), "Branch", "branch", c.branch(), "Tag", "tag", c.tag(),
        "Subject", "subject", c.subject(), "Author", "author", c.author(), "Committer", "committer", c.committer(),
        "CreatorDate", "creatorDate", time(c.creatorDate()));
  }

  private static ExprObject image(DiscoveredImageReference r) {
    return struct("DiscoveredImageReference", "Tag", "tag", r.tag(), "Digest", "digest", r.digest(),
        "Annotations", "annotations", new LinkedHashMap<String, Object>(r.annotations()),
        "CreatedAt", "createdAt", time(r.createdAt()));
  }

  private static ZonedDateTime time(Instant t) {
    return t == null ? null : t.atZone(ZoneOffset.UTC);
  }

  /** A JSON-like value as Go's encoding/json decodes it into {@code any}: every number a float64. */
  private static Object goJson(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), goJson(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(goJson(x)));
      return out;
    }
    if (v instanceof Number n && !(v instanceof Double)) {
      return n.doubleValue();
    }
    return v;
  }

  private static ExprObject struct(String type, Object... triples) {
    Map<String, Object> go = new LinkedHashMap<>();
    Map<String, Object> json = new LinkedHashMap<>();
    for (int i = 0; i < triples.length; i += 3) {
      Object value = triples[i + 2];
      go.put((String) triples[i], value);
      if (value != null && !(value instanceof String s && s.isEmpty()) && !(value instanceof Map<?, ?> m && m.isEmpty())) {
        json.put((String) triples[i + 1], value instanceof ZonedDateTime z ? z.toInstant().toString() : value);
      }
    }
    return new GoStruct(type, go, json);
  }

  /** A Go struct as an expression sees it: fields by their Go names, marshalled by their JSON tags. */
  private record GoStruct(String typeName, Map<String, Object> goFields, Map<String, Object> json) implements ExprObject {
    @Override
    public Object member(String name) {
      return goFields.containsKey(name) ? goFields.get(name) : NO_SUCH_MEMBER;
    }

    @Override
    public Object invoke(String method, List<Object> args) {
      throw new IllegalArgumentException("type " + typeName + " has no method " + method);
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
}
