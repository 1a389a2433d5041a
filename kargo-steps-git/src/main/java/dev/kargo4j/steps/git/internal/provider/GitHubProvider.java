package dev.kargo4j.steps.git.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitHub and GitHub Enterprise pull requests on the REST API ({@code api.github.com}, or
 * {@code <host>/api/v3}), as Kargo's {@code pkg/gitprovider/github} uses it. Thread-safe.
 */
public final class GitHubProvider implements GitProvider {
  private static final String SERVICE = "GitHub";

  private final String owner;
  private final String repo;
  private final ApiClient api;

  /** The factory: name {@code github}; hosts containing {@code github} or ending in {@code .ghe.com}. */
  public static final class Factory implements GitProviderFactory {
    /** Found by {@link java.util.ServiceLoader}. */
    public Factory() {}

    @Override
    public String name() {
      return "github";
    }

    @Override
    public boolean handles(String repoUrl) {
      String host = dev.kargo4j.steps.git.internal.RepoUrls.host(repoUrl);
      return host.contains("github") || host.endsWith(".ghe.com");
    }

    @Override
    public GitProvider create(GitProviderOptions options) {
      return new GitHubProvider(options);
    }
  }

  GitHubProvider(GitProviderOptions o) {
    RepoPath rp = RepoPath.parse(SERVICE, o.repoUrl());
    String[] on = rp.ownerAndName(SERVICE, o.repoUrl());
    this.owner = on[0];
    this.repo = on[1];
    String base = rp.hostName().equals("github.com") ? "https://api.github.com"
        : rp.scheme() + "://" + rp.host() + "/api/v3";
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/vnd.github+json, application/json");
    headers.put("X-GitHub-Api-Version", "2022-11-28");
    if (o.token() != null && !o.token().isEmpty()) {
      headers.put("Authorization", "Bearer " + o.token());
    }
    this.api = new ApiClient(SERVICE, base, o.httpClient(), headers, o.token(), o.limits());
  }

  private String repoPath() {
    return "/repos/" + ApiClient.enc(owner) + "/" + ApiClient.enc(repo);
  }

  @Override
  public PullRequest createPullRequest(NewPullRequest r) {
    ObjectNode body = ApiClient.object().put("title", r.title()).put("head", r.head()).put("base", r.base())
        .put("body", r.description()).put("maintainer_can_modify", false);
    PullRequest pr = convert(api.send("POST", repoPath() + "/pulls", body, List.of(201)).body());
    if (!r.labels().isEmpty()) {
      ObjectNode labels = ApiClient.object();
      labels.putArray("labels").addAll(r.labels().stream().map(l -> ApiClient.JSON.getNodeFactory().textNode(l)).toList());
      api.send("POST", repoPath() + "/issues/" + pr.number() + "/labels", labels, List.of(200));
    }
    return pr;
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
    StringBuilder path = new StringBuilder(repoPath()).append("/pulls?state=").append(state).append("&per_page=100");
    if (q.headBranch() != null) {
      path.append("&head=").append(ApiClient.enc(owner + ":" + q.headBranch()));
    }
    if (q.baseBranch() != null) {
      path.append("&base=").append(ApiClient.enc(q.baseBranch()));
    }
    List<PullRequest> out = new ArrayList<>();
    String next = path.toString();
    for (int page = 0; next != null && page < 100; page++) {
      ApiClient.Response r = api.get(next);
      for (JsonNode n : r.body()) {
        String headSha = n.path("head").path("sha").asText(null);
        if (q.headCommit() == null || q.headCommit().equals(headSha)) {
          out.add(convert(n));
        }
      }
      next = ApiClient.nextLink(r).map(api::relative).orElse(null);
    }
    return out;
  }

  @Override
  public MergeOutcome mergePullRequest(long number, String mergeMethod) {
    JsonNode pr = api.get(repoPath() + "/pulls/" + number).body();
    if (pr.hasNonNull("merged_at")) {
      return MergeOutcome.merged(convert(pr));
    }
    if (!"open".equals(ApiClient.text(pr, "state"))) {
      throw new GitProviderException("pull request " + number + " is closed but not merged");
    }
    boolean policyBlocked = false;
    String mergeableState = String.valueOf(ApiClient.text(pr, "mergeable_state"));
    switch (mergeableState) {
      case "clean", "unstable", "has_hooks" -> { }
      case "dirty" -> throw new GitProviderException("pull request " + number + " has conflicts and cannot be merged");
      case "blocked", "behind" -> policyBlocked = true;
      case "draft", "unknown" -> {
        return MergeOutcome.notReady();
      }
      default -> {
        if (pr.path("draft").asBoolean(false) || !pr.path("mergeable").asBoolean(false)) {
          return MergeOutcome.notReady();
        }
      }
    }
    ObjectNode body = ApiClient.object();
    if (mergeMethod != null && !mergeMethod.isEmpty()) {
      body.put("merge_method", mergeMethod);
    }
    ApiClient.Response r = api.send("PUT", repoPath() + "/pulls/" + number + "/merge", body, List.of(200, 405));
    if (r.status() == 405) {
      String msg = String.valueOf(ApiClient.text(r.body(), "message"));
      if (isTransient405(msg, policyBlocked)) {
        return MergeOutcome.notReady();
      }
      throw api.error("PUT", repoPath() + "/pulls/" + number + "/merge", r);
    }
    if (!r.body().path("merged").asBoolean(false)) {
      throw new GitProviderException("merge rejected for pull request " + number);
    }
    return MergeOutcome.merged(getPullRequest(number));
  }

  static boolean isTransient405(String msg, boolean policyBlocked) {
    if (msg.contains("not allowed")) {
      return false;
    }
    if (msg.contains("Base branch was modified") || msg.contains("Pull Request is not mergeable")) {
      return true;
    }
    return policyBlocked;
  }

  @Override
  public String commitUrl(String repoUrl, String commitId) {
    RepoPath rp = RepoPath.parse(SERVICE, repoUrl);
    String[] on = rp.ownerAndName(SERVICE, repoUrl);
    return "https://" + rp.host() + "/" + on[0] + "/" + on[1] + "/commit/" + commitId;
  }

  private static PullRequest convert(JsonNode n) {
    return new PullRequest(n.path("number").asLong(), Optional.ofNullable(ApiClient.text(n, "html_url")).orElse(""),
        "open".equals(ApiClient.text(n, "state")), n.hasNonNull("merged_at"),
        ApiClient.text(n, "merge_commit_sha"), n.path("head").path("sha").asText(null),
        ApiClient.instant(n, "created_at"));
  }
}
