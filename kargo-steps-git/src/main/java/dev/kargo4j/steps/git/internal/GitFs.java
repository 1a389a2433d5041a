package dev.kargo4j.steps.git.internal;

import dev.kargo4j.KargoException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.FS_Win32;
import org.eclipse.jgit.util.ProcessResult;

/**
 * The JGit file system every repository of this module is opened with: it never runs a git hook
 * and never starts a shell command. Repository content is other people's content: a hook file
 * that reached a repository's hooks folder (or a {@code core.hooksPath} someone set), or a
 * {@code filter.<name>.clean/smudge} command from a config, would otherwise run as the host.
 * JGit runs {@code post-commit} even with {@code setNoVerify(true)}, and {@code pre-push} on
 * every push, so turning hooks off per command is not enough; this closes them at the one place
 * JGit looks them up and starts them. Thread-safe.
 */
public final class GitFs {
  private static final FS FS_INSTANCE = create();
  private static volatile Path emptyHooksDir;

  private GitFs() {}

  /** The hook-less file system. */
  public static FS get() {
    return FS_INSTANCE;
  }

  private static FS create() {
    return FS.DETECTED instanceof FS_Win32 ? new Win32() : new Posix();
  }

  /**
   * An empty folder, outside every work directory and read-only (0500), that repositories point
   * {@code core.hooksPath} at as a second line of defence: were the file system above ever
   * bypassed, git would still find no hook. Created once per process.
   */
  public static synchronized Path emptyHooksDir() {
    Path dir = emptyHooksDir;
    if (dir == null || !Files.isDirectory(dir)) {
      try {
        dir = Files.createTempDirectory("kargo4j-no-hooks-");
        try {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        } catch (UnsupportedOperationException e) {
          dir.toFile().setWritable(false);
        }
        dir.toFile().deleteOnExit();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create an empty hooks folder", e);
      }
      emptyHooksDir = dir;
    }
    return dir;
  }

  private static ProcessResult none() {
    return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
  }

  private static KargoException noCommands() {
    return new KargoException("kargo4j runs no commands from git configuration (refused: a shell command, e.g. a "
        + "filter driver or hook); remove it from the repository's .gitattributes or the host's git config");
  }

  /** POSIX systems. */
  private static final class Posix extends FS_POSIX {
    Posix() {
      super();
    }

    Posix(FS src) {
      super(src);
    }

    @Override
    public FS newInstance() {
      return new Posix(this);
    }

    @Override
    public File findHook(Repository repository, String hookName) {
      return null;
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args) {
      return none();
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args,
        OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
      return none();
    }

    @Override
    protected ProcessResult internalRunHookIfPresent(Repository repository, String hookName, String[] args,
        OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
      return none();
    }

    @Override
    public ProcessBuilder runInShell(String cmd, String[] args) {
      throw noCommands();
    }
  }

  /** Windows. */
  private static final class Win32 extends FS_Win32 {
    Win32() {
      super();
    }

    Win32(FS src) {
      super(src);
    }

    @Override
    public FS newInstance() {
      return new Win32(this);
    }

    @Override
    public File findHook(Repository repository, String hookName) {
      return null;
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args) {
      return none();
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args,
        OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
      return none();
    }

    @Override
    protected ProcessResult internalRunHookIfPresent(Repository repository, String hookName, String[] args,
        OutputStream outRedirect, OutputStream errRedirect, String stdinArgs) {
      return none();
    }

    @Override
    public ProcessBuilder runInShell(String cmd, String[] args) {
      throw noCommands();
    }
  }
}
