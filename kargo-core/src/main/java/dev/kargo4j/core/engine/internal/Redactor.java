package dev.kargo4j.core.engine.internal;

import dev.kargo4j.core.freight.RepoUrls;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.expr.go.GoJson;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Remembers the secret values a promotion read (through {@code secret()} and
 * {@code sharedSecret()}, and the credentials the host's provider handed its steps) and masks
 * them in everything the engine logs, stores or throws: step messages, outputs (keys and
 * values), error messages, and the steps' own log lines.
 *
 * <p>A secret is masked wherever it occurs, also inside longer text, and in its common
 * encodings: URL-encoded (form and path style, either hex case), JSON-escaped, and base64 (the
 * characters of a base64 text that depend on the secret alone, at each of the three alignments,
 * so a secret base64'd inside any longer value is caught too, e.g. in a Basic
 * {@code Authorization} header). Messages additionally lose the user information of every URL
 * in them ({@link RepoUrls#redact}). Values shorter than 4 characters are not masked (they occur
 * by chance), nor base64 forms shorter than 8 characters.
 *
 * <p>Thread-safe.
 */
public final class Redactor {
  /** The mask that replaces a secret value. */
  public static final String MASK = "***";
  // values shorter than this are too likely to occur by chance to be masked usefully
  private static final int MIN_LENGTH = 4;
  // a shorter base64 fragment would be masked inside unrelated base64 data too often
  private static final int MIN_BASE64 = 8;
  // masking one secret can form another (a secret containing the mask): rounds until none is left
  private static final int MAX_ROUNDS = 8;

  private final Set<String> secrets = new LinkedHashSet<>();
  // the forms to mask, longest first; replaced whole on every change, read without locking
  private volatile List<String> forms = List.of();

  /** Remembers every value of {@code data} as secret, and base64 of {@code username:password}. */
  public void remember(Map<String, String> data) {
    List<String> add = new ArrayList<>(data.values());
    String user = data.get("username");
    String password = data.get("password");
    if (user != null && password != null) {
      add.add(user + ":" + password);
    }
    rememberAll(add);
  }

  /** Remembers credentials the host handed a step: the password, the key, the Basic pair. */
  public void remember(Credentials credentials) {
    List<String> add = new ArrayList<>();
    add.add(credentials.password());
    if (credentials.sshPrivateKey() != null) {
      add.add(credentials.sshPrivateKey());
      add.add(credentials.sshPrivateKey().strip());
    }
    if (credentials.username() != null && !credentials.password().isEmpty()) {
      add.add(credentials.username() + ":" + credentials.password());
    }
    rememberAll(add);
  }

  private synchronized void rememberAll(List<String> values) {
    boolean changed = false;
    for (String v : values) {
      if (v != null && v.length() >= MIN_LENGTH) {
        changed |= secrets.add(v);
      }
    }
    if (!changed) {
      return;
    }
    Set<String> all = new LinkedHashSet<>();
    for (String s : secrets) {
      all.addAll(forms(s));
    }
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    forms = List.copyOf(sorted);
  }

  /** The forms of {@code secret} that are masked: itself and its encodings. */
  static Set<String> forms(String secret) {
    Set<String> out = new LinkedHashSet<>();
    out.add(secret);
    String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
    String path = form.replace("+", "%20");
    for (String s : List.of(form, path)) {
      out.add(s);
      out.add(lowerHex(s));
    }
    // inside a JSON string as Go writes it (<, >, & escaped) and as other encoders do
    String json = GoJson.marshal(secret);
    json = json.substring(1, json.length() - 1);
    out.add(json);
    out.add(json.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&"));
    for (String core : base64Cores(secret)) {
      if (core.length() >= MIN_BASE64) {
        out.add(core);
      }
    }
    return out;
  }

  /**
   * For each of the three positions a secret can take relative to base64's 3-byte groups, the
   * characters of the encoding that depend on the secret's bytes alone, in the standard and the
   * URL-safe alphabet: whatever surrounds the secret, its base64 contains one of them.
   */
  static Set<String> base64Cores(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    Set<String> out = new LinkedHashSet<>();
    for (int offset = 0; offset < 3; offset++) {
      byte[] padded = new byte[offset + bytes.length + 3];
      System.arraycopy(bytes, 0, padded, offset, bytes.length);
      String std = Base64.getEncoder().withoutPadding().encodeToString(padded);
      // character j covers bits [6j, 6j+6); keep those inside the secret's bits
      int firstBit = 8 * offset;
      int endBit = 8 * (offset + bytes.length);
      int from = (firstBit + 5) / 6;
      int to = endBit / 6;
      if (to > from) {
        String core = std.substring(from, to);
        out.add(core);
        out.add(core.replace('+', '-').replace('/', '_'));
      }
    }
    return out;
  }

  private static String lowerHex(String percentEncoded) {
    StringBuilder sb = new StringBuilder(percentEncoded.length());
    for (int i = 0; i < percentEncoded.length(); i++) {
      char c = percentEncoded.charAt(i);
      sb.append(c);
      if (c == '%' && i + 2 < percentEncoded.length()) {
        sb.append(percentEncoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
        i += 2;
      }
    }
    return sb.toString();
  }


  /**
   * A message ({@code text}) with every remembered secret masked in every form, and every URL's
   * user information removed; null stays null. For messages and logs; outputs use {@link #mask}.
   */
  public String redact(String text) {
    return RepoUrls.redact(mask(text));
  }

  /** {@code text} with every occurrence of every remembered secret, in every form, masked. */
  public String mask(String text) {
    List<String> all = forms;
    if (text == null || all.isEmpty()) {
      return text;
    }
    String out = text;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      boolean changed = false;
      for (String s : all) {
        if (out.contains(s)) {
          out = out.replace(s, MASK);
          changed = true;
        }
      }
      if (!changed) {
        return out;
      }
    }
    // secrets that keep re-forming one another: show nothing rather than a secret
    return MASK;
  }

  /** A JSON-like value with every string, map keys included, masked. */
  @SuppressWarnings("unchecked")
  public Object redactTree(Object value) {
    if (forms.isEmpty()) {
      return value;
    }
    if (value instanceof String s) {
      return mask(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k == null ? null : mask(k), redactTree(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(v -> out.add(redactTree(v)));
      return out;
    }
    return value;
  }

  /** Whether any secret was read. */
  public boolean isEmpty() {
    return forms.isEmpty();
  }

  /**
   * A logger that passes every message, argument and exception text through {@link #redact}
   * before {@code delegate} sees it, so a step's own log lines cannot show what the promotion
   * masks. SLF4J's fluent API ({@code atInfo()...}) ends in the same methods and is covered too.
   */
  public Logger logger(Logger delegate) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.isDefault()) {
        // the fluent API's builders call back into this proxy's plain methods
        return InvocationHandler.invokeDefault(proxy, method, args);
      }
      Object[] redacted = args;
      if (args != null && method.getReturnType() == void.class) {
        redacted = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
          redacted[i] = redactArg(args[i]);
        }
      }
      try {
        return method.invoke(delegate, redacted);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, handler);
  }

  private Object redactArg(Object arg) {
    if (arg instanceof String s) {
      return redact(s);
    }
    if (arg instanceof Object[] array) {
      Object[] out = new Object[array.length];
      for (int i = 0; i < array.length; i++) {
        out[i] = redactArg(array[i]);
      }
      return out;
    }
    if (arg instanceof Throwable t) {
      return redactThrowable(t, 0);
    }
    if (arg == null || arg instanceof Number || arg instanceof Boolean || arg instanceof org.slf4j.Marker) {
      return arg;
    }
    return redact(String.valueOf(arg));
  }

  private Throwable redactThrowable(Throwable t, int depth) {
    RedactedThrowable copy = new RedactedThrowable(redact(t.toString()));
    copy.setStackTrace(t.getStackTrace());
    if (t.getCause() != null && t.getCause() != t && depth < 8) {
      copy.initCause(redactThrowable(t.getCause(), depth + 1));
    }
    return copy;
  }

  /** A logged exception with its text masked; {@code toString()} is the original's, masked. */
  private static final class RedactedThrowable extends Throwable {
    private static final long serialVersionUID = 1L;
    private final String text;

    RedactedThrowable(String text) {
      super(text);
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
