package dev.kargo4j.core.steps.internal;

import dev.kargo4j.core.spi.BoundedHttpClient;
import dev.kargo4j.core.spi.InsecureTls;
import dev.kargo4j.core.spi.TerminalStepException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the {@code http} and {@code http-download} steps add to {@link BoundedHttpClient}:
 * Go-compatible query encoding and header names, and a client variant for a proxy or for
 * skipping TLS verification. Thread-safe.
 */
public final class HttpExchange {
  private HttpExchange() {}

  /** Request headers the JDK client manages itself and refuses to take from callers. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  /** Whether the JDK client refuses to send a header with this name. */
  public static boolean isRestricted(String name) {
    return RESTRICTED.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * {@code base}, or a client with its settings plus a proxy and/or trust in any certificate.
   * Skipping verification also skips the host name check.
   */
  public static HttpClient clientFor(HttpClient base, String proxy, boolean insecureSkipTlsVerify) {
    if (proxy == null && !insecureSkipTlsVerify) {
      return base;
    }
    HttpClient.Builder b = BoundedHttpClient.copy(base, insecureSkipTlsVerify ? InsecureTls.sslContext() : null);
    if (proxy != null) {
      URI p = URI.create(proxy);
      int port = p.getPort() >= 0 ? p.getPort() : ("https".equals(p.getScheme()) ? 443 : 80);
      b.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(p.getHost(), port)));
    }
    return b.build();
  }

  /**
   * {@code url} with {@code params} added as Go's {@code url.Values} does: the existing query
   * is parsed, the parameters appended, and the whole query re-encoded sorted by name.
   *
   * @throws TerminalStepException when the URL is not an absolute http(s) URL
   */
  public static URI withQuery(String url, List<Map.Entry<String, String>> params) {
    URI uri;
    url = url.replace(" ", "%20"); // Go's parser tolerates spaces; the JDK's does not
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new TerminalStepException("error building HTTP request: url \"" + url + "\" is not a valid URL");
    }
    if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http")
        || uri.getScheme().equalsIgnoreCase("https")) || uri.getHost() == null) {
      throw new TerminalStepException("error building HTTP request: url \"" + url
          + "\" must be an absolute http or https URL");
    }
    if (params.isEmpty()) {
      return uri;
    }
    Map<String, List<String>> q = new TreeMap<>();
    String raw = uri.getRawQuery();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        q.computeIfAbsent(unescape(k), x -> new ArrayList<>()).add(unescape(v));
      }
    }
    for (Map.Entry<String, String> p : params) {
      q.computeIfAbsent(p.getKey(), x -> new ArrayList<>()).add(p.getValue());
    }
    StringBuilder sb = new StringBuilder();
    q.forEach((k, vs) -> {
      for (String v : vs) {
        if (sb.length() > 0) {
          sb.append('&');
        }
        sb.append(queryEscape(k)).append('=').append(queryEscape(v));
      }
    });
    String s = url;
    int hash = s.indexOf('#');
    String fragment = hash >= 0 ? s.substring(hash) : "";
    s = hash >= 0 ? s.substring(0, hash) : s;
    int qm = s.indexOf('?');
    s = (qm >= 0 ? s.substring(0, qm) : s) + "?" + sb + fragment;
    return URI.create(s);
  }

  private static String unescape(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }

  /** Go's {@code url.QueryEscape}. */
  static String queryEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        sb.append(c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }

  /** Go's {@code textproto.CanonicalMIMEHeaderKey}. */
  public static String canonicalHeader(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean token = c > ' ' && c < 0x7f && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0;
      if (!token) {
        return name;
      }
    }
    StringBuilder sb = new StringBuilder(name.length());
    boolean upper = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return sb.toString();
  }

  /** The response headers under Go's canonical names, values in order. */
  public static Map<String, List<String>> canonicalHeaders(HttpHeaders headers) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    headers.map().forEach((k, vs) -> {
      if (!k.startsWith(":")) {
        out.computeIfAbsent(canonicalHeader(k), x -> new ArrayList<>()).addAll(vs);
      }
    });
    return out;
  }
}
