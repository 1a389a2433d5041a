package dev.kargo4j.samples.cli;

import dev.kargo4j.KargoException;
import dev.kargo4j.core.model.Chart;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.FreightOrigin;
import dev.kargo4j.core.model.GitCommit;
import dev.kargo4j.core.model.Image;
import dev.kargo4j.core.model.ObjectMeta;
import dev.kargo4j.core.model.Warehouse;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kargo4j create freight --warehouse W ...}: Freight made by hand. */
@Command(name = "create", description = "Creates Freight by hand.", subcommands = CreateCommand.FreightCreate.class)
final class CreateCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to create: freight");
  }

  @Command(name = "freight", description = {
      "Creates Freight from commits, images and charts, named by its Kargo Freight ID.",
      "  --commit https://git.example.com/app.git=3f2a9c1...       a commit (repository URL = commit ID)",
      "  --image ghcr.io/team/app:1.2.3   (or repo@sha256:..., or repo:tag@sha256:...)",
      "  --chart oci://registry.example.com/charts/app:1.4.0        an OCI chart (name in the URL)",
      "  --chart https://charts.example.com/podinfo:6.1.0            an HTTP chart repository and chart name"})
  static final class FreightCreate extends SessionCommand {
    @Option(names = "--warehouse", required = true, paramLabel = "NAME", description = "The Warehouse it comes from")
    String warehouse;

    @Option(names = "--commit", paramLabel = "URL=ID", description = "A git commit; repeatable")
    List<String> commits = new ArrayList<>();

    @Option(names = "--image", paramLabel = "REF", description = "An image; repeatable")
    List<String> images = new ArrayList<>();

    @Option(names = "--chart", paramLabel = "REF", description = "A Helm chart; repeatable")
    List<String> charts = new ArrayList<>();

    @Option(names = "--alias", paramLabel = "ALIAS", description = "The alias; generated (adjective-animal) when omitted")
    String alias;

    @Override
    int run(Session s) {
      s.manifests().warehouse(s.project(), warehouse).orElseThrow(() -> Session.unknown("Warehouse", warehouse,
          s.manifests().warehouses(s.project()).stream().map(Warehouse::name).toList()));
      if (commits.isEmpty() && images.isEmpty() && charts.isEmpty()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "give at least one --commit, --image or --chart");
      }
      List<GitCommit> gc = new ArrayList<>();
      for (String c : commits) {
        gc.add(commit(c));
      }
      List<Image> im = new ArrayList<>();
      for (String i : images) {
        im.add(image(i));
      }
      List<Chart> ch = new ArrayList<>();
      for (String c : charts) {
        ch.add(chart(c));
      }
      Freight f = new Freight(ObjectMeta.of(s.project(), ""), alias == null ? "" : alias, null,
          FreightOrigin.warehouse(warehouse), gc, im, ch, List.of(), null);
      Freight created = s.runtime(new ProgressPrinter(s.out())).createFreight(f);
      s.out().println("freight.kargo.akuity.io/" + created.name() + " created (alias " + created.alias() + ")");
      return Kargo4jCommand.OK;
    }

    static GitCommit commit(String text) {
      int eq = text.lastIndexOf('=');
      if (eq <= 0 || eq == text.length() - 1) {
        throw new KargoException("--commit " + text + ": write <repository URL>=<commit ID>");
      }
      String id = text.substring(eq + 1);
      if (!id.matches("[0-9a-f]{7,64}")) {
        throw new KargoException("--commit " + text + ": \"" + id + "\" is not a commit ID (hex, 7 to 64 digits)");
      }
      return GitCommit.of(text.substring(0, eq), id);
    }

    static Image image(String text) {
      String ref = text;
      String digest = "";
      int at = ref.indexOf('@');
      if (at >= 0) {
        digest = ref.substring(at + 1);
        ref = ref.substring(0, at);
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
          throw new KargoException("--image " + text + ": the digest must be sha256:<64 hex digits>");
        }
      }
      int slash = ref.lastIndexOf('/');
      int colon = ref.lastIndexOf(':');
      String tag = "";
      if (colon > slash) {
        tag = ref.substring(colon + 1);
        ref = ref.substring(0, colon);
      }
      if (tag.isEmpty() && digest.isEmpty()) {
        throw new KargoException("--image " + text + ": give a tag (repo:tag) or a digest (repo@sha256:...)");
      }
      return Image.of(ref, tag, digest);
    }

    static Chart chart(String text) {
      int slash = text.lastIndexOf('/');
      int colon = text.lastIndexOf(':');
      if (colon <= slash || colon == text.length() - 1) {
        throw new KargoException("--chart " + text + ": write <oci://repository/chart>:<version> or"
            + " <https://repository>/<chart>:<version>");
      }
      String version = text.substring(colon + 1);
      String location = text.substring(0, colon);
      if (location.startsWith("oci://")) {
        return Chart.of(location, "", version);
      }
      if (!location.startsWith("http://") && !location.startsWith("https://")) {
        throw new KargoException("--chart " + text + ": the repository must start with oci://, http:// or https://");
      }
      return Chart.of(location.substring(0, slash), location.substring(slash + 1), version);
    }
  }
}
