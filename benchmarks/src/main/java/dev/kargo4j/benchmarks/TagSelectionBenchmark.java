package dev.kargo4j.benchmarks;

import dev.kargo4j.core.discovery.internal.TagFilter;
import dev.kargo4j.core.discovery.internal.TagOrder;
import dev.kargo4j.core.semver.SemVerConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Selecting images from {@value #TAGS} listed tags, the work image discovery does between
 * listing the tags and looking up the chosen images: compile the subscription's allow regex
 * (and constraint), filter, parse every tag as a version, order greatest first, keep the
 * {@code discoveryLimit} best (20).
 *
 * <ul>
 *   <li>{@link #kargo4j()}: kargo4j's own code for it, the same calls
 *       {@code ImageSubscriptionSource} makes ({@code TagFilter}, {@code TagOrder.semver},
 *       {@code SemVerConstraint});
 *   <li>{@link #plainJavaSort()}: the peer, a plain Java baseline: the same regex, a minimal
 *       SemVer 2.0 parser and comparator, {@code List.sort}, the first 20. It knows only what
 *       this data needs, so it is a lower bound rather than a competitor.
 * </ul>
 *
 * <p>Scenarios ({@link #subscription}): {@code kargoAdvanced} is the kargo-advanced
 * Warehouse's subscription (SemVer, {@code allowTags ^v?[0-9]+\.[0-9]+\.[0-9]+([\+-].*)?$}, no
 * constraint); {@code constraint} adds {@code constraint: ^1.0.0}. Setup checks that both
 * sides select the same 20 tags.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar TagSelectionBenchmark</pre>
 *
 * <p>Not thread-safe: JMH gives each benchmark thread its own instance.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TagSelectionBenchmark {
  static final int TAGS = 10_000;
  static final int LIMIT = 20;
  static final String ALLOW = "^v?[0-9]+\\.[0-9]+\\.[0-9]+([\\+-].*)?$";

  /** Which subscription: {@code kargoAdvanced} or {@code constraint}. */
  @Param({"kargoAdvanced", "constraint"})
  public String subscription;

  private List<String> tags;
  private String constraint;

  /** Makes the tags and checks that both sides agree. */
  @Setup
  public void setUp() {
    tags = Tags.generate(TAGS, 42);
    constraint = switch (subscription) {
      case "kargoAdvanced" -> "";
      case "constraint" -> "^1.0.0";
      default -> throw new IllegalArgumentException("unknown subscription " + subscription);
    };
    List<String> a = kargo4j();
    List<String> b = plainJavaSort();
    if (a.size() != LIMIT || !a.equals(b)) {
      throw new IllegalStateException(subscription + ": kargo4j selected " + a + " but the baseline " + b);
    }
  }

  /** kargo4j's selection, as {@code ImageSubscriptionSource} runs it for a SemVer subscription. */
  @Benchmark
  public List<String> kargo4j() {
    TagFilter filter = TagFilter.of(List.of(ALLOW), List.of(), "image subscription bench");
    SemVerConstraint c = constraint.isEmpty() ? null : SemVerConstraint.parse(constraint);
    List<String> ordered = TagOrder.semver(filter.filter(tags), true, c);
    return ordered.size() > LIMIT ? ordered.subList(0, LIMIT) : ordered;
  }

  /** The plain Java baseline. */
  @Benchmark
  public List<String> plainJavaSort() {
    Pattern allow = Pattern.compile(ALLOW);
    boolean caret1 = !constraint.isEmpty();
    List<Version> versions = new ArrayList<>();
    for (String t : tags) {
      if (allow.matcher(t).find()) {
        Version v = Version.parse(t);
        if (v != null && (!caret1 || (v.major == 1 && v.pre.isEmpty()))) {
          versions.add(v);
        }
      }
    }
    versions.sort((x, y) -> {
      int c = y.compareTo(x);
      return c != 0 ? c : y.text.compareTo(x.text);
    });
    List<String> out = new ArrayList<>(LIMIT);
    for (int i = 0; i < Math.min(LIMIT, versions.size()); i++) {
      out.add(versions.get(i).text);
    }
    return out;
  }

  /** A minimal SemVer 2.0 version: numbers, pre-release identifiers; build metadata ignored. */
  private record Version(String text, long major, long minor, long patch, List<String> pre)
      implements Comparable<Version> {
    private static final Pattern FORM =
        Pattern.compile("v?(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    static Version parse(String text) {
      Matcher m = FORM.matcher(text);
      if (!m.matches()) {
        return null;
      }
      List<String> pre = m.group(4) == null ? List.of() : List.of(m.group(4).split("\\."));
      return new Version(text, Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
          Long.parseLong(m.group(3)), pre);
    }

    @Override
    public int compareTo(Version o) {
      int c = Long.compare(major, o.major);
      if (c == 0) {
        c = Long.compare(minor, o.minor);
      }
      if (c == 0) {
        c = Long.compare(patch, o.patch);
      }
      if (c != 0) {
        return c;
      }
      if (pre.isEmpty() || o.pre.isEmpty()) {
        return Boolean.compare(pre.isEmpty(), o.pre.isEmpty());
      }
      for (int i = 0; i < Math.min(pre.size(), o.pre.size()); i++) {
        String a = pre.get(i);
        String b = o.pre.get(i);
        boolean na = a.chars().allMatch(Character::isDigit);
        boolean nb = b.chars().allMatch(Character::isDigit);
        int d = na && nb ? Long.compare(Long.parseLong(a), Long.parseLong(b))
            : na ? -1 : nb ? 1 : a.compareTo(b);
        if (d != 0) {
          return d;
        }
      }
      return Integer.compare(pre.size(), o.pre.size());
    }
  }
}
