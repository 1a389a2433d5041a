package dev.kargo4j.expr.go;

/**
 * The parts of Go's {@code strconv} that Kargo's typing and quoting rely on:
 * {@code ParseFloat}, {@code ParseBool} and {@code Quote} (what {@code %q} prints). Kargo's
 * templates type a rendered string with the first two, and {@code yaml.QuoteIfNecessary}
 * quotes with the last.
 *
 * <p>Stateless and thread-safe. Arguments must not be null.
 */
public final class GoStrconv {
  private GoStrconv() {}

  /**
   * {@code strconv.ParseFloat(s, 64)}: decimal and hexadecimal float literals with Go's
   * underscore rules, {@code inf}/{@code infinity}/{@code nan} in any case.
   *
   * @return the value, or {@code null} where Go reports an error (a syntax error, or a range
   *     error for a finite literal beyond float64)
   */
  public static Double parseFloat(String s) {
    if (s.isEmpty()) {
      return null;
    }
    Double special = special(s);
    if (special != null) {
      return special;
    }
    int i = 0;
    int n = s.length();
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      i++;
    }
    boolean hex = n - i > 2 && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x';
    if (s.indexOf('_') >= 0 && !underscoreOk(s)) {
      return null;
    }
    String t = s.indexOf('_') >= 0 ? s.replace("_", "") : s;
    if (hex ? !isHexFloat(t) : !isDecimalFloat(t)) {
      return null;
    }
    double d;
    try {
      d = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return null;
    }
    if (Double.isInfinite(d)) {
      return null; // ErrRange
    }
    return d;
  }

  /** {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}. */
  private static boolean isDecimalFloat(String t) {
    int i = 0;
    int n = t.length();
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    int intDigits = 0;
    while (i < n && isDigit(t.charAt(i))) {
      i++;
      intDigits++;
    }
    int fracDigits = 0;
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(t.charAt(i))) {
        i++;
        fracDigits++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return false;
    }
    if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
      i++;
      if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && isDigit(t.charAt(i))) {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** {@code [+-]? 0x (hex [. hex?] | . hex) [pP] [+-]? digits}. */
  private static boolean isHexFloat(String t) {
    int i = 0;
    int n = t.length();
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    if (i + 2 > n || t.charAt(i) != '0' || (t.charAt(i + 1) | 0x20) != 'x') {
      return false;
    }
    i += 2;
    int digits = 0;
    while (i < n && Character.digit(t.charAt(i), 16) >= 0) {
      i++;
      digits++;
    }
    if (i < n && t.charAt(i) == '.') {
      i++;
      while (i < n && Character.digit(t.charAt(i), 16) >= 0) {
        i++;
        digits++;
      }
    }
    if (digits == 0 || i >= n || (t.charAt(i) | 0x20) != 'p') {
      return false;
    }
    i++;
    if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
      i++;
    }
    int expDigits = 0;
    while (i < n && isDigit(t.charAt(i))) {
      i++;
      expDigits++;
    }
    return expDigits > 0 && i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Double special(String s) {
    if (s.length() > 9 || "+-iInN".indexOf(s.charAt(0)) < 0) {
      return null;
    }
    int i = 0;
    double sign = 1;
    char c = s.charAt(0);
    if (c == '+' || c == '-') {
      sign = c == '-' ? -1 : 1;
      i = 1;
      String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
      return rest.equals("inf") || rest.equals("infinity") ? sign * Double.POSITIVE_INFINITY : null;
    }
    String lower = s.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    return null;
  }

  /** Go's underscoreOK: underscores only between digits (or after a base prefix). */
  private static boolean underscoreOk(String s) {
    char saw = '^';
    int i = 0;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      s = s.substring(1);
    }
    boolean hex = false;
    if (s.length() >= 2 && s.charAt(0) == '0') {
      char b = (char) (s.charAt(1) | 0x20);
      if (b == 'b' || b == 'o' || b == 'x') {
        i = 2;
        saw = '0';
        hex = b == 'x';
      }
    }
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      char l = (char) (c | 0x20);
      if (c >= '0' && c <= '9' || hex && l >= 'a' && l <= 'f') {
        saw = '0';
        continue;
      }
      if (c == '_') {
        if (saw != '0') {
          return false;
        }
        saw = '_';
        continue;
      }
      if (saw == '_') {
        return false;
      }
      saw = '!';
    }
    return saw != '_';
  }

  /**
   * {@code strconv.ParseBool}: {@code 1 t T TRUE true True} and {@code 0 f F FALSE false
   * False}.
   *
   * @return the value, or {@code null} when {@code s} is not one of those
   */
  public static Boolean parseBool(String s) {
    switch (s) {
      case "1":
      case "t":
      case "T":
      case "TRUE":
      case "true":
      case "True":
        return Boolean.TRUE;
      case "0":
      case "f":
      case "F":
      case "FALSE":
      case "false":
      case "False":
        return Boolean.FALSE;
      default:
        return null;
    }
  }

  /**
   * {@code strconv.Quote(s)} (what {@code %q} prints): double quotes, Go's escapes
   * ({@code \a \b \f \n \r \t \v \\ \"}), {@code \xNN} for other ASCII control
   * characters, {@code \}{@code uNNNN}/{@code \}{@code UNNNNNNNN} for characters Go does not
   * print, and {@code \}{@code ufffd} for a lone surrogate (not valid UTF-8 in Go).
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '"' || cp == '\\') {
        sb.append('\\').append((char) cp);
        continue;
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) {
        sb.append("\\ufffd"); // an unpaired surrogate is invalid UTF-8 in Go
        continue;
      }
      if (isPrint(cp)) {
        sb.appendCodePoint(cp);
        continue;
      }
      switch (cp) {
        case 7:
          sb.append("\\a");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case 0x0B:
          sb.append("\\v");
          break;
        default:
          if (cp < ' ' || cp == 0x7F) {
            sb.append(String.format("\\x%02x", cp));
          } else if (cp < 0x10000) {
            sb.append(String.format("\\u%04x", cp));
          } else {
            sb.append(String.format("\\U%08x", cp));
          }
      }
    }
    sb.append('"');
    return sb.toString();
  }

  /** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
  private static boolean isPrint(int cp) {
    if (cp < 0x80) {
      return cp >= 0x20 && cp < 0x7F;
    }
    switch (Character.getType(cp)) {
      case Character.UNASSIGNED:
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
      case Character.SPACE_SEPARATOR:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
