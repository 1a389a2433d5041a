package dev.kargo4j.steps.kustomize.internal;

import dev.kargo4j.core.spi.WorkDir;
import dev.kargo4j.steps.kustomize.KustomizeBuilderConfig;
import dev.kargo4j.steps.kustomize.KustomizeException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Writes the manifests of a build where {@code kustomize-build} puts them
 * ({@code kustomize_builder.go} {@code writeResult}): one multi-document file (mode 0600) when
 * {@code outPath} ends in {@code .yaml}/{@code .yml}, else a directory (0700) with one file
 * (0600) per resource, named as Kargo names them in the chosen {@code outputFormat}. Each file
 * holds the resource's document exactly as the tool printed it. Every path is resolved through
 * the {@link WorkDir}. Stateless and thread-safe.
 */
public final class ManifestWriter {
  private static final Pattern SEPARATOR = Pattern.compile("(?m)^---[ \\t]*(\\r?\\n|$)");
  private static final boolean POSIX =
      java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private ManifestWriter() {}

  /** One resource of the build: its document text and identity. */
  record Resource(String text, String apiVersion, String kind, String name, String namespace) {
    String group() {
      int slash = apiVersion.indexOf('/');
      return slash < 0 ? (apiVersion.equals("builtin") ? apiVersion : "") : apiVersion.substring(0, slash);
    }

    String version() {
      int slash = apiVersion.indexOf('/');
      return slash < 0 ? (apiVersion.equals("builtin") ? "" : apiVersion) : apiVersion.substring(slash + 1);
    }

    boolean clusterScoped() {
      return ResourceScope.isClusterScoped(apiVersion, kind);
    }

    String describe() {
      return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name + " (" + apiVersion + ")";
    }
  }

  /** Writes {@code manifests} (the tool's output) as {@code config} asks. */
  public static void write(String manifests, KustomizeBuilderConfig config, WorkDir workDir) {
    Path out = workDir.resolve(config.outPath(), "outPath");
    try {
      if (config.writesSingleFile()) {
        if (Files.isDirectory(out)) {
          throw new KustomizeException("failed to write built manifests to \"" + config.outPath()
              + "\": it is a directory; a path ending in .yaml or .yml names one file");
        }
        createDirectories(out.getParent());
        writeFile(out, manifests);
        return;
      }
      if (Files.exists(out) && !Files.isDirectory(out)) {
        throw new KustomizeException("failed to write built manifests to \"" + config.outPath()
            + "\": it is a file; a path not ending in .yaml or .yml names a directory");
      }
      Map<String, Resource> files = fileNames(split(manifests), config.effectiveOutputFormat());
      createDirectories(out);
      for (Map.Entry<String, Resource> file : files.entrySet()) {
        Path target = workDir.resolve(config.outPath() + "/" + file.getKey(), "outPath");
        writeFile(target, file.getValue().text());
      }
    } catch (IOException e) {
      throw new KustomizeException("failed to write built manifests to \"" + config.outPath() + "\": "
          + e.getMessage().replace(workDir.root() + "/", ""), e);
    }
  }

  /** The documents of a multi-document stream, each with its identity. */
  static List<Resource> split(String manifests) {
    List<Resource> resources = new ArrayList<>();
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE);
    for (String part : SEPARATOR.split(manifests)) {
      if (part.isBlank()) {
        continue;
      }
      String text = part.endsWith("\n") ? part : part + "\n";
      Node node;
      try {
        node = new Yaml(options).compose(new StringReader(text));
      } catch (YAMLException e) {
        throw new KustomizeException("the tool printed a document that is not YAML: " + e.getMessage(), e);
      }
      if (!(node instanceof MappingNode mapping)) {
        continue;
      }
      Map<String, Node> fields = fields(mapping);
      Map<String, Node> metadata = fields.get("metadata") instanceof MappingNode m ? fields(m) : Map.of();
      resources.add(new Resource(text, scalar(fields.get("apiVersion")), scalar(fields.get("kind")),
          scalar(metadata.get("name")), scalar(metadata.get("namespace"))));
    }
    return resources;
  }

  /**
   * The file name of every resource, in order. Kargo's format is
   * {@code lower(<namespace>-<kind>-<name>.yaml)}, or {@code lower(<kind>-<name>.yaml)} without
   * a namespace; kustomize's is {@code lower(<group>_<version>_<kind>_<name>.yaml)} (empty
   * parts left out), prefixed {@code lower(<namespace>_)} for namespaced resources when they
   * span several namespaces (a namespaced resource without one counts as {@code default}).
   * Two resources with one file name are an error, not a silent overwrite.
   */
  static Map<String, Resource> fileNames(List<Resource> resources, String format) {
    Set<String> namespaces = new LinkedHashSet<>();
    for (Resource r : resources) {
      if (!r.clusterScoped()) {
        namespaces.add(r.namespace().isEmpty() ? "default" : r.namespace());
      }
    }
    boolean multipleNamespaces = namespaces.size() > 1;
    List<Resource> ordered = new ArrayList<>();
    resources.stream().filter(r -> !r.clusterScoped()).forEach(ordered::add);
    resources.stream().filter(Resource::clusterScoped).forEach(ordered::add);
    Map<String, Resource> names = new LinkedHashMap<>();
    for (Resource r : ordered) {
      String name = KustomizeBuilderConfig.KUSTOMIZE.equals(format)
          ? kustomizeName(r, multipleNamespaces && !r.clusterScoped())
          : kargoName(r);
      if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
        throw new KustomizeException("cannot write " + r.describe() + " to a file named \"" + name
            + "\": a resource's kind, name and namespace must not contain / or \\ nor start with .");
      }
      Resource clash = names.putIfAbsent(name, r);
      if (clash != null) {
        throw new KustomizeException("cannot write both " + clash.describe() + " and " + r.describe()
            + " to the file \"" + name + "\" in outputFormat " + format
            + "; use the other outputFormat or an outPath ending in .yaml to keep both");
      }
    }
    return names;
  }

  private static String kargoName(Resource r) {
    String name = r.namespace().isEmpty()
        ? r.kind() + "-" + r.name() + ".yaml"
        : r.namespace() + "-" + r.kind() + "-" + r.name() + ".yaml";
    return name.toLowerCase(Locale.ROOT);
  }

  private static String kustomizeName(Resource r, boolean withNamespace) {
    List<String> gvk = new ArrayList<>(3);
    for (String part : List.of(r.group(), r.version(), r.kind())) {
      if (!part.isEmpty()) {
        gvk.add(part);
      }
    }
    String base = String.join("_", gvk).toLowerCase(Locale.ROOT) + "_" + r.name().toLowerCase(Locale.ROOT) + ".yaml";
    if (withNamespace && !r.namespace().isEmpty()) {
      return r.namespace().toLowerCase(Locale.ROOT) + "_" + base;
    }
    return base;
  }

  private static Map<String, Node> fields(MappingNode mapping) {
    Map<String, Node> fields = new LinkedHashMap<>();
    for (NodeTuple t : mapping.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode key) {
        fields.putIfAbsent(key.getValue(), t.getValueNode());
      }
    }
    return fields;
  }

  private static String scalar(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : "";
  }

  private static void createDirectories(Path dir) throws IOException {
    if (dir == null || Files.isDirectory(dir)) {
      return;
    }
    createDirectories(dir.getParent());
    try {
      if (POSIX) {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectory(dir);
      }
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  private static void writeFile(Path file, String text) throws IOException {
    if (!Files.exists(file)) {
      FileAttribute<?>[] attributes = POSIX
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];
      try {
        Files.createFile(file, attributes);
      } catch (FileAlreadyExistsException e) {
        // created meanwhile: write over it as os.WriteFile would
      }
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
