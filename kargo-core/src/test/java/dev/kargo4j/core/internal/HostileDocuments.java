package dev.kargo4j.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * jqwik generators of hostile YAML and JSON shapes, shared by the fuzz tests of every reader of
 * untrusted documents: alias bombs (collections and scalars), documents that contain
 * themselves, merge-key bombs, deep nesting (block, flow, JSON), huge scalars, custom and
 * language tags, bad UTF-8, random Kargo-ish trees with anchors, and mutations of all of them.
 */
public final class HostileDocuments {
  private HostileDocuments() {}

  /** Text documents of every hostile shape. */
  public static Arbitrary<String> text() {
    return Arbitraries.frequencyOf(
        Tuple.of(3, billionLaughs()),
        Tuple.of(3, scalarAmplification()),
        Tuple.of(2, selfContaining()),
        Tuple.of(2, mergeBomb()),
        Tuple.of(3, deepNesting()),
        Tuple.of(1, hugeScalar()),
        Tuple.of(2, customTags()),
        Tuple.of(4, kargoishTree()),
        Tuple.of(3, mutated()),
        Tuple.of(1, Arbitraries.strings().ofMaxLength(200)));
  }

  /** Bytes: the text documents as UTF-8, and some with invalid UTF-8 spliced in. */
  public static Arbitrary<byte[]> bytes() {
    Arbitrary<byte[]> valid = text().map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> broken = Combinators.combine(text(), Arbitraries.integers().between(0, 1000),
        Arbitraries.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, new byte[] {0}))
        .as((s, at, bad) -> {
          byte[] b = s.getBytes(StandardCharsets.UTF_8);
          int i = Math.min(at, b.length);
          byte[] out = new byte[b.length + bad.length];
          System.arraycopy(b, 0, out, 0, i);
          System.arraycopy(bad, 0, out, i, bad.length);
          System.arraycopy(b, i, out, i + bad.length, b.length - i);
          return out;
        });
    return Arbitraries.frequencyOf(Tuple.of(4, valid), Tuple.of(1, broken));
  }

  /** Levels of anchored lists or maps, each holding {@code width} aliases of the one before. */
  public static Arbitrary<String> billionLaughs() {
    return Combinators.combine(Arbitraries.integers().between(2, 12), Arbitraries.integers().between(2, 16),
        Arbitraries.of(true, false), Arbitraries.of("", "k: v\n", "items:\n")).as((depth, width, maps, prefix) -> {
          StringBuilder sb = new StringBuilder(prefix.equals("items:\n") ? "" : prefix);
          sb.append("l0: &l0 [\"lol\", \"lol\"]\n");
          for (int d = 1; d <= depth; d++) {
            sb.append("l").append(d).append(": &l").append(d).append(maps ? " {" : " [");
            for (int w = 0; w < width; w++) {
              if (w > 0) {
                sb.append(", ");
              }
              if (maps) {
                sb.append("k").append(w).append(": ");
              }
              sb.append("*l").append(d - 1);
            }
            sb.append(maps ? "}\n" : "]\n");
          }
          return sb.toString();
        });
  }

  /** One anchored scalar, then many aliases of it. */
  public static Arbitrary<String> scalarAmplification() {
    return Combinators.combine(Arbitraries.integers().between(1, 200_000), Arbitraries.integers().between(1, 3000),
        Arbitraries.of(true, false)).as((size, copies, flow) -> {
          StringBuilder sb = new StringBuilder("s: &s ").append("x".repeat(size)).append('\n');
          if (flow) {
            sb.append("c: [").append("*s, ".repeat(copies)).append("*s]\n");
          } else {
            sb.append("c:\n").append("- *s\n".repeat(copies));
          }
          return sb.toString();
        });
  }

  /** Documents that refer to themselves through an alias. */
  public static Arbitrary<String> selfContaining() {
    return Arbitraries.of("&a [*a]\n", "a: &a {b: *a}\n", "&a {x: [*a, *a]}\n", "a: &a\n  b: *a\n  c: [*a]\n",
        "- &a [1, *a]\n- *a\n", "&a {<<: *a}\n", "x: &a {y: &b {z: *a, w: *b}}\n");
  }

  /** Merge keys that merge aliases of aliases. */
  public static Arbitrary<String> mergeBomb() {
    return Combinators.combine(Arbitraries.integers().between(1, 10), Arbitraries.integers().between(2, 12))
        .as((depth, width) -> {
          StringBuilder sb = new StringBuilder("m0: &m0 {a: 1, b: 2}\n");
          for (int d = 1; d <= depth; d++) {
            sb.append("m").append(d).append(": &m").append(d).append(" {");
            for (int w = 0; w < width; w++) {
              sb.append("k").append(w).append(": *m").append(d - 1).append(", ");
            }
            sb.append("<<: [*m").append(d - 1).append("]}\n");
          }
          return sb.toString();
        });
  }

  /** Block, flow and JSON nesting, deep enough to reach any recursion limit. */
  public static Arbitrary<String> deepNesting() {
    return Combinators.combine(Arbitraries.integers().between(10, 20_000), Arbitraries.of(0, 1, 2, 3, 4))
        .as((depth, kind) -> switch (kind) {
          case 0 -> "[".repeat(depth) + "]".repeat(depth);
          case 1 -> "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
          case 2 -> "a: " + "[".repeat(depth); // unterminated
          case 3 -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < Math.min(depth, 2000); i++) {
              sb.append(" ".repeat(i)).append("k:\n");
            }
            yield sb.append(" ".repeat(Math.min(depth, 2000))).append("v\n").toString();
          }
          default -> {
            // shallow anchors that nest deep once expanded
            StringBuilder sb = new StringBuilder("a0: &a0 " + "[".repeat(30) + "]".repeat(30) + "\n");
            for (int i = 1; i < Math.min(depth, 60); i++) {
              sb.append("a").append(i).append(": &a").append(i).append(' ')
                  .append("[".repeat(30)).append("*a").append(i - 1).append("]".repeat(30)).append('\n');
            }
            yield sb.toString();
          }
        });
  }

  /** One large scalar, plain, quoted or block. */
  public static Arbitrary<String> hugeScalar() {
    return Combinators.combine(Arbitraries.integers().between(100_000, 1_000_000), Arbitraries.of(0, 1, 2, 3, 4, 5))
        .as((size, style) -> switch (style) {
          case 0 -> "a: " + "y".repeat(size) + "\n";
          case 1 -> "{\"a\": \"" + "z".repeat(size) + "\"}";
          // numbers: BigInteger parses long digit strings in quadratic time
          case 2 -> "a: " + "7".repeat(size) + "\n";
          case 3 -> "a: !!int " + "7".repeat(size) + "\n";
          case 4 -> "a: [0x" + "f".repeat(size) + ", -0b" + "1".repeat(size / 4) + "]\n";
          default -> "a: |\n" + ("  " + "w".repeat(100) + "\n").repeat(size / 100);
        });
  }

  /** Custom, language and binary tags, where values and keys may be. */
  public static Arbitrary<String> customTags() {
    Arbitrary<String> tag = Arbitraries.of("!x", "!!binary", "!!python/object:os.system", "!!set", "!!omap",
        "!<tag:yaml.org,2002:java.lang.Runtime>", "!!javax.script.ScriptEngineManager", "!!timestamp",
        "!!int", "!!float", "!!bool", "!!null", "!!str", "!!map", "!!seq", "!foo!bar", "!!merge");
    Arbitrary<String> value = Arbitraries.of("x", "1", "[1, 2]", "{a: 1}", "\"AAAA\"", "2001-12-14t21:59:43.10-05:00",
        "~", "", "[!!python/name:os.system ls]");
    return Combinators.combine(tag, value, Arbitraries.of(true, false))
        .as((t, v, asKey) -> asKey ? "? " + t + " " + v + "\n: v\n" : "a: " + t + " " + v + "\nb: [" + t + " " + v + "]\n");
  }

  /** Random trees with Kargo's field names, with anchors and aliases sprinkled in. */
  public static Arbitrary<String> kargoishTree() {
    Arbitrary<String> key = Arbitraries.of("apiVersion", "kind", "metadata", "name", "namespace", "spec", "steps",
        "uses", "config", "as", "subscriptions", "git", "image", "repoURL", "requestedFreight", "origin",
        "sources", "direct", "stages", "promotionTemplate", "vars", "value", "status", "labels", "<<",
        "if", "retry", "timeout", "interval", "freight", "stage", "data", "annotations", "task");
    Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of("kargo.akuity.io/v1alpha1", "Stage", "Warehouse",
        "Promotion", "Freight", "Project", "PromotionTask", "AnalysisTemplate", "v1", "Secret", "ConfigMap",
        "demo", "git-clone", "yaml-parse", "5m", "1h30m", "-1", "0x1F", "1e400", "true", "yes", "~", "''",
        "\"\\u0000\"", "${{ vars.x }}", "*undefined", "&"), Arbitraries.strings().alpha().ofMaxLength(12));
    return Arbitraries.lazyOf(() -> node(key, scalar, 0)).map(n -> n.text("", true));
  }

  private interface Tree {
    String text(String indent, boolean top);
  }

  private static Arbitrary<Tree> node(Arbitrary<String> key, Arbitrary<String> scalar, int depth) {
    Arbitrary<Tree> leaf = scalar.map(s -> (in, top) -> s);
    if (depth > 5) {
      return leaf;
    }
    Arbitrary<Tree> map = Combinators.combine(
        key.list().ofMinSize(1).ofMaxSize(5), node(key, scalar, depth + 1).list().ofMinSize(5).ofMaxSize(5),
        Arbitraries.integers().between(0, 9))
        .as((keys, values, anchor) -> (in, top) -> {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < keys.size(); i++) {
            sb.append(top && i == 0 ? "" : in).append(keys.get(i)).append(":");
            if (anchor == i) {
              sb.append(" &a").append(depth);
            } else if (anchor == i + 5 && depth > 0) {
              sb.append(" *a").append(depth - 1).append('\n');
              continue;
            }
            String v = values.get(i).text(in + "  ", false);
            sb.append(v.contains("\n") ? "\n" + v : " " + v + "\n");
          }
          return sb.toString();
        });
    Arbitrary<Tree> list = node(key, scalar, depth + 1).list().ofMinSize(1).ofMaxSize(4)
        .map(items -> (in, top) -> {
          StringBuilder sb = new StringBuilder();
          for (Tree t : items) {
            String v = t.text(in + "  ", false).stripLeading();
            sb.append(in).append("- ").append(v.endsWith("\n") ? v : v + "\n");
          }
          return sb.toString();
        });
    return Arbitraries.frequencyOf(Tuple.of(2, leaf), Tuple.of(3, map),
        Tuple.of(1, list));
  }

  /** One of the shapes above with a few characters inserted, deleted or replaced. */
  public static Arbitrary<String> mutated() {
    Arbitrary<String> base = Arbitraries.oneOf(billionLaughs(), selfContaining(), mergeBomb(), customTags(),
        kargoishTree());
    Arbitrary<List<Integer>> edits = Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<String> inserts = Arbitraries.of("&", "*", "!", ":", "-", "[", "]", "{", "}", "\n", "  ", "\t", "#",
        "'", "\"", "\\", "<<: *l1\n", "? ", "|", ">", "%YAML 1.1\n", "---\n", "...\n", "\u0000", "\uFEFF", "\uD800");
    return Combinators.combine(base, edits, inserts.list().ofSize(6)).as((s, at, ins) -> {
      StringBuilder sb = new StringBuilder(s);
      for (int i = 0; i < at.size(); i++) {
        int pos = sb.length() == 0 ? 0 : at.get(i) % (sb.length() + 1);
        switch (at.get(i) % 3) {
          case 0 -> sb.insert(pos, ins.get(i));
          case 1 -> sb.delete(pos, Math.min(sb.length(), pos + 1 + at.get(i) % 5));
          default -> {
            sb.insert(pos, ins.get(i));
            sb.setLength(Math.min(sb.length(), pos + ins.get(i).length() + at.get(i) % 40));
          }
        }
      }
      return sb.toString();
    });
  }

  /** Keys a step could be asked to update, dotted as Kargo's key paths are. */
  public static Arbitrary<String> keyPaths() {
    return Arbitraries.of("a", "l1", "l1.0", "s", "c.0", "a.b", "k", "items", "0", "x.y.z", "spec.steps.0.uses",
        "m1.k0.a", "a\\.b", "", ".", "a..b", "-1", "99999999999");
  }

  /**
   * What {@code attack} throws, which it must do within {@code within}: a hostile document is
   * refused quickly, never by the test's patience.
   */
  public static Throwable thrownWithin(java.time.Duration within, Runnable attack) {
    java.util.concurrent.atomic.AtomicReference<Throwable> t = new java.util.concurrent.atomic.AtomicReference<>();
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(within, () -> {
      try {
        attack.run();
      } catch (Throwable e) {
        t.set(e);
      }
    });
    org.assertj.core.api.Assertions.assertThat(t.get()).as("an exception").isNotNull();
    return t.get();
  }
}
