package dev.kargo4j.steps.git.internal;

import dev.kargo4j.KargoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * The discovery cache's folder must be the host's alone: the mirrors in it hold what the host's
 * credentials fetched, and their config decides what git does. A folder is accepted only when it
 * is a real directory (not a symbolic link), owned by the user the JVM runs as, and not
 * accessible to group or others. Stateless.
 */
public final class CacheDir {
  private static final Set<PosixFilePermission> PRIVATE = EnumSet.of(PosixFilePermission.OWNER_READ,
      PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private static volatile UserPrincipal currentUser;

  private CacheDir() {}

  /** A new private (0700) folder in the system temp folder, for a process that chose none. */
  public static Path createTemporary() {
    try {
      Path dir = posix(Path.of(System.getProperty("java.io.tmpdir")))
          ? Files.createTempDirectory("kargo4j-git-cache-", PosixFilePermissions.asFileAttribute(PRIVATE))
          : Files.createTempDirectory("kargo4j-git-cache-");
      return dir.toRealPath();
    } catch (IOException e) {
      throw new KargoException("cannot create a private git cache folder in the system temp folder: " + e.getMessage());
    }
  }

  /**
   * Creates {@code dir} (0700) when missing, then checks that it is private to this user.
   *
   * @throws KargoException naming the folder and what is wrong with it
   */
  public static void requirePrivate(Path dir) {
    try {
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        Files.createDirectories(dir.getParent() == null ? dir : dir.getParent());
        if (posix(dir.getParent() == null ? dir : dir.getParent())) {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
        } else {
          Files.createDirectory(dir);
        }
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // created meanwhile by another thread: checked below
    } catch (IOException e) {
      throw new KargoException("cannot create the git cache folder " + dir + ": " + e.getMessage());
    }
    if (Files.isSymbolicLink(dir)) {
      throw refused(dir, "it is a symbolic link; use the real folder");
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw refused(dir, "it is not a directory");
    }
    PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      return; // no POSIX owner or mode to check (e.g. Windows): the host's ACLs decide
    }
    try {
      PosixFileAttributes attrs = view.readAttributes();
      UserPrincipal me = currentUser();
      if (me != null && !attrs.owner().equals(me)) {
        throw refused(dir, "it is owned by '" + attrs.owner().getName() + "', not by the user kargo4j runs as ('"
            + me.getName() + "')");
      }
      Set<PosixFilePermission> extra = EnumSet.copyOf(attrs.permissions());
      extra.removeAll(PRIVATE);
      if (!extra.isEmpty()) {
        throw refused(dir, "its mode " + PosixFilePermissions.toString(attrs.permissions())
            + " lets group or others in; allowed: rwx------ (0700)");
      }
    } catch (IOException e) {
      throw new KargoException("cannot check the git cache folder " + dir + ": " + e.getMessage());
    }
  }

  private static KargoException refused(Path dir, String why) {
    return new KargoException("refusing the git cache folder " + dir + ": " + why
        + "; the cache must be a folder only the host's user can read (choose it with new GitSubscriptionSource(dir)"
        + " or GitDiscovery.builder().cacheDir(dir))");
  }

  /** The owner of a file this process creates: the user the JVM runs as (found once). */
  private static UserPrincipal currentUser() throws IOException {
    UserPrincipal me = currentUser;
    if (me == null) {
      Path probe = Files.createTempFile("kargo4j-owner-", ".probe");
      try {
        me = Files.getOwner(probe);
      } finally {
        Files.deleteIfExists(probe);
      }
      currentUser = me;
    }
    return me;
  }

  private static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
