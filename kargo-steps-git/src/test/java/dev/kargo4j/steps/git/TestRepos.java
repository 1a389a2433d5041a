package dev.kargo4j.steps.git;

import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.CredentialType;
import dev.kargo4j.core.spi.Credentials;
import dev.kargo4j.core.spi.CredentialsProvider;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.testkit.StepTestKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Local repositories for tests, made and read with JGit. */
final class TestRepos {
  private TestRepos() {}

  /** A bare repository at {@code dir} whose {@code main} has one commit with {@code files}; its URL. */
  static String bare(Path dir, Map<String, String> files) throws Exception {
    try (Git git = Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call()) {
      // no background auto-gc racing the temporary directory's deletion
      git.getRepository().getConfig().setInt("gc", null, "auto", 0);
      git.getRepository().getConfig().save();
    }
    String url = dir.toUri().toString();
    if (!files.isEmpty()) {
      commit(url, "main", files, "Initial commit", dir.resolveSibling(dir.getFileName() + "-seed"));
    }
    return url;
  }

  /** Commits {@code files} (added or replaced) on {@code branch} of {@code url}, as another user would. */
  static String commit(String url, String branch, Map<String, String> files, String message, Path scratch)
      throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(scratch), "c");
    try (Git git = Git.init().setInitialBranch(branch).setDirectory(dir.toFile()).call()) {
      git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(url)).call();
      boolean exists = git.lsRemote().setRemote("origin").setHeads(true).call().stream()
          .anyMatch(r -> r.getName().equals("refs/heads/" + branch));
      if (exists) {
        git.fetch().setRemote("origin").setRefSpecs(new RefSpec("+refs/heads/" + branch + ":refs/remotes/origin/" + branch)).call();
        git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef("refs/remotes/origin/" + branch).call();
      }
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.writeString(p, f.getValue());
      }
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("Other", "other@example.invalid");
      RevCommit c = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
      git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/" + branch)).call();
      return c.getName();
    }
  }

  static Repository open(Path bareDir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(bareDir.toFile()).setBare().build();
  }

  static Optional<String> head(Path bareDir, String ref) throws IOException {
    try (Repository r = open(bareDir)) {
      ObjectId id = r.resolve(ref);
      return Optional.ofNullable(id).map(ObjectId::name);
    }
  }

  /** The first-parent log subjects of {@code ref}, newest first. */
  static List<String> log(Path bareDir, String ref) throws Exception {
    List<String> out = new ArrayList<>();
    try (Repository r = open(bareDir); Git git = new Git(r)) {
      for (RevCommit c : git.log().add(r.resolve(ref)).call()) {
        out.add(c.getShortMessage());
      }
    }
    return out;
  }

  /** Paths in the tree of {@code ref}. */
  static List<String> files(Path bareDir, String ref) throws IOException {
    List<String> out = new ArrayList<>();
    try (Repository r = open(bareDir); TreeWalk tw = new TreeWalk(r)) {
      tw.addTree(r.parseCommit(r.resolve(ref)).getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        out.add(tw.getPathString());
      }
    }
    return out;
  }

  static String tagTarget(Path bareDir, String tag) throws IOException {
    try (Repository r = open(bareDir)) {
      return r.resolve(Constants.R_TAGS + tag + "^{commit}").name();
    }
  }

  /** A credentials provider that answers {@code creds} for every git URL and records the URLs asked. */
  static CredentialsProvider credentials(Credentials creds, List<String> asked) {
    return (type, url) -> {
      asked.add(url);
      return type == CredentialType.GIT ? Optional.ofNullable(creds) : Optional.empty();
    };
  }

  static StepTestKit kit(StepRunner runner, Path workDir, CredentialsProvider creds) {
    return StepTestKit.forRunner(runner).workDir(workDir).capability(Capability.CREDENTIALS, creds)
        .capability(GitHostPolicy.CAPABILITY, GitHostPolicy.allowingLocalRepositories());
  }

  /** {@code builder} as the tests use it: local (file) repositories allowed. */
  static GitDiscovery.Builder discovery(GitDiscovery.Builder builder) {
    return builder.hostPolicy(GitHostPolicy.allowingLocalRepositories());
  }
}
