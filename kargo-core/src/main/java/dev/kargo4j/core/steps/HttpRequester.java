package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.BoundedHttpClient;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.core.steps.internal.DocumentValues;
import dev.kargo4j.core.steps.internal.Expressions;
import dev.kargo4j.core.steps.internal.HttpExchange;
import dev.kargo4j.core.steps.internal.ScalarQuoting;
import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.Expression;
import dev.kargo4j.expr.go.GoFmt;
import dev.kargo4j.expr.go.GoStrconv;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code http} step: sends one HTTP request and decides from the response, as Kargo does.
 * Expressions are raw expr-lang over {@code response}: {@code response.status} (int),
 * {@code response.header("Name")} (the first value, or ""), {@code response.headers} (canonical
 * name to list of values) and {@code response.body} (parsed as JSON when the content type says
 * so, or by default when it is valid JSON; YAML and plain text on request; {@code {}} when
 * empty; at most 2 MiB).
 *
 * <p>Outcome, in Kargo's precedence: {@code failureExpression} true: Failed for good (with the
 * message of {@code errorExpression} when it yields a string); {@code successExpression} true:
 * Succeeded with the named outputs; neither expression set: Succeeded for a 2xx status, else
 * Failed; otherwise Running, asked again after {@code pollInterval}. Transport problems and
 * evaluation errors are retryable errors; a bad expression is a config error.
 *
 * <p>Needs {@link Capability#HTTP_CLIENT}; a proxy or {@code insecureSkipTLSVerify} gets a
 * variant of that client. The exchange is a {@link BoundedHttpClient}'s: the whole of it, body included,
 * within {@code timeout}; redirects checked hop by hop (hosts resolving to link-local addresses are
 * refused unless a proxy connects; the user's headers are not sent to another host). Header
 * values and the body are never logged. Config: {@link HttpRequesterConfig}. Thread-safe.
 */
public final class HttpRequester implements StepRunner {
  /** The step kind, {@code http}. */
  public static final String KIND = "http";

  /** Kargo's limit for response bodies and {@code bodyFromFile}: 2 MiB. */
  public static final long MAX_BODY_BYTES = 2L << 20;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.HTTP_CLIENT);
  }

  @Override
  public StepResult run(StepContext context) {
    HttpRequesterConfig cfg = context.config(HttpRequesterConfig.class);
    Expression success = compileIfSet(cfg.successExpression(), "successExpression");
    Expression failure = compileIfSet(cfg.failureExpression(), "failureExpression");
    Expression error = compileIfSet(cfg.errorExpression(), "errorExpression");
    List<Expression> outputs = new ArrayList<>();
    for (int i = 0; i < cfg.outputs().size(); i++) {
      outputs.add(Expressions.compile(cfg.outputs().get(i).fromExpression(), "outputs[" + i + "].fromExpression"));
    }

    HttpClient client = HttpExchange.clientFor(context.capability(Capability.HTTP_CLIENT),
        cfg.proxy(), cfg.insecureSkipTLSVerify());
    URI uri = HttpExchange.withQuery(cfg.url(), params(cfg.queryParams()));
    HttpRequest request = request(context, cfg, uri);
    if (context.isCancelled()) {
      throw new KargoException("the promotion was cancelled before the HTTP request was sent");
    }
    // through a proxy it is the proxy that connects, so the link-local check (Kargo's dialer)
    // does not apply, as in Kargo
    BoundedHttpClient.Response response = BoundedHttpClient.of(client)
        .withTimeout(positive(cfg.effectiveTimeout()))
        .withMaxBodyBytes(MAX_BODY_BYTES)
        .withLinkLocalRefused(cfg.proxy() == null)
        .send(request);
    int status = response.status();
    context.logger().debug("http: {} {}://{}{} answered {}", request.method(), response.uri().getScheme(),
        response.uri().getRawAuthority(), response.uri().getRawPath(), status);
    Map<String, Object> env = Map.of("response", responseValue(response.headers(), status, response.body(),
        cfg.responseContentType()));

    Boolean succeeded = criterion(success, env, "success");
    Boolean failed = criterion(failure, env, "failure");
    if (Boolean.TRUE.equals(failed)) {
      String message = errorMessage(error, env, context);
      return StepResult.failed("HTTP (" + status + ") response met failure criteria"
          + (message.isEmpty() ? "" : ": " + GoStrconv.quote(message)));
    }
    if (Boolean.TRUE.equals(succeeded)) {
      return StepResult.succeeded(outputs(cfg, outputs, env));
    }
    if (succeeded == null && failed == null) {
      if (status >= 200 && status < 300) {
        return StepResult.succeeded(outputs(cfg, outputs, env));
      }
      return StepResult.failed("HTTP (" + status + ") response is not a success (2xx) and the step"
          + " sets neither successExpression nor failureExpression");
    }
    Duration poll = cfg.effectivePollInterval();
    return StepResult.running(poll.isNegative() ? Duration.ZERO : poll,
        "HTTP (" + status + ") response met neither the success nor the failure criteria", Map.of());
  }

  private static Expression compileIfSet(String source, String field) {
    return source == null || source.isEmpty() ? null : Expressions.compile(source, field);
  }

  private static Duration positive(Duration d) {
    // Go's client: a timeout of zero or less means none
    return d.isNegative() || d.isZero() ? Duration.ofNanos(Long.MAX_VALUE) : d;
  }

  static List<Map.Entry<String, String>> params(List<HttpQueryParam> params) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (HttpQueryParam p : params) {
      out.add(new AbstractMap.SimpleImmutableEntry<>(p.name(), p.value()));
    }
    return out;
  }

  private static HttpRequest request(StepContext context, HttpRequesterConfig cfg, URI uri) {
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    if (cfg.bodyFromFile() != null) {
      body = HttpRequest.BodyPublishers.ofByteArray(readBodyFile(context, cfg.bodyFromFile()));
    } else if (cfg.body() != null && !cfg.body().isEmpty()) {
      body = HttpRequest.BodyPublishers.ofString(cfg.body(), StandardCharsets.UTF_8);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(cfg.effectiveMethod(), body);
    return withHeaders(b, cfg.headers()).build();
  }

  /** Adds the headers; a name or value the JDK refuses is a terminal error that hides the value. */
  static HttpRequest.Builder withHeaders(HttpRequest.Builder b, List<HttpHeader> headers) {
    for (int i = 0; i < headers.size(); i++) {
      HttpHeader h = headers.get(i);
      try {
        b.header(h.name(), h.value());
      } catch (IllegalArgumentException e) {
        throw new TerminalStepException("error building HTTP request: headers[" + i + "] ('"
            + h.name() + "') has a name or value the HTTP client refuses (e.g. a line break)");
      }
    }
    return b;
  }

  private static byte[] readBodyFile(StepContext context, String rel) {
    Path file = context.workDir().resolve(rel, "bodyFromFile");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes((int) MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new TerminalStepException("error building HTTP request: could not read bodyFromFile \""
            + rel + "\": larger than " + MAX_BODY_BYTES + " bytes");
      }
      return bytes;
    } catch (NoSuchFileException e) {
      throw new TerminalStepException("error building HTTP request: could not read bodyFromFile \""
          + rel + "\": no such file");
    } catch (IOException e) {
      throw new TerminalStepException("error building HTTP request: could not read bodyFromFile \""
          + rel + "\": " + e.getClass().getSimpleName());
    }
  }

  /** {@code response} as expressions see it. */
  static Map<String, Object> responseValue(HttpHeaders responseHeaders, int status, byte[] body,
      String contentTypeOverride) {
    Map<String, List<String>> headers = HttpExchange.canonicalHeaders(responseHeaders);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("status", (long) status);
    r.put("header", (ExprFunction) args -> {
      if (args.size() != 1 || !(args.get(0) instanceof String name)) {
        throw new IllegalArgumentException("header(name) takes one string argument");
      }
      List<String> values = headers.get(HttpExchange.canonicalHeader(name));
      return values == null || values.isEmpty() ? "" : values.get(0);
    });
    r.put("headers", headers);
    r.put("body", Map.of());
    String contentType = contentTypeOverride;
    if (contentType == null || contentType.isEmpty()) {
      List<String> ct = headers.get("Content-Type");
      contentType = mediaType(ct == null || ct.isEmpty() ? "" : ct.get(0));
    }
    if (body.length > 0) {
      String text = new String(body, StandardCharsets.UTF_8);
      String ct = contentType;
      try {
        if (ct.equalsIgnoreCase("application/yaml") || ct.equalsIgnoreCase("text/yaml")
            || ct.equalsIgnoreCase("application/x-yaml")) {
          r.put("body", DocumentValues.parseYaml(text));
        } else if (ct.equalsIgnoreCase("text/plain")) {
          r.put("body", text);
        } else if (ct.equals("application/json") || ScalarQuoting.isValidJson(text)) {
          // any other type: JSON when the body is valid JSON, otherwise ignored
          r.put("body", DocumentValues.parseJson(text));
        }
      } catch (IllegalArgumentException e) {
        throw new KargoException("error building expression context from HTTP response: failed to parse "
            + (ct.toLowerCase(Locale.ROOT).contains("yaml") ? "YAML" : "JSON") + " response: " + e.getMessage());
      }
    }
    return r;
  }

  /** Go's {@code mime.ParseMediaType} reduced to the lowercased type; "" when malformed. */
  static String mediaType(String header) {
    int semi = header.indexOf(';');
    String t = (semi >= 0 ? header.substring(0, semi) : header).strip().toLowerCase(Locale.ROOT);
    return t.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+") ? t : "";
  }

  private static Boolean criterion(Expression e, Map<String, Object> env, String what) {
    if (e == null) {
      return null;
    }
    Object v = Expressions.evaluate(e, env, what + " expression");
    if (v instanceof Boolean b) {
      return b;
    }
    throw new KargoException(what + " expression " + GoStrconv.quote(e.source())
        + " did not evaluate to a boolean (got " + GoFmt.typeName(v) + ")");
  }

  private static String errorMessage(Expression e, Map<String, Object> env, StepContext context) {
    if (e == null) {
      return "";
    }
    try {
      return e.evaluate(env) instanceof String s ? s : "";
    } catch (KargoException ex) {
      // best effort, as in Kargo: the response may not have the shape the expression expects
      context.logger().debug("http: errorExpression could not be evaluated: {}", ex.getMessage());
      return "";
    }
  }

  private static Map<String, Object> outputs(HttpRequesterConfig cfg, List<Expression> compiled,
      Map<String, Object> env) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < compiled.size(); i++) {
      Object v = Expressions.evaluate(compiled.get(i), env, "output "
          + GoStrconv.quote(cfg.outputs().get(i).name()) + " expression");
      out.put(cfg.outputs().get(i).name(), DocumentValues.toOutput(v));
    }
    return out;
  }
}
