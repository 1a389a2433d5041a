package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.engine.ProjectData;
import dev.kargo4j.core.engine.StatusData;
import dev.kargo4j.core.engine.internal.ModelObjects.Struct;
import dev.kargo4j.core.freight.RepoUrls;
import dev.kargo4j.core.model.ChartSubscription;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.GitSubscription;
import dev.kargo4j.core.model.ImageSubscription;
import dev.kargo4j.core.model.Subscription;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.core.semver.SemVer;
import dev.kargo4j.core.spi.TargetFreight;
import dev.kargo4j.expr.ExprFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Kargo's promotion expression functions (Freight, data and utility operations), bound to one
 * promotion: {@code warehouse}, {@code commitFrom}, {@code imageFrom}, {@code chartFrom},
 * {@code artifactFrom}, {@code secret}, {@code sharedSecret}, {@code configMap},
 * {@code sharedConfigMap}, {@code freightMetadata}, {@code stageMetadata}, {@code semverDiff},
 * {@code semverParse}. Argument errors use Kargo's wording.
 */
public final class KargoFunctions {
  private KargoFunctions() {}

  /** The functions for one promotion of {@code project}. */
  public static Map<String, ExprFunction> forPromotion(String project, TargetFreight freight, ProjectData data,
      StatusData status, Redactor redactor) {
    Map<String, ExprFunction> fns = new LinkedHashMap<>();
    fns.put("warehouse", args -> {
      exactly("", args, 1);
      return ModelObjects.origin(FreightOrigin.warehouse(string(args.get(0), "argument")));
    });
    fns.put("commitFrom", args -> {
      range(args, 1, 2);
      String url = string(args.get(0), "first argument");
      Optional<FreightOrigin> origin = args.size() == 2 ? Optional.of(origin(args.get(1), "second argument"))
          : inferOrigin(project, freight, s -> s instanceof GitSubscription g
              && RepoUrls.normalizeGit(g.repoURL()).equals(RepoUrls.normalizeGit(url)), "git repository " + url);
      return origin.flatMap(o -> find(freight, o, FreightReference::commits,
          c -> RepoUrls.normalizeGit(c.repoURL()).equals(RepoUrls.normalizeGit(url))))
          .map(ModelObjects::commit).orElse(null);
    });
    fns.put("imageFrom", args -> {
      range(args, 1, 2);
      String url = string(args.get(0), "first argument");
      Optional<FreightOrigin> origin = args.size() == 2 ? Optional.of(origin(args.get(1), "second argument"))
          : inferOrigin(project, freight, s -> s instanceof ImageSubscription i && i.repoURL().equals(url),
              "image repository " + url);
      return origin.flatMap(o -> find(freight, o, FreightReference::images, i -> i.repoURL().equals(url)))
          .map(ModelObjects::image).orElse(null);
    });
    fns.put("chartFrom", args -> {
      range(args, 1, 3);
      String url = string(args.get(0), "first argument");
      String name = "";
      FreightOrigin given = null;
      if (args.size() == 2) {
        if (args.get(1) instanceof String s) {
          name = s;
        } else {
          given = origin(args.get(1), "second argument");
        }
      } else if (args.size() == 3) {
        if (!(args.get(1) instanceof String s)) {
          throw new IllegalArgumentException("when using three arguments, second argument must be string, got "
              + StepEvaluator.goType(args.get(1)));
        }
        name = s;
        given = origin(args.get(2), "third argument");
      }
      String chartName = name;
      Optional<FreightOrigin> origin = given != null ? Optional.of(given)
          : inferOrigin(project, freight, s -> s instanceof ChartSubscription c && c.repoURL().equals(url)
              && c.chartName().equals(chartName), "chart " + url + (chartName.isEmpty() ? "" : "/" + chartName));
      if (given == null && origin.isEmpty()) {
        throw new IllegalArgumentException("chart " + url + (chartName.isEmpty() ? "" : " " + chartName)
            + " not found in referenced Freight");
      }
      return origin.flatMap(o -> find(freight, o, FreightReference::charts,
          c -> c.repoURL().equals(url) && c.name().equals(chartName))).map(ModelObjects::chart).orElse(null);
    });
    fns.put("artifactFrom", args -> {
      range(args, 1, 2);
      String sub = string(args.get(0), "first argument");
      Optional<FreightOrigin> origin = args.size() == 2 ? Optional.of(origin(args.get(1), "second argument"))
          : inferOrigin(project, freight, s -> s.name().equals(sub) && !(s instanceof GitSubscription)
              && !(s instanceof ImageSubscription) && !(s instanceof ChartSubscription), "subscription " + sub);
      return origin.flatMap(o -> find(freight, o, FreightReference::artifacts,
          a -> a.subscriptionName().equals(sub))).map(ModelObjects::artifact).orElse(null);
    });
    fns.put("secret", dataFunction((n) -> remember(redactor, data.secret(project, n))));
    fns.put("sharedSecret", dataFunction((n) -> remember(redactor, data.sharedSecret(n))));
    fns.put("configMap", dataFunction((n) -> data.configMap(project, n)));
    fns.put("sharedConfigMap", dataFunction(data::sharedConfigMap));
    fns.put("freightMetadata", metadataFunction("freight", (p, n) -> status.freightMetadata(p, n), project));
    fns.put("stageMetadata", metadataFunction("stage", (p, n) -> status.stageMetadata(p, n), project));
    fns.putAll(utilities());
    return fns;
  }

  /** {@code semverDiff} and {@code semverParse}, which need no promotion. */
  public static Map<String, ExprFunction> utilities() {
    Map<String, ExprFunction> fns = new LinkedHashMap<>();
    fns.put("semverDiff", args -> {
      exactly("", args, 2);
      String a = string(args.get(0), "first argument");
      String b = string(args.get(1), "second argument");
      return SemVer.diff(a, b);
    });
    fns.put("semverParse", args -> {
      exactly("", args, 1);
      String v = string(args.get(0), "argument");
      return new ModelObjects.Version(SemVer.parse(v));
    });
    return fns;
  }

  private static Map<String, String> remember(Redactor redactor, Map<String, String> secret) {
    redactor.remember(secret);
    return secret;
  }

  private static ExprFunction dataFunction(java.util.function.Function<String, Map<String, String>> read) {
    return args -> {
      exactly("", args, 1);
      String name = string(args.get(0), "argument");
      return new LinkedHashMap<String, Object>(read.apply(name));
    };
  }

  private static ExprFunction metadataFunction(String what,
      BiFunction<String, String, Optional<Map<String, Object>>> read, String project) {
    return args -> {
      exactly("", args, 1);
      String name = string(args.get(0), "argument");
      if (name.isEmpty()) {
        throw new IllegalArgumentException(what + " ref name must not be empty");
      }
      return read.apply(project, name).filter(m -> !m.isEmpty()).map(m -> (Object) m).orElse(null);
    };
  }

  /**
   * Kargo's origin inference: the requested Warehouses (in order) that have a matching
   * subscription; a missing Warehouse is an error, more than one match is ambiguous.
   */
  private static Optional<FreightOrigin> inferOrigin(String project, TargetFreight freight,
      Predicate<Subscription> matches, String what) {
    List<FreightOrigin> found = new ArrayList<>();
    for (FreightRequest request : freight.requests()) {
      FreightOrigin o = request.origin();
      Warehouse w = freight.warehouse(o).orElseThrow(() -> new IllegalArgumentException(
          "Warehouse \"" + o.name() + "\" not found in namespace \"" + project + "\""));
      for (Subscription s : w.spec().subscriptions()) {
        if (matches.test(s)) {
          found.add(o);
          break;
        }
      }
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException("multiple requested Freight could potentially provide " + what
          + "; please provide a Freight origin to disambiguate");
    }
    return found.stream().findFirst();
  }

  private static <T> Optional<T> find(TargetFreight freight, FreightOrigin origin,
      java.util.function.Function<FreightReference, List<T>> items, Predicate<T> matches) {
    FreightReference ref = freight.collection().items().get(origin.toString());
    if (ref == null) {
      return Optional.empty();
    }
    return items.apply(ref).stream().filter(matches).findFirst();
  }

  static FreightOrigin origin(Object arg, String which) {
    if (arg instanceof Struct s && "FreightOrigin".equals(s.typeName())) {
      return new FreightOrigin((String) s.goFields().get("Kind"), (String) s.goFields().get("Name"));
    }
    throw new IllegalArgumentException(which + " must be FreightOrigin, got " + StepEvaluator.goType(arg));
  }

  static String string(Object arg, String which) {
    if (arg instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(which + " must be string, got " + StepEvaluator.goType(arg));
  }

  static void exactly(String name, List<Object> args, int n) {
    if (args.size() != n) {
      throw new IllegalArgumentException("expected " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
    }
  }

  static void range(List<Object> args, int min, int max) {
    if (args.size() < min || args.size() > max) {
      throw new IllegalArgumentException("expected " + min + "-" + max + " arguments, got " + args.size());
    }
  }
}
