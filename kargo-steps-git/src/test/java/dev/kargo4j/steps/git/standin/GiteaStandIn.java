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
 * Gitea's API v1 for pull requests (try.gitea.io/api/swagger): {@code Authorization: token
 * <token>}; labels by id ({@code GET /repos/{o}/{r}/labels}); create 201 / 409 / 422, get 200 /
 * 404, list with {@code state}, {@code page}, {@code limit}; merge {@code POST .../merge} with
 * {@code Do} 200 / 405.
 */
public final class GiteaStandIn extends ForgeStandIn {
  private static final Pattern REPO = Pattern.compile("^/api/v1/repos/([^/]+)/([^/]+)(/.*)?$");
  private final Map<String, Long> labelIds = new LinkedHashMap<>();

  public GiteaStandIn(String token, String gitServerBase, List<String> labels) {
    super(token, gitServerBase);
    long id = 10;
    for (String l : labels) {
      labelIds.put(l, id++);
    }
  }

  @Override
  protected boolean authorized(HttpExchange ex, String token) {
    return ("token " + token).equals(ex.getRequestHeaders().getFirst("Authorization"));
  }

  @Override
  protected Object unauthorizedBody() {
    return Map.of("message", "user does not exist [uid: 0, name: ]", "url", "https://gitea.example/api/swagger");
  }

  @Override
  protected void handle(HttpExchange ex, String method, String path, Map<String, String> q, JsonNode body)
      throws IOException {
    Matcher m = REPO.matcher(path);
    if (!m.matches()) {
      send(ex, 404, Map.of("message", "The target couldn't be found."));
      return;
    }
    String owner = m.group(1);
    String repo = m.group(2);
    String rest = m.group(3) == null ? "" : m.group(3);
    int page = Integer.parseInt(q.getOrDefault("page", "1"));
    int limit = Integer.parseInt(q.getOrDefault("limit", "30"));
    if (method.equals("GET") && rest.equals("/labels")) {
      List<Map<String, Object>> all = new ArrayList<>();
      labelIds.forEach((n, id) -> all.add(Map.of("id", id, "name", n, "color", "ee0701")));
      pageOf(ex, path, all, page, limit);
      return;
    }
    if (method.equals("POST") && rest.equals("/pulls")) {
      String head = text(body, "head");
      String base = text(body, "base");
      if (head == null || base == null || text(body, "title") == null) {
        send(ex, 422, Map.of("message", "[Head]: Required; [Base]: Required; [Title]: Required"));
        return;
      }
      for (Pr p : prs.values()) {
        if (p.state.equals("open") && p.head.equals(head) && p.base.equals(base)) {
          send(ex, 409, Map.of("message", "pull request already exists for these targets [id: " + p.number + "]"));
          return;
        }
      }
      Pr p = new Pr();
      p.number = numbers.incrementAndGet();
      p.title = text(body, "title");
      p.body = text(body, "body");
      p.head = head;
      p.base = base;
      p.headSha = branchHeads.getOrDefault(head, newSha());
      for (JsonNode id : body.path("labels")) {
        labelIds.forEach((n, lid) -> {
          if (lid == id.asLong()) {
            p.labels.add(n);
          }
        });
      }
      prs.put(p.number, p);
      send(ex, 201, json(owner, repo, p));
      return;
    }
    if (method.equals("GET") && rest.equals("/pulls")) {
      String state = q.getOrDefault("state", "open");
      List<Pr> all = new ArrayList<>(prs.values());
      all.sort(Comparator.comparingLong((Pr p) -> p.number).reversed());
      List<Map<String, Object>> out = new ArrayList<>();
      for (Pr p : all) {
        boolean open = p.state.equals("open");
        if ((state.equals("open") && !open) || (state.equals("closed") && open)) {
          continue;
        }
        out.add(json(owner, repo, p));
      }
      pageOf(ex, path, out, page, limit);
      return;
    }
    Matcher one = Pattern.compile("^/pulls/(\\d+)(/merge)?$").matcher(rest);
    if (one.matches()) {
      Pr p = prs.get(Long.parseLong(one.group(1)));
      if (p == null) {
        send(ex, 404, Map.of("message", "The target couldn't be found."));
        return;
      }
      if (method.equals("GET") && one.group(2) == null) {
        send(ex, 200, json(owner, repo, p));
        return;
      }
      if (method.equals("POST") && one.group(2) != null) {
        String style = text(body, "Do");
        if (style == null || !List.of("merge", "rebase", "rebase-merge", "squash", "fast-forward-only",
            "manually-merged").contains(style)) {
          send(ex, 422, Map.of("message", "[Do]: Required"));
          return;
        }
        if (!p.state.equals("open") || !p.mergeable) {
          send(ex, 405, Map.of("message", "Please try again later"));
          return;
        }
        p.state = "merged";
        p.mergedAt = Instant.now();
        p.mergeCommitSha = newSha();
        p.mergeMethod = style;
        send(ex, 200, null);
        return;
      }
    }
    send(ex, 404, Map.of("message", "The target couldn't be found."));
  }

  private void pageOf(HttpExchange ex, String path, List<Map<String, Object>> all, int page, int limit)
      throws IOException {
    int from = Math.min(all.size(), (page - 1) * limit);
    int to = Math.min(all.size(), from + limit);
    if (to < all.size()) {
      ex.getResponseHeaders().set("Link", "<" + baseUrl() + path + "?page=" + (page + 1) + "&limit=" + limit
          + ">; rel=\"next\"");
    }
    ex.getResponseHeaders().set("X-Total-Count", String.valueOf(all.size()));
    send(ex, 200, all.subList(from, to));
  }

  private Map<String, Object> json(String owner, String repo, Pr p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", 500 + p.number);
    m.put("number", p.number);
    m.put("title", p.title);
    m.put("body", p.body);
    m.put("state", p.state.equals("open") ? "open" : "closed");
    m.put("merged", p.state.equals("merged"));
    m.put("mergeable", p.mergeable);
    m.put("draft", p.draft);
    m.put("merge_commit_sha", p.mergeCommitSha);
    m.put("merged_at", p.mergedAt == null ? null : p.mergedAt.toString());
    m.put("html_url", "https://gitea.example/" + owner + "/" + repo + "/pulls/" + p.number);
    m.put("created_at", p.createdAt.toString());
    m.put("head", Map.of("ref", p.head, "sha", p.headSha));
    m.put("base", Map.of("ref", p.base));
    m.put("labels", p.labels.stream().map(l -> Map.of("name", l, "id", labelIds.get(l))).toList());
    return m;
  }
}
