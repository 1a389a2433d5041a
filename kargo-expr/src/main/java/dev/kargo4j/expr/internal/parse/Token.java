package dev.kargo4j.expr.internal.parse;

/**
 * One lexical token.
 *
 * @param kind the token kind
 * @param value the token text (unescaped for strings)
 * @param from the char offset of its first char
 * @param to the char offset after its last char
 */
public record Token(Kind kind, String value, int from, int to) {
  /** Token kinds, as expr's lexer has them. */
  public enum Kind {
    IDENTIFIER,
    NUMBER,
    STRING,
    BYTES,
    OPERATOR,
    BRACKET,
    EOF
  }

  boolean is(Kind k) {
    return kind == k;
  }

  boolean is(Kind k, String v) {
    return kind == k && value.equals(v);
  }

  /** A readable description for messages, e.g. {@code ')'} or {@code end of expression}. */
  String describe() {
    switch (kind) {
      case EOF:
        return "end of expression";
      case STRING:
        return "string \"" + abbreviate(value) + "\"";
      case BYTES:
        return "bytes literal";
      case NUMBER:
        return "number " + value;
      case IDENTIFIER:
        return "name '" + value + "'";
      default:
        return "'" + value + "'";
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 20 ? s.substring(0, 20) + "..." : s;
  }
}
