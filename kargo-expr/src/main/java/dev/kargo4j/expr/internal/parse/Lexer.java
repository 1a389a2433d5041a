package dev.kargo4j.expr.internal.parse;

import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.parse.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Splits expr-lang source into tokens, following expr v1.17.8's lexer state machine. */
final class Lexer {
  private final String src;
  private final int n;
  private int start;
  private int end;
  private final List<Token> tokens = new ArrayList<>();

  private Lexer(String src) {
    this.src = src;
    this.n = src.length();
  }

  /** Lexes the whole source; throws {@link ExprError} on the first lexical error. */
  static List<Token> lex(String src) {
    Lexer l = new Lexer(src);
    l.run();
    return l.tokens;
  }

  private static final int EOF_CP = -1;

  private int next() {
    if (end >= n) {
      end = n + 1; // remember that EOF was read, so backup() is a no-op like in Go
      return EOF_CP;
    }
    int cp = src.codePointAt(end);
    end += Character.charCount(cp);
    return cp;
  }

  private int peek() {
    if (end < n) {
      return src.codePointAt(end);
    }
    return EOF_CP;
  }

  private void backup() {
    if (end > n) {
      end = n;
    } else if (end > 0) {
      end -= Character.isLowSurrogate(src.charAt(end - 1)) && end > 1 ? 2 : 1;
    }
  }

  private boolean accept(String valid) {
    int p = peek();
    if (p >= 0 && valid.indexOf(p) >= 0) {
      next();
      return true;
    }
    return false;
  }

  private void acceptRun(String valid) {
    while (accept(valid)) {
      // absorb
    }
  }

  private String word() {
    return src.substring(start, Math.min(end, n));
  }

  private void emit(Kind k) {
    emitValue(k, word());
  }

  private void emitValue(Kind k, String v) {
    tokens.add(new Token(k, v, start, Math.min(end, n)));
    start = Math.min(end, n);
    end = start;
  }

  private void skip() {
    start = Math.min(end, n);
    end = start;
  }

  private ExprError error(String reason, String expected) {
    int at = Math.min(end, n);
    // point at the char just read, as expr does
    if (at > 0 && end <= n) {
      at = at - (Character.isLowSurrogate(src.charAt(at - 1)) && at > 1 ? 2 : 1);
    }
    return new ExprError(at, reason, expected);
  }

  private void run() {
    while (true) {
      int r = next();
      if (r == EOF_CP) {
        int from = Math.max(n - 1, 0);
        tokens.add(new Token(Kind.EOF, "", Math.min(from, n), n));
        return;
      }
      if (isSpace(r)) {
        skip();
        continue;
      }
      if (r == '\'' || r == '"') {
        String s = scanString(r);
        emitValue(Kind.STRING, s);
      } else if (r == '`') {
        scanRawString();
      } else if ((r == 'b' || r == 'B') && (peek() == '\'' || peek() == '"')) {
        int q = next();
        String s = scanString(q);
        emitValue(Kind.BYTES, s);
      } else if (r >= '0' && r <= '9') {
        backup();
        number();
      } else if (r == '?') {
        accept(".?");
        emit(Kind.OPERATOR);
      } else if (r == '/') {
        slash();
      } else if (r == '#') {
        pointer();
      } else if (r == '|') {
        accept("|");
        emit(Kind.OPERATOR);
      } else if (r == ':') {
        accept(":");
        emit(Kind.OPERATOR);
      } else if (r == '(' || r == '[' || r == '{' || r == ')' || r == ']' || r == '}') {
        emit(Kind.BRACKET);
      } else if (r == ',' || r == ';' || r == '%' || r == '+' || r == '-' || r == '^') {
        emit(Kind.OPERATOR);
      } else if (r == '&' || r == '!' || r == '=' || r == '*' || r == '<' || r == '>') {
        accept("&=*");
        emit(Kind.OPERATOR);
      } else if (r == '.') {
        backup();
        dot();
      } else if (isAlphaNumeric(r)) {
        backup();
        identifier();
      } else {
        throw error(
            "unrecognized character: " + describeRune(r),
            "an operator, a bracket, a literal or a name");
      }
    }
  }

  private static String describeRune(int r) {
    return String.format("U+%04X '%s'", r, new String(Character.toChars(r)));
  }

  private void number() {
    if (!scanNumber()) {
      throw error("bad number syntax: \"" + word() + "\"", "a number such as 42, 0x2A or 1.5e3");
    }
    emit(Kind.NUMBER);
  }

  private boolean scanNumber() {
    String digits = "0123456789_";
    if (accept("0")) {
      if (accept("xX")) {
        digits = "0123456789abcdefABCDEF_";
      } else if (accept("oO")) {
        digits = "01234567_";
      } else if (accept("bB")) {
        digits = "01_";
      }
    }
    acceptRun(digits);
    int saved = end;
    if (accept(".")) {
      if (peek() == '.') {
        end = saved; // a range operator follows: 1..2
        return true;
      }
      acceptRun(digits);
    }
    if (accept("eE")) {
      accept("+-");
      acceptRun(digits);
    }
    int p = peek();
    if (p >= 0 && isAlphaNumeric(p)) {
      next();
      return false;
    }
    return true;
  }

  private void dot() {
    next();
    if (accept("0123456789")) {
      backup();
      number();
      return;
    }
    accept(".");
    emit(Kind.OPERATOR);
  }

  private void identifier() {
    while (true) {
      int r = next();
      if (r >= 0 && isAlphaNumeric(r)) {
        continue;
      }
      backup();
      String w = word();
      switch (w) {
        case "not":
          notOperator();
          return;
        case "in":
        case "or":
        case "and":
        case "matches":
        case "contains":
        case "startsWith":
        case "endsWith":
        case "let":
        case "if":
        case "else":
          emit(Kind.OPERATOR);
          return;
        default:
          emit(Kind.IDENTIFIER);
          return;
      }
    }
  }

  private void notOperator() {
    emit(Kind.OPERATOR);
    acceptRun(" ");
    skip();
    int saved = end;
    while (true) {
      int r = next();
      if (r < 0 || !isAlphaNumeric(r)) {
        backup();
        break;
      }
    }
    switch (word()) {
      case "in":
      case "matches":
      case "contains":
      case "startsWith":
      case "endsWith":
        emit(Kind.OPERATOR);
        break;
      default:
        end = saved;
    }
  }

  private void slash() {
    if (accept("/")) {
      while (true) {
        int r = next();
        if (r == EOF_CP || r == '\n') {
          break;
        }
      }
      skip();
      return;
    }
    if (accept("*")) {
      while (true) {
        int r = next();
        if (r == EOF_CP) {
          throw error("unclosed comment", "'*/' closing the comment");
        }
        if (r == '*' && accept("/")) {
          break;
        }
      }
      skip();
      return;
    }
    emit(Kind.OPERATOR);
  }

  private void pointer() {
    accept("#");
    emit(Kind.OPERATOR);
    while (true) {
      int r = next();
      if (r >= 0 && isAlphaNumeric(r)) {
        continue;
      }
      backup();
      if (end > start) {
        emit(Kind.IDENTIFIER);
      }
      return;
    }
  }

  /** Scans a quoted string after its opening quote and returns its unescaped value. */
  private String scanString(int quote) {
    StringBuilder out = new StringBuilder();
    int ch = next();
    while (ch != quote) {
      if (ch == '\n' || ch == EOF_CP) {
        throw error("literal not terminated", "a closing " + (char) quote);
      }
      if (ch == '\\') {
        ch = scanEscape(quote, out);
      } else {
        if (ch == '\r') {
          // expr normalises \r\n and \r to \n
          if (peek() == '\n') {
            next();
          }
          out.append('\n');
        } else {
          out.appendCodePoint(ch);
        }
        ch = next();
      }
    }
    return out.toString();
  }

  private int scanEscape(int quote, StringBuilder out) {
    int ch = next();
    switch (ch) {
      case 'a':
        out.append('\u0007');
        return next();
      case 'b':
        out.append('\b');
        return next();
      case 'f':
        out.append('\f');
        return next();
      case 'n':
        out.append('\n');
        return next();
      case 'r':
        out.append('\r');
        return next();
      case 't':
        out.append('\t');
        return next();
      case 'v':
        out.append('\u000B');
        return next();
      case '\\':
        out.append('\\');
        return next();
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
        return scanCodeDigits(ch, 8, 3, out, true);
      case 'x':
        return scanCodeDigits(next(), 16, 2, out, false);
      case 'u':
        if (peek() == '{') {
          next();
          int digits = 0;
          int v = 0;
          while (true) {
            int p = peek();
            if (p == '}') {
              break;
            }
            if (digitVal(p) >= 16 || digits >= 6) {
              next();
              throw error("invalid char escape", "a hex escape such as \\u{1F600}");
            }
            v = v * 16 + digitVal(next());
            digits++;
          }
          if (digits == 0) {
            next();
            throw error("invalid char escape", "a hex escape such as \\u{1F600}");
          }
          next();
          appendCode(v, out);
          return next();
        }
        return scanCodeDigits(next(), 16, 4, out, false);
      case 'U':
        return scanCodeDigits(next(), 16, 8, out, false);
      default:
        if (ch == quote) {
          out.appendCodePoint(ch);
          return next();
        }
        throw error("invalid char escape", "an escape such as \\n, \\t, \\\\, \\" + (char) quote
            + ", \\x41 or \\u0041");
    }
  }

  private int scanCodeDigits(int ch, int base, int count, StringBuilder out, boolean octal) {
    int v = 0;
    int left = count;
    while (left > 0 && ch >= 0 && digitVal(ch) < base) {
      v = v * base + digitVal(ch);
      ch = next();
      left--;
    }
    if (left > 0) {
      throw error("invalid char escape", octal ? "three octal digits" : count + " hex digits");
    }
    if (octal && v > 255) {
      throw error("unable to unescape octal sequence in string", "an octal escape up to \\377");
    }
    appendCode(v, out);
    return ch;
  }

  private void appendCode(int v, StringBuilder out) {
    if (v > Character.MAX_CODE_POINT || (v >= 0xD800 && v <= 0xDFFF)) {
      if (v > Character.MAX_CODE_POINT) {
        throw error("unable to unescape string", "a Unicode code point up to 10FFFF");
      }
      out.append('\uFFFD'); // Go encodes a surrogate code point as U+FFFD
      return;
    }
    out.appendCodePoint(v);
  }

  private void scanRawString() {
    StringBuilder out = new StringBuilder();
    while (true) {
      int ch = next();
      if (ch == '`' && peek() == '`') {
        next();
        out.append('`');
        continue;
      }
      if (ch == '`') {
        break;
      }
      if (ch == EOF_CP) {
        throw error("literal not terminated", "a closing `");
      }
      out.appendCodePoint(ch);
    }
    emitValue(Kind.STRING, out.toString());
  }

  private static int digitVal(int ch) {
    if (ch >= '0' && ch <= '9') {
      return ch - '0';
    }
    int l = ch | 0x20;
    if (l >= 'a' && l <= 'f') {
      return l - 'a' + 10;
    }
    return 16;
  }

  static boolean isSpace(int r) {
    switch (r) {
      case '\t':
      case '\n':
      case 0x0B:
      case '\f':
      case '\r':
      case ' ':
      case 0x85:
      case 0xA0:
        return true;
      default:
        if (r < 0x100) {
          return false;
        }
        int t = Character.getType(r);
        return t == Character.SPACE_SEPARATOR
            || t == Character.LINE_SEPARATOR
            || t == Character.PARAGRAPH_SEPARATOR;
    }
  }

  static boolean isAlphabetic(int r) {
    return r == '_' || r == '$' || Character.isLetter(r);
  }

  static boolean isAlphaNumeric(int r) {
    return isAlphabetic(r) || Character.isDigit(r);
  }

  static boolean isValidIdentifier(String s) {
    if (s.isEmpty() || !isAlphabetic(s.codePointAt(0))) {
      return false;
    }
    for (int i = Character.charCount(s.codePointAt(0)); i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!isAlphaNumeric(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }
}
