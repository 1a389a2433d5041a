package dev.kargo4j.samples.cli;

import dev.kargo4j.core.discovery.DiscoveryOutcome;
import dev.kargo4j.core.model.Freight;
import dev.kargo4j.core.model.Warehouse;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kargo4j refresh warehouse NAME}: discovery now. */
@Command(name = "refresh", description = "Refreshes a Warehouse: runs its discovery now.",
    subcommands = RefreshCommand.WarehouseRefresh.class)
final class RefreshCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "say what to refresh: warehouse NAME");
  }

  @Command(name = "warehouse", description = {
      "Discovers the Warehouse's subscriptions now; the newest artifacts make Freight (once).",
      "Exit code 1 when discovery fails (the reason is also in `get warehouses -o yaml`)."})
  static final class WarehouseRefresh extends SessionCommand {
    @Parameters(paramLabel = "NAME", description = "The Warehouse")
    String name;

    @Override
    int run(Session s) {
      s.manifests().warehouse(s.project(), name).orElseThrow(() -> Session.unknown("Warehouse", name,
          s.manifests().warehouses(s.project()).stream().map(Warehouse::name).toList()));
      // the runtime discovers, admits the Freight (announced, auto-promotion woken) and stores the status
      ProgressPrinter printer = new ProgressPrinter(s.out());
      printer.knowFreight(s.store().listFreight(s.project()));
      DiscoveryOutcome outcome = s.runtime(printer).discoverWarehouse(name);
      if (!outcome.created()) {
        // nothing new for the pipeline: leave other queued work to `reconcile`, as before
        s.leaveQueuedWork();
      }
      if (outcome.failure() != null) {
        s.err().println("discovery of Warehouse " + name + " failed: " + outcome.failure().getMessage());
        return Kargo4jCommand.FAILED;
      }
      if (outcome.freight() == null) {
        String why = outcome.status().conditions().stream().filter(c -> !c.status().equals("True"))
            .map(c -> c.type() + ": " + c.message()).findFirst().orElse("no Freight was built");
        s.out().println("Warehouse " + name + " refreshed; no Freight (" + why + ")");
        return outcome.healthy() ? Kargo4jCommand.OK : Kargo4jCommand.FAILED;
      }
      Freight f = outcome.freight();
      s.out().println("Warehouse " + name + " refreshed; Freight " + f.alias() + " (" + f.name() + ") "
          + (outcome.created() ? "created" : "already existed") + ": "
          + GetCommand.artifacts(f.images(), f.commits(), f.charts()));
      // new Freight: the session waits on close until auto-promotion reacted
      return Kargo4jCommand.OK;
    }
  }
}
