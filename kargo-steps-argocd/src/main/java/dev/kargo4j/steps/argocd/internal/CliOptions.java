package dev.kargo4j.steps.argocd.internal;

import dev.kargo4j.KargoException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Argo CD CLI's connection flags, as found in {@code ARGOCD_OPTS}: {@code --server},
 * {@code --auth-token}, {@code --insecure}, {@code --plaintext}, {@code --server-crt},
 * {@code --header} (repeatable), {@code --grpc-web-root-path}; {@code --grpc-web} is accepted and
 * ignored (REST needs no gRPC-web). Flags that change how the CLI reaches Argo CD in ways a REST
 * client cannot follow ({@code --core}, {@code --port-forward}, ...) are refused, naming the flag.
 * {@link #toString()} never shows the token or header values.
 */
public record CliOptions(String server, String authToken, boolean insecure, boolean plaintext, String serverCrt,
    Map<String, String> headers, String rootPath) {

  private static final List<String> IGNORED_SWITCHES = List.of("--grpc-web", "--http-retry-max");

  @Override
  public String toString() {
    return "CliOptions[server=" + server + ", authToken=" + (authToken == null ? "none" : "***")
        + ", insecure=" + insecure + ", plaintext=" + plaintext + ", serverCrt=" + serverCrt
        + ", headers=" + headers.keySet() + ", rootPath=" + rootPath + "]";
  }

  /**
   * Parses {@code opts} (shell-like words; single and double quotes group).
   *
   * @throws KargoException naming the unsupported flag or the flag missing its value
   */
  public static CliOptions parse(String opts) {
    List<String> words = split(opts == null ? "" : opts);
    String server = null;
    String token = null;
    boolean insecure = false;
    boolean plaintext = false;
    String crt = null;
    String root = null;
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      String flag = w;
      String inline = null;
      int eq = w.indexOf('=');
      if (w.startsWith("--") && eq > 0) {
        flag = w.substring(0, eq);
        inline = w.substring(eq + 1);
      }
      switch (flag) {
        case "--insecure" -> insecure = inline == null || Boolean.parseBoolean(inline);
        case "--plaintext" -> plaintext = inline == null || Boolean.parseBoolean(inline);
        case "--grpc-web" -> { }
        case "--server", "--auth-token", "--server-crt", "--header", "-H", "--grpc-web-root-path",
            "--http-retry-max" -> {
          String value = inline;
          if (value == null) {
            if (i + 1 >= words.size()) {
              throw new KargoException("ARGOCD_OPTS: flag " + flag + " needs a value");
            }
            value = words.get(++i);
          }
          switch (flag) {
            case "--server" -> server = value;
            case "--auth-token" -> token = value;
            case "--server-crt" -> crt = value;
            case "--grpc-web-root-path" -> root = value;
            case "--http-retry-max" -> { }
            default -> {
              int colon = value.indexOf(':');
              if (colon <= 0) {
                throw new KargoException("ARGOCD_OPTS: " + flag + " expects 'Name: value'");
              }
              headers.put(value.substring(0, colon).strip(), value.substring(colon + 1).strip());
            }
          }
        }
        default -> throw new KargoException("ARGOCD_OPTS: flag '" + flag + "' is not supported by the REST "
            + "client; supported: --server, --auth-token, --insecure, --plaintext, --server-crt, --header, "
            + "--grpc-web-root-path, and (ignored) " + String.join(", ", IGNORED_SWITCHES));
      }
    }
    return new CliOptions(server, token, insecure, plaintext, crt, Map.copyOf(headers), root);
  }

  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      throw new KargoException("ARGOCD_OPTS: unterminated quote");
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
