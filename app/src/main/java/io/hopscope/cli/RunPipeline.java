package io.hopscope.cli;

import io.hopscope.analytics.core.MeasuredBaseline;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.core.TrendInput;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.analytics.spark.MeasuredBaselines;
import io.hopscope.analytics.spark.RunScan;
import io.hopscope.analytics.spec.SpecGates;
import io.hopscope.analytics.store.DerivedTables;
import io.hopscope.analytics.store.History;
import io.hopscope.analytics.store.StoredRun;
import io.hopscope.analytics.store.TrendRuns;
import io.hopscope.error.Printable;
import io.hopscope.error.Problems;
import io.hopscope.ingest.IngestRequest;
import io.hopscope.ingest.IngestResult;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.RunIngest;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.valkey.Progress;
import io.hopscope.ingest.warehouse.Warehouse;
import io.hopscope.reports.ReportContext;
import io.hopscope.reports.ReportWriter;
import io.hopscope.reports.trend.TrendReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** The steps behind the commands: ingest, then scan + analyse + report. */
final class RunPipeline {
  private final Env env;

  RunPipeline(Env env) {
    this.env = env;
  }

  /** Ingests sources without Spark. */
  List<IngestResult> ingest(Warehouse wh, IngestRequest req) {
    List<IngestResult> results =
        new RunIngest(wh, env.clock(), BuildInfo.version(), Progress.onConsole(env.err()))
            .ingestAll(req);
    java.util.Set<String> warned = new java.util.LinkedHashSet<>();
    for (IngestResult r : results) {
      // Only what the run has: a k6-only run is not "0 jobs".
      List<String> what = new java.util.ArrayList<>();
      if (r.jobs() > 0 || (r.k6Points() == 0 && r.promSamples() == 0)) {
        what.add(r.jobs() + " jobs");
      }
      if (r.k6Points() > 0) {
        what.add(r.k6Points() + " k6 samples");
      }
      if (r.promSamples() > 0) {
        what.add(r.promSamples() + " Prometheus samples");
      }
      what.add(r.rejected() + " rejected");
      env.err()
          .printf(
              java.util.Locale.ROOT,
              "ingested run %s: %s -> %s%s%n",
              r.run(),
              String.join(", ", what),
              wh.rootUri(),
              r.trimmed() >= 0 ? " (" + r.trimmed() + " entries deleted from the stream)" : "");
      warned.addAll(r.warnings());
    }
    for (String w : warned) {
      env.err().println("warning: " + Printable.of(w));
    }
    return results;
  }

  /** Re-renders a run's report from the warehouse (no Spark, no raw rows). */
  Analysed report(String warehouseUri, RunId run, Path out) {
    Warehouse wh = Warehouses.open(warehouseUri);
    StoredRun stored = StoredRun.read(wh, run);
    ReportContext ctx =
        new ReportContext(
            stored.spec(),
            SpecGates.of(stored.spec()),
            stored.sources(),
            BuildInfo.version(),
            env.clock().instant());
    return new Analysed(stored.analysis(), ReportWriter.write(stored.analysis(), ctx, out));
  }

  private static <T> T joined(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** The outcome of an analysis. */
  record Analysed(RunAnalysis analysis, ReportWriter.Written report) {}

  /**
   * Ingests (when a request is given), then analyses the run from the warehouse and writes the
   * report into {@code out}.
   */
  Analysed analyze(
      String warehouseUri,
      RunId run,
      Optional<RunSpec> spec,
      Optional<IngestRequest> ingest,
      Optional<RunId> baseline,
      Optional<Path> gatesFile,
      Path out) {
    Optional<com.fasterxml.jackson.databind.JsonNode> gates =
        gatesFile.map(io.hopscope.ingest.spec.RunSpecReader::readGates);
    int steps = ingest.isPresent() ? 4 : 3;
    try (AnalyzeProgress progress = AnalyzeProgress.onConsole(env.err(), steps)) {
      List<String> warnings = List.of();
      // The Spark session starts while the sources are drained and the run's metadata is read:
      // neither needs Spark. A failure here is the command's error, and the session is stopped on
      // exit all the same.
      java.util.concurrent.CompletableFuture<SparkSession> starting =
          SparkSessions.startInBackground("hopscope analyze " + run);
      Warehouse plain = Warehouses.open(warehouseUri);
      if (ingest.isPresent()) {
        progress.step("ingesting the run (Spark starting meanwhile)");
        warnings = ingest(plain, ingest.get()).get(0).warnings();
      }
      RunScan.Ingested ingested = RunScan.ingested(plain, run);
      SparkSession spark = SparkSessions.activeHere(joined(starting));
      progress.watch(spark);
      Warehouse wh = Warehouses.open(warehouseUri, spark);
      progress.step("scanning the run");
      RunScan.Scanned scanned =
          new RunScan(spark, wh).withProgress(progress).scan(ingested, spec, gates, warnings);
      progress.step("analysing and checking the gates");
      RunAnalysis analysis =
          History.gate(
                  wh,
                  RunAnalyzer.analyze(scanned.facts()),
                  scanned.spec(),
                  SpecGates.of(scanned.spec()),
                  baseline)
              .analysis();
      // The analysis is stored while the report is drawn: they are independent, and the commit's
      // writes overlap the charts' rendering (measured: about half a second of a 10M-job analyze).
      java.util.concurrent.CompletableFuture<Void> storing =
          java.util.concurrent.CompletableFuture.runAsync(
              () ->
                  DerivedTables.write(
                      wh,
                      analysis,
                      scanned.spec(),
                      env.clock().instant(),
                      BuildInfo.version(),
                      scanned.manifest().writeId()),
              r -> {
                Thread t = new Thread(r, "hopscope-store");
                t.setDaemon(true);
                t.start();
              });
      ReportWriter.Written written;
      try {
        progress.step("writing the report");
        ReportContext ctx =
            new ReportContext(
                scanned.spec(),
                SpecGates.of(scanned.spec()),
                io.hopscope.ingest.SourceRecord.parse(scanned.manifest().sourcesJson()),
                BuildInfo.version(),
                env.clock().instant());
        written = ReportWriter.write(analysis, ctx, out);
      } finally {
        joined(storing); // a failed commit fails the command, after the report
      }
      return new Analysed(analysis, written);
    }
  }

  /**
   * Judges an analysed run's gates from the warehouse (no Spark) against a baseline, and writes
   * gates.json and gates.junit.xml into {@code out}, each written aside and moved into place.
   *
   * @param gatesFile a gates file whose keys override the stored spec's
   */
  History.Gated gate(
      String warehouseUri,
      RunId run,
      Optional<Path> gatesFile,
      Optional<String> baseline,
      Path out) {
    Warehouse wh = Warehouses.open(warehouseUri);
    StoredRun stored = StoredRun.read(wh, run);
    RunSpec spec =
        gatesFile
            .map(f -> stored.spec().withGates(io.hopscope.ingest.spec.RunSpecReader.readGates(f)))
            .orElse(stored.spec());
    History.Gated g =
        History.gate(wh, stored.analysis(), spec, SpecGates.of(spec), baseline.map(RunId::new));
    try {
      java.nio.file.Files.createDirectories(out);
    } catch (java.io.IOException e) {
      throw io.hopscope.error.Problems.storage(out, "cannot write the gate results", e);
    }
    ReportWriter.put(
        out,
        io.hopscope.reports.export.GatesJson.file(
            g.analysis(), g.baseline().map(RunId::value).orElse(null)));
    ReportWriter.put(out, io.hopscope.reports.export.GatesJunitXml.file(g.analysis()));
    return g;
  }

  /**
   * Builds and writes the trend page of one scenario (the trend command and the demo); prints one
   * line per fingerprint on stderr.
   */
  TrendReport.Written trend(
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
}
