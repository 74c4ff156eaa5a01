package io.hopscope.cli;

import io.hopscope.error.ExitCode;
import io.hopscope.ingest.RunId;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "analyze",
    description = {
      "Ingest one run (when sources are given), compute its performance envelope with Spark and"
          + " write the report: index.html, summary.json, plateaus.csv, routes.csv, gates.junit.xml,"
          + " charts/ (PNG, SVG, charts.json).",
      "Exit codes: 0 all gates passed, 1 a gate failed, 2 bad usage or input, 3 an external"
          + " system failed."
    })
final class AnalyzeCommand implements Callable<Integer> {
  @ParentCommand HopscopeCommand root;
  @Mixin RunOption runOption = new RunOption();
  @Mixin CommonOptions common = new CommonOptions();
  @Mixin SourceOptions sources = new SourceOptions();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "./out",
      description = "Report directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--baseline",
      paramLabel = "RUN",
      description =
          "Compare with this run (default: the latest earlier run with the same fingerprint whose"
              + " gates passed).")
  String baseline;

  @Option(
      names = "--gates",
      paramLabel = "FILE",
      description =
          "Gates file (YAML, the keys of the spec's gates block); its keys override the spec's.")
  Path gates;

  @Override
  public Integer call() {
    RunId run = runOption.run();
    // Without a spec the stages are inferred from the data (RunScan, ScheduleInference).
    var spec = common.readSpec();
    RunPipeline.Analysed a =
        new RunPipeline(root.env())
            .analyze(
                common.warehouse(),
                run,
                spec,
                sources.any()
                    ? Optional.of(sources.request(java.util.List.of(run), spec, root.env().vars()))
                    : Optional.empty(),
                Optional.ofNullable(baseline).map(RunId::new),
                Optional.ofNullable(gates),
                out);
    return Reporting.print(root.env(), a) ? ExitCode.OK.code() : ExitCode.GATE_FAILED.code();
  }
}
