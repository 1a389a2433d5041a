package dev.kargo4j.core.steps;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.spi.BoundedHttpClient;
import dev.kargo4j.core.spi.Capability;
import dev.kargo4j.core.spi.StepContext;
import dev.kargo4j.core.spi.StepResult;
import dev.kargo4j.core.spi.StepRunner;
import dev.kargo4j.core.spi.TerminalStepException;
import dev.kargo4j.core.steps.internal.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code http-download} step: downloads a URL to a file in the work directory, as Kargo
 * does: an existing file is replaced only with {@code allowOverwrite}; the body goes to a
 * temporary file next to the target (mode 0600) and is moved into place when complete; at most
 * 100 MiB; a non-2xx status fails the step. No output.
 *
 * <p>Needs {@link Capability#HTTP_CLIENT}; the exchange is a {@link BoundedHttpClient}'s (the
 * whole download within {@code timeout}, redirects checked hop by hop). Config: {@link HttpDownloaderConfig}. Thread-safe.
 */
public final class HttpDownloader implements StepRunner {
  /** The step kind, {@code http-download}. */
  public static final String KIND = "http-download";

  /** Kargo's download limit: 100 MiB. */
  public static final long MAX_DOWNLOAD_BYTES = 100L << 20;

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Set<Capability<?>> capabilities() {
    return Set.of(Capability.HTTP_CLIENT);
  }

  @Override
  public StepResult run(StepContext context) {
    HttpDownloaderConfig cfg = context.config(HttpDownloaderConfig.class);
    Path out = context.workDir().resolve(cfg.outPath(), "outPath");
    if (!cfg.allowOverwrite() && Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      throw new TerminalStepException("file already exists at " + cfg.outPath()
          + " and overwrite is not allowed");
    }
    HttpClient client = HttpExchange.clientFor(context.capability(Capability.HTTP_CLIENT), null,
        cfg.insecureSkipTLSVerify());
    URI uri = HttpExchange.withQuery(cfg.url(), HttpRequester.params(cfg.queryParams()));
    HttpRequest request = HttpRequester.withHeaders(HttpRequest.newBuilder(uri).GET(), cfg.headers()).build();
    Path tmp;
    try {
      Files.createDirectories(out.getParent());
      tmp = Files.createTempFile(out.getParent(), out.getFileName() + ".", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (IOException e) {
      throw new KargoException("failed to prepare the download to \"" + cfg.outPath() + "\": "
          + FileCopier.describe(e, context.workDir().root()));
    }
    boolean moved = false;
    try {
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        if (context.isCancelled()) {
          throw new KargoException("download canceled");
        }
        BoundedHttpClient.BodySink toFile = b -> {
          while (b.hasRemaining()) {
            channel.write(b);
          }
        };
        BoundedHttpClient.BodySink discard = b -> b.position(b.limit());
        BoundedHttpClient.Response response = BoundedHttpClient.of(client)
            .withTimeout(positive(cfg.effectiveTimeout()))
            .withMaxBodyBytes(MAX_DOWNLOAD_BYTES)
            .send(request, info -> {
              OptionalLong length = info.headers().firstValueAsLong("Content-Length");
              boolean ok = info.statusCode() >= 200 && info.statusCode() < 300;
              return !ok || (length.isPresent() && length.getAsLong() > MAX_DOWNLOAD_BYTES) ? discard : toFile;
            });
        int status = response.status();
        if (status < 200 || status >= 300) {
          return StepResult.failed("HTTP request failed with status " + status);
        }
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        if (length.isPresent() && length.getAsLong() > MAX_DOWNLOAD_BYTES) {
          throw new TerminalStepException("download exceeds limit of " + MAX_DOWNLOAD_BYTES + " bytes");
        }
        channel.force(false);
      }
      move(tmp, out);
      moved = true;
    } catch (IOException e) {
      throw new KargoException("failed to save the download to \"" + cfg.outPath() + "\": "
          + FileCopier.describe(e, context.workDir().root()));
    } finally {
      if (!moved) {
        deleteQuietly(tmp);
      }
    }
    return StepResult.succeeded(Map.of());
  }

  private static void move(Path tmp, Path out) throws IOException {
    try {
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // nothing more to do; the work directory is removed with the promotion
    }
  }

  private static Duration positive(Duration d) {
    return d.isNegative() || d.isZero() ? Duration.ofNanos(Long.MAX_VALUE) : d;
  }
}
