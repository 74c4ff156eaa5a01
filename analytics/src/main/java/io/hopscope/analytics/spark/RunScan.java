package io.hopscope.analytics.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.HttpWindow;
import io.hopscope.analytics.core.InputCounts;
import io.hopscope.analytics.core.K6Summary;
import io.hopscope.analytics.core.RateSeries;
import io.hopscope.analytics.core.RunFacts;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.ScheduleInference;
import io.hopscope.analytics.core.SpecCoverage;
import io.hopscope.analytics.core.Telemetry;
import io.hopscope.analytics.core.TimeBucket;
import io.hopscope.analytics.core.Timeline;
import io.hopscope.analytics.core.Window;
import io.hopscope.analytics.core.WindowAggregate;
import io.hopscope.analytics.spec.InferredSpec;
import io.hopscope.analytics.spec.SpecGates;
import io.hopscope.error.Problems;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.ingest.warehouse.JobsTable;
import io.hopscope.ingest.warehouse.K6PointsTable;
import io.hopscope.ingest.warehouse.K6SummaryTable;
import io.hopscope.ingest.warehouse.KeyRepeats;
import io.hopscope.ingest.warehouse.PromSamplesTable;
import io.hopscope.ingest.warehouse.RejectsTable;
import io.hopscope.ingest.warehouse.RunSnapshots;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableReader;
import io.hopscope.ingest.warehouse.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark side of analysing one run: scans the run's committed version and returns the small
 * {@link RunFacts} that the pure {@link io.hopscope.analytics.core.RunAnalyzer} decides on.
 *
 * <p>Its size is the one reading of a run: every table's scan against the same pinned snapshots,
 * and the facts they hand the core. Each scan is a method; the Spark-free work lives in the core.
 */
public final class RunScan {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SparkSession spark;
  private final Warehouse warehouse;

  private ExactStats.PassListener progress = ExactStats.PassListener.NONE;

  public RunScan(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /** Reports each pass over the run's tables to a listener (a progress line). */
  public RunScan withProgress(ExactStats.PassListener listener) {
    this.progress = listener;
    return this;
  }

  /**
   * The run as ingested: its manifest row, with the spec parsed back.
   *
   * @param spec empty when the run was ingested without one (several runs at once)
   * @param writeId the committed version of the run that was read
   */
  public record Manifest(
      Optional<RunSpec> spec, long startNs, long endNs, String sourcesJson, String writeId) {}

  /** The manifest of a run's committed version. */
  static Manifest manifest(Warehouse warehouse, RunSnapshots version) {
    List<org.apache.iceberg.data.Record> rows = new ArrayList<>();
    TableReader.forEach(warehouse, version, RunsTable.TABLE, r -> rows.add(r.copy()));
    RunId run = version.run();
    if (rows.size() != 1) {
      throw Problems.missingData(
          "run '" + run + "' has " + rows.size() + " manifest rows in the warehouse (expected 1)",
          "ingest the run again");
    }
    org.apache.iceberg.data.Record r = rows.get(0);
    String specJson = r.getField(RunsTable.SPEC).toString();
    Optional<RunSpec> spec;
    try {
      JsonNode tree = JSON.readTree(specJson);
      spec =
          tree == null || tree.isNull()
              ? Optional.empty()
              : Optional.of(
                  RunSpecReader.parse(
                      warehouse.rootUri() + " runs[run_id=" + run + "]",
                      JSON.createObjectNode().set("test_run", tree)));
    } catch (JsonProcessingException e) {
      throw Problems.missingData(
          "run '" + run + "' has an unreadable spec in its manifest", "ingest the run again");
    }
    return new Manifest(
        spec,
        (Long) r.getField(RunsTable.START_NS),
        (Long) r.getField(RunsTable.END_NS),
        r.getField(RunsTable.SOURCES).toString(),
        version.writeId());
  }

  /**
   * What the warehouse's metadata says of a run's committed version: read without Spark (Iceberg's
   * metadata and the small tables), so a command reads it while its Spark session starts.
   *
   * @param corrHashed whether the jobs were ingested with {@code corr_hash}
   * @param corrRepeats the repeats of the jobs' corr id hashes, when their ingest counted them
   */
  public record Ingested(
      RunSnapshots version,
      Manifest manifest,
      long jobRows,
      long k6Points,
      long promSamples,
      long rejected,
      boolean corrHashed,
      Optional<KeyRepeats.Found> corrRepeats,
      Optional<K6Summary> summary) {}

  /**
   * Reads a run's committed version from the warehouse's metadata (no Spark).
   *
   * @throws io.hopscope.error.HopscopeException when the run is not in the warehouse
   */
  public static Ingested ingested(Warehouse warehouse, RunId run) {
    RunSnapshots version = WarehouseTables.ingested(warehouse, run);
    Manifest manifest = manifest(warehouse, version);
    long jobRows = TableReader.rowCount(warehouse, version, JobsTable.TABLE);
    boolean corrHashed =
        jobRows > 0
            && TableReader.written(warehouse, version, JobsTable.TABLE, JobsTable.CORR_HASH);
    return new Ingested(
        version,
        manifest,
        jobRows,
        TableReader.rowCount(warehouse, version, K6PointsTable.TABLE),
        TableReader.rowCount(warehouse, version, PromSamplesTable.TABLE),
        TableReader.rowCount(warehouse, version, RejectsTable.TABLE),
        corrHashed,
        corrHashed
            ? TableReader.keyRepeats(warehouse, version, JobsTable.TABLE, JobsTable.CORR_HASH)
            : Optional.empty(),
        k6Summary(warehouse, version, manifest));
  }

  /** A scanned run: the facts, the manifest, and the spec the facts were computed with. */
  public record Scanned(RunFacts facts, Manifest manifest, RunSpec spec) {}

  /**
   * Scans one run.
   *
   * @param specOverride a spec to use instead of the one recorded at ingest
   * @param warnings what the ingest step reported
   */
  public Scanned scan(RunId run, Optional<RunSpec> specOverride, List<String> warnings) {
    return scan(run, specOverride, Optional.empty(), warnings);
  }

  /**
   * Scans a run with gate overrides (a gates file) on top of its spec.
   *
   * @param gateOverrides keys that replace the spec's gates
   */
  public Scanned scan(
      RunId run,
      Optional<RunSpec> specOverride,
      Optional<com.fasterxml.jackson.databind.JsonNode> gateOverrides,
      List<String> warnings) {
    return scan(ingested(warehouse, run), specOverride, gateOverrides, warnings);
  }

  /**
   * Scans a run whose metadata was read already ({@link #ingested}, from the same warehouse).
   *
   * @param gateOverrides keys that replace the spec's gates
   */
  public Scanned scan(
      Ingested ingested,
      Optional<RunSpec> specOverride,
      Optional<com.fasterxml.jackson.databind.JsonNode> gateOverrides,
      List<String> warnings) {
    RunSnapshots version = ingested.version();
    RunId run = version.run();
    Manifest manifest = ingested.manifest();
    long jobRows = ingested.jobRows();
    long k6Points = ingested.k6Points();
    boolean hasJobs = jobRows > 0;
    boolean hasK6 = k6Points > 0;
    Optional<K6Summary> summary = ingested.summary();
    if (!hasJobs && !hasK6 && summary.isPresent() && summary.get().httpDuration() != null) {
      return summaryOnly(
          run, manifest, specOverride, gateOverrides, warnings, summary.get(), ingested.rejected());
    }
    if (!hasJobs && !hasK6) {
      // Prometheus alone has no per-request latencies to analyse.
      throw Problems.missingData(
          "run '"
              + run
              + "' has neither jobs nor k6 points in the warehouse "
              + warehouse.rootUri(),
          "ingest the run's done stream or k6 output first");
    }
    Dataset<Row> jobs = WarehouseTables.read(spark, warehouse, version, JobsTable.TABLE);
    Dataset<Row> points =
        hasK6 ? WarehouseTables.read(spark, warehouse, version, K6PointsTable.TABLE) : null;
    K6Scan.Started k6Started = hasK6 ? K6Scan.started(points) : null;
    Optional<RunSpec> given = specOverride.or(manifest::spec);
    RunSpec spec;
    Schedule schedule;
    if (given.isPresent()) {
      spec = given.get();
      long t0 = spec.startNs().orElse(manifest.startNs());
      schedule = Schedule.of(t0, spec.warmupSeconds(), spec.stages());
      if (!hasJobs) {
        checkCoverage(schedule, k6Started.series(), spec);
      }
    } else {
      // No spec: the stages come from the data, from the arrivals when there are jobs.
      RateSeries series = hasJobs ? arrivals(jobs) : k6Started.series();
      ScheduleInference.Inferred inferred =
          ScheduleInference.infer(series)
              .orElseThrow(
                  () ->
                      Problems.missingData(
                          "run '" + run + "' has no " + series.unit() + " to find its stages in",
                          "pass --spec run.yaml with the run's stages"));
      spec = InferredSpec.of(run, inferred, hasK6 ? k6Started.scenarioName() : "done_stream");
      schedule = inferred.schedule();
    }
    if (gateOverrides.isPresent()) {
      spec = spec.withGates(gateOverrides.get());
    }
    long rejected = ingested.rejected();

    // Repeated corr ids: counted by the ingest as it wrote the jobs (runs since it does, whose
    // hashes fit its memory budget), else looked for in the scan's passes on corr_hash (8 bytes a
    // row), or on the id strings for runs ingested before corr_hash existed.
    String repeatKey = ingested.corrHashed() ? JobsTable.CORR_HASH : JobsTable.CORR_ID;
    Optional<KeyRepeats.Found> counted = ingested.corrRepeats();
    JobsPass pass =
        hasJobs
            ? jobsPass(
                jobs,
                schedule,
                jobRows,
                counted.isPresent() ? Optional.empty() : Optional.of(repeatKey),
                progress)
            : JobsPass.none(schedule.t0Ns());
    Counts counts = pass.counts();
    if (hasJobs && !schedule.isInferred()) {
      Timeline t = counts.timeline;
      checkCoverage(
          schedule,
          new RateSeries(
              t.originNs() + t.firstSec() * 1_000_000_000L, t.arrivals(), "job arrivals"),
          spec);
    }
    List<String> scanWarnings = new ArrayList<>(warnings);
    if (hasJobs
        && counted
            .map(r -> r.repeated() > 0)
            .or(() -> pass.repeats().map(r -> r.repeated() > 0))
            .orElseGet(() -> repeatedHashes(jobs, repeatKey) > 0)) {
      duplicateCorrIds(jobs).ifPresent(scanWarnings::add);
    }
    Map<Integer, SegmentStatsJob.Segments> stats = pass.plateaus();
    Map<Integer, HttpWindow> http = Map.of();
    Map<Long, io.hopscope.analytics.core.LatencyStats> httpSlices = Map.of();
    if (hasK6) {
      K6Scan.Scanned k6 = K6Scan.scan(points, schedule, k6Points, progress);
      http = k6.windows();
      httpSlices = k6.slices();
    }
    List<TimeBucket> buckets = TimeBuckets.of(pass.slices(), httpSlices, points, schedule);
    Map<Integer, Telemetry> telemetry = Map.of();
    Map<String, double[][]> memory = Map.of();
    long promSamples = ingested.promSamples();
    List<String> allWarnings = scanWarnings;
    if (promSamples > 0) {
      Dataset<Row> prom = WarehouseTables.read(spark, warehouse, version, PromSamplesTable.TABLE);
      telemetry = PromScan.scan(prom, schedule.windows(), allWarnings);
      memory = PromScan.memory(prom, io.hopscope.analytics.core.Drift.longest(schedule));
    }
    Map<Integer, WindowAggregate> windows = new HashMap<>();
    for (Window w : schedule.windows()) {
      SegmentStatsJob.Segments s = stats.get(w.index());
      long completions = counts.doneByWindow.getOrDefault(w.index(), 0L);
      HttpWindow h = http.get(w.index());
      Telemetry t = telemetry.get(w.index());
      windows.put(
          w.index(),
          s == null
              ? new WindowAggregate(w.index(), 0, completions, null, null, null, h, t)
              : new WindowAggregate(
                  w.index(), s.count(), completions, s.hop(), s.queueDelay(), s.service(), h, t));
    }
    GateConfig gates = SpecGates.of(spec);
    // The run's own check samples; the summary's tally when the points have none.
    List<K6Summary.Check> checks = hasK6 ? K6Scan.checks(points) : List.of();
    if (checks.isEmpty()) {
      checks = summary.map(K6Summary::checks).orElse(List.of());
    }
    RunFacts facts =
        new RunFacts(
            run.value(),
            spec.scenarioName(),
            schedule,
            windows,
            counts.timeline,
            pass.drift(),
            new InputCounts(counts.jobs, k6Points, promSamples, rejected),
            gates,
            targetRps(spec),
            allWarnings,
            buckets,
            memory,
            summary,
            checks);
    return new Scanned(facts, manifest, spec);
  }

  /** k6's end-of-test summary of the version, when one was ingested. */
  private static Optional<K6Summary> k6Summary(
      Warehouse warehouse, RunSnapshots version, Manifest manifest) {
    List<Object[]> rows = new ArrayList<>();
    TableReader.forEach(
        warehouse,
        version,
        K6SummaryTable.TABLE,
        r ->
            rows.add(
                new Object[] {
                  r.getField(K6SummaryTable.METRIC).toString(),
                  r.getField(K6SummaryTable.STAT).toString(),
                  (Double) r.getField(K6SummaryTable.VALUE)
                }));
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    double durationMs = Double.NaN;
    // The duration is optional: the counters' count / rate gives it too.
    for (io.hopscope.ingest.SourceRecord src :
        io.hopscope.ingest.SourceRecord.parse(manifest.sourcesJson())) {
      if ("k6-summary".equals(src.kind())
          && src.facts().get("test_run_duration_ms") instanceof Number d) {
        durationMs = d.doubleValue();
      }
    }
    return Optional.of(K6Summary.of(rows, durationMs));
  }

  /**
   * A run known only from k6's end-of-test summary: one window over the whole test, holding what
   * the summary says (requests, failures, the request-duration statistics k6 exported, iterations,
   * VUs); its checks and thresholds go to the report beside it.
   */
  private static Scanned summaryOnly(
      RunId run,
      Manifest manifest,
      Optional<RunSpec> specOverride,
      Optional<JsonNode> gateOverrides,
      List<String> warnings,
      K6Summary summary,
      long rejected) {
    double requests = summary.stat(K6Scan.HTTP_REQS, "count");
    double seconds = summary.durationMs() / 1000;
    if (!(seconds > 0)) {
      double rate = summary.stat(K6Scan.HTTP_REQS, "rate");
      seconds = rate > 0 ? requests / rate : 1;
    }
    double iterations = summary.stat(K6Scan.ITERATIONS, "count");
    double rps =
        iterations > 0 ? iterations / seconds : Double.isNaN(requests) ? 0 : requests / seconds;
    long t0 = manifest.startNs() > 0 ? manifest.startNs() : 0;
    String basis =
        io.hopscope.analytics.core.RunAnalyzer.SUMMARY_ONLY
            + ": one window over the whole test (a summary has no time series, so there are no"
            + " stages, no knee and no charts over time)";
    ScheduleInference.Inferred whole =
        new ScheduleInference.Inferred(
            t0,
            List.of(
                io.hopscope.ingest.spec.StageSpec.constant(
                    Math.round(rps * 100) / 100.0, Math.max(seconds, 1e-3))),
            1,
            basis);
    RunSpec spec =
        specOverride.or(manifest::spec).orElseGet(() -> InferredSpec.of(run, whole, "k6"));
    if (gateOverrides.isPresent()) {
      spec = spec.withGates(gateOverrides.get());
    }
    Schedule schedule = whole.schedule();
    double failedRate = summary.stat(K6Scan.HTTP_REQ_FAILED, "rate");
    double passes = summary.stat(K6Scan.HTTP_REQ_FAILED, "passes");
    double fails = summary.stat(K6Scan.HTTP_REQ_FAILED, "fails");
    long req = Double.isNaN(requests) ? summary.httpDuration().count() : Math.round(requests);
    long judged = !Double.isNaN(passes) && !Double.isNaN(fails) ? Math.round(passes + fails) : req;
    long failed =
        !Double.isNaN(passes)
            ? Math.round(passes)
            : Double.isNaN(failedRate) ? 0 : Math.round(failedRate * judged);
    if (Double.isNaN(passes) && Double.isNaN(failedRate)) {
      judged = 0; // no failure metric: the error rate is unknown, not zero
    }
    double vus = summary.stat(K6Scan.VUS, "max");
    double vusMax = summary.stat(K6Scan.VUS_MAX, "max");
    HttpWindow http =
        new HttpWindow(
            summary.httpDuration(),
            req,
            failed,
            judged,
            req - failed,
            Double.isNaN(iterations) ? 0 : Math.round(iterations),
            Math.round(orZero(summary.stat(K6Scan.DROPPED_ITERATIONS, "count"))),
            Map.of(),
            Map.of(),
            List.of(),
            Double.isNaN(vus) ? summary.stat(K6Scan.VUS, "value") : vus,
            Double.isNaN(vusMax) ? summary.stat(K6Scan.VUS_MAX, "value") : vusMax);
    RunFacts facts =
        new RunFacts(
            run.value(),
            spec.scenarioName(),
            schedule,
            Map.of(0, new WindowAggregate(0, 0, 0, null, null, null, http)),
            new Timeline(t0, 0, new long[0], new long[0], new long[0]),
            Map.of(),
            new InputCounts(0, 0, 0, rejected),
            SpecGates.of(spec),
            targetRps(spec),
            warnings,
            List.of(),
            Map.of(),
            Optional.of(summary),
            summary.checks());
    return new Scanned(facts, manifest, spec);
  }

  private static double orZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  /** A spec whose schedule holds under half of the data is this run's by mistake: exit 2. */
  private static void checkCoverage(Schedule schedule, RateSeries data, RunSpec spec) {
    Optional<SpecCoverage> c = SpecCoverage.of(schedule, data, spec.startNs().isPresent());
    if (c.isPresent() && c.get().mismatched()) {
      throw Problems.usage(spec.source() + ": " + c.get().problem(), c.get().fix());
    }
  }

  /** Job arrivals (enqueue times) per epoch second. */
  static RateSeries arrivals(Dataset<Row> jobs) {
    Map<Long, Long> perSecond = new HashMap<>();
    for (Row r :
        jobs.where(col(JobsTable.ENQ_NS).isNotNull())
            .groupBy(org.apache.spark.sql.functions.floor(col(JobsTable.ENQ_NS).divide(1e9)))
            .count()
            .collectAsList()) {
      perSecond.put(r.getLong(0), r.getLong(1));
    }
    return RateSeries.ofSeconds(perSecond, "job arrivals");
  }

  /** The most hash ranges (extra passes, at worst) the scan spends looking for repeated ids. */
  private static final int IN_PASS_RANGES = 4;

  /**
   * Distinct corr id hashes seen more than once, by a shuffle of 64-bit hashes: the stored
   * corr_hash, or Spark's xxhash64 of the ids ({@code repeatKey} corr_id).
   */
  static long repeatedHashes(Dataset<Row> jobs, String repeatKey) {
    org.apache.spark.sql.Column key =
        JobsTable.CORR_HASH.equals(repeatKey)
            ? col(JobsTable.CORR_HASH)
            : org.apache.spark.sql.functions.xxhash64(col(JobsTable.CORR_ID));
    return jobs.where(col(repeatKey).isNotNull())
        .groupBy(key)
        .count()
        .where(col("count").gt(1))
        .count();
  }

  /**
   * Jobs that share a correlation id: one job completed more than once (redelivered after its claim
   * timed out, XAUTOCLAIM) is counted twice by every statistic, so the warning says how many.
   */
  static Optional<String> duplicateCorrIds(Dataset<Row> jobs) {
    // Most runs have none: the scan looks for them on 64-bit hashes in its own passes (no
    // shuffle), and only when a hash repeats are they counted exactly on the ids themselves.
    Dataset<Row> withCorr = jobs.where(col(JobsTable.CORR_ID).isNotNull());
    Dataset<Row> dup = withCorr.groupBy(col(JobsTable.CORR_ID)).count().where(col("count").gt(1));
    Row agg =
        dup.agg(
                org.apache.spark.sql.functions.count(lit(1)),
                org.apache.spark.sql.functions.sum(col("count").minus(1)),
                org.apache.spark.sql.functions.max(col("count")))
            .first();
    long ids = agg.getLong(0);
    if (ids == 0) {
      return Optional.empty();
    }
    List<String> examples = new ArrayList<>();
    for (Row r :
        dup.orderBy(col("count").desc(), col(JobsTable.CORR_ID)).limit(3).collectAsList()) {
      examples.add(r.getString(0) + " ×" + r.getLong(1));
    }
    return Optional.of(
        ids
            + " corr ids occur on more than one completed job ("
            + agg.getLong(1)
            + " extra completions, up to "
            + agg.getLong(2)
            + " of one; e.g. "
            + String.join(", ", examples)
            + "): each completion counts in every statistic; were jobs redelivered after a claim"
            + " timed out, or do workers acknowledge late?");
  }

  private static OptionalDouble targetRps(RunSpec spec) {
    return spec.stages().stream().mapToDouble(s -> Math.max(s.startRps(), s.endRps())).max();
  }

  /** A column holding the index of the window a timestamp falls in, null outside every window. */
  static Column windowOf(Column ts, List<Window> windows) {
    Column c = null;
    for (Window w : windows) {
      Column in = ts.geq(lit(w.startNs())).and(ts.lt(lit(w.endNs())));
      c = c == null ? when(in, lit(w.index())) : c.when(in, lit(w.index()));
    }
    return c;
  }

  private record Counts(long jobs, Timeline timeline, Map<Integer, Long> doneByWindow) {
    static Counts none(long originNs) {
      return new Counts(
          0, new Timeline(originNs, 0, new long[0], new long[0], new long[0]), Map.of());
    }
  }

  /** What the one pass over the jobs finds. */
  private record JobsPass(
      Counts counts,
      Map<Integer, SegmentStatsJob.Segments> plateaus,
      Map<Long, io.hopscope.analytics.core.LatencyStats[]> slices,
      Map<Integer, double[]> drift,
      Optional<ExactStats.Repeats> repeats) {
    static JobsPass none(long originNs) {
      return new JobsPass(Counts.none(originNs), Map.of(), Map.of(), Map.of(), Optional.empty());
    }
  }

  private static final int HOP = 0;
  private static final int QUEUE = 1;
  private static final int SERVICE = 2;

  /**
   * One scan of the jobs (planned once, run once per selection pass) for everything the analysis
   * needs from them, each as a family of integer keys: exact hop, queue-delay and service
   * statistics per window; hop and service per time slice; hop in the first and last third of each
   * long plateau (drift); per-second arrivals, claims and completions; completions per window.
   */
  private static JobsPass jobsPass(
      Dataset<Row> jobs,
      Schedule schedule,
      long rows,
      Optional<String> repeatKey,
      ExactStats.PassListener progress) {
    long origin = schedule.t0Ns();
    List<Window> longOnes = new ArrayList<>();
    for (Window w : schedule.windows()) {
      if (w.isPlateau() && w.durationS() >= GateConfig.DRIFT_MIN_PLATEAU_SECONDS) {
        longOnes.add(w);
      }
    }
    // Inputs: 0 enq, 1 claim, 2 done as stored; 3 hop, 4 queue delay and 5 service computed from
    // them as DESIGN.md defines them (and ingest stores them), which saves decoding three columns.
    List<String> inputs = List.of(JobsTable.ENQ_NS, JobsTable.CLAIM_NS, JobsTable.DONE_NS);
    List<ExactStats.Difference> derived =
        List.of(
            new ExactStats.Difference(2, 0),
            new ExactStats.Difference(1, 0),
            new ExactStats.Difference(2, 1));
    List<ExactStats.KeyedFamily> families =
        List.of(
            new ExactStats.KeyedFamily(
                JobKeys.window(0, schedule.windows()), 0, true, HOP, QUEUE, SERVICE),
            new ExactStats.KeyedFamily(
                JobKeys.slice(
                    0,
                    schedule.measureStartNs(),
                    schedule.loadEndNs(),
                    TimeBuckets.bucketNs(schedule)),
                0,
                false,
                HOP,
                SERVICE),
            new ExactStats.KeyedFamily(JobKeys.driftThirds(0, longOnes), 0, false, HOP),
            new ExactStats.KeyedFamily(JobKeys.second(0, origin), 0, true),
            new ExactStats.KeyedFamily(JobKeys.second(1, origin), 1, true),
            new ExactStats.KeyedFamily(JobKeys.second(2, origin), 2, true),
            new ExactStats.KeyedFamily(JobKeys.window(2, schedule.windows()), 2, true));
    ExactStats.Result r =
        ExactStats.runOnColumns(
            jobs,
            inputs,
            derived,
            families,
            new int[] {3, 4, 5},
            // Up to a few passes' worth of hashes the scan's own passes look for repeated corr ids;
            // beyond that (billions of rows) a shuffle of hashes scales where passes would not.
            repeatKey.filter(k -> rows <= IN_PASS_RANGES * ExactStats.hashBudget()),
            rows,
            ExactStats.candidateBudget(),
            "jobs",
            progress);
    long total = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int f = 3; f <= 5; f++) {
      for (var e : r.family(f).entrySet()) {
        long second = (Long) e.getKey();
        min = Math.min(min, second);
        max = Math.max(max, second);
        if (f == 3) {
          total += e.getValue().rows();
        }
      }
    }
    if (total == 0) {
      return new JobsPass(Counts.none(origin), Map.of(), Map.of(), Map.of(), r.repeats());
    }
    int n = Math.toIntExact(max - min + 1);
    long[][] perSecond = new long[3][n];
    for (int f = 3; f <= 5; f++) {
      for (var e : r.family(f).entrySet()) {
        perSecond[f - 3][(int) ((Long) e.getKey() - min)] = e.getValue().rows();
      }
    }
    Map<Integer, Long> doneByWindow = new HashMap<>();
    r.family(6).forEach((k, c) -> doneByWindow.put(Math.toIntExact((Long) k), c.rows()));
    Counts counts =
        new Counts(
            total,
            new Timeline(origin, min, perSecond[0], perSecond[1], perSecond[2]),
            doneByWindow);
    Map<Long, io.hopscope.analytics.core.LatencyStats[]> slices = new HashMap<>();
    r.family(1)
        .forEach(
            (k, c) -> {
              if (c.columns()[HOP] != null) {
                slices.put(
                    (Long) k,
                    new io.hopscope.analytics.core.LatencyStats[] {
                      c.columns()[HOP], c.columns()[SERVICE]
                    });
              }
            });
    Map<Integer, double[]> drift = new HashMap<>();
    Map<Object, io.hopscope.analytics.core.GroupedSelection.Cell> thirds = r.family(2);
    for (Window w : longOnes) {
      var a = thirds.get((long) w.index() * 3);
      var b = thirds.get((long) w.index() * 3 + 2);
      if (a != null && b != null && a.columns()[HOP] != null && b.columns()[HOP] != null) {
        drift.put(w.index(), new double[] {a.columns()[HOP].p95(), b.columns()[HOP].p95()});
      }
    }
    return new JobsPass(counts, SegmentStatsJob.segments(r.family(0)), slices, drift, r.repeats());
  }
}
