package dev.kargo4j.samples.quickstart;

import dev.kargo4j.KargoException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * The quickstart's git remote: a bare repository on disk, reached by its {@code file://} URL
 * (no server), whose {@code main} holds the application's Kustomize base and overlays copied
 * from the classpath. Made with JGit. Not thread-safe.
 */
public final class LocalGitRepository {
  private final Path dir;

  private LocalGitRepository(Path dir) {
    this.dir = dir;
  }

  /**
   * Creates a bare repository at {@code dir} (which must not exist) whose {@code main} has one
   * commit with the files listed in the classpath resource {@code <resourceRoot>-files.txt},
   * read from {@code <resourceRoot>/<file>}, and an empty branch per name in {@code branches}
   * (where promotions render; made up front so that parallel promotions never race to create
   * the same first commit).
   */
  public static LocalGitRepository create(Path dir, String resourceRoot, List<String> branches) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : lines(resourceRoot + "-files.txt")) {
      files.put(name, resource(resourceRoot + "/" + name));
    }
    try {
      try (Git bare = Git.init().setBare(true).setInitialBranch("main").setDirectory(dir.toFile()).call()) {
        bare.getRepository().getConfig().setInt("gc", null, "auto", 0);
        bare.getRepository().getConfig().save();
      }
      Path seed = Files.createTempDirectory("kargo4j-quickstart-seed");
      try (Git git = Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          Path p = seed.resolve(f.getKey());
          Files.createDirectories(p.getParent());
          Files.write(p, f.getValue());
        }
        git.add().addFilepattern(".").call();
        PersonIdent who = new PersonIdent("kargo4j quickstart", "quickstart@kargo4j.invalid");
        git.commit().setMessage("greeter: base and one overlay per Stage").setAuthor(who).setCommitter(who)
            .setSign(false).call();
        git.remoteAdd().setName("origin").setUri(new URIish(dir.toUri().toString())).call();
        git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main")).call();
        for (String branch : branches) {
          git.checkout().setOrphan(true).setName(branch).call();
          git.rm().addFilepattern(".").call();
          git.commit().setMessage("Rendered manifests of " + branch + " go here").setAuthor(who).setCommitter(who)
              .setAllowEmpty(true).setSign(false).call();
          git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).call();
        }
      } finally {
        deleteTree(seed);
      }
    } catch (GitAPIException | IOException | java.net.URISyntaxException e) {
      throw new KargoException("cannot create the local git repository " + dir + ": " + e.getMessage(), e);
    }
    return new LocalGitRepository(dir);
  }

  /** The repository's folder. */
  public Path dir() {
    return dir;
  }

  /** Its {@code file://} URL, as Warehouses and git steps use it. */
  public String url() {
    return dir.toUri().toString();
  }

  /** The commit {@code branch} points to. */
  public String head(String branch) {
    try (Repository r = open()) {
      ObjectId id = r.resolve("refs/heads/" + branch);
      if (id == null) {
        throw new KargoException("branch " + branch + " does not exist in " + dir);
      }
      return id.name();
    } catch (IOException e) {
      throw new KargoException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Every branch with the subject of its newest commit, by name. */
  public Map<String, String> branches() {
    Map<String, String> out = new LinkedHashMap<>();
    try (Repository r = open(); RevWalk walk = new RevWalk(r)) {
      List<Ref> refs = new ArrayList<>(r.getRefDatabase().getRefsByPrefix("refs/heads/"));
      refs.sort((a, b) -> a.getName().compareTo(b.getName()));
      for (Ref ref : refs) {
        RevCommit c = walk.parseCommit(ref.getObjectId());
        out.put(ref.getName().substring("refs/heads/".length()), c.getId().abbreviate(7).name() + " " + c.getShortMessage());
      }
    } catch (IOException e) {
      throw new KargoException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  private Repository open() throws IOException {
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build();
  }

  private static List<String> lines(String resource) {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(stream(resource), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          out.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new KargoException("cannot read resource " + resource + ": " + e.getMessage(), e);
    }
    return out;
  }

  static byte[] resource(String name) {
    try (InputStream in = stream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new KargoException("cannot read resource " + name + ": " + e.getMessage(), e);
    }
  }

  private static InputStream stream(String name) {
    InputStream in = LocalGitRepository.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new KargoException("resource " + name + " is missing from the classpath");
    }
    return in;
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
