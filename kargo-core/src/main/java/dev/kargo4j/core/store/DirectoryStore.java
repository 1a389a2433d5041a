package dev.kargo4j.core.store;

import dev.kargo4j.core.manifest.InvalidManifestException;
import dev.kargo4j.core.manifest.internal.ManifestDecoder;
import dev.kargo4j.core.manifest.internal.ManifestWriter;
import dev.kargo4j.core.manifest.internal.MapReader;
import dev.kargo4j.core.manifest.internal.YamlLimits;
import dev.kargo4j.core.manifest.internal.YamlReader;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.InvalidModelException;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.StageStatus;
import dev.kargo4j.core.model.WarehouseStatus;
import dev.kargo4j.core.spi.CorruptStoreException;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.spi.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default {@link Store}: one file per object in Kargo's YAML under a root folder,
 * {@code <root>/<project>/freight/<name>.yaml}, {@code .../promotions/<name>.yaml},
 * {@code .../stages/<name>.yaml} and {@code .../warehouses/<name>.yaml} (the last two hold a
 * Stage or Warehouse document with metadata and status only). See {@link Store} for the
 * contract.
 *
 * <p><b>Durability.</b> A write goes to a temporary file in the same folder, which is flushed
 * to disk (fsync), renamed atomically over the object's file, after which the folder itself is
 * flushed. A process killed at any moment therefore leaves every object at its old or its new
 * version; left-over temporary files are removed when the store is opened.
 *
 * <p><b>Opening.</b> {@link #open(Path)} takes an exclusive lock on {@code <root>/.lock} (a
 * second store on the same folder, in this or another process, is refused), then reads every
 * file into an in-memory index; reads never touch the disk. A file that cannot be read is a
 * {@link CorruptStoreException} naming it; nothing is silently skipped.
 *
 * <p>Thread-safe: writers of one Project are serialised, Projects are independent; call
 * {@link #close()} to release the lock.
 */
public final class DirectoryStore extends StoreCore.Delegating {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryStore.class);
  private static final String LOCK_FILE = ".lock";
  private static final String TMP_MARKER = ".tmp-";

  private final Path root;
  private final StoreCore core;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final AtomicLong tmpCounter = new AtomicLong();

  private DirectoryStore(Path root, Clock clock) {
    this.root = root;
    this.core = new StoreCore(clock, new FilePersistence());
    try {
      Files.createDirectories(root);
      this.lockChannel = FileChannel.open(root.resolve(LOCK_FILE),
          StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreException("cannot open directory store " + root + ": " + e, e);
    }
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null;
    } catch (IOException e) {
      closeQuietly();
      throw new StoreException("cannot lock directory store " + root + ": " + e, e);
    }
    if (l == null) {
      closeQuietly();
      throw new StoreException("directory store " + root
          + " is already open (by another DirectoryStore in this or another process)");
    }
    this.lock = l;
    try {
      load();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Opens (creating if needed) the store in {@code root}, using the system UTC clock for
   * creation times.
   *
   * @throws CorruptStoreException naming the first file that cannot be read
   * @throws StoreException when the folder cannot be used or is already open
   */
  public static DirectoryStore open(Path root) {
    return new DirectoryStore(Objects.requireNonNull(root, "root"), Clock.systemUTC());
  }

  /** As {@link #open(Path)}, using {@code clock} for creation times. */
  public static DirectoryStore open(Path root, Clock clock) {
    return new DirectoryStore(Objects.requireNonNull(root, "root"), Objects.requireNonNull(clock, "clock"));
  }

  /** The root folder. */
  public Path root() {
    return root;
  }

  @Override
  StoreCore core() {
    return core;
  }

  /** Releases the folder lock; further calls fail with a {@link StoreException}. */
  @Override
  public void close() {
    core.close();
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
    } catch (IOException e) {
      LOG.debug("releasing the lock of {} failed", root, e);
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      lockChannel.close();
    } catch (IOException e) {
      LOG.debug("closing the lock file of {} failed", root, e);
    }
  }

  // ---------------------------------------------------------------- loading

  private void load() {
    YamlLimits limits = new YamlLimits(16 * 1024 * 1024, 64L * 1024 * 1024, 50, 128, 5_000_000);
    for (Path projectDir : list(root)) {
      String project = projectDir.getFileName().toString();
      if (project.equals(LOCK_FILE)) {
        continue;
      }
      if (!Files.isDirectory(projectDir)) {
        LOG.warn("ignoring {}: not a Project folder of the directory store", projectDir);
        continue;
      }
      for (StoreCore.Kind kind : StoreCore.Kind.values()) {
        Path dir = projectDir.resolve(kind.dir);
        if (!Files.isDirectory(dir)) {
          continue;
        }
        for (Path file : list(dir)) {
          String fileName = file.getFileName().toString();
          if (fileName.startsWith(".") && fileName.contains(TMP_MARKER)) {
            try {
              Files.deleteIfExists(file); // an interrupted write; the object's file is intact
            } catch (IOException e) {
              throw new StoreException("cannot remove temporary file " + file + ": " + e, e);
            }
            continue;
          }
          if (!fileName.endsWith(".yaml")) {
            LOG.warn("ignoring {}: not a .yaml file of the directory store", file);
            continue;
          }
          String name = fileName.substring(0, fileName.length() - ".yaml".length());
          loadFile(limits, kind, project, name, file);
        }
      }
    }
  }

  private static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        out.add(p);
      }
    } catch (IOException e) {
      throw new StoreException("cannot list " + dir + ": " + e, e);
    }
    out.sort(null);
    return out;
  }

  private void loadFile(YamlLimits limits, StoreCore.Kind kind, String project, String name, Path file) {
    String text;
    try {
      byte[] bytes = Files.readAllBytes(file);
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CorruptStoreException(file.toString(), "not valid UTF-8", e);
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e, e);
    }
    try {
      List<YamlReader.Document> docs = new YamlReader(limits).parse(file.toString(), text);
      if (docs.size() != 1) {
        throw new CorruptStoreException(file.toString(),
            "expected one YAML document, found " + docs.size(), null);
      }
      MapReader.Context ctx = new MapReader.Context(file.toString(), new ArrayList<>());
      ObjectMeta meta;
      switch (kind) {
        case FREIGHT: {
          Object o = ManifestDecoder.decode(ctx, docs.get(0).root());
          if (!(o instanceof Freight)) {
            throw new CorruptStoreException(file.toString(), "expected a Freight document", null);
          }
          Freight f = (Freight) o;
          meta = f.metadata();
          check(file, meta, project, name);
          core.loadFreight(f);
          String owner = core.aliasOwner(project, f.alias());
          if (!f.alias().isEmpty() && owner != null && !owner.equals(f.name())) {
            throw new CorruptStoreException(file.toString(),
                "alias \"" + f.alias() + "\" is also used by Freight " + owner, null);
          }
          break;
        }
        case PROMOTION: {
          Object o = ManifestDecoder.decode(ctx, docs.get(0).root());
          if (!(o instanceof Promotion)) {
            throw new CorruptStoreException(file.toString(), "expected a Promotion document", null);
          }
          meta = ((Promotion) o).metadata();
          check(file, meta, project, name);
          core.loadPromotion((Promotion) o);
          break;
        }
        case STAGE: {
          ManifestDecoder.StatusDocument d = ManifestDecoder.decodeStatus(ctx, docs.get(0).root(), "Stage");
          check(file, d.metadata(), project, name);
          core.loadStageStatus(project, name,
              new Store.Versioned<>((StageStatus) d.status(), d.metadata().resourceVersion()));
          break;
        }
        default: {
          ManifestDecoder.StatusDocument d = ManifestDecoder.decodeStatus(ctx, docs.get(0).root(), "Warehouse");
          check(file, d.metadata(), project, name);
          core.loadWarehouseStatus(project, name,
              new Store.Versioned<>((WarehouseStatus) d.status(), d.metadata().resourceVersion()));
          break;
        }
      }
    } catch (InvalidManifestException | InvalidModelException e) {
      throw new CorruptStoreException(file.toString(), e.getMessage(), e);
    }
  }

  private static void check(Path file, ObjectMeta meta, String project, String name) {
    if (!meta.name().equals(name) || !meta.namespace().equals(project)) {
      throw new CorruptStoreException(file.toString(), "it holds " + meta.namespace() + "/"
          + meta.name() + " but its path says " + project + "/" + name, null);
    }
    if (meta.resourceVersion().isEmpty()) {
      throw new CorruptStoreException(file.toString(), "metadata.resourceVersion is missing", null);
    }
  }

  // ---------------------------------------------------------------- writing

  private final class FilePersistence implements StoreCore.Persistence {
    @Override
    public void write(StoreCore.Kind kind, String project, String name, Object value) {
      String yaml;
      if (value instanceof Store.Versioned) {
        Store.Versioned<?> v = (Store.Versioned<?>) value;
        ObjectMeta meta = new ObjectMeta(name, project, Map.of(), Map.of(), null, v.resourceVersion());
        yaml = ManifestWriter.statusDocument(kind.label, meta, v.value());
      } else {
        yaml = ManifestWriter.toYaml(value);
      }
      Path dir = root.resolve(project).resolve(kind.dir);
      Path target = dir.resolve(name + ".yaml");
      try {
        if (!Files.isDirectory(dir)) {
          Path projectDir = dir.getParent();
          boolean newProject = !Files.isDirectory(projectDir);
          Files.createDirectories(dir);
          if (newProject) {
            fsyncDir(root);
          }
          fsyncDir(projectDir);
        }
        Path tmp = dir.resolve("." + name + ".yaml" + TMP_MARKER + ProcessHandle.current().pid()
            + "-" + tmpCounter.incrementAndGet());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          ByteBuffer buf = ByteBuffer.wrap(yaml.getBytes(StandardCharsets.UTF_8));
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
          ch.force(true);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.deleteIfExists(tmp);
          throw new StoreException("the file system of " + root + " cannot rename atomically", e);
        }
        fsyncDir(dir);
      } catch (IOException e) {
        throw new StoreException("cannot write " + target + ": " + e, e);
      }
    }

    @Override
    public void delete(StoreCore.Kind kind, String project, String name) {
      Path dir = root.resolve(project).resolve(kind.dir);
      Path target = dir.resolve(name + ".yaml");
      try {
        Files.delete(target);
        fsyncDir(dir);
      } catch (NoSuchFileException e) {
        LOG.debug("{} was already gone", target);
      } catch (IOException e) {
        throw new StoreException("cannot delete " + target + ": " + e, e);
      }
    }
  }

  private static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open or sync a directory; the rename is still atomic.
      if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("win")) {
        throw e;
      }
    }
  }
}
