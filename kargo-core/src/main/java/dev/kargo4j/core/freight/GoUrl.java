package dev.kargo4j.core.freight;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The parts of Go's {@code net/url} that Kargo's URL normalisers depend on: {@code Parse},
 * {@code String()}, {@code Query()} emptiness and the escaping rules, reproduced byte for byte.
 * Not thread-safe (mutable while a normaliser works on it); instances never escape.
 */
final class GoUrl {
  /** Go's url.Parse failed; the normalisers then return their input. */
  static final class ParseException extends Exception {
    private static final long serialVersionUID = 1L;

    ParseException(String message) {
      super(message, null, false, false);
    }
  }

  private enum Mode {
    PATH,
    HOST,
    USER_PASSWORD,
    QUERY_COMPONENT,
    FRAGMENT
  }

  String scheme = "";
  String opaque = "";
  String username;
  String password;
  boolean passwordSet;
  boolean hasUser;
  String host = "";
  String path = "";
  String rawPath = "";
  boolean omitHost;
  boolean forceQuery;
  String rawQuery = "";
  String fragment = "";
  String rawFragment = "";

  private GoUrl() {}

  static GoUrl parse(String raw) throws ParseException {
    String u = raw;
    String frag = "";
    int hash = raw.indexOf('#');
    boolean hasFrag = hash >= 0;
    if (hasFrag) {
      u = raw.substring(0, hash);
      frag = raw.substring(hash + 1);
    }
    GoUrl url = parseNoFragment(u);
    if (hasFrag && !frag.isEmpty()) {
      url.setFragment(frag);
    }
    return url;
  }

  private static GoUrl parseNoFragment(String raw) throws ParseException {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        throw new ParseException("invalid control character in URL");
      }
    }
    GoUrl url = new GoUrl();
    if (raw.equals("*")) {
      url.path = "*";
      return url;
    }
    String rest;
    // getScheme
    String scheme = "";
    rest = raw;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
        continue;
      }
      if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
        if (i == 0) {
          break;
        }
        continue;
      }
      if (c == ':') {
        if (i == 0) {
          throw new ParseException("missing protocol scheme");
        }
        scheme = raw.substring(0, i);
        rest = raw.substring(i + 1);
      }
      break;
    }
    url.scheme = scheme.toLowerCase(java.util.Locale.ROOT);
    if (rest.endsWith("?") && count(rest, '?') == 1) {
      url.forceQuery = true;
      rest = rest.substring(0, rest.length() - 1);
    } else {
      int q = rest.indexOf('?');
      if (q >= 0) {
        url.rawQuery = rest.substring(q + 1);
        rest = rest.substring(0, q);
      }
    }
    if (!rest.startsWith("/")) {
      if (!url.scheme.isEmpty()) {
        url.opaque = rest;
        return url;
      }
      int slash = rest.indexOf('/');
      String segment = slash >= 0 ? rest.substring(0, slash) : rest;
      if (segment.indexOf(':') >= 0) {
        throw new ParseException("first path segment in URL cannot contain colon");
      }
    }
    if ((!url.scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
      String authority = rest.substring(2);
      rest = "";
      int slash = authority.indexOf('/');
      if (slash >= 0) {
        rest = authority.substring(slash);
        authority = authority.substring(0, slash);
      }
      url.parseAuthority(authority);
    } else if (!url.scheme.isEmpty() && rest.startsWith("/")) {
      url.omitHost = true;
    }
    url.setPath(rest);
    return url;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  private void parseAuthority(String authority) throws ParseException {
    int at = authority.lastIndexOf('@');
    host = parseHost(at < 0 ? authority : authority.substring(at + 1));
    if (at < 0) {
      return;
    }
    String userinfo = authority.substring(0, at);
    if (!validUserinfo(userinfo)) {
      throw new ParseException("net/url: invalid userinfo");
    }
    hasUser = true;
    int colon = userinfo.indexOf(':');
    if (colon < 0) {
      username = unescape(userinfo, Mode.USER_PASSWORD);
    } else {
      username = unescape(userinfo.substring(0, colon), Mode.USER_PASSWORD);
      password = unescape(userinfo.substring(colon + 1), Mode.USER_PASSWORD);
      passwordSet = true;
    }
  }

  private static String parseHost(String host) throws ParseException {
    if (host.startsWith("[")) {
      int close = host.lastIndexOf(']');
      if (close < 0) {
        throw new ParseException("missing ']' in host");
      }
      String colonPort = host.substring(close + 1);
      if (!validOptionalPort(colonPort)) {
        throw new ParseException("invalid port after host");
      }
      String inside = host.substring(1, close);
      int zone = inside.indexOf("%25");
      if (zone >= 0) {
        String h1 = unescape(host.substring(0, zone + 1), Mode.HOST);
        String h2 = unescape(host.substring(zone + 1, close + 1), Mode.HOST);
        String h3 = unescape(host.substring(close + 1), Mode.HOST);
        return h1 + h2 + h3;
      }
    } else {
      int colon = host.lastIndexOf(':');
      if (colon >= 0) {
        if (host.indexOf(':') != colon) {
          // Go rejects hosts with more than one colon outside brackets.
          throw new ParseException("invalid host");
        }
        if (!validOptionalPort(host.substring(colon))) {
          throw new ParseException("invalid port after host");
        }
      }
    }
    return unescape(host, Mode.HOST);
  }

  private static boolean validOptionalPort(String port) {
    if (port.isEmpty()) {
      return true;
    }
    if (port.charAt(0) != ':') {
      return false;
    }
    for (int i = 1; i < port.length(); i++) {
      char c = port.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean validUserinfo(String s) {
    for (int i = 0; i < s.length(); i++) {
      char r = s.charAt(i);
      if ((r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9')) {
        continue;
      }
      if ("-._:~!$&'()*+,;=%@".indexOf(r) >= 0) {
        continue;
      }
      return false;
    }
    return true;
  }

  void setPath(String p) throws ParseException {
    path = unescape(p, Mode.PATH);
    rawPath = escape(path, Mode.PATH).equals(p) ? "" : p;
  }

  private void setFragment(String f) throws ParseException {
    fragment = unescape(f, Mode.FRAGMENT);
    rawFragment = escape(fragment, Mode.FRAGMENT).equals(f) ? "" : f;
  }

  /** Whether Go's {@code Query()} would return a non-empty map. */
  boolean hasQueryValues() {
    String query = rawQuery;
    while (!query.isEmpty()) {
      String key;
      int amp = query.indexOf('&');
      if (amp >= 0) {
        key = query.substring(0, amp);
        query = query.substring(amp + 1);
      } else {
        key = query;
        query = "";
      }
      if (key.indexOf(';') >= 0) {
        continue;
      }
      if (key.isEmpty()) {
        continue;
      }
      String k = key;
      String v = "";
      int eq = key.indexOf('=');
      if (eq >= 0) {
        k = key.substring(0, eq);
        v = key.substring(eq + 1);
      }
      try {
        unescape(k, Mode.QUERY_COMPONENT);
        unescape(v, Mode.QUERY_COMPONENT);
      } catch (ParseException e) {
        continue;
      }
      return true;
    }
    return false;
  }

  String escapedPath() {
    if (!rawPath.isEmpty() && validEncoded(rawPath, Mode.PATH)) {
      try {
        if (unescape(rawPath, Mode.PATH).equals(path)) {
          return rawPath;
        }
      } catch (ParseException e) {
        // fall through to escaping the decoded path, as Go does
      }
    }
    if (path.equals("*")) {
      return "*";
    }
    return escape(path, Mode.PATH);
  }

  private String escapedFragment() {
    if (!rawFragment.isEmpty() && validEncoded(rawFragment, Mode.FRAGMENT)) {
      try {
        if (unescape(rawFragment, Mode.FRAGMENT).equals(fragment)) {
          return rawFragment;
        }
      } catch (ParseException e) {
        // fall through
      }
    }
    return escape(fragment, Mode.FRAGMENT);
  }

  /** Go's {@code URL.String()}. */
  @Override
  public String toString() {
    StringBuilder buf = new StringBuilder();
    if (!scheme.isEmpty()) {
      buf.append(scheme).append(':');
    }
    if (!opaque.isEmpty()) {
      buf.append(opaque);
    } else {
      if (!scheme.isEmpty() || !host.isEmpty() || hasUser) {
        if (!(omitHost && host.isEmpty() && !hasUser)) {
          if (!host.isEmpty() || !path.isEmpty() || hasUser) {
            buf.append("//");
          }
          if (hasUser) {
            buf.append(escape(username, Mode.USER_PASSWORD));
            if (passwordSet) {
              buf.append(':').append(escape(password, Mode.USER_PASSWORD));
            }
            buf.append('@');
          }
          if (!host.isEmpty()) {
            buf.append(escape(host, Mode.HOST));
          }
        }
      }
      String p = escapedPath();
      if (!p.isEmpty() && p.charAt(0) != '/' && !host.isEmpty()) {
        buf.append('/');
      }
      if (buf.length() == 0) {
        int slash = p.indexOf('/');
        String segment = slash >= 0 ? p.substring(0, slash) : p;
        if (segment.indexOf(':') >= 0) {
          buf.append("./");
        }
      }
      buf.append(p);
    }
    if (forceQuery || !rawQuery.isEmpty()) {
      buf.append('?').append(rawQuery);
    }
    if (!fragment.isEmpty()) {
      buf.append('#').append(escapedFragment());
    }
    return buf.toString();
  }

  private static boolean shouldEscape(int c, Mode mode) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return false;
    }
    if (mode == Mode.HOST) {
      if ("!$&'()*+,;=:[]<>\"".indexOf(c) >= 0) {
        return false;
      }
    }
    if (c == '-' || c == '_' || c == '.' || c == '~') {
      return false;
    }
    if ("$&+,/:;=?@".indexOf(c) >= 0) {
      switch (mode) {
        case PATH:
          return c == '?';
        case USER_PASSWORD:
          return c == '@' || c == '/' || c == '?' || c == ':';
        case QUERY_COMPONENT:
          return true;
        case FRAGMENT:
          return false;
        default:
          break;
      }
    }
    if (mode == Mode.FRAGMENT && (c == '!' || c == '(' || c == ')' || c == '*')) {
      return false;
    }
    return true;
  }

  private static boolean validEncoded(String s, Mode mode) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    for (byte value : b) {
      int c = value & 0xff;
      if ("!$&'()*+,;=:@[]%".indexOf(c) >= 0) {
        continue;
      }
      if (shouldEscape(c, mode)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static int unhex(int c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return c - 'A' + 10;
  }

  private static String unescape(String str, Mode mode) throws ParseException {
    byte[] s = str.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < s.length; ) {
      int c = s[i] & 0xff;
      if (c == '%') {
        if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) {
          throw new ParseException("invalid URL escape");
        }
        if (mode == Mode.HOST && unhex(s[i + 1]) < 8 && !(s[i + 1] == '2' && s[i + 2] == '5')) {
          throw new ParseException("invalid URL escape in host");
        }
        i += 3;
      } else {
        if (mode == Mode.HOST && c < 0x80 && shouldEscape(c, mode)) {
          throw new ParseException("invalid character in host name");
        }
        i++;
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length);
    for (int i = 0; i < s.length; ) {
      int c = s[i] & 0xff;
      if (c == '%') {
        out.write(unhex(s[i + 1]) << 4 | unhex(s[i + 2]));
        i += 3;
      } else if (c == '+' && mode == Mode.QUERY_COMPONENT) {
        out.write(' ');
        i++;
      } else {
        out.write(c);
        i++;
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

  private static String escape(String str, Mode mode) {
    byte[] s = str.getBytes(StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder(s.length);
    for (byte value : s) {
      int c = value & 0xff;
      if (c == ' ' && mode == Mode.QUERY_COMPONENT) {
        sb.append('+');
      } else if (shouldEscape(c, mode)) {
        sb.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 15]);
      } else {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
