package dev.kargo4j.core.oci.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code WWW-Authenticate} challenge: its scheme ({@code bearer} or {@code basic}, lower
 * case) and parameters ({@code realm}, {@code service}, {@code scope}, ...). Immutable.
 */
public record AuthChallenge(String scheme, Map<String, String> params) {

  /** Copies. */
  public AuthChallenge {
    scheme = scheme.toLowerCase(Locale.ROOT);
    params = Map.copyOf(params);
  }

  /** Whether this is a bearer (token) challenge. */
  public boolean isBearer() {
    return scheme.equals("bearer");
  }

  /** Whether this is a basic challenge. */
  public boolean isBasic() {
    return scheme.equals("basic");
  }

  /** A parameter, or empty. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }

  /**
   * The challenges in the values of {@code WWW-Authenticate} headers, in order. Unparseable
   * parts are skipped.
   */
  public static List<AuthChallenge> parseAll(List<String> headerValues) {
    List<AuthChallenge> out = new ArrayList<>();
    for (String value : headerValues) {
      parseInto(value, out);
    }
    return out;
  }

  /** The first bearer challenge, else the first basic one, else null. */
  public static AuthChallenge preferred(List<String> headerValues) {
    List<AuthChallenge> all = parseAll(headerValues);
    for (AuthChallenge c : all) {
      if (c.isBearer()) {
        return c;
      }
    }
    for (AuthChallenge c : all) {
      if (c.isBasic()) {
        return c;
      }
    }
    return null;
  }

  private static void parseInto(String s, List<AuthChallenge> out) {
    int i = 0;
    int n = s.length();
    String scheme = null;
    Map<String, String> params = new LinkedHashMap<>();
    while (i < n) {
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',' || s.charAt(i) == '\t')) {
        i++;
      }
      int start = i;
      while (i < n && isToken(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        i++; // skip a stray character
        continue;
      }
      String token = s.substring(start, i);
      int j = i;
      while (j < n && s.charAt(j) == ' ') {
        j++;
      }
      if (j < n && s.charAt(j) == '=' && scheme != null) {
        i = j + 1;
        while (i < n && s.charAt(i) == ' ') {
          i++;
        }
        String value;
        if (i < n && s.charAt(i) == '"') {
          StringBuilder sb = new StringBuilder();
          i++;
          while (i < n && s.charAt(i) != '"') {
            if (s.charAt(i) == '\\' && i + 1 < n) {
              i++;
            }
            sb.append(s.charAt(i));
            i++;
          }
          i++; // closing quote
          value = sb.toString();
        } else {
          int vs = i;
          while (i < n && s.charAt(i) != ',' && s.charAt(i) != ' ') {
            i++;
          }
          value = s.substring(vs, i);
        }
        params.put(token.toLowerCase(Locale.ROOT), value);
      } else {
        // a new scheme starts
        if (scheme != null) {
          out.add(new AuthChallenge(scheme, params));
          params = new LinkedHashMap<>();
        }
        scheme = token;
      }
    }
    if (scheme != null) {
      out.add(new AuthChallenge(scheme, params));
    }
  }

  private static boolean isToken(char c) {
    return Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
