package dev.kargo4j.steps.git.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kargo4j.steps.git.spi.GitProvider;
import dev.kargo4j.steps.git.spi.GitProviderException;
import dev.kargo4j.steps.git.spi.GitProviderFactory;
import dev.kargo4j.steps.git.spi.GitProviderOptions;
import dev.kargo4j.steps.git.spi.MergeOutcome;
import dev.kargo4j.steps.git.spi.NewPullRequest;
import dev.kargo4j.steps.git.spi.PullRequest;
import dev.kargo4j.steps.git.spi.PullRequestQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gitea (and Forgejo) pull requests on the REST API v1 ({@code <host>/api/v1}), as Kargo's
 * {@code pkg/gitprovider/gitea} uses it; label names are resolved to ids. Thread-safe.
 */
public final class GiteaProvider implements GitProvider {
  private static final String SERVICE = "Gitea";
  private static final Set<String> MERGE_METHODS =
      Set.of("fast-forward-only", "manually-merged", "merge", "rebase", "rebase-merge", "squash");

  private final String owner;
  private final String repo;
  private final ApiClient api;

  /** The factory: name {@code gitea}; hosts containing {@code gitea}. */
  public static final class Factory implements GitProviderFactory {
    /** Found by {@link java.util.ServiceLoader}. */
    public Factory() {}

    @Override
    public String name() {
      return "gitea";
    }

    @Override
    public boolean handles(String repoUrl) {
      return dev.kargo4j.steps.git.internal.RepoUrls.host(repoUrl).contains("gitea");
    }

    @Override
    public GitProvider create(GitProviderOptions options) {
      return new GiteaProvider(options);
    }
  }

  GiteaProvider(GitProviderOptions o) {
    RepoPath rp = RepoPath.parse(SERVICE, o.repoUrl());
    String[] on = rp.ownerAndName(SERVICE, o.repoUrl());
    this.owner = on[0];
    this.repo = on[1];
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (o.token() != null && !o.token().isEmpty()) {
      headers.put("Authorization", "token " + o.token());
    }
    this.api = new ApiClient(SERVICE, rp.scheme() + "://" + rp.host() + "/api/v1", o.httpClient(), headers,
        o.token(), o.limits());
  }

  private String repoPath() {
    return "/repos/" + ApiClient.enc(owner) + "/" + ApiClient.enc(repo);
  }

  @Override
  public PullRequest createPullRequest(NewPullRequest r) {
    ObjectNode body = ApiClient.object().put("title", r.title()).put("head", r.head()).put("base", r.base())
        .put("body", r.description());
    if (!r.labels().isEmpty()) {
      ArrayNode ids = body.putArray("labels");
      labelIds(r.labels()).forEach(ids::add);
    }
    return convert(api.send("POST", repoPath() + "/pulls", body, List.of(201)).body());
  }

  private List<Long> labelIds(List<String> names) {
    Map<String, Long> byName = new LinkedHashMap<>();
    for (int page = 1; page <= 100; page++) {
      ApiClient.Response r = api.get(repoPath() + "/labels?page=" + page + "&limit=50");
      if (r.body().size() == 0) {
        break;
      }
      for (JsonNode l : r.body()) {
        byName.put(ApiClient.text(l, "name"), l.path("id").asLong());
      }
      if (ApiClient.nextLink(r).isEmpty()) {
        break;
      }
    }
    List<Long> ids = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String n : new LinkedHashSet<>(names)) {
      Long id = byName.get(n);
      if (id == null) {
        missing.add(n);
      } else {
        ids.add(id);
      }
    }
    if (!missing.isEmpty()) {
      throw new GitProviderException("labels not found in repository " + owner + "/" + repo + ": "
          + String.join(", ", missing));
    }
    return ids;
  }

  @Override
  public PullRequest getPullRequest(long number) {
    return convert(api.get(repoPath() + "/pulls/" + number).body());
  }

  @Override
  public List<PullRequest> listPullRequests(PullRequestQuery q) {
    String state = switch (q.state()) {
      case ANY -> "all";
      case OPEN -> "open";
      case CLOSED -> "closed";
    };
    List<PullRequest> out = new ArrayList<>();
    for (int page = 1; page <= 100; page++) {
      ApiClient.Response r = api.get(repoPath() + "/pulls?state=" + state + "&page=" + page + "&limit=50");
      for (JsonNode n : r.body()) {
        boolean head = q.headBranch() == null || q.headBranch().equals(n.path("head").path("ref").asText(null));
        boolean base = q.baseBranch() == null || q.baseBranch().equals(n.path("base").path("ref").asText(null));
        boolean sha = q.headCommit() == null || q.headCommit().equals(n.path("head").path("sha").asText(null));
        if (head && base && sha) {
          out.add(convert(n));
        }
      }
      if (r.body().size() == 0 || ApiClient.nextLink(r).isEmpty()) {
        break;
      }
    }
    return out;
  }

  @Override
  public MergeOutcome mergePullRequest(long number, String mergeMethod) {
    JsonNode pr = api.get(repoPath() + "/pulls/" + number).body();
    if (pr.path("merged").asBoolean(false)) {
      return MergeOutcome.merged(convert(pr));
    }
    if (!"open".equals(ApiClient.text(pr, "state"))) {
      throw new GitProviderException("pull request " + number + " is closed but not merged");
    }
    if (pr.path("draft").asBoolean(false) || !pr.path("mergeable").asBoolean(false)) {
      return MergeOutcome.notReady();
    }
    String style = mergeMethod == null || mergeMethod.isEmpty() ? "merge" : mergeMethod;
    if (!MERGE_METHODS.contains(style)) {
      throw new GitProviderException("unsupported merge method \"" + style + "\" for Gitea; allowed: "
          + String.join(", ", new java.util.TreeSet<>(MERGE_METHODS)));
    }
    ApiClient.Response r = api.send("POST", repoPath() + "/pulls/" + number + "/merge",
        ApiClient.object().put("Do", style), List.of(200, 405));
    if (r.status() != 200) {
      throw new GitProviderException("merge rejected for pull request " + number
          + Optional.ofNullable(ApiClient.text(r.body(), "message")).map(m -> ": " + m).orElse(""), r.status());
    }
    return MergeOutcome.merged(getPullRequest(number));
  }

  @Override
  public String commitUrl(String repoUrl, String commitId) {
    RepoPath rp = RepoPath.parse(SERVICE, repoUrl);
    return "https://" + rp.host() + "/" + rp.path() + "/commit/" + commitId;
  }

  private static PullRequest convert(JsonNode n) {
    return new PullRequest(n.path("number").asLong(), Optional.ofNullable(ApiClient.text(n, "html_url")).orElse(""),
        "open".equals(ApiClient.text(n, "state")), n.path("merged").asBoolean(false),
        ApiClient.text(n, "merge_commit_sha"), n.path("head").path("sha").asText(null),
        ApiClient.instant(n, "created_at"));
  }
}
