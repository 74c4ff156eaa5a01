package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.ingest.valkey.ValkeyTarget;
import io.hopscope.sim.ServiceTimes;
import io.hopscope.sim.SimConfig;
import io.hopscope.sim.SimRun;
import io.hopscope.sim.Simulator;
import io.hopscope.sim.ValkeyLoader;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the CLI against a real server: a simulated run is written to the done stream
 * (beside another run and a broken entry), {@code analyze} drains it, and summary.json must equal
 * an exact computation done here, independently, on the simulated jobs.
 */
class AnalyzeValkeyIT {
  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final String STREAM = "it:perf:done";

  @TempDir static Path dir;

  private static String uri;
  private static SimRun sim;
  private static CliRunner.Result result;
  private static JsonNode summary;

  @BeforeAll
  static void runAnalyze() throws IOException {
    uri = System.getenv("HOPSCOPE_TEST_VALKEY");
    assumeTrue(
        uri != null, "HOPSCOPE_TEST_VALKEY is not set: run through scripts/test to start a server");
    Path specFile = dir.resolve("run.yaml");
    Files.writeString(
        specFile,
        String.join(
            "\n",
            "test_run:",
            "  environment:",
            "    workers: 3",
            "  scenario:",
            "    name: capacity_ramp",
            "    mode: open_loop",
            "    warmup_seconds: 10",
            "    start_ns: " + T0,
            "    stages:",
            "      - rps: 30",
            "        duration_seconds: 40",
            "      - rps: 60",
            "        duration_seconds: 40",
            "      - rps: 90",
            "        duration_seconds: 40",
            "  gates:",
            "    slo_ms_p95_hop: 1000",
            ""));
    RunSpec spec = RunSpecReader.read(specFile);
    ValkeyTarget target = ValkeyTarget.parse(uri);
    RedisClient client = RedisClient.create(target.uri());
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      c.sync().del(STREAM);
    }
    sim =
        Simulator.run(
            new SimConfig(
                "it-run", 9, T0, 10, spec.stages(), 3, ServiceTimes.lognormal(25, 0.6), 0.3));
    SimRun other =
        Simulator.run(
            new SimConfig(
                "it-other", 10, T0, 10, spec.stages(), 2, ServiceTimes.exponential(10), 0.3));
    ValkeyLoader.load(other, target, STREAM);
    ValkeyLoader.load(sim, target, STREAM);
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      c.sync()
          .xadd(STREAM, Map.of("run", "it-run", "enq_ns", "soon", "claim_ns", "1", "done_ns", "2"));
    } finally {
      client.shutdown();
    }
    result =
        CliRunner.run(
            "analyze",
            "--valkey",
            uri,
            "--stream",
            STREAM,
            "--run-id",
            "it-run",
            "--spec",
            specFile.toString(),
            "--warehouse",
            dir.resolve("wh").toString(),
            "--out",
            dir.resolve("out").toString());
    summary = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());
  }

  @BeforeEach
  void needsAServer() {
    assumeTrue(
        uri != null, "HOPSCOPE_TEST_VALKEY is not set: run through scripts/test to start a server");
  }

  @Test
  void exitsZeroAndSaysWhereTheReportIs() {
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("report: " + dir.resolve("out/index.html"));
    assertThat(dir.resolve("out/index.html")).isNotEmptyFile();
    assertThat(dir.resolve("out/charts/envelope.png")).isNotEmptyFile();
  }

  @Test
  void countsTheRunsJobsAndTheRejectedEntry() {
    assertThat(summary.path("run_id").asText()).isEqualTo("it-run");
    assertThat(summary.path("inputs").path("jobs").asLong()).isEqualTo(sim.size());
    assertThat(summary.path("inputs").path("rejected").asLong()).isEqualTo(1);
  }

  @Test
  void plateauPercentilesEqualAnIndependentExactComputation() {
    long s = 1_000_000_000L;
    long[][] windows = {
      {T0 + 10 * s, T0 + 50 * s}, {T0 + 50 * s, T0 + 90 * s}, {T0 + 90 * s, T0 + 130 * s}
    };
    Percentile r7 = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    JsonNode plateaus = summary.path("plateaus");
    assertThat(plateaus).hasSize(3);
    for (int w = 0; w < windows.length; w++) {
      JsonNode p = plateaus.get(w);
      assertThat(p.path("start_ns").asLong()).isEqualTo(windows[w][0]);
      assertThat(p.path("end_ns").asLong()).isEqualTo(windows[w][1]);
      check(p.path("hop_ms"), values(windows[w], i -> sim.doneNs(i) - sim.enqNs(i)), r7);
      check(p.path("queue_delay_ms"), values(windows[w], i -> sim.claimNs(i) - sim.enqNs(i)), r7);
      check(p.path("service_ms"), values(windows[w], i -> sim.doneNs(i) - sim.claimNs(i)), r7);
    }
  }

  private static double[] values(long[] window, java.util.function.IntToLongFunction duration) {
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < sim.size(); i++) {
      if (sim.enqNs(i) >= window[0] && sim.enqNs(i) < window[1]) {
        v.add(duration.applyAsLong(i) / 1e6);
      }
    }
    return v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
  }

  private static void check(JsonNode stats, double[] sorted, Percentile r7) {
    assertThat(stats.path("count").asLong()).isEqualTo(sorted.length);
    String[] keys = {"p50", "p90", "p95", "p99", "p999"};
    double[] levels = {50, 90, 95, 99, 99.9};
    for (int k = 0; k < keys.length; k++) {
      assertThat(relDiff(stats.path(keys[k]).asDouble(), r7.evaluate(sorted, levels[k])))
          .as(keys[k])
          .isLessThan(1e-9);
    }
    double mean = java.util.Arrays.stream(sorted).sum() / sorted.length;
    assertThat(relDiff(stats.path("mean").asDouble(), mean)).isLessThan(1e-9);
    assertThat(stats.path("max").asDouble()).isEqualTo(sorted[sorted.length - 1]);
  }

  private static double relDiff(double a, double b) {
    return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  }
}
