package dev.kargo4j.steps.git.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab's merge requests API v4 (docs.gitlab.com/api/merge_requests): projects addressed by
 * URL-encoded path, {@code PRIVATE-TOKEN} header; create 201 / 400 / 409, get 200 / 404, list
 * with {@code source_branch}, {@code target_branch}, {@code state} and {@code X-Next-Page}
 * pagination; accept {@code PUT .../merge} 200 / 405 / 422.
 */
public final class GitLabStandIn extends ForgeStandIn {
  private static final Pattern MRS = Pattern.compile("^/api/v4/projects/([^/]+)/merge_requests(?:/(\\d+)(/merge)?)?$");

  public GitLabStandIn(String token, String gitServerBase) {
    super(token, gitServerBase);
  }

  @Override
  protected boolean authorized(HttpExchange ex, String token) {
    return token.equals(ex.getRequestHeaders().getFirst("PRIVATE-TOKEN"));
  }

  @Override
  protected void handle(HttpExchange ex, String method, String path, Map<String, String> q, JsonNode body)
      throws IOException {
    Matcher m = MRS.matcher(path);
    if (!m.matches()) {
      send(ex, 404, Map.of("message", "404 Not Found"));
      return;
    }
    String project = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    if (m.group(2) == null && method.equals("POST")) {
      String source = text(body, "source_branch");
      String target = text(body, "target_branch");
      String title = text(body, "title");
      if (source == null || target == null || title == null) {
        send(ex, 400, Map.of("error", (source == null ? "source_branch" : target == null ? "target_branch" : "title")
            + " is missing"));
        return;
      }
      for (Pr p : prs.values()) {
        if (p.state.equals("open") && p.head.equals(source) && p.base.equals(target)) {
          send(ex, 409, Map.of("message", List.of("Another open merge request already exists for this source branch: !"
              + p.number)));
          return;
        }
      }
      Pr p = new Pr();
      p.number = numbers.incrementAndGet();
      p.title = title;
      p.body = text(body, "description");
      p.head = source;
      p.base = target;
      p.headSha = branchHeads.getOrDefault(source, newSha());
      if (text(body, "labels") != null && !text(body, "labels").isEmpty()) {
        p.labels.addAll(Arrays.asList(text(body, "labels").split(",")));
      }
      prs.put(p.number, p);
      send(ex, 201, json(project, p));
      return;
    }
    if (m.group(2) == null && method.equals("GET")) {
      String state = q.getOrDefault("state", "all");
      int perPage = Integer.parseInt(q.getOrDefault("per_page", "20"));
      int page = Integer.parseInt(q.getOrDefault("page", "1"));
      List<Pr> all = new ArrayList<>(prs.values());
      all.sort(Comparator.comparingLong((Pr p) -> p.number).reversed());
      List<Map<String, Object>> out = new ArrayList<>();
      for (Pr p : all) {
        String s = glState(p);
        if (!state.equals("all") && !state.equals(s)) {
          continue;
        }
        if (q.containsKey("source_branch") && !q.get("source_branch").isEmpty() && !q.get("source_branch").equals(p.head)) {
          continue;
        }
        if (q.containsKey("target_branch") && !q.get("target_branch").isEmpty() && !q.get("target_branch").equals(p.base)) {
          continue;
        }
        out.add(json(project, p));
      }
      int from = Math.min(out.size(), (page - 1) * perPage);
      int to = Math.min(out.size(), from + perPage);
      ex.getResponseHeaders().set("X-Next-Page", to < out.size() ? String.valueOf(page + 1) : "");
      ex.getResponseHeaders().set("X-Page", String.valueOf(page));
      send(ex, 200, out.subList(from, to));
      return;
    }
    Pr p = prs.get(Long.parseLong(m.group(2)));
    if (p == null) {
      send(ex, 404, Map.of("message", "404 Not found"));
      return;
    }
    if (method.equals("GET") && m.group(3) == null) {
      send(ex, 200, json(project, p));
      return;
    }
    if (method.equals("PUT") && m.group(3) != null) {
      if (!p.state.equals("open") || p.draft) {
        send(ex, 405, Map.of("message", "405 Method Not Allowed"));
        return;
      }
      if (!p.mergeable) {
        send(ex, 422, Map.of("message", "Branch cannot be merged"));
        return;
      }
      p.state = "merged";
      p.mergedAt = Instant.now();
      p.mergeCommitSha = newSha();
      p.mergeMethod = body.path("squash").asBoolean(false) ? "squash" : "merge";
      send(ex, 200, json(project, p));
      return;
    }
    send(ex, 404, Map.of("message", "404 Not Found"));
  }

  private static String glState(Pr p) {
    return switch (p.state) {
      case "open" -> "opened";
      case "merged" -> "merged";
      default -> "closed";
    };
  }

  private Map<String, Object> json(String project, Pr p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", 1000 + p.number);
    m.put("iid", p.number);
    m.put("title", p.title);
    m.put("description", p.body);
    m.put("state", glState(p));
    m.put("source_branch", p.head);
    m.put("target_branch", p.base);
    m.put("sha", p.headSha);
    m.put("draft", p.draft);
    m.put("detailed_merge_status", !p.state.equals("open") ? "not_open" : p.mergeable ? "mergeable" : "conflict");
    m.put("merge_commit_sha", p.mergeCommitSha);
    m.put("web_url", "https://gitlab.example/" + project + "/-/merge_requests/" + p.number);
    m.put("created_at", p.createdAt.toString());
    m.put("labels", p.labels);
    return m;
  }
}
