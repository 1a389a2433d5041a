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
 * <p><b>Size.</b> One limit, {@link Builder#maxObjectBytes} (default 16 MiB), bounds both
 * sides: a write whose YAML is larger, or which would not read back under the limits the store
 * reads with, is refused with a {@link StoreException} naming the object, and the file is not
 * touched, so the store never holds a file that would stop it from opening. On opening, a file
 * larger than the limit is a {@link CorruptStoreException} naming the file, checked before the
 * file is read. Such a file can only come from outside (or from a larger limit earlier), and the
 * store refuses to open rather than skip it: opening without it would let the runtime act on a
 * partial view (re-promote, reuse an alias or a name) and overwrite what the file holds. Raise
 * the limit, or move the file away, to open.
 *
 * <p><b>Resource versions</b> are never reused, also after a delete and a reopen: before an
 * object file is deleted, the highest version handed out so far is recorded durably in
 * {@code <root>/.resource-version}, and opening starts above it.
 *
 * <p>Thread-safe: writers of one Project are serialised, Projects are independent; call
 * {@link #close()} to release the lock.
 */
public final class DirectoryStore extends StoreCore.Delegating {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryStore.class);
  private static final String LOCK_FILE = ".lock";
  private static final String TMP_MARKER = ".tmp-";
  private static final String VERSION_FILE = ".resource-version";
  /** The default of {@link Builder#maxObjectBytes}. */
  public static final int DEFAULT_MAX_OBJECT_BYTES = 16 * 1024 * 1024;

  private final Path root;
  private final StoreCore core;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final AtomicLong tmpCounter = new AtomicLong();
  private final int maxObjectBytes;
  private final YamlLimits readLimits;

  private DirectoryStore(Path root, Clock clock, int maxObjectBytes) {
    this.root = root;
    this.maxObjectBytes = maxObjectBytes;
    // every write is read back with these same limits before it reaches the disk (readableYaml),
    // so writing and reading agree; they also bound a file that was changed elsewhere
    this.readLimits = new YamlLimits(maxObjectBytes, maxObjectBytes, 1000, 512, 20_000_000L, maxObjectBytes);
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
    return builder(root).open();
  }

  /** As {@link #open(Path)}, using {@code clock} for creation times. */
  public static DirectoryStore open(Path root, Clock clock) {
    return builder(root).clock(clock).open();
  }

  /** A builder for a store in {@code root} with other settings than {@link #open(Path)}'s. */
  public static Builder builder(Path root) {
    return new Builder(Objects.requireNonNull(root, "root"));
  }

  /** Settings of a directory store; not thread-safe, {@link #open()} may be called once or more. */
  public static final class Builder {
    private final Path root;
    private Clock clock = Clock.systemUTC();
    private int maxObjectBytes = DEFAULT_MAX_OBJECT_BYTES;

    private Builder(Path root) {
      this.root = root;
    }

    /** The clock for creation times (default: the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The largest object file, in bytes, for writing and reading alike (default 16 MiB). A
     * write past it is refused; a file past it stops the store from opening, naming the file.
     */
    public Builder maxObjectBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxObjectBytes must be positive, got " + bytes);
      }
      this.maxObjectBytes = bytes;
      return this;
    }

    /**
     * Opens (creating if needed) the store.
     *
     * @throws CorruptStoreException naming the first file that cannot be read
     * @throws StoreException when the folder cannot be used or is already open
     */
    public DirectoryStore open() {
      return new DirectoryStore(root, clock, maxObjectBytes);
    }
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
    core.observeVersion(readHighWater());
    for (Path projectDir : list(root)) {
      String project = projectDir.getFileName().toString();
      if (project.equals(LOCK_FILE) || project.equals(VERSION_FILE)) {
        continue;
      }
      if (project.startsWith(".") && project.contains(TMP_MARKER)) {
        try {
          Files.deleteIfExists(projectDir); // an interrupted write of the version file
        } catch (IOException e) {
          throw new StoreException("cannot remove temporary file " + projectDir + ": " + e, e);
        }
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
          loadFile(kind, project, name, file);
        }
      }
    }
  }

  /** The recorded high-water mark of resource versions; "0" when none was recorded. */
  private String readHighWater() {
    Path file = root.resolve(VERSION_FILE);
    try {
      if (!Files.exists(file)) {
        return "0";
      }
      if (Files.size(file) > 64) {
        throw new CorruptStoreException(file.toString(), "not a resource version", null);
      }
      String v = Files.readString(file, StandardCharsets.US_ASCII).strip();
      if (!v.matches("[0-9]{1,19}")) {
        throw new CorruptStoreException(file.toString(), "not a resource version: \"" + v + "\"", null);
      }
      return v;
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e, e);
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

  private void loadFile(StoreCore.Kind kind, String project, String name, Path file) {
    String text;
    try {
      // checked before reading: a file past the limit is never read whole
      long size = Files.size(file);
      if (size > maxObjectBytes) {
        throw new CorruptStoreException(file.toString(), tooLarge(size), null);
      }
      byte[] bytes;
      try (java.io.InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxObjectBytes + 1L));
      }
      if (bytes.length > maxObjectBytes) {
        throw new CorruptStoreException(file.toString(), tooLarge(bytes.length), null);
      }
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new CorruptStoreException(file.toString(), "not valid UTF-8", e);
    } catch (IOException e) {
      throw new StoreException("cannot read " + file + ": " + e, e);
    }
    try {
      Object o = decode(kind, project, name, file.toString(), text);
      switch (kind) {
        case FREIGHT: {
          Freight f = (Freight) o;
          core.loadFreight(f);
          String owner = core.aliasOwner(project, f.alias());
          if (!f.alias().isEmpty() && owner != null && !owner.equals(f.name())) {
            throw new CorruptStoreException(file.toString(),
                "alias \"" + f.alias() + "\" is also used by Freight " + owner, null);
          }
          break;
        }
        case PROMOTION:
          core.loadPromotion((Promotion) o);
          break;
        case STAGE: {
          @SuppressWarnings("unchecked")
          Store.Versioned<StageStatus> v = (Store.Versioned<StageStatus>) o;
          core.loadStageStatus(project, name, v);
          break;
        }
        default: {
          @SuppressWarnings("unchecked")
          Store.Versioned<WarehouseStatus> v = (Store.Versioned<WarehouseStatus>) o;
          core.loadWarehouseStatus(project, name, v);
          break;
        }
      }
    } catch (InvalidManifestException | InvalidModelException e) {
      throw new CorruptStoreException(file.toString(), e.getMessage(), e);
    }
  }

  private String tooLarge(long size) {
    return "the file is " + size + " bytes, larger than the store's limit of " + maxObjectBytes
        + " bytes (DirectoryStore.Builder.maxObjectBytes); raise the limit or move the file away";
  }

  /**
   * The object a file's text holds: a Freight, a Promotion, or a versioned Stage or Warehouse
   * status. Used both when opening and, before every write, on the text about to be written.
   */
  private Object decode(StoreCore.Kind kind, String project, String name, String source, String text) {
    Path file = Path.of(source);
    List<YamlReader.Document> docs = new YamlReader(readLimits).parse(source, text);
    if (docs.size() != 1) {
      throw new CorruptStoreException(source, "expected one YAML document, found " + docs.size(), null);
    }
    MapReader.Context ctx = new MapReader.Context(source, new ArrayList<>());
    switch (kind) {
      case FREIGHT: {
        Object o = ManifestDecoder.decode(ctx, docs.get(0).root());
        if (!(o instanceof Freight)) {
          throw new CorruptStoreException(source, "expected a Freight document", null);
        }
        check(file, ((Freight) o).metadata(), project, name);
        return o;
      }
      case PROMOTION: {
        Object o = ManifestDecoder.decode(ctx, docs.get(0).root());
        if (!(o instanceof Promotion)) {
          throw new CorruptStoreException(source, "expected a Promotion document", null);
        }
        check(file, ((Promotion) o).metadata(), project, name);
        return o;
      }
      case STAGE: {
        ManifestDecoder.StatusDocument d = ManifestDecoder.decodeStatus(ctx, docs.get(0).root(), "Stage");
        check(file, d.metadata(), project, name);
        return new Store.Versioned<>((StageStatus) d.status(), d.metadata().resourceVersion());
      }
      default: {
        ManifestDecoder.StatusDocument d = ManifestDecoder.decodeStatus(ctx, docs.get(0).root(), "Warehouse");
        check(file, d.metadata(), project, name);
        return new Store.Versioned<>((WarehouseStatus) d.status(), d.metadata().resourceVersion());
      }
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
      Path dir = root.resolve(project).resolve(kind.dir);
      Path target = dir.resolve(name + ".yaml");
      byte[] bytes = readableYaml(kind, project, name, value, target);
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
        writeAtomically(target, dir, bytes);
      } catch (IOException e) {
        throw new StoreException("cannot write " + target + ": " + e, e);
      }
    }

    @Override
    public void delete(StoreCore.Kind kind, String project, String name) {
      Path dir = root.resolve(project).resolve(kind.dir);
      Path target = dir.resolve(name + ".yaml");
      try {
        // the deleted file may hold the highest version; record it first, so that a reopened
        // store never hands the same version out again
        writeAtomically(root.resolve(VERSION_FILE), root,
            (core.lastVersion() + "\n").getBytes(StandardCharsets.US_ASCII));
        Files.delete(target);
        fsyncDir(dir);
      } catch (NoSuchFileException e) {
        LOG.debug("{} was already gone", target);
      } catch (IOException e) {
        throw new StoreException("cannot delete " + target + ": " + e, e);
      }
    }
  }

  /**
   * The bytes to write for {@code value}: refused, naming the object, when they would be larger
   * than the limit or would not read back as the same kind of object under the store's read
   * limits, so that no write can make the store unopenable.
   */
  private byte[] readableYaml(StoreCore.Kind kind, String project, String name, Object value, Path target) {
    String object = kind.label + (value instanceof Store.Versioned ? " status " : " ") + project + "/" + name;
    String yaml;
    try {
      if (value instanceof Store.Versioned) {
        Store.Versioned<?> v = (Store.Versioned<?>) value;
        ObjectMeta meta = new ObjectMeta(name, project, Map.of(), Map.of(), null, v.resourceVersion());
        yaml = ManifestWriter.statusDocument(kind.label, meta, v.value(), maxObjectBytes);
      } else {
        yaml = ManifestWriter.toYaml(value, maxObjectBytes);
      }
    } catch (ManifestWriter.TooLongException e) {
      throw new StoreException("cannot write " + object + ": " + e.getMessage()
          + " (DirectoryStore.Builder.maxObjectBytes); refused, so that the store can still be opened");
    }
    byte[] bytes = yaml.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxObjectBytes) {
      throw new StoreException("cannot write " + object + ": it is " + bytes.length
          + " bytes, larger than the limit of " + maxObjectBytes
          + " bytes (DirectoryStore.Builder.maxObjectBytes); refused, so that the store can still be opened");
    }
    try {
      decode(kind, project, name, target.toString(), yaml);
    } catch (InvalidManifestException | InvalidModelException | CorruptStoreException e) {
      throw new StoreException("cannot write " + object + ": it would not read back ("
          + e.getMessage() + "); refused, so that the store can still be opened", e);
    }
    return bytes;
  }

  /** Replaces {@code file} in {@code dir} with {@code bytes}: temporary file, fsync, rename, fsync. */
  private void writeAtomically(Path file, Path dir, byte[] bytes) throws IOException {
    Path tmp = dir.resolve("." + file.getFileName() + TMP_MARKER + ProcessHandle.current().pid()
        + "-" + tmpCounter.incrementAndGet());
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(tmp);
      throw new StoreException("the file system of " + root + " cannot rename atomically", e);
    }
    fsyncDir(dir);
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
