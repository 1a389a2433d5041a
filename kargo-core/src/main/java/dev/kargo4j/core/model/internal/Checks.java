package dev.kargo4j.core.model.internal;

import dev.kargo4j.core.model.InvalidModelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Argument checks and defensive copies used by the model's compact constructors. */
public final class Checks {
  /** RFC 1123 DNS label: at most 63 characters. */
  public static final Pattern DNS_LABEL = Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  /** RFC 1123 DNS subdomain: labels joined by dots, at most 253 characters. */
  public static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  /** Kargo's variable names. */
  public static final Pattern VAR_NAME = Pattern.compile("^[a-zA-Z_]\\w*$");

  private Checks() {}

  /** Null becomes the empty string. */
  public static String str(String s) {
    return s == null ? "" : s;
  }

  /** A required, non-empty string. */
  public static String required(String field, String s) {
    if (s == null || s.isEmpty()) {
      throw new InvalidModelException(field, "required field is missing or empty");
    }
    return s;
  }

  /** A required non-null value. */
  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new InvalidModelException(field, "required field is missing");
    }
    return value;
  }

  /** An unmodifiable copy; null becomes empty; null elements are rejected. */
  public static <T> List<T> list(String field, List<T> in) {
    if (in == null || in.isEmpty()) {
      return List.of();
    }
    for (int i = 0; i < in.size(); i++) {
      if (in.get(i) == null) {
        throw new InvalidModelException(field + "[" + i + "]", "must not be null");
      }
    }
    return List.copyOf(in);
  }

  /** A sorted unmodifiable copy; null becomes empty; null keys or values are rejected. */
  public static <V> Map<String, V> map(String field, Map<String, V> in) {
    if (in == null || in.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, V> copy = new TreeMap<>();
    for (Map.Entry<String, V> e : in.entrySet()) {
      if (e.getKey() == null) {
        throw new InvalidModelException(field, "keys must not be null");
      }
      if (e.getValue() == null) {
        throw new InvalidModelException(field + "." + e.getKey(), "must not be null");
      }
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableMap(copy);
  }

  /** Checks an RFC 1123 subdomain name (Kubernetes object names). */
  public static String subdomain(String field, String name) {
    required(field, name);
    if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      throw new InvalidModelException(
          field,
          "\"" + name + "\" is not a valid name; allowed: at most 253 lower-case alphanumeric"
              + " characters, '-' or '.', starting and ending with an alphanumeric character");
    }
    return name;
  }

  /** Checks an RFC 1123 label (Project names, subscription names); empty is allowed. */
  public static String optionalLabel(String field, String name) {
    String s = str(name);
    if (!s.isEmpty() && (s.length() > 63 || !DNS_LABEL.matcher(s).matches())) {
      throw new InvalidModelException(
          field,
          "\"" + s + "\" is not a valid RFC 1123 label; allowed: at most 63 lower-case"
              + " alphanumeric characters or '-', starting and ending with an alphanumeric"
              + " character");
    }
    return s;
  }

  /** Checks an optional RFC 1123 subdomain; empty is allowed. */
  public static String optionalSubdomain(String field, String name) {
    String s = str(name);
    return s.isEmpty() ? s : subdomain(field, s);
  }

  /** Fails unless {@code value} is in [min, max]. */
  public static long range(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new InvalidModelException(
          field, "value " + value + " is out of range; allowed: " + min + ".." + max);
    }
    return value;
  }

  /** Fails unless {@code d} (may be null) fits Go's {@code time.Duration} (int64 nanoseconds). */
  public static java.time.Duration goDuration(String field, java.time.Duration d) {
    if (d != null) {
      try {
        d.toNanos();
      } catch (ArithmeticException e) {
        throw new InvalidModelException(field, "duration " + d + " is out of range; allowed: at most"
            + " about 292 years (Go's time.Duration)");
      }
    }
    return d;
  }

  /** Copies and checks a list of lists element-wise. */
  public static <T> List<T> nonNullElements(String field, List<T> in) {
    return list(field, in == null ? null : new ArrayList<>(in));
  }
}
