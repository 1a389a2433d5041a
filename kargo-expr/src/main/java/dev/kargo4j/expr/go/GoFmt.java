package dev.kargo4j.expr.go;

import dev.kargo4j.expr.internal.builtins.Builtins;

/**
 * The parts of Go's {@code fmt} and {@code strconv} that Kargo's output depends on:
 * {@code %v} of a value and {@code %q} ({@code strconv.Quote}) of a string.
 *
 * <p>Values follow the expression value model described in {@link dev.kargo4j.expr}: ints
 * ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger}) print as
 * integers, floats ({@code Double}, {@code Float}, {@code BigDecimal}) as
 * {@link GoFloat#formatV(double)}, lists as {@code [a b]}, maps as {@code map[k:v]} with sorted
 * keys, null as {@code <nil>}, times and durations as Go prints them.
 *
 * <p>Stateless and thread-safe.
 */
public final class GoFmt {
  private GoFmt() {}

  /**
   * {@code fmt.Sprintf("%v", v)}.
   *
   * @param v any value of the expression value model, or null
   * @return the text, never null
   */
  public static String formatV(Object v) {
    return Builtins.formatV(v);
  }

  /**
   * {@code strconv.Quote(s)} (what {@code %q} prints): double quotes, Go's escapes
   * ({@code \a \b \f \n \r \t \v \\ \"}), {@code \xNN} for other control characters,
   * {@code \\uNNNN}/{@code \\UNNNNNNNN} for characters Go does not print, and
   * {@code \\ufffd} for a lone surrogate (not valid UTF-8 in Go).
   *
   * @param s the string, not null
   */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0B -> sb.append("\\v");
        default -> {
          if (isPrint(cp)) {
            sb.appendCodePoint(cp);
          } else if (cp < ' ' || cp == 0x7f) {
            sb.append(String.format("\\x%02x", cp));
          } else if (Character.isSurrogate((char) cp)) {
            sb.append("\\ufffd");
          } else if (cp < 0x10000) {
            sb.append(String.format("\\u%04x", cp));
          } else {
            sb.append(String.format("\\U%08x", cp));
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** Go's {@code unicode.IsPrint}: graphic characters and the ASCII space only. */
  private static boolean isPrint(int cp) {
    if (cp == ' ') {
      return true;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
