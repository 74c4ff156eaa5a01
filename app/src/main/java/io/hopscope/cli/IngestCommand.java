package io.hopscope.cli;

import io.hopscope.error.Problems;
import io.hopscope.ingest.IngestRequest;
import io.hopscope.ingest.RunId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "ingest",
    description =
        "Drain runs' sources into the warehouse, replacing each run's version in every table (one Iceberg commit per table, the runs row last)."
            + " Needs no Spark. Never deletes from Valkey unless --trim-after-ingest is given.")
final class IngestCommand implements Callable<Integer> {
  @ParentCommand HopscopeCommand root;
  @Mixin CommonOptions common = new CommonOptions();
  @Mixin SourceOptions sources = new SourceOptions();

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "A run to ingest (repeatable). Without it, give --all-runs.")
  List<String> runIds = new ArrayList<>();

  @Option(names = "--all-runs", description = "Ingest every run found in the sources.")
  boolean allRuns;

  @Override
  public Integer call() {
    if (!sources.any()) {
      throw Problems.usage(
          "ingest needs a source", "give --valkey URI, --done-file FILE and/or --k6 FILE");
    }
    if (runIds.isEmpty() == !allRuns) {
      throw Problems.usage(
          "ingest needs either --run-id ID (repeatable) or --all-runs", "pick one");
    }
    List<RunId> runs = runIds.stream().map(RunId::new).toList();
    IngestRequest req =
        sources.request(runs, runs.size() == 1 ? common.readSpec() : noSpec(), root.env().vars());
    new RunPipeline(root.env()).ingest(Warehouses.open(common.warehouse()), req);
    return 0;
  }

  private java.util.Optional<io.hopscope.ingest.spec.RunSpec> noSpec() {
    if (common.spec != null) {
      throw Problems.usage(
          "--spec belongs to one run",
          "ingest several runs without --spec; analyze each with its own");
    }
    return java.util.Optional.empty();
  }
}
