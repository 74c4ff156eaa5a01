package io.hopscope.analytics.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.analytics.core.RunFacts;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.Window;
import io.hopscope.analytics.core.WindowAggregate;
import io.hopscope.ingest.IngestRequest;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.RunIngest;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.ingest.warehouse.Warehouse;
import io.hopscope.sim.DoneFileWriter;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.SimRun;
import io.hopscope.sim.Simulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract test: a run written by ingest is read by the Spark scan, and its per-window numbers
 * equal an independent computation (Commons Math R-7 percentiles) on the simulated jobs.
 */
class RunScanSparkTest {
  private static final long T0 = 1_767_225_600_000_000_000L;

  @TempDir static Path dir;

  private static SimRun sim;
  private static RunScan.Scanned scanned;

  @BeforeAll
  static void ingestAndScan() {
    RunSpec spec =
        RunSpecReader.parse(
            "inline",
            new ObjectMapper()
                .valueToTree(
                    Map.of(
                        "test_run",
                        Map.of(
                            "scenario",
                            Map.of(
                                "name",
                                "capacity_ramp",
                                "warmup_seconds",
                                10,
                                "start_ns",
                                T0,
                                "stages",
                                List.of(
                                    Map.of("rps", 40, "duration_seconds", 30),
                                    Map.of("start_rps", 40, "end_rps", 80, "duration_seconds", 20),
                                    Map.of("rps", 80, "duration_seconds", 30)))))));
    sim =
        Simulator.run(
            new SimConfig(
                "scan-1", 5, T0, 10, spec.stages(), 3, ServiceTimes.lognormal(30, 0.7), 0.2));
    Path file = dir.resolve("done.ndjson.gz");
    DoneFileWriter.write(sim, file);
    Warehouse wh =
        new Warehouse(dir.resolve("wh").toString(), new org.apache.hadoop.conf.Configuration());
    new RunIngest(wh, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "test")
        .ingest(
            IngestRequest.single(
                new RunId("scan-1"),
                spec,
                Optional.empty(),
                IngestRequest.DEFAULT_STREAM,
                List.of(file)));
    scanned =
        new RunScan(SparkTestSession.get(), wh)
            .scan(new RunId("scan-1"), Optional.empty(), List.of("w"));
  }

  @Test
  void specRoundTripsThroughTheManifest() {
    assertThat(scanned.spec().stages()).hasSize(3);
    assertThat(scanned.spec().startNs()).hasValue(T0);
    assertThat(scanned.facts().warnings()).containsExactly("w");
    assertThat(scanned.facts().inputs().jobs()).isEqualTo(sim.size());
  }

  @Test
  void perWindowStatisticsEqualAnIndependentComputation() {
    RunFacts f = scanned.facts();
    Schedule s = f.schedule();
    assertThat(s.windows())
        .extracting(Window::kind)
        .containsExactly(Window.Kind.PLATEAU, Window.Kind.RAMP, Window.Kind.PLATEAU);
    Percentile r7 = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    double[] levels = {50, 90, 95, 99, 99.9};
    for (Window w : s.windows()) {
      List<Double> hop = new ArrayList<>();
      List<Double> queue = new ArrayList<>();
      long completions = 0;
      for (int i = 0; i < sim.size(); i++) {
        if (w.contains(sim.enqNs(i))) {
          hop.add((sim.doneNs(i) - sim.enqNs(i)) / 1e6);
          queue.add((sim.claimNs(i) - sim.enqNs(i)) / 1e6);
        }
        if (w.contains(sim.doneNs(i))) {
          completions++;
        }
      }
      WindowAggregate a = f.windows().get(w.index());
      assertThat(a.jobs()).isEqualTo(hop.size());
      assertThat(a.completions()).isEqualTo(completions);
      double[] h = hop.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double[] q = queue.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double[] mineH = {a.hop().p50(), a.hop().p90(), a.hop().p95(), a.hop().p99(), a.hop().p999()};
      double[] mineQ = {
        a.queueDelay().p50(),
        a.queueDelay().p90(),
        a.queueDelay().p95(),
        a.queueDelay().p99(),
        a.queueDelay().p999()
      };
      for (int i = 0; i < levels.length; i++) {
        assertThat(SegmentStatsJobSparkTest.relDiff(mineH[i], r7.evaluate(h, levels[i])))
            .isLessThan(1e-9);
        assertThat(SegmentStatsJobSparkTest.relDiff(mineQ[i], r7.evaluate(q, levels[i])))
            .isLessThan(1e-9);
      }
      assertThat(
              SegmentStatsJobSparkTest.relDiff(
                  a.hop().mean(), Arrays.stream(h).average().orElseThrow()))
          .isLessThan(1e-9);
      assertThat(a.hop().max()).isEqualTo(h[h.length - 1]);
    }
  }

  @Test
  void timelineCountsEveryJobOnce() {
    var t = scanned.facts().timeline();
    assertThat(Arrays.stream(t.arrivals()).sum()).isEqualTo(sim.size());
    assertThat(Arrays.stream(t.claims()).sum()).isEqualTo(sim.size());
    assertThat(Arrays.stream(t.completions()).sum()).isEqualTo(sim.size());
    // Every job is claimed by the end: the reconstructed queue is empty again.
    var depth = t.queueDepth();
    assertThat(depth.at(depth.lastSecond())).isZero();
    // The depth at a boundary equals a direct count over the jobs.
    long boundary = T0 + 45_000_000_000L;
    long expected = 0;
    for (int i = 0; i < sim.size(); i++) {
      if (sim.enqNs(i) < boundary && sim.claimNs(i) >= boundary) {
        expected++;
      }
    }
    assertThat(depth.at(45)).isEqualTo(expected);
  }

  @Test
  void storedColumnsKeyedInJavaEqualSparkExpressionsOnRows() {
    Warehouse wh =
        new Warehouse(dir.resolve("wh").toString(), new org.apache.hadoop.conf.Configuration());
    var jobs =
        WarehouseTables.read(
            SparkTestSession.get(),
            wh,
            WarehouseTables.ingested(wh, new RunId("scan-1")),
            io.hopscope.ingest.warehouse.JobsTable.TABLE);
    long third = 30_000_000_000L;
    long origin = T0 + 10_000_000_000L;
    ExactStats.Result java =
        ExactStats.runOnColumns(
            jobs,
            // service_ns computed as done_ns - claim_ns (input 3), not read
            List.of("enq_ns", "claim_ns", "done_ns"),
            List.of(new ExactStats.Difference(2, 1)),
            List.of(
                new ExactStats.KeyedFamily(
                    JobKeys.ranges(
                        0,
                        new long[] {origin, origin + third},
                        new long[] {origin + third, origin + 2 * third},
                        new long[] {0, 1}),
                    0,
                    true,
                    0),
                new ExactStats.KeyedFamily(JobKeys.second(0, origin), 0, true)),
            new int[] {3},
            Optional.of("corr_id"),
            jobs.count(),
            64,
            "jobs",
            ExactStats.PassListener.NONE);
    assertThat(java.batches()).as("read as columnar batches").isTrue();
    org.apache.spark.sql.Column enq = org.apache.spark.sql.functions.col("enq_ns");
    ExactStats.Result spark =
        ExactStats.run(
            jobs,
            List.of(
                new ExactStats.Family(
                    org.apache
                        .spark
                        .sql
                        .functions
                        .when(enq.geq(origin).and(enq.lt(origin + third)), 0)
                        .when(enq.geq(origin + third).and(enq.lt(origin + 2 * third)), 1),
                    0),
                new ExactStats.Family(
                    org.apache.spark.sql.functions.floor(enq.minus(origin).divide(1_000_000_000L)),
                    new int[0])),
            List.of(org.apache.spark.sql.functions.col("service_ns")),
            Optional.of(
                new ExactStats.RepeatCheck(org.apache.spark.sql.functions.col("corr_id"), 100)),
            64);
    assertThat(spark.batches()).isFalse();
    for (int f = 0; f < 2; f++) {
      var a = java.family(f);
      var b = spark.family(f);
      assertThat(a.keySet()).isEqualTo(b.keySet()).hasSizeGreaterThanOrEqualTo(2);
      a.forEach(
          (k, cell) -> {
            assertThat(cell.rows()).isEqualTo(b.get(k).rows());
            assertThat(cell.columns()).containsExactly(b.get(k).columns());
          });
    }
    assertThat(java.repeats()).isEqualTo(spark.repeats());
  }

  @Test
  void repeatedCorrIdsAreFoundWhetherTheIngestCountedThemOrNot() throws java.io.IOException {
    assertThat(scanned.facts().warnings()).noneMatch(w -> w.contains("corr ids occur"));
    // The same run with one job completed three times (redelivered twice, XAUTOCLAIM).
    Path file = dir.resolve("done.ndjson.gz");
    List<String> lines = new java.util.ArrayList<>();
    try (var in =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                new java.util.zip.GZIPInputStream(java.nio.file.Files.newInputStream(file)),
                java.nio.charset.StandardCharsets.UTF_8))) {
      in.lines().forEach(lines::add);
    }
    String job = lines.get(1);
    String fields = job.substring(job.indexOf("\"fields\""));
    String last = lines.get(lines.size() - 1);
    long ms = Long.parseLong(last.substring(7, last.indexOf('-', 7)));
    lines.add("{\"id\":\"" + (ms + 1) + "-0\"," + fields);
    lines.add("{\"id\":\"" + (ms + 2) + "-0\"," + fields);
    Path dup = dir.resolve("dup.ndjson");
    java.nio.file.Files.write(dup, lines);
    Warehouse wh =
        new Warehouse(dir.resolve("wh").toString(), new org.apache.hadoop.conf.Configuration());
    RunSpec spec = scanned.spec();
    new RunIngest(wh, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "test")
        .ingest(
            IngestRequest.single(
                new RunId("scan-1"),
                spec,
                Optional.empty(),
                IngestRequest.DEFAULT_STREAM,
                List.of(dup)));
    // Ingested with corr_hash: the repeat check reads it, not the id strings.
    assertThat(
            io.hopscope.ingest.warehouse.TableReader.written(
                wh,
                WarehouseTables.ingested(wh, new RunId("scan-1")),
                io.hopscope.ingest.warehouse.JobsTable.TABLE,
                io.hopscope.ingest.warehouse.JobsTable.CORR_HASH))
        .isTrue();
    // Another run written since (the jobs table's snapshots move on).
    Path other = dir.resolve("other.ndjson.gz");
    DoneFileWriter.write(
        Simulator.run(
            new SimConfig(
                "scan-2", 6, T0, 10, spec.stages(), 3, ServiceTimes.lognormal(30, 0.7), 0.2)),
        other);
    new RunIngest(wh, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), "test")
        .ingest(
            IngestRequest.single(
                new RunId("scan-2"),
                spec,
                Optional.empty(),
                IngestRequest.DEFAULT_STREAM,
                List.of(other)));
    // The ingest counted the repeats as it wrote the jobs, into the file's footer.
    RunScan.Ingested ingested = RunScan.ingested(wh, new RunId("scan-1"));
    assertThat(ingested.corrRepeats())
        .contains(new io.hopscope.ingest.warehouse.KeyRepeats.Found(sim.size() + 2L, 1, 2, 3));
    RunScan.Scanned again =
        new RunScan(SparkTestSession.get(), wh)
            .scan(ingested, Optional.empty(), Optional.empty(), List.of());
    // A run whose ingest recorded no count (written before it existed, or beyond its memory
    // budget): the scan's passes look for them on corr_hash.
    RunScan.Ingested uncounted =
        new RunScan.Ingested(
            ingested.version(),
            ingested.manifest(),
            ingested.jobRows(),
            ingested.k6Points(),
            ingested.promSamples(),
            ingested.rejected(),
            ingested.corrHashed(),
            Optional.empty(),
            ingested.summary());
    RunScan.Scanned scannedForThem =
        new RunScan(SparkTestSession.get(), wh)
            .scan(uncounted, Optional.empty(), Optional.empty(), List.of());
    for (RunScan.Scanned s : List.of(again, scannedForThem)) {
      assertThat(s.facts().warnings())
          .anySatisfy(
              w ->
                  assertThat(w)
                      .startsWith("1 corr ids occur on more than one completed job")
                      .contains("2 extra completions, up to 3 of one"));
    }
    assertThat(scannedForThem.facts().windows()).isEqualTo(again.facts().windows());
  }

  @Test
  void duplicateCorrIdsAreCountedAndNamed() {
    org.apache.spark.sql.types.StructType schema =
        new org.apache.spark.sql.types.StructType()
            .add(io.hopscope.ingest.warehouse.JobsTable.CORR_ID, "string", true);
    List<org.apache.spark.sql.Row> rows = new java.util.ArrayList<>();
    for (String c : new String[] {"a", "a", "a", "b", "b", "c", null, null}) {
      rows.add(org.apache.spark.sql.RowFactory.create(c));
    }
    var jobs = SparkTestSession.get().createDataFrame(rows, schema);
    assertThat(RunScan.duplicateCorrIds(jobs))
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .startsWith("2 corr ids occur on more than one completed job")
                    .contains("3 extra completions, up to 3 of one; e.g. a ×3, b ×2"));
    assertThat(RunScan.duplicateCorrIds(jobs.where("corr_id = 'c'"))).isEmpty();
    // Billions of rows: the shuffle of hashes that replaces the in-pass check.
    String byId = io.hopscope.ingest.warehouse.JobsTable.CORR_ID;
    assertThat(RunScan.repeatedHashes(jobs, byId)).isEqualTo(2);
    assertThat(RunScan.repeatedHashes(jobs.where("corr_id = 'c'"), byId)).isZero();
  }

  @Test
  void theStoredCorrHashIsSparksXxhash64OfTheId() {
    List<String> ids =
        List.of("a", "job-000123", "ünïcödé-✓", "", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    for (String id : ids) {
      byte[] b = id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      long spark =
          SparkTestSession.get()
              .range(1)
              .select(
                  org.apache.spark.sql.functions.xxhash64(org.apache.spark.sql.functions.lit(id)))
              .first()
              .getLong(0);
      assertThat(io.hopscope.ingest.warehouse.JobsTable.corrHash(b, 0, b.length))
          .as(id)
          .isEqualTo(spark);
    }
  }
}
