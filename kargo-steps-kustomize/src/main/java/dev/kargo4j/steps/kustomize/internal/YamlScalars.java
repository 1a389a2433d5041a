package dev.kargo4j.steps.kustomize.internal;

import java.util.regex.Pattern;

/**
 * Writes a string as a YAML scalar the way kyaml (go-yaml v3) does: plain when it reads back
 * as the same string, double-quoted when a plain scalar would read as another type (a number,
 * a boolean, null, a timestamp; YAML 1.1 spellings such as {@code yes} and {@code 1:20}
 * included) or holds control characters, single-quoted when it only clashes with YAML syntax.
 * Stateless and thread-safe.
 */
final class YamlScalars {

  private static final Pattern NOT_A_STRING = Pattern.compile(String.join("|",
      // null and booleans, YAML 1.1 and 1.2
      "~|null|Null|NULL",
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF",
      // integers: decimal, binary, octal, hexadecimal, sexagesimal
      "[-+]?(0|[1-9][0-9_]*)",
      "[-+]?0b[01_]+",
      "[-+]?0o?[0-7_]+",
      "[-+]?0x[0-9a-fA-F_]+",
      "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?",
      // floats
      "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?",
      "[-+]?\\.(inf|Inf|INF)",
      "\\.(nan|NaN|NAN)",
      // timestamps
      "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?",
      // merge key and value indicator
      "<<|="));

  private YamlScalars() {}

  /** {@code value} as a scalar for a block mapping value. */
  static String render(String value) {
    if (value.isEmpty() || NOT_A_STRING.matcher(value).matches() || hasControlCharacters(value)) {
      return doubleQuoted(value);
    }
    return plainIsSafe(value) ? value : singleQuoted(value);
  }

  private static boolean hasControlCharacters(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029'
          || c == '\ufeff') {
        return true;
      }
    }
    return false;
  }

  private static boolean plainIsSafe(String value) {
    char first = value.charAt(0);
    char last = value.charAt(value.length() - 1);
    if (Character.isWhitespace(first) || Character.isWhitespace(last)) {
      return false;
    }
    if ("#,[]{}&*!|>'\"%@`".indexOf(first) >= 0) {
      return false;
    }
    if ("-?:".indexOf(first) >= 0
        && (value.length() == 1 || Character.isWhitespace(value.charAt(1)))) {
      return false;
    }
    if (last == ':' || value.contains(": ") || value.contains(":\t") || value.contains(" #")
        || value.contains("\t#") || value.contains("\t")) {
      return false;
    }
    return !value.equals("---") && !value.equals("...");
  }

  private static String singleQuoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  private static String doubleQuoted(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\0' -> out.append("\\0");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029'
              || c == '\ufeff') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
