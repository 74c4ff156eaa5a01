package io.hopscope.analytics.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.analytics.core.GateResult;
import io.hopscope.analytics.core.HttpWindow;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RouteStats;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.RunAnalyzer;
import io.hopscope.analytics.core.Telemetry;
import io.hopscope.ingest.RunId;
import io.hopscope.ingest.k6.K6Point;
import io.hopscope.ingest.prom.PromSample;
import io.hopscope.ingest.warehouse.RunManifest;
import io.hopscope.ingest.warehouse.RunWrite;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.TableWriter;
import io.hopscope.ingest.warehouse.Warehouse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A k6-only run (no done stream) written to the warehouse as k6 would have produced it, scanned and
 * analysed: per-plateau HTTP percentiles equal an exact computation, and counts, errors, offered
 * load and dropped iterations come out right.
 */
class K6ScanSparkTest {
  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final long S = 1_000_000_000L;

  @TempDir static Path dir;

  /** Expected: window → http_req_duration values (ms); window × route → values. */
  private static final Map<Integer, List<Double>> DURATIONS = new HashMap<>();

  private static final Map<String, List<Double>> ROUTE_DURATIONS = new HashMap<>();
  private static final long[] FAILED = new long[2];
  private static final long[] REQUESTS = new long[2];
  private static final long[] DROPPED = {0, 37};
  private static RunAnalysis analysis;

  @BeforeAll
  static void writeAndAnalyse() throws Exception {
    Warehouse wh =
        new Warehouse(dir.resolve("wh").toString(), new org.apache.hadoop.conf.Configuration());
    Random rnd = new Random(3);
    try (RunWrite w = wh.beginRun(new RunId("k6-only"), RunsTable.FAMILY)) {
      TableWriter<K6Point> points = w.open(io.hopscope.ingest.k6.K6Rows.POINTS);
      // Setup request before t0: belongs to no window.
      points.write(
          point(
              "http_req_duration",
              T0 - S,
              12.5,
              Map.of("group", "::setup", "status", "200", "name", "/login")));
      int[] rps = {20, 40};
      for (int win = 0; win < 2; win++) {
        long start = T0 + 5 * S + win * 30 * S;
        for (int i = 0; i < rps[win] * 30; i++) {
          long ts = start + (long) (i * (1e9 / rps[win])) + 1000;
          String route = i % 3 == 0 ? "/jobs/{id}" : "/hop";
          double ms =
              Math.round(
                      Math.exp(rnd.nextGaussian() * 0.5) * (route.equals("/hop") ? 20 : 35) * 1e6)
                  / 1e6;
          boolean networkError = i % 97 == 5;
          boolean serverError = !networkError && i % 41 == 7;
          String status = networkError ? "0" : serverError ? "503" : "202";
          Map<String, String> tags = new HashMap<>();
          tags.put("scenario", "ramp");
          tags.put("name", route);
          tags.put("method", "POST");
          tags.put("status", status);
          tags.put("expected_response", Boolean.toString(!networkError && !serverError));
          if (networkError) {
            tags.put("error_code", "1211");
            // A port per connection: one kind once digits are masked.
            tags.put("error", "dial tcp 127.0.0.1:" + (40000 + i) + ": i/o timeout");
          } else if (serverError) {
            tags.put("error", "upstream " + (char) ('a' + i % 7) + " unavailable");
          }
          points.write(point("http_req_duration", ts, ms, tags));
          points.write(point("http_reqs", ts, 1, tags));
          points.write(point("http_req_failed", ts, networkError || serverError ? 1 : 0, tags));
          points.write(point("iterations", ts, 1, Map.of("scenario", "ramp")));
          DURATIONS.computeIfAbsent(win, k -> new ArrayList<>()).add(ms);
          ROUTE_DURATIONS.computeIfAbsent(win + route, k -> new ArrayList<>()).add(ms);
          REQUESTS[win]++;
          FAILED[win] += networkError || serverError ? 1 : 0;
        }
        for (int d = 0; d < DROPPED[win]; d++) {
          points.write(
              point("dropped_iterations", start + d * 1000L, 1, Map.of("scenario", "ramp")));
        }
        points.write(point("vus", start + S, win == 1 ? 50 : 10, Map.of()));
        points.write(point("vus_max", start + S, 50, Map.of()));
      }
      // Prometheus: a gauge, a counter at 0.5/s, and a histogram whose buckets grow per window.
      TableWriter<PromSample> prom = w.open(io.hopscope.ingest.prom.PromRows.SAMPLES);
      for (int sec = 0; sec < 70; sec += 5) {
        long ts = T0 + sec * S;
        prom.write(
            new PromSample("queue_depth", Map.of("job", "w"), ts, sec < 35 ? 2 : 8, "depth"));
        prom.write(
            new PromSample(
                "process_cpu_seconds_total", Map.of("job", "w"), ts, 100 + sec * 0.5, "cpu"));
        // 10 observations per 5 s: 6 <= 1 ms, 3 in (1, 5] ms, 1 above.
        double k = sec / 5.0;
        prom.write(
            new PromSample(
                "gateway_enqueue_seconds_bucket",
                Map.of("job", "gw", "le", "0.001"),
                ts,
                6 * k,
                "enq"));
        prom.write(
            new PromSample(
                "gateway_enqueue_seconds_bucket",
                Map.of("job", "gw", "le", "0.005"),
                ts,
                9 * k,
                "enq"));
        prom.write(
            new PromSample(
                "gateway_enqueue_seconds_bucket",
                Map.of("job", "gw", "le", "+Inf"),
                ts,
                10 * k,
                "enq"));
      }
      String spec =
          new ObjectMapper()
              .writeValueAsString(
                  Map.of(
                      "scenario",
                      Map.of(
                          "name",
                          "k6_ramp",
                          "warmup_seconds",
                          5,
                          "start_ns",
                          T0,
                          "stages",
                          List.of(
                              Map.of("rps", 20, "duration_seconds", 30),
                              Map.of("rps", 40, "duration_seconds", 30))),
                      "gates",
                      Map.of("slo_ms_p95_hop", 60, "max_error_rate", 0.05)));
      RunManifest m =
          new RunManifest("k6-only", "k6_ramp", T0, T0 + 70 * S, spec, "[]", 0, "test", null, null);
      w.commit(RunsTable.TABLE, c -> m.committedAs(c.writeId(), c.snapshots()));
    }
    RunScan.Scanned scanned =
        new RunScan(SparkTestSession.get(), wh)
            .scan(new RunId("k6-only"), Optional.empty(), List.of());
    analysis = RunAnalyzer.analyze(scanned.facts());
  }

  private static K6Point point(String metric, long ts, double value, Map<String, String> tags) {
    return new K6Point(metric, null, ts, value, tags, Map.of());
  }

  @Test
  void perPlateauHttpPercentilesAreExact() {
    Percentile r7 = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    for (int w = 0; w < 2; w++) {
      PlateauResult p = analysis.plateaus().get(w);
      double[] v = DURATIONS.get(w).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      assertThat(p.http().duration().count()).isEqualTo(v.length);
      assertThat(SegmentStatsJobSparkTest.relDiff(p.http().duration().p95(), r7.evaluate(v, 95)))
          .isLessThan(1e-9);
      assertThat(SegmentStatsJobSparkTest.relDiff(p.http().duration().p99(), r7.evaluate(v, 99)))
          .isLessThan(1e-9);
      for (RouteStats r : p.http().routes()) {
        double[] rv =
            ROUTE_DURATIONS.get(w + r.name()).stream()
                .mapToDouble(Double::doubleValue)
                .sorted()
                .toArray();
        assertThat(r.scenario()).isEqualTo("ramp");
        assertThat(r.requests()).isEqualTo(rv.length);
        assertThat(SegmentStatsJobSparkTest.relDiff(r.duration().p50(), r7.evaluate(rv, 50)))
            .isLessThan(1e-9);
      }
      assertThat(p.http().routes())
          .extracting(RouteStats::name)
          .containsExactly("/hop", "/jobs/{id}");
    }
  }

  @Test
  void countsErrorsAndOfferedLoadComeFromK6() {
    for (int w = 0; w < 2; w++) {
      HttpWindow h = analysis.plateaus().get(w).http();
      assertThat(h.requests()).isEqualTo(REQUESTS[w]);
      assertThat(h.failed()).isEqualTo(FAILED[w]);
      assertThat(analysis.plateaus().get(w).errorRate())
          .isEqualTo((double) FAILED[w] / REQUESTS[w]);
      assertThat(h.dropped()).isEqualTo(DROPPED[w]);
      assertThat(h.byStatus()).containsKeys("202", "503", "0");
      assertThat(h.byErrorCode()).containsOnlyKeys("1211");
      assertThat(analysis.plateaus().get(w).offeredRps())
          .isEqualTo((REQUESTS[w] + DROPPED[w]) / 30.0);
    }
    // Failure kinds per route: the masked network errors are one kind, seven 503 messages are
    // too many and the rarest are summed; the kinds add up to the route's failures.
    io.hopscope.analytics.core.RouteStats hop =
        analysis.plateaus().get(1).http().routes().stream()
            .filter(r -> r.name().equals("/hop"))
            .findFirst()
            .orElseThrow();
    assertThat(hop.failures()).hasSize(io.hopscope.analytics.core.RouteStats.MAX_FAILURE_KINDS + 1);
    assertThat(hop.failures().stream().mapToLong(f -> f.count()).sum()).isEqualTo(hop.failed());
    assertThat(hop.failures())
        .filteredOn(f -> f.errorCode().equals("1211"))
        .singleElement()
        .satisfies(
            f -> assertThat(f.message()).matches("dial tcp 127\\.0\\.0\\.1:4\\d+: i/o timeout"));
    assertThat(hop.failures()).anyMatch(f -> f.message().matches("\\(\\d+ other kinds\\)"));
    assertThat(analysis.inputs().jobs()).isZero();
    assertThat(analysis.drain()).isEmpty();
    assertThat(analysis.plateaus().get(0).depth()).isNull();
  }

  @Test
  void prometheusTelemetryPerPlateau() {
    assertThat(analysis.inputs().promSamples()).isEqualTo(14 * 5);
    Telemetry t = analysis.plateaus().get(0).telemetry();
    Telemetry.SeriesStat depth =
        t.series().stream().filter(s -> s.metric().equals("queue_depth")).findFirst().orElseThrow();
    assertThat(depth.series()).isEqualTo("queue_depth{job=\"w\"}");
    assertThat(depth.mean()).isEqualTo(2.0);
    assertThat(depth.counter()).isFalse();
    Telemetry.SeriesStat cpu =
        t.series().stream().filter(s -> s.counter()).findFirst().orElseThrow();
    assertThat(cpu.ratePerS()).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
    Telemetry.HistogramStat enq = t.histograms().get(0);
    assertThat(enq.series()).isEqualTo("gateway_enqueue_seconds{job=\"gw\"}");
    // Window 0 holds samples at 5..30 s: increases 30 (le 1 ms), 45 (5 ms), 50 (+Inf).
    // p95: rank 47.5 falls in the +Inf bucket -> the highest finite bound, 5 ms.
    assertThat(enq.count()).isEqualTo(50);
    assertThat(enq.p95().value()).isEqualTo(0.005);
    // p50: rank 25 in (0, 1 ms]: 0.001 * 25/30.
    assertThat(enq.p50().value())
        .isCloseTo(0.001 * 25 / 30, org.assertj.core.api.Assertions.within(1e-12));
    assertThat(analysis.plateaus().get(1).telemetry().series())
        .filteredOn(s -> s.metric().equals("queue_depth"))
        .singleElement()
        .satisfies(s -> assertThat(s.mean()).isEqualTo(8.0));
  }

  @Test
  void gatesAndWarningsUseTheK6Data() {
    assertThat(analysis.gates().results())
        .extracting(GateResult::name)
        .containsExactlyInAnyOrder("max_error_rate", "slo_ms_p95_hop");
    assertThat(analysis.gates().notEvaluated())
        .anyMatch(s -> s.gate().equals("backlog_must_drain_seconds"));
    // What k6's own data says about the run's schedule is a schedule warning.
    assertThat(analysis.warnings())
        .anyMatch(
            w ->
                w.kind() == io.hopscope.analytics.core.Warning.Kind.SCHEDULE
                    && w.text().contains("k6 dropped 37 iterations"))
        .anyMatch(
            w ->
                w.kind() == io.hopscope.analytics.core.Warning.Kind.SCHEDULE
                    && w.text().contains("VU limit (50 VUs)"));
  }
}
