package io.hopscope.cli;

import io.hopscope.error.ExitCode;
import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import io.hopscope.reports.trend.TrendReport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "trend",
    description = {
      "Trend tables and charts of one scenario across its analysed runs: per fingerprint"
          + " (scenario, workers, environment, workload) the p95/p99 latency per plateau, knee"
          + " load, capacity per worker, peak rate, error rate and drain time run by run, with"
          + " change points (E-divisive means) and Baseline | Current | Change rows; the"
          + " scaling curve with a Universal Scalability Law fit across worker counts; the"
          + " measured-baseline table (p50/p95/p99 per k6 scenario, date, commit).",
      "Writes trend.html, trend.json, trend.csv, baseline-current.md, measured-baseline.md/.csv,"
          + " scaling.csv and charts/ into --out. Reads run_summary, and k6_points and jobs"
          + " for the measured baselines (with Spark)."
    })
final class TrendCommand implements Callable<Integer> {
  @ParentCommand HopscopeCommand root;

  @Option(
      names = "--scenario",
      required = true,
      paramLabel = "NAME",
      description = "The scenario name (test_run.scenario.name of the spec).")
  String scenario;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      description = "Only runs that started on or after this UTC date (2026-06-01) or instant.")
  String since;

  @Mixin WarehouseOption warehouseOption = new WarehouseOption();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "./trend",
      description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--baseline",
      paramLabel = "RUN",
      description =
          "Compare the latest run with this one (default: the latest earlier run of the same"
              + " fingerprint whose gates passed).")
  String baseline;

  @Option(
      names = "--target-rps",
      paramLabel = "RPS",
      split = ",",
      description = "Loads to size a worker sweep for (repeatable or comma-separated).")
  List<Double> targetRps = new ArrayList<>();

  @Option(
      names = "--threshold",
      paramLabel = "FRACTION",
      defaultValue = "0.10",
      description =
          "A change beyond this fraction (and beyond noise) is a regression (default:"
              + " ${DEFAULT-VALUE}); the error rate uses 0.1 percentage points.")
  double threshold;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the change-point permutation tests (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    if (!(threshold > 0) || threshold >= 10) {
      throw Problems.usage("--threshold " + threshold + " is not a fraction above 0", "e.g. 0.10");
    }
    for (double t : targetRps) {
      if (!(t > 0) || Double.isInfinite(t)) {
        throw Problems.usage("--target-rps " + t + " is not a positive rate", "e.g. 500");
      }
    }
    if (baseline != null) {
      new RunId(baseline); // checks the id
    }
    Optional<Instant> from = Optional.ofNullable(since).map(TrendCommand::parseSince);
    TrendReport.Written w =
        new RunPipeline(root.env())
            .trend(
                warehouseOption.uri,
                scenario,
                from,
                Optional.ofNullable(baseline),
                targetRps,
                threshold,
                seed,
                out);
    root.env().out().println("trend: " + w.index().toAbsolutePath().normalize());
    return ExitCode.OK.code();
  }

  static long ns(Instant i) {
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  static Instant parseSince(String s) {
    try {
      if (s.length() == 10) {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return java.time.OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      throw Problems.usage(
          "--since " + s + " is not a date", "write 2026-06-01 or 2026-06-01T12:00:00Z");
    }
  }
}
