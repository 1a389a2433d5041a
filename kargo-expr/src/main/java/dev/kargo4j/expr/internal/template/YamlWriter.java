package dev.kargo4j.expr.internal.template;

import dev.kargo4j.expr.go.GoStrconv;
import dev.kargo4j.expr.internal.ExprError;
import dev.kargo4j.expr.internal.TextBudget;
import dev.kargo4j.expr.internal.eval.Lib;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code yaml.Marshal} of go-yaml v3 for ordinary values (maps with string keys, arrays,
 * strings, numbers, bools, nil, times and durations): block style, 4-space indentation, map
 * keys sorted, sequence items inside a sequence item indented by two, strings plain when they
 * read back as strings, else quoted, multi-line strings as literal blocks.
 */
final class YamlWriter {
  private static final int BEST_INDENT = 4;
  private static final int MAX_DEPTH = 1000;

  private final StringBuilder out = new StringBuilder();
  private int column;
  private boolean whitespace = true;
  private boolean indention = true;
  private boolean openEnded;

  private YamlWriter() {}

  /** Marshals {@code v}; the text ends with a newline. */
  static String marshal(Object v) {
    YamlWriter w = new YamlWriter();
    w.node(v, -1, Context.TOP, 0);
    if (w.column != 0) {
      w.newline();
    }
    if (w.openEnded) {
      w.out.append("...\n");
    }
    return w.out.toString();
  }

  private enum Context {
    TOP,
    SEQUENCE_ITEM,
    MAPPING_VALUE,
    MAPPING_KEY
  }

  private void put(String s) {
    TextBudget.check((long) out.length() + s.length());
    out.append(s);
    column += s.codePointCount(0, s.length());
  }

  private void newline() {
    out.append('\n');
    column = 0;
    whitespace = true;
    indention = true;
  }

  /** libyaml's write_indent. */
  private void writeIndent(int indent) {
    int ind = Math.max(indent, 0);
    if (!indention || column > ind || (column == ind && !whitespace)) {
      newline();
    }
    while (column < ind) {
      out.append(' ');
      column++;
    }
    whitespace = true;
    indention = true;
  }

  /** libyaml's write_indicator. */
  private void indicator(String s, boolean needWhitespace, boolean isWhitespace,
      boolean isIndention) {
    if (needWhitespace && !whitespace) {
      put(" ");
    }
    put(s);
    whitespace = isWhitespace;
    indention = indention && isIndention;
  }

  /** libyaml's increase_indent for block collections. */
  private static int increase(int indent, Context ctx) {
    if (indent < 0) {
      return 0;
    }
    if (ctx == Context.SEQUENCE_ITEM) {
      return indent + 2;
    }
    return BEST_INDENT * ((indent + BEST_INDENT) / BEST_INDENT);
  }

  private void node(Object v, int indent, Context ctx, int depth) {
    TextBudget.check(out.length());
    if (depth > MAX_DEPTH) {
      throw new ExprError(-1, "asYAML: value is nested too deeply", "a less deeply nested value");
    }
    v = JsonValues.toJsonable(v);
    if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        scalarFlow("{}");
        return;
      }
      List<String> keys = new ArrayList<>(m.size());
      for (Object k : m.keySet()) {
        if (!(k instanceof String)) {
          throw new ExprError(-1, "asYAML: map keys must be strings", "a map with string keys");
        }
        keys.add((String) k);
      }
      keys.sort(YamlWriter::compareKeys);
      int inner = increase(indent, ctx);
      for (String k : keys) {
        writeIndent(inner);
        scalar(k, inner, Context.MAPPING_KEY);
        indicator(":", false, false, false);
        node(m.get(k), inner, Context.MAPPING_VALUE, depth + 1);
      }
    } else if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        scalarFlow("[]");
        return;
      }
      int inner = increase(indent, ctx);
      for (Object item : l) {
        writeIndent(inner);
        indicator("-", true, false, true);
        node(item, inner, Context.SEQUENCE_ITEM, depth + 1);
      }
    } else {
      scalar(v, indent, ctx);
    }
  }

  private void scalarFlow(String text) {
    indicator(text, true, false, false);
  }

  /** go-yaml's keyList.Less for string keys: letters before digits, digit runs by value. */
  private static int compareKeys(String a, String b) {
    if (keyLess(a, b)) {
      return -1;
    }
    return keyLess(b, a) ? 1 : 0;
  }

  private static boolean keyLess(String a, String b) {
    int[] ar = a.codePoints().toArray();
    int[] br = b.codePoints().toArray();
    boolean digits = false;
    for (int i = 0; i < ar.length && i < br.length; i++) {
      if (ar[i] == br[i]) {
        digits = Character.isDigit(ar[i]);
        continue;
      }
      boolean al = Character.isLetter(ar[i]);
      boolean bl = Character.isLetter(br[i]);
      if (al && bl) {
        return ar[i] < br[i];
      }
      if (al || bl) {
        return digits ? al : bl;
      }
      long an = 0;
      long bn = 0;
      if (ar[i] == '0' || br[i] == '0') {
        for (int j = i - 1; j >= 0 && Character.isDigit(ar[j]); j--) {
          if (ar[j] != '0') {
            an = 1;
            bn = 1;
            break;
          }
        }
      }
      int ai = i;
      for (; ai < ar.length && Character.isDigit(ar[ai]); ai++) {
        an = an * 10 + (ar[ai] - '0');
      }
      int bi = i;
      for (; bi < br.length && Character.isDigit(br[bi]); bi++) {
        bn = bn * 10 + (br[bi] - '0');
      }
      if (an != bn) {
        return an < bn;
      }
      if (ai != bi) {
        return ai < bi;
      }
      return ar[i] < br[i];
    }
    return ar.length < br.length;
  }

  private void scalar(Object v, int indent, Context ctx) {
    if (v == null) {
      plain("null");
      return;
    }
    if (v instanceof Boolean || v instanceof Long) {
      plain(v.toString());
      return;
    }
    if (v instanceof Double d) {
      String s = Lib.formatV(d);
      switch (s) {
        case "+Inf":
          s = ".inf";
          break;
        case "-Inf":
          s = "-.inf";
          break;
        case "NaN":
          s = ".nan";
          break;
        default:
          break;
      }
      plain(s);
      return;
    }
    if (v instanceof ZonedDateTime t) {
      string(rfc3339Nano(t), indent, ctx);
      return;
    }
    if (v instanceof Duration) {
      string(Lib.formatV(v), indent, ctx);
      return;
    }
    if (v instanceof String s) {
      string(s, indent, ctx);
      return;
    }
    string(Lib.formatV(v), indent, ctx);
  }

  private void plain(String s) {
    indicator(s, true, false, false);
  }

  private static final Pattern BASE60 =
      Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");

  private enum Style {
    PLAIN,
    SINGLE,
    DOUBLE,
    LITERAL
  }

  private void string(String s, int indent, Context ctx) {
    boolean canUsePlain = resolvesToString(s) && !isBase60(s) && !isOldBool(s);
    Style style;
    if (s.indexOf('\n') >= 0) {
      style = Style.LITERAL;
    } else if (canUsePlain) {
      style = Style.PLAIN;
    } else {
      style = Style.DOUBLE;
    }
    Analysis a = analyze(s);
    boolean simpleKey = ctx == Context.MAPPING_KEY;
    if (simpleKey && a.multiline) {
      style = Style.DOUBLE;
    }
    if (style == Style.PLAIN) {
      if (!a.blockPlainAllowed) {
        style = Style.SINGLE;
      }
      if (s.isEmpty() && simpleKey) {
        style = Style.SINGLE;
      }
    }
    if (style == Style.SINGLE && !a.singleQuotedAllowed) {
      style = Style.DOUBLE;
    }
    if (style == Style.LITERAL && (!a.blockAllowed || simpleKey)) {
      style = Style.DOUBLE;
    }
    switch (style) {
      case PLAIN:
        indicator(s, true, false, false);
        break;
      case SINGLE:
        indicator("'" + s.replace("'", "''") + "'", true, false, false);
        break;
      case DOUBLE:
        indicator(doubleQuoted(s), true, false, false);
        break;
      default:
        literal(s, scalarIndent(indent, ctx));
    }
  }

  /** increase_indent(flow=true) as emit_scalar does it. */
  private static int scalarIndent(int indent, Context ctx) {
    if (indent < 0) {
      return BEST_INDENT;
    }
    if (ctx == Context.SEQUENCE_ITEM) {
      return indent + 2;
    }
    return BEST_INDENT * ((indent + BEST_INDENT) / BEST_INDENT);
  }

  private void literal(String s, int indent) {
    indicator("|", true, false, false);
    if (s.startsWith(" ") || isBreak(s.codePointAt(0))) {
      indicator(Integer.toString(BEST_INDENT), false, false, false);
    }
    String chomp = null;
    int last = s.codePointBefore(s.length());
    if (!isBreak(last)) {
      chomp = "-";
    } else if (s.length() == 1) {
      chomp = "+";
      openEnded = true;
    } else {
      int prev = s.codePointBefore(s.length() - Character.charCount(last));
      if (isBreak(prev)) {
        chomp = "+";
        openEnded = true;
      }
    }
    if (chomp != null) {
      indicator(chomp, false, false, false);
    }
    whitespace = true;
    boolean breaks = true;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (isBreak(cp)) {
        newline();
        breaks = true;
      } else {
        if (breaks) {
          writeIndent(indent);
        }
        out.appendCodePoint(cp);
        column++;
        indention = false;
        breaks = false;
      }
    }
  }

  private static boolean isBreak(int cp) {
    return cp == '\r' || cp == '\n' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
  }

  private static boolean isPrintable(int cp) {
    return cp == 0x0A
        || (cp >= 0x20 && cp <= 0x7E)
        || (cp >= 0xA0 && cp <= 0xD7FF)
        || (cp >= 0xE000 && cp <= 0xFFFD && cp != 0xFEFF);
  }

  private record Analysis(boolean multiline, boolean blockPlainAllowed,
      boolean singleQuotedAllowed, boolean blockAllowed) {}

  /** libyaml's analyze_scalar, for block context. */
  private static Analysis analyze(String s) {
    if (s.isEmpty()) {
      return new Analysis(false, true, true, false);
    }
    boolean blockIndicators = false;
    boolean lineBreaks = false;
    boolean special = false;
    boolean tabs = false;
    boolean leadingSpace = false;
    boolean leadingBreak = false;
    boolean trailingSpace = false;
    boolean trailingBreak = false;
    boolean breakSpace = false;
    boolean spaceBreak = false;
    boolean previousSpace = false;
    boolean previousBreak = false;
    if (s.startsWith("---") || s.startsWith("...")) {
      blockIndicators = true;
    }
    boolean precededByWhitespace = true;
    int n = s.length();
    for (int i = 0; i < n; ) {
      int cp = s.codePointAt(i);
      int w = Character.charCount(cp);
      boolean followedByWhitespace = i + w >= n || isBlank(s.codePointAt(i + w));
      if (i == 0) {
        switch (cp) {
          case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*':
          case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
            blockIndicators = true;
            break;
          case '?':
          case ':':
          case '-':
            if (followedByWhitespace) {
              blockIndicators = true;
            }
            break;
          default:
            break;
        }
      } else {
        if (cp == ':' && followedByWhitespace) {
          blockIndicators = true;
        }
        if (cp == '#' && precededByWhitespace) {
          blockIndicators = true;
        }
      }
      if (cp == '\t') {
        tabs = true;
      } else if (!isPrintable(cp)) {
        special = true;
      }
      if (cp == ' ') {
        if (i == 0) {
          leadingSpace = true;
        }
        if (i + w == n) {
          trailingSpace = true;
        }
        if (previousBreak) {
          breakSpace = true;
        }
        previousSpace = true;
        previousBreak = false;
      } else if (isBreak(cp)) {
        lineBreaks = true;
        if (i == 0) {
          leadingBreak = true;
        }
        if (i + w == n) {
          trailingBreak = true;
        }
        if (previousSpace) {
          spaceBreak = true;
        }
        previousSpace = false;
        previousBreak = true;
      } else {
        previousSpace = false;
        previousBreak = false;
      }
      precededByWhitespace = isBlank(cp) || isBreak(cp);
      i += w;
    }
    boolean blockPlain = true;
    boolean single = true;
    boolean block = true;
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
      blockPlain = false;
    }
    if (trailingSpace) {
      block = false;
    }
    if (breakSpace) {
      blockPlain = false;
      single = false;
    }
    if (spaceBreak || tabs || special) {
      blockPlain = false;
      single = false;
    }
    if (spaceBreak || special) {
      block = false;
    }
    if (lineBreaks) {
      blockPlain = false;
    }
    if (blockIndicators) {
      blockPlain = false;
    }
    return new Analysis(lineBreaks, blockPlain, single, block);
  }

  private static boolean isBlank(int cp) {
    return cp == ' ' || cp == '\t';
  }

  private static String doubleQuoted(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (!isPrintable(cp) || cp == 0xFEFF || isBreak(cp) || cp == '"' || cp == '\\') {
        sb.append('\\');
        switch (cp) {
          case 0x00: sb.append('0'); break;
          case 0x07: sb.append('a'); break;
          case 0x08: sb.append('b'); break;
          case 0x09: sb.append('t'); break;
          case 0x0A: sb.append('n'); break;
          case 0x0B: sb.append('v'); break;
          case 0x0C: sb.append('f'); break;
          case 0x0D: sb.append('r'); break;
          case 0x1B: sb.append('e'); break;
          case 0x22: sb.append('"'); break;
          case 0x5C: sb.append('\\'); break;
          case 0x85: sb.append('N'); break;
          case 0xA0: sb.append('_'); break;
          case 0x2028: sb.append('L'); break;
          case 0x2029: sb.append('P'); break;
          default:
            if (cp <= 0xFF) {
              sb.append(String.format("x%02X", cp));
            } else if (cp <= 0xFFFF) {
              sb.append(String.format("u%04X", cp));
            } else {
              sb.append(String.format("U%08X", cp));
            }
        }
      } else {
        sb.appendCodePoint(cp);
      }
    }
    sb.append('"');
    return sb.toString();
  }

  private static boolean isBase60(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char c = s.charAt(0);
    if (!(c == '+' || c == '-' || c >= '0' && c <= '9') || s.indexOf(':') < 0) {
      return false;
    }
    return BASE60.matcher(s).matches();
  }

  private static boolean isOldBool(String s) {
    switch (s) {
      case "y": case "Y": case "yes": case "Yes": case "YES": case "on": case "On": case "ON":
      case "n": case "N": case "no": case "No": case "NO": case "off": case "Off": case "OFF":
        return true;
      default:
        return false;
    }
  }

  private static final Pattern YAML_FLOAT =
      Pattern.compile("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ][0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(\\.[0-9]+)?"
          + "(Z|[+-][0-9]{2}:[0-9]{2})?)?$");

  /** go-yaml's resolve: whether a plain scalar {@code s} would read back as a string. */
  private static boolean resolvesToString(String s) {
    switch (s) {
      case "": case "~": case "null": case "Null": case "NULL":
      case "true": case "True": case "TRUE": case "false": case "False": case "FALSE":
      case ".nan": case ".NaN": case ".NAN": case ".inf": case ".Inf": case ".INF":
      case "+.inf": case "+.Inf": case "+.INF": case "-.inf": case "-.Inf": case "-.INF":
      case "<<":
        return false;
      default:
        break;
    }
    char c = s.charAt(0);
    if (c == '.') {
      return GoStrconv.parseFloat(s) == null;
    }
    if (c == '+' || c == '-' || (c >= '0' && c <= '9')) {
      if (TIMESTAMP.matcher(s).matches()) {
        return false;
      }
      String plain = s.replace("_", "");
      if (parsesAsGoInt(plain)) {
        return false;
      }
      if (YAML_FLOAT.matcher(plain).matches()) {
        return false;
      }
      if (plain.matches("-?0b[01]+|0o[0-7]+")) {
        return false;
      }
    }
    return true;
  }

  /** strconv.ParseInt(s, 0, 64) or ParseUint: decimal, 0x, 0o, 0b or leading-0 octal. */
  private static boolean parsesAsGoInt(String s) {
    return s.matches("[+-]?([1-9][0-9]*|0|0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+)");
  }

  private static String rfc3339Nano(ZonedDateTime t) {
    StringBuilder sb = new StringBuilder(
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(t));
    int nanos = t.getNano();
    if (nanos != 0) {
      String frac = String.format("%09d", nanos).replaceFirst("0+$", "");
      sb.append('.').append(frac);
    }
    ZoneOffset off = t.getOffset();
    sb.append(off.getTotalSeconds() == 0 ? "Z" : off.getId());
    return sb.toString();
  }
}
