package io.hopscope.cli;

import io.hopscope.error.Problems;
import io.hopscope.ingest.IngestRequest;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "demo",
    description =
        "Analyze the bundled sample runs end to end on embedded defaults (Spark local mode, a"
            + " local warehouse, no Valkey), then a simulated nightly history for the trend page,"
            + " and print where the reports are.")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand HopscopeCommand root;

  @Option(
      names = "--sample-data",
      paramLabel = "DIR",
      description = "Sample runs, one directory each (default: $HOPSCOPE_HOME/sample-data).")
  Path sampleData;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "./hopscope-demo",
      description = "Where the demo warehouse and reports go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--history",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Also simulate a short nightly history (8 runs, a slower build from the 6th, and a"
              + " 1/2/4-worker sweep), analyze it and write its trend page (default: on;"
              + " --no-history to skip).")
  boolean history;

  @Override
  public Integer call() throws IOException {
    Env env = root.env();
    Path samples = sampleData != null ? sampleData : defaultSamples(env);
    List<Path> runs = runs(samples);
    String warehouse = out.resolve("warehouse").toAbsolutePath().toString();
    RunPipeline pipeline = new RunPipeline(env);
    List<String> lines = new ArrayList<>();
    for (Path dir : runs) {
      RunId run = new RunId(dir.getFileName().toString());
      RunSpec spec = RunSpecReader.read(dir.resolve("run.yaml"));
      IngestRequest req =
          IngestRequest.single(
                  run,
                  spec,
                  Optional.empty(),
                  IngestRequest.DEFAULT_STREAM,
                  files(dir, "done-stream", ".ndjson", ".ndjson.gz"))
              .withK6AndProm(
                  files(dir, "k6-", ".json", ".json.gz", ".csv", ".csv.gz").stream()
                      .filter(p -> !p.getFileName().toString().startsWith("k6-summary"))
                      .toList(),
                  files(dir, "k6-summary", ".json"),
                  files(dir, "prometheus", ""));
      env.err().println("== " + run + " (" + spec.scenarioName() + ")");
      RunPipeline.Analysed a =
          pipeline.analyze(
              warehouse,
              run,
              Optional.of(spec),
              Optional.of(req),
              Optional.empty(),
              Optional.empty(),
              out.resolve(run.value()));
      boolean passed = Reporting.print(env, a);
      lines.add(
          run
              + ": "
              + (passed ? "gates passed" : "a gate failed")
              + " -> "
              + a.report().index().toAbsolutePath().normalize());
      io.hopscope.reports.ops.OpsPlan plan =
          OpsCommand.plan(
              Warehouses.open(warehouse),
              run,
              Map.of(),
              null,
              "worker",
              "valkey:6379",
              null,
              null,
              "1m"); // the sample's scrapes are 5 s apart
      if (plan.scaling().isPresent()) {
        // A run with jobs: its dashboard, alert rules and autoscaling manifests, as hopscope ops
        // writes them.
        Path ops = out.resolve("ops-" + run.value());
        OpsCommand.write(plan, List.of(), ops);
        lines.add(
            run
                + ": dashboard, alert rules and autoscaling (hopscope ops) -> "
                + ops.resolve("README.md").toAbsolutePath().normalize());
      }
    }
    if (history) {
      io.hopscope.reports.trend.TrendReport.Written t =
          DemoHistory.build(env, pipeline, warehouse, out);
      lines.add(
          "trend of "
              + DemoHistory.SCENARIO
              + " (synthetic history of 11 runs) -> "
              + t.index().toAbsolutePath().normalize());
    }
    env.out().println("demo reports:");
    lines.forEach(l -> env.out().println("  " + l));
    return 0;
  }

  private static Path defaultSamples(Env env) {
    String home = env.vars().get("HOPSCOPE_HOME");
    return home != null ? Path.of(home, "sample-data") : Path.of("sample-data");
  }

  private static List<Path> runs(Path samples) throws IOException {
    if (!Files.isDirectory(samples)) {
      throw Problems.usage(
          "no sample data at " + samples, "pass --sample-data DIR or set HOPSCOPE_HOME");
    }
    try (Stream<Path> s = Files.list(samples)) {
      List<Path> runs = s.filter(p -> Files.isRegularFile(p.resolve("run.yaml"))).sorted().toList();
      if (runs.isEmpty()) {
        throw Problems.usage(
            "no sample runs (directories with run.yaml) in " + samples, "pass --sample-data DIR");
      }
      return runs;
    }
  }

  /** The sample's files named {@code <prefix>*<suffix>}, sorted. */
  private static List<Path> files(Path dir, String prefix, String... suffixes) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix)
                    && java.util.Arrays.stream(suffixes).anyMatch(n::endsWith);
              })
          .sorted()
          .toList();
    }
  }
}
