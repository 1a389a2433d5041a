package dev.kargo4j.samples.cli;

import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightCollection;
import dev.kargo4j.core.model.FreightReference;
import dev.kargo4j.core.model.FreightRequest;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.PromotionReference;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.VerificationInfo;
import dev.kargo4j.core.model.Warehouse;
import dev.kargo4j.samples.cli.internal.StageColors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A Project's pipeline as a picture: Warehouses and Stages as nodes, an edge for every place a
 * Stage takes Freight from (its Warehouse when {@code direct}, its upstream Stages), each Stage
 * with its colour ({@code kargo.akuity.io/color}), its current Freight, its verification state
 * and its last promotion. Three renderings: {@link #mermaid()}, {@link #dot()} (Graphviz) and
 * {@link #html()}, one self-contained page (inline CSS and SVG, no script, nothing fetched).
 *
 * <pre>{@code
 * String page = PipelineGraph.of("kargo-demo", warehouses, runtime.stages(), runtime.freight()).html();
 * }</pre>
 *
 * <p>Immutable and thread-safe; the renderings are deterministic (no timestamps).
 */
public final class PipelineGraph {
  private static final int MARGIN = 24;
  private static final int COLUMN = 236;
  private static final int ROW = 142;
  private static final int BOX_W = 196;
  private static final int BOX_H = 124;
  private static final int HEADER = 28;

  private final String project;
  private final List<Warehouse> warehouses;
  private final List<Stage> stages;
  private final List<Freight> freight;
  private final Map<String, Freight> freightByName = new HashMap<>();

  private PipelineGraph(String project, List<Warehouse> warehouses, List<Stage> stages, List<Freight> freight) {
    this.project = Objects.requireNonNull(project, "project");
    this.warehouses = List.copyOf(warehouses);
    this.stages = List.copyOf(stages);
    this.freight = List.copyOf(freight);
    for (Freight f : this.freight) {
      freightByName.put(f.name(), f);
    }
  }

  /**
   * The pipeline of {@code project}.
   *
   * @param stages the Stages in manifest order, with their status (null status: nothing yet)
   * @param freight the Project's Freight, for aliases and the Freight table
   */
  public static PipelineGraph of(String project, List<Warehouse> warehouses, List<Stage> stages, List<Freight> freight) {
    return new PipelineGraph(project, warehouses, stages, freight);
  }

  // ---------------------------------------------------------------- model

  /** One box: a Warehouse or a Stage, at a column (depth) and a row. */
  private record Node(String id, String name, boolean warehouse, Stage stage, int column, int row) {}

  /** The edges as (from id, to id), in Stage order. */
  private List<String[]> edges() {
    List<String[]> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Stage s : stages) {
      for (FreightRequest r : s.spec().requestedFreight()) {
        List<String> from = new ArrayList<>();
        if (r.sources().direct()) {
          from.add("w:" + r.origin().name());
        }
        for (String up : r.sources().stages()) {
          from.add("s:" + up);
        }
        for (String f : from) {
          if (seen.add(f + ">" + s.name())) {
            out.add(new String[] {f, "s:" + s.name()});
          }
        }
      }
    }
    return out;
  }

  private List<Node> layout() {
    Map<String, Integer> depth = new LinkedHashMap<>();
    Map<String, Stage> byName = new LinkedHashMap<>();
    for (Stage s : stages) {
      byName.put(s.name(), s);
    }
    Set<String> warehouseNames = new LinkedHashSet<>();
    for (Warehouse w : warehouses) {
      warehouseNames.add(w.name());
    }
    for (Stage s : stages) {
      for (FreightRequest r : s.spec().requestedFreight()) {
        warehouseNames.add(r.origin().name());
      }
    }
    for (String w : warehouseNames) {
      depth.put("w:" + w, 0);
    }
    for (Stage s : stages) {
      depthOf(s, byName, depth, new HashSet<>());
    }
    // columns, then rows: Warehouses in order, Stages by the mean row of what feeds them
    Map<Integer, List<String>> columns = new TreeMap<>();
    depth.forEach((id, d) -> columns.computeIfAbsent(d, k -> new ArrayList<>()).add(id));
    Map<String, Double> row = new HashMap<>();
    List<String[]> edges = edges();
    int order = 0;
    Map<String, Integer> manifestOrder = new HashMap<>();
    for (String id : depth.keySet()) {
      manifestOrder.put(id, order++);
    }
    for (List<String> col : columns.values()) {
      for (String id : col) {
        double sum = 0;
        int n = 0;
        for (String[] e : edges) {
          if (e[1].equals(id) && row.containsKey(e[0])) {
            sum += row.get(e[0]);
            n++;
          }
        }
        row.put(id, n == 0 ? manifestOrder.get(id) : sum / n);
      }
      col.sort(Comparator.<String>comparingDouble(row::get).thenComparing(manifestOrder::get));
      for (int i = 0; i < col.size(); i++) {
        row.put(col.get(i), (double) i - (col.size() - 1) / 2.0);
      }
    }
    List<Node> nodes = new ArrayList<>();
    for (Map.Entry<Integer, List<String>> c : columns.entrySet()) {
      List<String> col = c.getValue();
      for (int i = 0; i < col.size(); i++) {
        String id = col.get(i);
        String name = id.substring(2);
        nodes.add(new Node(id, name, id.startsWith("w:"), byName.get(name), c.getKey(), i));
      }
    }
    return nodes;
  }

  private int depthOf(Stage s, Map<String, Stage> byName, Map<String, Integer> depth, Set<String> visiting) {
    Integer known = depth.get("s:" + s.name());
    if (known != null) {
      return known;
    }
    if (!visiting.add(s.name())) {
      return 1; // a cycle in the manifests; draw it rather than fail
    }
    int d = 1;
    for (FreightRequest r : s.spec().requestedFreight()) {
      for (String up : r.sources().stages()) {
        Stage u = byName.get(up);
        d = Math.max(d, u == null ? 1 : depthOf(u, byName, depth, visiting) + 1);
      }
    }
    depth.put("s:" + s.name(), d);
    return d;
  }

  // ---------------------------------------------------------------- facts per Stage

  private FreightCollection current(Stage s) {
    StageStatus st = s.status();
    return st == null ? null : st.currentFreight();
  }

  /**
   * {@code alias (abc1234)} of each Freight the Stage holds, or empty; for a control-flow
   * Stage, which holds nothing, the newest Freight it passed on (verified in it).
   */
  private List<String> freightLabels(Stage s) {
    List<String> out = new ArrayList<>();
    if (s.isControlFlow()) {
      passedOn(s).ifPresent(f -> out.add(label(f.alias(), f.name())));
      return out;
    }
    FreightCollection c = current(s);
    if (c == null) {
      return out;
    }
    for (FreightReference r : c.references()) {
      Freight f = freightByName.get(r.name());
      out.add(label(f == null ? "" : f.alias(), r.name()));
    }
    return out;
  }

  private static String label(String alias, String name) {
    return (alias.isEmpty() ? "" : alias + " ") + "(" + shortId(name) + ")";
  }

  /** The newest Freight verified in a control-flow Stage. */
  private java.util.Optional<Freight> passedOn(Stage s) {
    return freight.stream().filter(f -> f.isVerifiedIn(s.name()))
        .max(Comparator.comparing((Freight f) -> f.status().verifiedIn().get(s.name()).verifiedAt(),
            Comparator.nullsFirst(Comparator.naturalOrder())));
  }

  /** The artifacts of the Stage's Freight in one short line. */
  private String artifacts(Stage s) {
    if (s.isControlFlow()) {
      return passedOn(s).map(f -> String.join(", ", artifacts(f.images(), f.commits(), f.charts()))).orElse("");
    }
    FreightCollection c = current(s);
    if (c == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (FreightReference r : c.references()) {
      parts.addAll(artifacts(r.images(), r.commits(), r.charts()));
    }
    return String.join(", ", parts);
  }

  private static List<String> artifacts(List<Image> images, List<GitCommit> commits, List<Chart> charts) {
    List<String> parts = new ArrayList<>();
    for (Image i : images) {
      String repo = i.repoURL();
      parts.add(repo.substring(repo.lastIndexOf('/') + 1) + ":" + (i.tag() == null || i.tag().isEmpty() ? shortId(i.digest()) : i.tag()));
    }
    for (GitCommit g : commits) {
      parts.add((g.tag() != null && !g.tag().isEmpty() ? g.tag() : "git " + shortId(g.id())));
    }
    for (Chart ch : charts) {
      String name = ch.name() == null || ch.name().isEmpty() ? ch.repoURL().substring(ch.repoURL().lastIndexOf('/') + 1) : ch.name();
      parts.add(name + " " + ch.version());
    }
    return parts;
  }

  /** Verification state: Verified, Failed, Verifying, ... or "" when there is nothing to say. */
  private String verification(Stage s) {
    if (s.isControlFlow()) {
      return "control flow";
    }
    FreightCollection c = current(s);
    if (c == null) {
      return "";
    }
    VerificationInfo v = c.currentVerification();
    if (v == null) {
      return "not verified";
    }
    return switch (v.phase()) {
      case SUCCESSFUL -> "verified";
      case FAILED -> "verification failed";
      case ERROR -> "verification error";
      case ABORTED -> "verification aborted";
      case INCONCLUSIVE -> "inconclusive";
      case PENDING, RUNNING -> "verifying";
    };
  }

  private static String verificationClass(String v) {
    return switch (v) {
      case "verified" -> "ok";
      case "verification failed", "verification error" -> "bad";
      case "verifying", "inconclusive", "verification aborted" -> "wait";
      case "control flow" -> "flow";
      default -> "none";
    };
  }

  private String lastPromotion(Stage s) {
    StageStatus st = s.status();
    if (st == null) {
      return "";
    }
    PromotionReference cur = st.currentPromotion();
    if (cur != null) {
      return "promoting";
    }
    PromotionReference last = st.lastPromotion();
    if (last == null || last.status() == null || last.status().phase() == null) {
      return "";
    }
    return "promotion " + last.status().phase().wireName().toLowerCase(java.util.Locale.ROOT);
  }

  private static String shortId(String id) {
    if (id == null) {
      return "";
    }
    String s = id.startsWith("sha256:") ? id.substring(7) : id;
    return s.length() > 7 ? s.substring(0, 7) : s;
  }

  // ---------------------------------------------------------------- Mermaid

  /** A Mermaid {@code flowchart LR}; Stage nodes filled with their colour. */
  public String mermaid() {
    StringBuilder sb = new StringBuilder("flowchart LR\n");
    List<Node> nodes = layout();
    for (Node n : nodes) {
      if (n.warehouse()) {
        sb.append("  ").append(mermaidId(n.id())).append("[(\"").append(mermaidText(n.name()))
            .append("<br/><i>Warehouse</i>\")]\n");
      } else {
        List<String> lines = new ArrayList<>();
        lines.add("<b>" + mermaidText(n.name()) + "</b>");
        List<String> f = freightLabels(n.stage());
        lines.add(f.isEmpty() ? "no Freight" : mermaidText(String.join(", ", f)));
        String v = verification(n.stage());
        if (!v.isEmpty()) {
          lines.add(mermaidText(v));
        }
        sb.append("  ").append(mermaidId(n.id())).append("[\"").append(String.join("<br/>", lines)).append("\"]\n");
      }
    }
    for (String[] e : edges()) {
      sb.append("  ").append(mermaidId(e[0])).append(" --> ").append(mermaidId(e[1])).append('\n');
    }
    for (Node n : nodes) {
      if (!n.warehouse()) {
        sb.append("  style ").append(mermaidId(n.id())).append(" fill:").append(StageColors.of(n.stage()))
            .append(",color:#ffffff,stroke:#334155\n");
      }
    }
    return sb.toString();
  }

  private static String mermaidId(String id) {
    return (id.startsWith("w:") ? "w_" : "s_") + id.substring(2).replaceAll("[^A-Za-z0-9_]", "_");
  }

  private static String mermaidText(String s) {
    return s.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
  }

  // ---------------------------------------------------------------- DOT

  /** A Graphviz digraph, left to right; Stage nodes filled with their colour. */
  public String dot() {
    StringBuilder sb = new StringBuilder();
    sb.append("digraph ").append(dotString(project)).append(" {\n");
    sb.append("  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
    for (Node n : layout()) {
      if (n.warehouse()) {
        sb.append("  ").append(dotString(n.id())).append(" [label=").append(dotString(n.name() + "\nWarehouse"))
            .append(", shape=cylinder, fillcolor=\"#e2e8f0\"];\n");
      } else {
        List<String> f = freightLabels(n.stage());
        String label = n.name() + "\n" + (f.isEmpty() ? "no Freight" : String.join(", ", f));
        String v = verification(n.stage());
        if (!v.isEmpty()) {
          label += "\n" + v;
        }
        sb.append("  ").append(dotString(n.id())).append(" [label=").append(dotString(label))
            .append(", fillcolor=\"").append(StageColors.of(n.stage())).append("\", fontcolor=\"white\"];\n");
      }
    }
    for (String[] e : edges()) {
      sb.append("  ").append(dotString(e[0])).append(" -> ").append(dotString(e[1])).append(";\n");
    }
    return sb.append("}\n").toString();
  }

  private static String dotString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  // ---------------------------------------------------------------- HTML

  /** One self-contained HTML page: the graph as inline SVG and a table of the Freight. */
  public String html() {
    List<Node> nodes = layout();
    int columns = nodes.stream().mapToInt(Node::column).max().orElse(0) + 1;
    Map<Integer, Integer> perColumn = new HashMap<>();
    for (Node n : nodes) {
      perColumn.merge(n.column(), 1, Integer::sum);
    }
    int rows = perColumn.values().stream().mapToInt(Integer::intValue).max().orElse(1);
    int width = 2 * MARGIN + (columns - 1) * COLUMN + BOX_W;
    int height = 2 * MARGIN + (rows - 1) * ROW + BOX_H;
    Map<String, int[]> pos = new HashMap<>();
    for (Node n : nodes) {
      int count = perColumn.get(n.column());
      int x = MARGIN + n.column() * COLUMN;
      int y = MARGIN + (rows - count) * ROW / 2 + n.row() * ROW;
      pos.put(n.id(), new int[] {x, y});
    }

    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"pipeline of ").append(esc(project)).append("\">\n");
    svg.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\""
        + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#64748b\"/>"
        + "</marker></defs>\n");
    for (String[] e : edges()) {
      int[] a = pos.get(e[0]);
      int[] b = pos.get(e[1]);
      if (a == null || b == null) {
        continue;
      }
      int x1 = a[0] + BOX_W;
      int y1 = a[1] + BOX_H / 2;
      int x2 = b[0] - 2;
      int y2 = b[1] + BOX_H / 2;
      int mid = (x1 + x2) / 2;
      svg.append("<path class=\"edge\" d=\"M").append(x1).append(',').append(y1).append(" C").append(mid).append(',')
          .append(y1).append(' ').append(mid).append(',').append(y2).append(' ').append(x2).append(',').append(y2)
          .append("\" marker-end=\"url(#arrow)\"/>\n");
    }
    for (Node n : nodes) {
      int[] p = pos.get(n.id());
      svg.append("<g class=\"node\" transform=\"translate(").append(p[0]).append(',').append(p[1]).append(")\">");
      if (n.warehouse()) {
        svg.append("<rect class=\"wh\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H)
            .append("\" rx=\"10\"/>");
        svg.append(text(12, 30, "wh-kind", "WAREHOUSE"));
        svg.append(text(12, 56, "wh-name", n.name()));
        long count = freight.stream().filter(f -> f.origin().name().equals(n.name())).count();
        svg.append(text(12, 82, "line", count + " Freight"));
      } else {
        Stage s = n.stage();
        String color = StageColors.of(s);
        svg.append("<rect class=\"stage\" width=\"").append(BOX_W).append("\" height=\"").append(BOX_H)
            .append("\" rx=\"10\"/>");
        svg.append("<path d=\"M0,10 a10,10 0 0 1 10,-10 h").append(BOX_W - 20).append(" a10,10 0 0 1 10,10 v")
            .append(HEADER - 10).append(" h-").append(BOX_W).append(" z\" fill=\"").append(color).append("\"/>");
        svg.append(text(12, 19, "stage-name", n.name()));
        List<String> f = freightLabels(s);
        svg.append(text(12, HEADER + 22, f.isEmpty() ? "muted" : "freight",
            f.isEmpty() ? "no Freight yet" : String.join(", ", f)));
        String arts = artifacts(s);
        svg.append(text(12, HEADER + 42, "line", clip(arts, 30)));
        String v = verification(s);
        if (!v.isEmpty()) {
          String cls = verificationClass(v);
          int w = 14 + v.length() * 7;
          svg.append("<rect class=\"badge ").append(cls).append("\" x=\"12\" y=\"").append(HEADER + 52)
              .append("\" width=\"").append(w).append("\" height=\"18\" rx=\"9\"/>");
          svg.append(text(19, HEADER + 65, "badge-text " + cls, v));
        }
        svg.append(text(12, BOX_H - 9, "muted", lastPromotion(s)));
      }
      svg.append("</g>\n");
    }
    svg.append("</svg>\n");

    StringBuilder rowsHtml = new StringBuilder();
    List<Freight> sorted = new ArrayList<>(freight);
    sorted.sort(Comparator.comparing((Freight f) -> f.effectiveDiscoveredAt() == null ? java.time.Instant.EPOCH
        : f.effectiveDiscoveredAt()).reversed().thenComparing(Freight::name));
    Map<String, Stage> byName = new HashMap<>();
    for (Stage s : stages) {
      byName.put(s.name(), s);
    }
    for (Freight f : sorted) {
      rowsHtml.append("<tr><td class=\"alias\">").append(esc(f.alias())).append("</td><td><code>")
          .append(esc(shortId(f.name()))).append("</code></td><td>").append(esc(f.origin().name())).append("</td><td>")
          .append(esc(String.join(", ", artifacts(f.images(), f.commits(), f.charts())))).append("</td><td>");
      for (String st : f.status().currentlyIn().keySet()) {
        Stage s = byName.get(st);
        rowsHtml.append("<span class=\"chip\" style=\"background:")
            .append(s == null ? StageColors.DEFAULT : StageColors.of(s)).append("\">").append(esc(st)).append("</span>");
      }
      rowsHtml.append("</td><td>").append(esc(String.join(", ", f.status().verifiedIn().keySet()))).append("</td></tr>\n");
    }

    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<title>" + esc(project) + " pipeline</title>\n<style>\n"
        + "body{margin:0;padding:20px 24px;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;"
        + "background:#f1f5f9;color:#0f172a}\n"
        + "h1{font-size:20px;margin:0 0 4px}p.sub{margin:0 0 12px;color:#475569;font-size:13px}\n"
        + ".graph{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:8px}\n"
        + ".graph svg{width:100%;height:auto;display:block}\n"
        + ".edge{fill:none;stroke:#64748b;stroke-width:2}\n"
        + ".stage{fill:#fff;stroke:#cbd5e1;stroke-width:1.5}.wh{fill:#e2e8f0;stroke:#94a3b8;stroke-width:1.5}\n"
        + "text{font-family:inherit}.stage-name{fill:#fff;font-weight:700;font-size:14px}\n"
        + ".wh-kind{fill:#475569;font-size:10px;letter-spacing:1px}.wh-name{fill:#0f172a;font-weight:700;font-size:15px}\n"
        + ".freight{fill:#0f172a;font-weight:600;font-size:12px}.line{fill:#334155;font-size:11px}"
        + ".muted{fill:#64748b;font-size:11px}\n"
        + ".badge.ok{fill:#dcfce7}.badge.bad{fill:#fee2e2}.badge.wait{fill:#fef3c7}.badge.none{fill:#e2e8f0}"
        + ".badge.flow{fill:#e0e7ff}\n"
        + ".badge-text{font-size:11px;font-weight:600}.badge-text.ok{fill:#166534}.badge-text.bad{fill:#991b1b}"
        + ".badge-text.wait{fill:#92400e}.badge-text.none{fill:#475569}.badge-text.flow{fill:#3730a3}\n"
        + "table{border-collapse:collapse;margin-top:16px;background:#fff;font-size:13px;width:100%;"
        + "border:1px solid #e2e8f0}\nth,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e2e8f0}"
        + "th{background:#f8fafc;color:#475569;font-weight:600}\n"
        + ".chip{display:inline-block;color:#fff;border-radius:9px;padding:1px 8px;margin:1px 3px 1px 0;font-size:12px}\n"
        + "td.alias{font-weight:600}\n</style>\n</head>\n<body>\n"
        + "<h1>" + esc(project) + "</h1>\n<p class=\"sub\">" + stages.size() + " Stages, " + warehouses.size()
        + " Warehouse" + (warehouses.size() == 1 ? "" : "s") + ", " + freight.size() + " Freight</p>\n"
        + "<div class=\"graph\">\n" + svg + "</div>\n"
        + "<table>\n<thead><tr><th>Freight</th><th>ID</th><th>Origin</th><th>Artifacts</th><th>In Stages</th>"
        + "<th>Verified in</th></tr></thead>\n<tbody>\n" + rowsHtml + "</tbody>\n</table>\n</body>\n</html>\n";
  }

  private static String text(int x, int y, String cls, String content) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" class=\"" + cls + "\">" + esc(content) + "</text>";
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }

  private static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
