package dev.kargo4j.expr.internal.builtins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kargo4j.expr.ExprFunction;
import dev.kargo4j.expr.ExprObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the cases of {@code expr/expr-lang.json} that this package can evaluate on its own:
 * expressions made only of builtin calls, literals, environment names, member calls and
 * indexing. Anything else (operators, closures, ranges) is left to the evaluator's
 * conformance test and counted as not applicable here. Every applicable case must pass.
 */
class BuiltinVectorsTest {

  private static final Map<String, ExprFunction> FUNCTIONS =
      Builtins.functions(Clock.fixed(Instant.parse("2024-05-06T07:08:09Z"), ZoneOffset.UTC));

  @Test
  void builtinCasesOfTheExprVectorsPass() throws IOException {
    String dir = System.getProperty("kargo4j.conformance");
    assumeTrue(dir != null, "kargo4j.conformance is not set; skipping the vector self-check");
    Path file = Path.of(dir, "expr", "expr-lang.json");
    assumeTrue(Files.exists(file), "no " + file + "; skipping the vector self-check");
    Map<?, ?> root = (Map<?, ?>) new TestJson(Files.readString(file)).read();
    List<String> failures = new ArrayList<>();
    int passed = 0;
    int notApplicable = 0;
    for (Object o : (List<?>) root.get("cases")) {
      Map<?, ?> c = (Map<?, ?>) o;
      String id = (String) c.get("id");
      String expr = (String) c.get("expr");
      Map<?, ?> env = c.containsKey("env") ? (Map<?, ?>) c.get("env") : Map.of();
      MiniExpr.Node node;
      try {
        node = new MiniExpr(expr).parse();
      } catch (MiniExpr.Unsupported | StringIndexOutOfBoundsException e) {
        notApplicable++;
        continue;
      }
      boolean wantError = Boolean.TRUE.equals(c.get("error"));
      Object result;
      try {
        result = node.eval(env);
      } catch (MiniExpr.Unsupported e) {
        notApplicable++;
        continue;
      } catch (IllegalArgumentException e) {
        if (wantError) {
          String contains = (String) c.get("errorContains");
          if (contains == null || e.getMessage().contains(contains)) {
            passed++;
          } else {
            failures.add(id + " " + expr + ": error '" + e.getMessage() + "' lacks '" + contains + "'");
          }
        } else {
          failures.add(id + " " + expr + ": unexpected error " + e.getMessage());
        }
        continue;
      }
      if (wantError) {
        failures.add(id + " " + expr + ": expected an error, got " + Builtins.formatV(result));
        continue;
      }
      String problem = compare(result, c.get("expect"), (String) c.get("expectType"),
          (String) c.get("expectElemType"));
      if (problem == null) {
        passed++;
      } else {
        failures.add(id + " " + expr + ": " + problem);
      }
    }
    System.out.println("builtins self-check on expr/expr-lang.json: passed=" + passed
        + " failed=" + failures.size() + " notApplicable=" + notApplicable);
    failures.forEach(f -> System.out.println("  FAILED " + f));
    assertThat(passed).isGreaterThan(100);
    assertThat(failures).isEmpty();
  }

  private static String compare(Object actual, Object expected, String type, String elemType) {
    if (type != null && !typeOf(actual).equals(type)) {
      return "type " + typeOf(actual) + " instead of " + type + " (" + Builtins.formatV(actual) + ")";
    }
    if (elemType != null && actual instanceof List<?> l) {
      for (Object e : l) {
        if (!typeOf(e).equals(elemType)) {
          return "element type " + typeOf(e) + " instead of " + elemType;
        }
      }
    }
    if (!sameValue(actual, expected)) {
      return "got " + Builtins.toJson(actual, null) + " instead of " + expected;
    }
    return null;
  }

  private static String typeOf(Object v) {
    if (v == null) {
      return "nil";
    }
    if (v instanceof Long) {
      return "int";
    }
    if (v instanceof Double) {
      return "float";
    }
    if (v instanceof String) {
      return "string";
    }
    if (v instanceof Boolean) {
      return "bool";
    }
    if (v instanceof List) {
      return "array";
    }
    if (v instanceof Map) {
      return "map";
    }
    return v.getClass().getSimpleName();
  }

  private static boolean sameValue(Object a, Object e) {
    if (a == null || e == null) {
      return a == null && e == null;
    }
    if (a instanceof Number x && e instanceof Number y) {
      return x.doubleValue() == y.doubleValue();
    }
    if (a instanceof List<?> x && e instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameValue(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && e instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> en : y.entrySet()) {
        if (!x.containsKey(en.getKey()) || !sameValue(x.get(en.getKey()), en.getValue())) {
          return false;
        }
      }
      return true;
    }
    return a.equals(e);
  }

  /**
   * A parser for the subset of expr this test evaluates: literals, names, builtin calls,
   * member access, method calls, indexing and {@code ==}. Anything else is Unsupported.
   */
  static final class MiniExpr {
    static final class Unsupported extends RuntimeException {
      private static final long serialVersionUID = 1L;

      Unsupported(String m) {
        super(m);
      }
    }

    interface Node {
      Object eval(Map<?, ?> env);
    }

    private final String s;
    private int pos;

    MiniExpr(String s) {
      this.s = s;
    }

    Node parse() {
      Node n = equality();
      ws();
      if (pos != s.length()) {
        throw new Unsupported("trailing text at " + pos);
      }
      return n;
    }

    private void ws() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    private boolean eat(String t) {
      ws();
      if (s.startsWith(t, pos)) {
        pos += t.length();
        return true;
      }
      return false;
    }

    private Node equality() {
      Node left = postfix();
      ws();
      if (s.startsWith("==", pos)) {
        pos += 2;
        Node right = postfix();
        Node l = left;
        return env -> {
          Object a = l.eval(env);
          Object b = right.eval(env);
          boolean comparable = a == null || b == null || a.getClass() == b.getClass()
              || (a instanceof Number && b instanceof Number);
          if (!comparable) {
            throw new Unsupported("== between different types is a compile-time error");
          }
          return Builtins.equal(a, b);
        };
      }
      return left;
    }

    private Node postfix() {
      Node n = primary();
      while (true) {
        ws();
        if (s.startsWith("..", pos)) {
          throw new Unsupported("range");
        }
        if (eat(".")) {
          String name = ident();
          Node target = n;
          if (eat("(")) {
            List<Node> args = argList(")");
            n = env -> {
              Object t = target.eval(env);
              List<Object> vals = evalAll(args, env);
              Object r = Builtins.invoke(t, name, vals);
              if (r == ExprObject.NO_SUCH_MEMBER) {
                throw new Unsupported("method " + name);
              }
              return r;
            };
          } else {
            n = env -> {
              Object t = target.eval(env);
              if (t instanceof Map<?, ?> m) {
                return m.get(name);
              }
              throw new Unsupported("member of " + t);
            };
          }
        } else if (eat("[")) {
          Node index = equality();
          if (!eat("]")) {
            throw new Unsupported("slice");
          }
          Node target = n;
          n = env -> {
            Object t = target.eval(env);
            Object i = index.eval(env);
            if (t instanceof List<?> l && i instanceof Long k) {
              long at = k < 0 ? k + l.size() : k;
              if (at < 0 || at >= l.size()) {
                throw new IllegalArgumentException("index out of range");
              }
              return l.get((int) at);
            }
            throw new Unsupported("indexing " + t);
          };
        } else {
          return n;
        }
      }
    }

    private List<Node> argList(String close) {
      List<Node> args = new ArrayList<>();
      if (eat(close)) {
        return args;
      }
      do {
        args.add(equality());
      } while (eat(","));
      if (!eat(close)) {
        throw new Unsupported("expected " + close);
      }
      return args;
    }

    private static List<Object> evalAll(List<Node> nodes, Map<?, ?> env) {
      List<Object> out = new ArrayList<>();
      for (Node n : nodes) {
        out.add(n.eval(env));
      }
      return out;
    }

    private String ident() {
      ws();
      int start = pos;
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      if (start == pos) {
        throw new Unsupported("identifier expected at " + pos);
      }
      return s.substring(start, pos);
    }

    private Node primary() {
      ws();
      if (pos >= s.length()) {
        throw new Unsupported("end");
      }
      char c = s.charAt(pos);
      if (c == '"' || c == '\'') {
        String str = string(c);
        return env -> str;
      }
      if (c == '-' || Character.isDigit(c) || (c == '.' && pos + 1 < s.length()
          && Character.isDigit(s.charAt(pos + 1)))) {
        return number();
      }
      if (c == '[') {
        pos++;
        List<Node> items = argList("]");
        return env -> new ArrayList<>(evalAll(items, env));
      }
      if (c == '{') {
        pos++;
        List<String> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        if (!eat("}")) {
          do {
            ws();
            char k = s.charAt(pos);
            keys.add(k == '"' || k == '\'' ? string(k) : ident());
            if (!eat(":")) {
              throw new Unsupported("map");
            }
            values.add(equality());
          } while (eat(","));
          if (!eat("}")) {
            throw new Unsupported("map end");
          }
        }
        return env -> {
          Map<String, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < keys.size(); i++) {
            m.put(keys.get(i), values.get(i).eval(env));
          }
          return m;
        };
      }
      if (c == '(') {
        pos++;
        Node inner = equality();
        if (!eat(")")) {
          throw new Unsupported("paren");
        }
        return inner;
      }
      if (Character.isLetter(c) || c == '_') {
        String name = ident();
        switch (name) {
          case "true":
            return env -> true;
          case "false":
            return env -> false;
          case "nil":
            return env -> null;
          default:
            break;
        }
        if (eat("(")) {
          ExprFunction f = FUNCTIONS.get(name);
          if (f == null) {
            throw new Unsupported("function " + name);
          }
          List<Node> args = argList(")");
          return env -> f.call(evalAll(args, env));
        }
        if (Builtins.PREDICATES.contains(name) || name.equals("let") || name.equals("not")
            || name.equals("in") || name.equals("and") || name.equals("or")) {
          throw new Unsupported(name);
        }
        return env -> env.get(name);
      }
      throw new Unsupported("unexpected " + c);
    }

    private Node number() {
      int start = pos;
      if (s.charAt(pos) == '-') {
        pos++;
      }
      while (pos < s.length()
          && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_'
              || (s.charAt(pos) == '.' && !s.startsWith("..", pos)))) {
        pos++;
      }
      String text = s.substring(start, pos).replace("_", "");
      Object v;
      if (text.matches("-?[0-9]+")) {
        v = Long.parseLong(text);
      } else if (text.matches("-?([0-9]*\\.[0-9]+|[0-9]+\\.?[0-9]*)([eE][+-]?[0-9]+)?")) {
        v = Double.parseDouble(text);
      } else {
        throw new Unsupported("number " + text);
      }
      Object value = v;
      return env -> value;
    }

    private String string(char quote) {
      pos++;
      StringBuilder sb = new StringBuilder();
      while (s.charAt(pos) != quote) {
        char c = s.charAt(pos++);
        if (c == '\\') {
          char e = s.charAt(pos++);
          switch (e) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case '\\', '"', '\'' -> sb.append(e);
            default -> throw new Unsupported("escape " + e);
          }
        } else {
          sb.append(c);
        }
      }
      pos++;
      return sb.toString();
    }
  }

  /** A JSON reader that keeps integer literals as Long, as the vectors' convention says. */
  static final class TestJson {
    private final String s;
    private int pos;

    TestJson(String s) {
      this.s = s;
    }

    Object read() {
      ws();
      char c = s.charAt(pos);
      if (c == '{') {
        pos++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (s.charAt(pos) == '}') {
          pos++;
          return m;
        }
        while (true) {
          ws();
          String k = (String) read();
          ws();
          pos++; // :
          m.put(k, read());
          ws();
          if (s.charAt(pos++) == '}') {
            return m;
          }
        }
      }
      if (c == '[') {
        pos++;
        List<Object> l = new ArrayList<>();
        ws();
        if (s.charAt(pos) == ']') {
          pos++;
          return l;
        }
        while (true) {
          l.add(read());
          ws();
          if (s.charAt(pos++) == ']') {
            return l;
          }
        }
      }
      if (c == '"') {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (s.charAt(pos) != '"') {
          char ch = s.charAt(pos++);
          if (ch == '\\') {
            char e = s.charAt(pos++);
            switch (e) {
              case 'n' -> sb.append('\n');
              case 't' -> sb.append('\t');
              case 'r' -> sb.append('\r');
              case 'b' -> sb.append('\b');
              case 'f' -> sb.append('\f');
              case 'u' -> {
                sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                pos += 4;
              }
              default -> sb.append(e);
            }
          } else {
            sb.append(ch);
          }
        }
        pos++;
        return sb.toString();
      }
      if (s.startsWith("true", pos)) {
        pos += 4;
        return true;
      }
      if (s.startsWith("false", pos)) {
        pos += 5;
        return false;
      }
      if (s.startsWith("null", pos)) {
        pos += 4;
        return null;
      }
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      String num = s.substring(start, pos);
      if (num.matches("-?[0-9]+")) {
        return Long.parseLong(num);
      }
      return Double.parseDouble(num);
    }

    private void ws() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }
  }
}
