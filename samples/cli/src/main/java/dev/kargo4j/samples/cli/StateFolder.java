package dev.kargo4j.samples.cli;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Promotion;
import dev.kargo4j.core.model.Stage;
import dev.kargo4j.core.spi.Store;
import dev.kargo4j.core.store.DirectoryStore;
import dev.kargo4j.samples.cli.internal.ManifestChecks;
import dev.kargo4j.samples.cli.internal.ObjectKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The CLI's state folder ({@code --state}, default {@code .kargo4j/}): the applied manifests
 * in {@code manifests.yaml} (one multi-document file in the order objects were first applied,
 * readable only by the owner because it may hold credentials), the {@link DirectoryStore} in
 * {@code store/} (Freight, Promotions, Stage and Warehouse status) and the promotions' work
 * directories under {@code work/}.
 *
 * <p>Opening takes the store's folder lock, so one command at a time works on a folder; close
 * it to release the lock. Not thread-safe.
 */
public final class StateFolder implements AutoCloseable {
  private static final String MANIFESTS = "manifests.yaml";

  private final Path root;
  private ManifestSet manifests;
  private DirectoryStore store;

  private StateFolder(Path root, ManifestSet manifests) {
    this.root = root;
    this.manifests = manifests;
  }

  /**
   * Opens (creating it when missing) the state folder at {@code root}.
   *
   * @throws KargoException when the stored manifests cannot be read
   */
  public static StateFolder open(Path root) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new KargoException("--state " + root + ": cannot create the state folder: " + e.getMessage(), e);
    }
    Path file = root.resolve(MANIFESTS);
    ManifestSet set = Files.isRegularFile(file) ? Manifests.load(file) : ManifestSet.EMPTY;
    return new StateFolder(root, set);
  }

  /** The folder. */
  public Path root() {
    return root;
  }

  /** Where promotions get their work directories. */
  public Path workRoot() {
    Path w = root.resolve("work");
    try {
      Files.createDirectories(w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + w, e);
    }
    return w;
  }

  /** Everything applied so far (Freight and Promotions live in the {@link #store()} instead). */
  public ManifestSet manifests() {
    return manifests;
  }

  /** The store, opened (and locked) on first use. */
  public Store store() {
    if (store == null) {
      store = DirectoryStore.open(root.resolve("store"));
    }
    return store;
  }

  /** The Projects the manifests or the store know, sorted. */
  public List<String> projects() {
    TreeSet<String> names = new TreeSet<>();
    for (Object o : manifests.all()) {
      String p = ObjectKeys.project(o);
      if (p != null && !p.isEmpty()) {
        names.add(p);
      }
    }
    if (Files.isDirectory(root.resolve("store"))) {
      names.addAll(store().projects());
    }
    return List.copyOf(names);
  }

  /**
   * The Project a command works on: {@code requested} when given (it must be known), else the
   * only Project there is.
   *
   * @throws KargoException when none or several Projects exist and none was requested
   */
  public String project(String requested) {
    List<String> known = projects();
    if (requested != null && !requested.isBlank()) {
      if (!known.contains(requested)) {
        throw new KargoException("--project " + requested + ": no such Project in " + root
            + "; known: " + (known.isEmpty() ? "(none: apply manifests first)" : String.join(", ", known)));
      }
      return requested;
    }
    if (known.size() == 1) {
      return known.get(0);
    }
    throw new KargoException(known.isEmpty()
        ? "the state folder " + root + " is empty: run `kargo4j apply -f <manifests>` first"
        : "several Projects exist (" + String.join(", ", known) + "): choose one with --project");
  }

  /** The Stages of {@code project} in manifest order, each with its stored status. */
  public List<Stage> stages(String project) {
    List<Stage> out = new ArrayList<>();
    for (Stage s : manifests.stages(project)) {
      out.add(store().getStageStatus(project, s.name()).map(v -> s.withStatus(v.value())).orElse(s));
    }
    return out;
  }

  /** What {@link #apply} did with one object. */
  public enum Change {
    /** It was new. */
    CREATED,
    /** It replaced a different object of the same kind and name. */
    CONFIGURED,
    /** It equals the stored one. */
    UNCHANGED
  }

  /**
   * Merges {@code set} into the stored manifests: an object replaces the one of the same kind,
   * namespace and name (keeping its position), new ones are appended. Freight and Promotions are
   * not kept here (hosts import them into the store). The merged set must hold every object
   * its Stages refer to ({@link ManifestChecks}). Writes {@code manifests.yaml} atomically.
   *
   * @return what happened to each object, by {@link ObjectKeys#key}
   * @throws KargoException when a reference is broken; nothing is written then
   */
  public Map<String, Change> apply(ManifestSet set) {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Object o : manifests.all()) {
      merged.put(ObjectKeys.key(o), o);
    }
    Map<String, Change> changes = new LinkedHashMap<>();
    for (Object o : set.all()) {
      if (o instanceof Freight || o instanceof Promotion) {
        continue;
      }
      String key = ObjectKeys.key(o);
      Object old = merged.put(key, o);
      changes.put(key, old == null ? Change.CREATED : old.equals(o) ? Change.UNCHANGED : Change.CONFIGURED);
    }
    String yaml = Manifests.toYaml(List.copyOf(merged.values()));
    ManifestSet reread = Manifests.loadString(MANIFESTS, yaml);
    ManifestChecks.check(reread);
    Path file = root.resolve(MANIFESTS);
    Path tmp = root.resolve(MANIFESTS + ".tmp");
    try {
      Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the folder's defaults apply
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new KargoException("cannot write " + file + ": " + e.getMessage(), e);
    }
    manifests = reread;
    return changes;
  }

  @Override
  public void close() {
    if (store != null) {
      store.close();
      store = null;
    }
  }
}
