package dev.kargo4j.samples.customstep;

import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TerminalStepException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code checksum} step: the digest of a file, or of a folder's files, as step output, so
 * that later steps can put it into a commit message, a tag or an HTTP call
 * ({@code ${{ outputs.sum.checksum }}}).
 *
 * <p>For a file the checksum is the digest of its bytes, exactly what {@code sha256sum FILE}
 * prints. For a folder it is the digest of the {@code sha256sum}-format list of its regular files
 * ({@code <hex>  <relative/path>\n}, paths with {@code /}, sorted by their UTF-8 bytes, the
 * {@code .git} folder, or file of a linked worktree, left out), so a shell reproduces it with
 * {@code find . -type f -not -path './.git/*' | sed 's|^./||' | LC_ALL=C sort | xargs sha256sum | sha256sum}.
 * Symbolic links are never followed: a link is listed with the digest of its target's name.
 *
 * <p>Output: {@code checksum} (lower-case hex), {@code algorithm}, {@code files} (how many files
 * were digested). With {@code outPath}, the per-file list is also written there (replacing the
 * file; it is not itself digested when it lies inside {@code path}). Config:
 * {@link ChecksumConfig}. Stateless and thread-safe; registered in
 * {@code META-INF/services/dev.kargo4j.core.spi.StepRunner}.
 */
public final class ChecksumComputer implements StepRunner {
  /** The step kind, {@code checksum}. */
  public static final String KIND = "checksum";

  /** Found by {@link java.util.ServiceLoader}. */
  public ChecksumComputer() {}

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public StepResult run(StepContext context) {
    ChecksumConfig cfg = context.config(ChecksumConfig.class);
    Path target = context.workDir().resolve(cfg.path(), "path");
    Path out = cfg.outPath() == null ? null : context.workDir().resolve(cfg.outPath(), "outPath");
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new TerminalStepException("path \"" + cfg.path() + "\" does not exist in the work directory");
    }
    try {
      String checksum;
      List<String> lines;
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        lines = folderLines(target, out, cfg.algorithm());
        checksum = hex(digest(cfg.algorithm()).digest(String.join("", lines).getBytes(StandardCharsets.UTF_8)));
      } else {
        checksum = fileDigest(target, cfg.algorithm());
        lines = List.of(checksum + "  " + target.getFileName() + "\n");
      }
      if (out != null) {
        Files.createDirectories(out.getParent());
        Files.writeString(out, String.join("", lines), StandardCharsets.UTF_8);
      }
      Map<String, Object> output = new LinkedHashMap<>();
      output.put("checksum", checksum);
      output.put("algorithm", cfg.algorithm());
      output.put("files", lines.size());
      context.logger().debug("{} of {}: {} ({} files)", cfg.algorithm(), cfg.path(), checksum, lines.size());
      return StepResult.succeeded(output);
    } catch (IOException e) {
      throw new TerminalStepException("cannot digest \"" + cfg.path() + "\": " + e.getMessage(), e);
    }
  }

  private static List<String> folderLines(Path root, Path skip, String algorithm) throws IOException {
    List<Path> files = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        return dir.equals(root.resolve(".git")) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if ((attrs.isRegularFile() || attrs.isSymbolicLink()) && !file.equals(skip)
            && !file.equals(root.resolve(".git"))) {
          files.add(file);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    List<String[]> named = new ArrayList<>();
    for (Path f : files) {
      String rel = root.relativize(f).toString().replace('\\', '/');
      named.add(new String[] {rel, Files.isSymbolicLink(f)
          ? hex(digest(algorithm).digest(Files.readSymbolicLink(f).toString().getBytes(StandardCharsets.UTF_8)))
          : fileDigest(f, algorithm)});
    }
    named.sort((a, b) -> Arrays.compareUnsigned(a[0].getBytes(StandardCharsets.UTF_8), b[0].getBytes(StandardCharsets.UTF_8)));
    List<String> lines = new ArrayList<>();
    for (String[] n : named) {
      lines.add(n[1] + "  " + n[0] + "\n");
    }
    return lines;
  }

  private static String fileDigest(Path file, String algorithm) throws IOException {
    MessageDigest md = digest(algorithm);
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return hex(md.digest());
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT).replace("SHA", "SHA-"));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
