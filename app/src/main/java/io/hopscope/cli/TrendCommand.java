package io.hopscope.cli;

import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.analytics.core.TrendAnalysis;
import io.hopscope.analytics.core.TrendInput;
import io.hopscope.analytics.spark.MeasuredBaselines;
import io.hopscope.analytics.store.TrendRuns;
import io.hopscope.error.ExitCode;
import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.warehouse.Warehouse;
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
import org.apache.spark.sql.SparkSession;
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
        write(
            root.env(),
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

  /**
   * Builds and writes the trend page of one scenario (also used by the demo); prints one line per
   * fingerprint on stderr.
   */
  static TrendReport.Written write(
      Env env,
      String warehouse,
      String scenario,
      Optional<Instant> from,
      Optional<String> baseline,
      List<Double> targetRps,
      double threshold,
      long seed,
      Path out) {
    Warehouse wh = Warehouses.open(warehouse);
    TrendRuns.Loaded loaded =
        TrendRuns.read(wh, scenario, from.map(TrendCommand::ns).orElse(Long.MIN_VALUE));
    List<TrendInput> runs = loaded.runs();
    if (runs.isEmpty()) {
      List<String> known = TrendRuns.scenarios(wh);
      throw Problems.missingData(
          "no analysed run of scenario '"
              + scenario
              + "'"
              + from.map(f -> " since " + f).orElse("")
              + " in the warehouse "
              + wh.rootUri(),
          known.isEmpty()
              ? "analyze runs first"
              : "scenarios with analysed runs: " + String.join(", ", known));
    }
    TrendAnalysis.Options d = TrendAnalysis.Options.defaults();
    TrendAnalysis t =
        TrendAnalysis.of(
            scenario,
            runs,
            new TrendAnalysis.Options(
                threshold,
                d.errorRateThreshold(),
                baseline,
                targetRps,
                seed,
                d.permutations(),
                d.significance(),
                d.minShift()));
    SparkSession spark = SparkSessions.get("hopscope trend");
    Warehouse sparkWh = Warehouses.open(warehouse, spark);
    List<MeasuredBaseline> measured =
        MeasuredBaselines.of(spark, sparkWh, runs.stream().map(TrendInput::runId).toList());
    TrendReport.Written w =
        TrendReport.write(
            t,
            measured,
            new TrendReport.Context(
                from, BuildInfo.version(), env.clock().instant(), loaded.synthetic()),
            out);
    for (TrendAnalysis.Group g : t.groups()) {
      long regressions =
          g.vsBaseline().stream()
              .filter(c -> c.verdict() == TrendAnalysis.Verdict.REGRESSION)
              .count();
      long shifts = g.series().stream().mapToLong(s -> s.changePoints().size()).sum();
      env.err()
          .println(
              "fingerprint "
                  + g.fingerprint()
                  + ": "
                  + g.runs().size()
                  + " runs, baseline "
                  + (g.baselineRunId() == null ? "none" : g.baselineRunId())
                  + ", current "
                  + g.currentRunId()
                  + ", "
                  + regressions
                  + " regressions vs baseline, "
                  + shifts
                  + " change points");
    }
    return w;
  }

  private static long ns(Instant i) {
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
