package dev.kargo4j.core.freight;

/** Go's {@code path.Join} and {@code path.Clean} (slash-separated, lexical). */
final class GoPaths {
  private GoPaths() {}

  /** Joins the non-empty elements with {@code /} and cleans; all empty gives "". */
  static String join(String... elems) {
    StringBuilder sb = new StringBuilder();
    for (String e : elems) {
      if (e.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(e);
    }
    return sb.length() == 0 ? "" : clean(sb.toString());
  }

  /** Lexical clean: collapses slashes, drops {@code .}, resolves {@code ..}. */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.charAt(0) == '/';
    int n = path.length();
    StringBuilder out = new StringBuilder(n);
    int r = 0;
    int dotdot = 0;
    if (rooted) {
      out.append('/');
      r = 1;
      dotdot = 1;
    }
    while (r < n) {
      char c = path.charAt(r);
      if (c == '/') {
        r++;
      } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
        r++;
      } else if (c == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
        r += 2;
        if (out.length() > dotdot) {
          int w = out.length() - 1;
          while (w > dotdot && out.charAt(w) != '/') {
            w--;
          }
          out.setLength(w);
        } else if (!rooted) {
          if (out.length() > 0) {
            out.append('/');
          }
          out.append("..");
          dotdot = out.length();
        }
      } else {
        if ((rooted && out.length() != 1) || (!rooted && out.length() != 0)) {
          out.append('/');
        }
        while (r < n && path.charAt(r) != '/') {
          out.append(path.charAt(r));
          r++;
        }
      }
    }
    return out.length() == 0 ? "." : out.toString();
  }
}
