package dev.kargo4j.steps.git.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitHub's REST API for pull requests (docs.github.com/rest/pulls): under {@code /api/v3}
 * (GitHub Enterprise Server), {@code Authorization: Bearer <token>}; create 201 / 422, get 200 /
 * 404, list with {@code state}, {@code head=owner:branch}, {@code base}, pages with a
 * {@code Link} header; merge {@code PUT .../merge} 200 / 405 / 422; labels through the issues API.
 */
public final class GitHubStandIn extends ForgeStandIn {
  private static final Pattern REPO = Pattern.compile("^/api/v3/repos/([^/]+)/([^/]+)(/.*)?$");

  public GitHubStandIn(String token, String gitServerBase) {
    super(token, gitServerBase);
  }

  @Override
  protected boolean authorized(HttpExchange ex, String token) {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    return h != null && (h.equals("Bearer " + token) || h.equals("token " + token));
  }

  @Override
  protected Object unauthorizedBody() {
    return Map.of("message", "Bad credentials", "documentation_url", "https://docs.github.com/rest");
  }

  @Override
  protected void handle(HttpExchange ex, String method, String path, Map<String, String> q, JsonNode body)
      throws IOException {
    Matcher m = REPO.matcher(path);
    if (!m.matches()) {
      send(ex, 404, Map.of("message", "Not Found"));
      return;
    }
    String owner = m.group(1);
    String rest = m.group(3) == null ? "" : m.group(3);
    if (method.equals("POST") && rest.equals("/pulls")) {
      String head = text(body, "head");
      String base = text(body, "base");
      if (head == null || base == null) {
        send(ex, 422, Map.of("message", "Validation Failed", "errors", List.of(Map.of("resource", "PullRequest",
            "field", head == null ? "head" : "base", "code", "missing_field"))));
        return;
      }
      String branch = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
      if (!branchHeads.containsKey(branch)) {
        send(ex, 422, Map.of("message", "Validation Failed", "errors", List.of(Map.of("resource", "PullRequest",
            "field", "head", "code", "invalid"))));
        return;
      }
      for (Pr p : prs.values()) {
        if (p.state.equals("open") && p.head.equals(branch) && p.base.equals(base)) {
          send(ex, 422, Map.of("message", "Validation Failed", "errors", List.of(Map.of("resource", "PullRequest",
              "code", "custom", "message", "A pull request already exists for " + owner + ":" + branch + "."))));
          return;
        }
      }
      Pr p = new Pr();
      p.number = numbers.incrementAndGet();
      p.title = text(body, "title");
      p.body = text(body, "body");
      p.head = branch;
      p.base = base;
      p.headSha = branchHeads.get(branch);
      prs.put(p.number, p);
      send(ex, 201, json(owner, m.group(2), p));
      return;
    }
    Matcher labels = Pattern.compile("^/issues/(\\d+)/labels$").matcher(rest);
    if (method.equals("POST") && labels.matches()) {
      Pr p = prs.get(Long.parseLong(labels.group(1)));
      if (p == null) {
        send(ex, 404, Map.of("message", "Not Found"));
        return;
      }
      body.path("labels").forEach(l -> p.labels.add(l.asText()));
      send(ex, 200, p.labels.stream().map(l -> Map.of("name", l)).toList());
      return;
    }
    if (method.equals("GET") && rest.equals("/pulls")) {
      String state = q.getOrDefault("state", "open");
      int perPage = Integer.parseInt(q.getOrDefault("per_page", "30"));
      int page = Integer.parseInt(q.getOrDefault("page", "1"));
      List<Pr> all = new ArrayList<>(prs.values());
      all.sort(Comparator.comparingLong((Pr p) -> p.number).reversed());
      List<Map<String, Object>> out = new ArrayList<>();
      for (Pr p : all) {
        boolean open = p.state.equals("open");
        if ((state.equals("open") && !open) || (state.equals("closed") && open)) {
          continue;
        }
        if (q.containsKey("head") && !q.get("head").equals(owner + ":" + p.head)) {
          continue;
        }
        if (q.containsKey("base") && !q.get("base").equals(p.base)) {
          continue;
        }
        out.add(json(owner, m.group(2), p));
      }
      int from = Math.min(out.size(), (page - 1) * perPage);
      int to = Math.min(out.size(), from + perPage);
      if (to < out.size()) {
        ex.getResponseHeaders().set("Link", "<" + baseUrl() + path + "?state=" + state + "&per_page=" + perPage
            + "&page=" + (page + 1) + ">; rel=\"next\"");
      }
      send(ex, 200, out.subList(from, to));
      return;
    }
    Matcher one = Pattern.compile("^/pulls/(\\d+)(/merge)?$").matcher(rest);
    if (one.matches()) {
      Pr p = prs.get(Long.parseLong(one.group(1)));
      if (p == null) {
        send(ex, 404, Map.of("message", "Not Found"));
        return;
      }
      if (method.equals("GET") && one.group(2) == null) {
        send(ex, 200, json(owner, m.group(2), p));
        return;
      }
      if (method.equals("PUT") && one.group(2) != null) {
        String mm = text(body, "merge_method");
        if (mm != null && !List.of("merge", "squash", "rebase").contains(mm)) {
          send(ex, 422, Map.of("message", "Validation Failed", "errors", List.of(Map.of("field", "merge_method",
              "code", "invalid"))));
          return;
        }
        if (!p.state.equals("open") || !p.mergeable || p.draft) {
          send(ex, 405, Map.of("message", "Pull Request is not mergeable"));
          return;
        }
        p.state = "merged";
        p.mergedAt = Instant.now();
        p.mergeCommitSha = newSha();
        p.mergeMethod = mm == null ? "merge" : mm;
        send(ex, 200, Map.of("sha", p.mergeCommitSha, "merged", true, "message", "Pull Request successfully merged"));
        return;
      }
    }
    send(ex, 404, Map.of("message", "Not Found"));
  }

  private Map<String, Object> json(String owner, String repo, Pr p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", p.number);
    m.put("html_url", "https://github.example/" + owner + "/" + repo + "/pull/" + p.number);
    m.put("state", p.state.equals("open") ? "open" : "closed");
    m.put("title", p.title);
    m.put("body", p.body);
    m.put("draft", p.draft);
    m.put("mergeable", p.mergeable);
    m.put("mergeable_state", p.state.equals("open") ? p.mergeableState : "unknown");
    m.put("merged_at", p.mergedAt == null ? null : p.mergedAt.toString());
    m.put("merge_commit_sha", p.mergeCommitSha);
    m.put("created_at", p.createdAt.toString());
    m.put("head", Map.of("ref", p.head, "sha", p.headSha, "label", owner + ":" + p.head));
    m.put("base", Map.of("ref", p.base));
    m.put("labels", p.labels.stream().map(l -> Map.of("name", l)).toList());
    return m;
  }
}
