package dev.kargo4j.steps.argocd;

import dev.kargo4j.core.spi.ConfigRules;
import dev.kargo4j.core.spi.InvalidConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Kubernetes label selector over Argo CD Applications, as the {@code selector} field of
 * {@code argocd-update} and {@code argocd-wait} writes it: {@code matchLabels} and
 * {@code matchExpressions}, ANDed. At least one criterion is required.
 *
 * <p>Immutable and thread-safe.
 *
 * @param matchLabels label values that must match exactly; never null (may be empty)
 * @param matchExpressions requirements with the operators {@code In}, {@code NotIn},
 *     {@code Exists} and {@code DoesNotExist}; never null (may be empty)
 */
public record ArgoCdAppSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

  public ArgoCdAppSelector {
    Map<String, String> labels = new LinkedHashMap<>();
    if (matchLabels != null) {
      matchLabels.forEach((k, v) -> {
        if (k == null || k.isBlank()) {
          throw new InvalidConfigException("matchLabels: a label key must not be empty");
        }
        if (v == null) {
          throw new InvalidConfigException("matchLabels." + k + ": required field is missing");
        }
        labels.put(k, v);
      });
    }
    matchLabels = Collections.unmodifiableMap(labels);
    matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
    if (matchLabels.isEmpty() && matchExpressions.isEmpty()) {
      throw new InvalidConfigException(
          "matchLabels, matchExpressions: a selector needs at least one criterion");
    }
  }

  /** A selector matching the given labels exactly. */
  public static ArgoCdAppSelector ofLabels(Map<String, String> matchLabels) {
    return new ArgoCdAppSelector(matchLabels, List.of());
  }

  /** True when {@code labels} satisfy every criterion. */
  public boolean matches(Map<String, String> labels) {
    Map<String, String> actual = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(actual.get(e.getKey()))) {
        return false;
      }
    }
    for (Requirement r : matchExpressions) {
      if (!r.matches(actual)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The selector in Kubernetes' query syntax ({@code labelSelector=} of the Kubernetes API,
   * {@code selector=} of the Argo CD API), e.g. {@code app=guestbook,tier in (a,b),!legacy}.
   * Requirements are sorted by key, as Kubernetes prints them.
   */
  public String toQuery() {
    TreeMap<String, List<String>> byKey = new TreeMap<>();
    matchLabels.forEach((k, v) -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(k + "=" + v));
    for (Requirement r : matchExpressions) {
      byKey.computeIfAbsent(r.key(), x -> new ArrayList<>()).add(r.toQuery());
    }
    List<String> parts = new ArrayList<>();
    byKey.values().forEach(parts::addAll);
    return String.join(",", parts);
  }

  @Override
  public String toString() {
    return toQuery();
  }

  /**
   * One {@code matchExpressions} entry.
   *
   * @param key the label key; required
   * @param operator {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
   * @param values non-empty for {@code In}/{@code NotIn}, empty for the others
   */
  public record Requirement(String key, String operator, List<String> values) {
    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

    public Requirement {
      ConfigRules.required(key, "key");
      ConfigRules.required(operator, "operator");
      ConfigRules.oneOf(operator, OPERATORS, "operator");
      values = values == null ? List.of() : List.copyOf(values);
      boolean setOperator = operator.equals("In") || operator.equals("NotIn");
      if (setOperator && values.isEmpty()) {
        throw new InvalidConfigException("values: operator " + operator + " needs at least one value");
      }
      if (!setOperator && !values.isEmpty()) {
        throw new InvalidConfigException("values: operator " + operator + " takes no values");
      }
    }

    boolean matches(Map<String, String> labels) {
      return switch (operator) {
        case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
        case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
        case "Exists" -> labels.containsKey(key);
        default -> !labels.containsKey(key);
      };
    }

    String toQuery() {
      List<String> sorted = values.stream().sorted().toList();
      return switch (operator) {
        case "In" -> key + " in (" + String.join(",", sorted) + ")";
        case "NotIn" -> key + " notin (" + String.join(",", sorted) + ")";
        case "Exists" -> key;
        default -> "!" + key;
      };
    }
  }
}
