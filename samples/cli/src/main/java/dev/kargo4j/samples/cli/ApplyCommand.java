package dev.kargo4j.samples.cli;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.manifest.ManifestSet;
import dev.kargo4j.core.manifest.ManifestWarning;
import dev.kargo4j.core.manifest.Manifests;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.pipeline.PipelineListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kargo4j apply -f FILE|DIR...}: loads manifests into the state folder. */
@Command(name = "apply", description = {
    "Loads Kargo manifests (Project, ProjectConfig, Warehouse, Stage, PromotionTask, ClusterPromotionTask,",
    "Freight, AnalysisTemplate, credential Secrets, Secrets, ConfigMaps) into the state folder.",
    "An object replaces the applied one of the same kind and name; all-or-nothing."})
final class ApplyCommand extends SessionCommand {
  @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR",
      description = "A manifest file or a folder of *.yaml/*.yml/*.json files; repeatable")
  List<Path> files;

  @Option(names = {"-R", "--recursive"}, description = "Also read the folders inside the given folders")
  boolean recursive;

  @Override
  int run(Session session) {
    ManifestSet set = ManifestSet.EMPTY;
    for (Path f : files) {
      if (!Files.exists(f)) {
        throw new KargoException("-f " + f + ": no such file or folder");
      }
      set = set.plus(Manifests.load(f));
      if (recursive && Files.isDirectory(f)) {
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(f)) {
          dirs = s.filter(Files::isDirectory).filter(d -> !d.equals(f)).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
          // an unreadable folder is the user's to fix (exit code 2), not an internal error
          throw new KargoException("-R -f " + f + ": cannot list its folders: " + e.getMessage(), e);
        }
        for (Path d : dirs) {
          set = set.plus(Manifests.load(d));
        }
      }
    }
    for (ManifestWarning w : set.warnings()) {
      session.err().println("warning: " + w);
    }
    if (set.all().isEmpty()) {
      throw new KargoException("-f " + files + ": no Kargo objects found");
    }
    Map<String, StateFolder.Change> changes = session.state().apply(set);
    changes.forEach((key, change) -> {
      String[] parts = key.split("/", 3);
      String ns = parts[1].isEmpty() ? "" : " (project " + parts[1] + ")";
      session.out().println(parts[0] + "/" + parts[2] + " " + change.name().toLowerCase(Locale.ROOT) + ns);
    });
    Map<String, List<Freight>> freight = new LinkedHashMap<>();
    for (Freight f : set.freight()) {
      freight.computeIfAbsent(f.project(), k -> new ArrayList<>()).add(f);
    }
    for (Map.Entry<String, List<Freight>> e : freight.entrySet()) {
      for (Freight f : session.runtime(e.getKey(), PipelineListener.NONE).importFreight(e.getValue())) {
        session.out().println("freight.kargo.akuity.io/" + f.name() + " stored (alias " + f.alias()
            + ", project " + f.project() + ")");
      }
    }
    if (!set.promotions().isEmpty()) {
      session.err().println("warning: " + set.promotions().size() + " Promotion(s) ignored: use `kargo4j promote`");
    }
    return Kargo4jCommand.OK;
  }
}
