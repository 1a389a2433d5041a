package dev.kargo4j.expr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Small stand-ins for the Kargo functions kargo-core registers (warehouse, commitFrom,
 * imageFrom, chartFrom, status, success, failure, always, semverDiff, semverParse), enough to
 * drive the template conformance cases through this module's host-function API: host functions,
 * host objects with Go-style members and methods, and their JSON form.
 */
final class KargoFunctionFakes {
  private KargoFunctionFakes() {}

  /** A host object backed by Go field names and JSON tags. */
  static final class Struct implements ExprObject {
    private final String type;
    private final Map<String, Object> fields;
    private final Map<String, Object> json;

    Struct(String type, Map<String, Object> fields, Map<String, Object> json) {
      this.type = type;
      this.fields = fields;
      this.json = json;
    }

    @Override
    public Object member(String name) {
      return fields.containsKey(name) ? fields.get(name) : NO_SUCH_MEMBER;
    }

    @Override
    public Object jsonValue() {
      return json;
    }

    @Override
    public String toString() {
      return type;
    }
  }

  @SuppressWarnings("unchecked")
  static void register(ExprEngine.Builder b, Map<String, Object> c) {
    Map<String, Object> promotion =
        (Map<String, Object>) c.getOrDefault("promotion", Map.of());
    List<Map<String, Object>> steps =
        (List<Map<String, Object>>) c.getOrDefault("stepExecutionMetadata", List.of());
    b.function("warehouse", args -> origin("Warehouse", (String) args.get(0)));
    b.function("commitFrom", args -> find(promotion, "git", "commits", args, true));
    b.function("imageFrom", args -> find(promotion, "image", "images", args, false));
    b.function("chartFrom", args -> find(promotion, "chart", "charts", args, false));
    b.function("always", args -> true);
    b.function("failure", args -> steps.stream().anyMatch(s -> isFailed(s)));
    b.function("success", args -> steps.stream().noneMatch(s -> isFailed(s)));
    b.function("status", args -> {
      for (Map<String, Object> s : steps) {
        if (Objects.equals(s.get("alias"), args.get(0))) {
          return s.get("status");
        }
      }
      return "";
    });
    b.function("semverParse", args -> version(parse((String) args.get(0))));
    b.function("semverDiff", args -> {
      long[] x = parse((String) args.get(0));
      long[] y = parse((String) args.get(1));
      return x[0] != y[0] ? "Major" : x[1] != y[1] ? "Minor" : x[2] != y[2] ? "Patch" : "None";
    });
  }

  private static boolean isFailed(Map<String, Object> s) {
    return "Failed".equals(s.get("status")) || "Errored".equals(s.get("status"));
  }

  static Struct origin(String kind, String name) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", kind);
    json.put("name", name);
    return new Struct("FreightOrigin", Map.of("Kind", kind, "Name", name), json);
  }

  private static String normalize(String url, boolean git) {
    if (!git) {
      return url;
    }
    String u = url.toLowerCase(Locale.ROOT);
    while (u.endsWith("/")) {
      u = u.substring(0, u.length() - 1);
    }
    if (u.endsWith(".git")) {
      u = u.substring(0, u.length() - 4);
    }
    return u;
  }

  @SuppressWarnings("unchecked")
  private static Object find(Map<String, Object> promotion, String subKind, String listKey,
      List<Object> args, boolean git) {
    String url = (String) args.get(0);
    String chartName = null;
    Struct origin = null;
    for (Object a : args.subList(1, args.size())) {
      if (a instanceof Struct s) {
        origin = s;
      } else if (a instanceof String s) {
        chartName = s;
      }
    }
    Map<String, Object> warehouses =
        (Map<String, Object>) promotion.getOrDefault("warehouses", Map.of());
    List<Map<String, Object>> requests =
        (List<Map<String, Object>>) promotion.getOrDefault("freightRequests", List.of());
    String originName;
    if (origin != null) {
      originName = (String) origin.member("Name");
    } else {
      List<String> candidates = new ArrayList<>();
      for (Map<String, Object> r : requests) {
        String w = (String) ((Map<String, Object>) r.get("origin")).get("name");
        Map<String, Object> wh = (Map<String, Object>) warehouses.getOrDefault(w, Map.of());
        for (Map<String, Object> sub :
            (List<Map<String, Object>>) wh.getOrDefault("subscriptions", List.of())) {
          Map<String, Object> s = (Map<String, Object>) sub.get(subKind);
          if (s != null && normalize((String) s.get("repoURL"), git).equals(normalize(url, git))
              && (chartName == null || s.get("name") == null
                  || chartName.equals(s.get("name")))) {
            candidates.add(w);
          }
        }
      }
      if (candidates.size() > 1) {
        throw new IllegalArgumentException("multiple requested Freight could potentially provide "
            + url);
      }
      if (candidates.isEmpty()) {
        if (subKind.equals("chart")) {
          throw new IllegalArgumentException("chart " + url + " not found in referenced Freight");
        }
        return null;
      }
      originName = candidates.get(0);
    }
    for (Map<String, Object> f :
        (List<Map<String, Object>>) promotion.getOrDefault("freight", List.of())) {
      if (!originName.equals(((Map<String, Object>) f.get("origin")).get("name"))) {
        continue;
      }
      for (Map<String, Object> item :
          (List<Map<String, Object>>) f.getOrDefault(listKey, List.of())) {
        if (normalize((String) item.get("repoURL"), git).equals(normalize(url, git))) {
          return artifact(subKind, item);
        }
      }
    }
    return null;
  }

  private static Struct artifact(String kind, Map<String, Object> item) {
    Map<String, Object> fields = new LinkedHashMap<>();
    item.forEach((k, v) -> fields.put(goName(k), v));
    return new Struct(kind, fields, new LinkedHashMap<>(item));
  }

  private static String goName(String jsonTag) {
    switch (jsonTag) {
      case "repoURL":
        return "RepoURL";
      case "id":
        return "ID";
      default:
        return Character.toUpperCase(jsonTag.charAt(0)) + jsonTag.substring(1);
    }
  }

  private static long[] parse(String v) {
    String[] parts = v.replaceFirst("^v", "").split("[-+]")[0].split("\\.");
    long[] out = new long[3];
    for (int i = 0; i < 3; i++) {
      out[i] = i < parts.length ? Long.parseLong(parts[i]) : 0;
    }
    return out;
  }

  private static ExprObject version(long[] v) {
    return new ExprObject() {
      @Override
      public Object member(String name) {
        return NO_SUCH_MEMBER;
      }

      @Override
      public Object invoke(String method, List<Object> args) {
        switch (method) {
          case "Major":
            return v[0];
          case "Minor":
            return v[1];
          case "Patch":
            return v[2];
          case "IncMajor":
            return version(new long[] {v[0] + 1, 0, 0});
          case "IncMinor":
            return version(new long[] {v[0], v[1] + 1, 0});
          case "IncPatch":
            return version(new long[] {v[0], v[1], v[2] + 1});
          case "String":
            return v[0] + "." + v[1] + "." + v[2];
          default:
            throw new IllegalArgumentException("type *semver.Version has no method " + method);
        }
      }

      @Override
      public Object jsonValue() {
        return v[0] + "." + v[1] + "." + v[2];
      }
    };
  }
}
