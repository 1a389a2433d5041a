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
import dev.kargo4j.steps.git.spi.PullRequestState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab merge requests on the REST API v4 ({@code <host>/api/v4}), as Kargo's
 * {@code pkg/gitprovider/gitlab} uses it; the project is addressed by its URL-encoded path.
 * Thread-safe.
 */
public final class GitLabProvider implements GitProvider {
  private static final String SERVICE = "GitLab";

  private final String project;
  private final ApiClient api;

  /** The factory: name {@code gitlab}; hosts containing {@code gitlab}. */
  public static final class Factory implements GitProviderFactory {
    /** Found by {@link java.util.ServiceLoader}. */
    public Factory() {}

    @Override
    public String name() {
      return "gitlab";
    }

    @Override
    public boolean handles(String repoUrl) {
      return dev.kargo4j.steps.git.internal.RepoUrls.host(repoUrl).contains("gitlab");
    }

    @Override
    public GitProvider create(GitProviderOptions options) {
      return new GitLabProvider(options);
    }
  }

  GitLabProvider(GitProviderOptions o) {
    RepoPath rp = RepoPath.parse(SERVICE, o.repoUrl());
    if (rp.path().isEmpty()) {
      throw new GitProviderException("the GitLab URL " + o.repoUrl() + " names no project");
    }
    this.project = ApiClient.enc(rp.path());
    String base = rp.scheme() + "://" + rp.host() + "/api/v4";
    if (rp.hostName().equals("gitlab.com")) {
      base = "https://gitlab.com/api/v4";
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    if (o.token() != null && !o.token().isEmpty()) {
      headers.put("PRIVATE-TOKEN", o.token());
    }
    this.api = new ApiClient(SERVICE, base, o.httpClient(), headers, o.token(), o.limits());
  }

  private String mrs() {
    return "/projects/" + project + "/merge_requests";
  }

  @Override
  public PullRequest createPullRequest(NewPullRequest r) {
    ObjectNode body = ApiClient.object().put("source_branch", r.head()).put("target_branch", r.base())
        .put("title", r.title()).put("description", r.description());
    if (!r.labels().isEmpty()) {
      body.put("labels", String.join(",", r.labels()));
    }
    return convert(api.send("POST", mrs(), body, List.of(201)).body());
  }

  @Override
  public PullRequest getPullRequest(long number) {
    return convert(api.get(mrs() + "/" + number).body());
  }

  @Override
  public List<PullRequest> listPullRequests(PullRequestQuery q) {
    StringBuilder path = new StringBuilder(mrs()).append("?per_page=100");
    if (q.headBranch() != null) {
      path.append("&source_branch=").append(ApiClient.enc(q.headBranch()));
    }
    if (q.baseBranch() != null) {
      path.append("&target_branch=").append(ApiClient.enc(q.baseBranch()));
    }
    List<PullRequest> out = new ArrayList<>();
    for (int page = 1; page <= 100; ) {
      ApiClient.Response r = api.get(path + "&page=" + page);
      for (JsonNode n : r.body()) {
        boolean open = isOpen(n);
        boolean stateOk = q.state() == PullRequestState.ANY || (q.state() == PullRequestState.OPEN) == open;
        if (stateOk && (q.headCommit() == null || q.headCommit().equals(ApiClient.text(n, "sha")))) {
          out.add(convert(n));
        }
      }
      Optional<String> next = r.header("X-Next-Page").filter(s -> !s.isBlank());
      if (next.isEmpty()) {
        break;
      }
      page = Integer.parseInt(next.get().trim());
    }
    return out;
  }

  @Override
  public MergeOutcome mergePullRequest(long number, String mergeMethod) {
    JsonNode mr = api.get(mrs() + "/" + number).body();
    String state = ApiClient.text(mr, "state");
    if ("merged".equals(state)) {
      return MergeOutcome.merged(convert(mr));
    }
    if (!"opened".equals(state)) {
      throw new GitProviderException("pull request " + number + " is closed but not merged");
    }
    if (mr.path("draft").asBoolean(false) || !"mergeable".equals(ApiClient.text(mr, "detailed_merge_status"))) {
      return MergeOutcome.notReady();
    }
    ObjectNode body = ApiClient.object();
    if (mergeMethod == null || mergeMethod.isEmpty() || mergeMethod.equals("merge")) {
      // a plain merge commit
    } else if (mergeMethod.equals("squash")) {
      body.put("squash", true);
    } else {
      throw new GitProviderException("unsupported merge method \"" + mergeMethod + "\" for GitLab; allowed: merge, squash");
    }
    return MergeOutcome.merged(convert(api.send("PUT", mrs() + "/" + number + "/merge", body, List.of(200)).body()));
  }

  @Override
  public String commitUrl(String repoUrl, String commitId) {
    RepoPath rp = RepoPath.parse(SERVICE, repoUrl);
    return "https://" + rp.host() + "/" + rp.path() + "/-/commit/" + commitId;
  }

  private static boolean isOpen(JsonNode n) {
    String s = ApiClient.text(n, "state");
    return "opened".equals(s) || "locked".equals(s);
  }

  private static PullRequest convert(JsonNode n) {
    return new PullRequest(n.path("iid").asLong(), Optional.ofNullable(ApiClient.text(n, "web_url")).orElse(""),
        isOpen(n), "merged".equals(ApiClient.text(n, "state")), ApiClient.text(n, "merge_commit_sha"),
        ApiClient.text(n, "sha"), ApiClient.instant(n, "created_at"));
  }
}
