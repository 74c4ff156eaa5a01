package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trend command on a warehouse whose history is known: eight runs of one fingerprint, the last
 * four with 30% slower service; a worker sweep (2, 4, 8 workers) of another workload; and the
 * k6-only sample run for the measured-baseline table, checked against percentiles computed here
 * from the k6 file itself.
 */
class TrendIT {
  private static final long T0 = 1_767_225_600_000_000_000L;
  private static final long DAY = 86_400_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private static String wh;

  private static Path spec(String id, long startNs, String endpoint, int workers, double[] rps)
      throws IOException {
    StringBuilder stages = new StringBuilder();
    for (double r : rps) {
      stages.append(stages.length() == 0 ? "" : ", ");
      stages.append("{rps: ").append(r).append(", duration_seconds: 60}");
    }
    Path f = dir.resolve(id + ".yaml");
    Files.writeString(
        f,
        String.join(
            "\n",
            "test_run:",
            "  system_under_test: {gateway_sha: gw-" + id + ", worker_sha: wk-" + id + "}",
            "  environment: {cluster: ci, workers: " + workers + "}",
            "  workload: {endpoint: '" + endpoint + "'}",
            "  scenario:",
            "    name: nightly",
            "    warmup_seconds: 10",
            "    start_ns: " + startNs,
            "    stages: [" + stages + "]",
            ""));
    return f;
  }

  private static void analyze(
      String id, long startNs, String endpoint, int workers, double[] rps, String serviceMs)
      throws IOException {
    Path s = spec(id, startNs, endpoint, workers, rps);
    Path done = dir.resolve(id + ".ndjson.gz");
    CliRunner.Result sim =
        CliRunner.run(
            "simulate",
            "--run-id",
            id,
            "--spec",
            s.toString(),
            "--service-ms",
            serviceMs,
            "--seed",
            Integer.toString(Math.abs(id.hashCode() % 1000)),
            "--out",
            done.toString());
    assertThat(sim.code()).as(sim.err()).isZero();
    CliRunner.Result a =
        CliRunner.run(
            "analyze",
            "--run-id",
            id,
            "--spec",
            s.toString(),
            "--done-file",
            done.toString(),
            "--warehouse",
            wh,
            "--out",
            dir.resolve("out-" + id).toString());
    assertThat(a.code()).as(a.err()).isIn(0, 1);
  }

  @BeforeAll
  static void history() throws IOException {
    wh = dir.resolve("wh").toString();
    for (int i = 0; i < 8; i++) {
      analyze("h" + i, T0 + i * DAY, "/hop", 4, new double[] {60, 100}, i < 4 ? "20" : "26");
    }
    int day = 10;
    for (int workers : new int[] {2, 4, 8}) {
      double c = workers * 50.0;
      analyze(
          "w" + workers,
          T0 + day++ * DAY,
          "/sweep",
          workers,
          new double[] {0.6 * c, 0.9 * c, 1.2 * c},
          "20");
    }
  }

  @Test
  void historyShowsTheShiftTheRegressionAndTheScalingCurve() throws IOException {
    Path out = dir.resolve("trend");
    CliRunner.Result r =
        CliRunner.run(
            "trend",
            "--scenario",
            "nightly",
            "--warehouse",
            wh,
            "--out",
            out.toString(),
            "--baseline",
            "h3",
            "--target-rps",
            "500");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("trend.html");
    JsonNode t = JSON.readTree(out.resolve("trend.json").toFile());
    assertThat(t.path("scenario").asText()).isEqualTo("nightly");
    JsonNode history = null;
    for (JsonNode g : t.path("fingerprints")) {
      if (g.path("runs").size() == 8) {
        history = g;
      }
    }
    assertThat(history).as("the 8-run fingerprint").isNotNull();
    assertThat(history.path("baseline_run").asText()).isEqualTo("h3");
    assertThat(history.path("current_run").asText()).isEqualTo("h7");
    JsonNode p95 = series(history, "p95_ms@60");
    assertThat(p95.path("change_points")).hasSize(1);
    assertThat(p95.path("change_points").get(0).path("run_id").asText()).isEqualTo("h4");
    assertThat(p95.path("change_points").get(0).path("relative_change").asDouble())
        .isGreaterThan(0.15);
    assertThat(verdict(history, "p95_ms@60")).isEqualTo("regression");
    assertThat(verdict(history, "capacity_per_worker_rps")).isEqualTo("regression");

    JsonNode scaling = t.path("scaling");
    assertThat(scaling).hasSize(1);
    JsonNode pts = scaling.get(0).path("points");
    assertThat(pts).hasSize(3);
    for (JsonNode p : pts) {
      double n = p.path("workers").asDouble();
      assertThat(p.path("throughput_rps").asDouble()).isCloseTo(50 * n, within(50 * n * 0.1));
    }
    JsonNode usl = scaling.get(0).path("usl");
    assertThat(usl.path("lambda_rps").asDouble()).isCloseTo(50, within(6.0));
    assertThat(scaling.get(0).path("replicas").get(0).path("usl_workers").asInt())
        .isBetween(10, 12);

    String md = Files.readString(out.resolve("baseline-current.md"));
    assertThat(md).contains("| Metric | Baseline | Current | Change | Verdict |");
    assertThat(md).contains("regression");
    String csv = Files.readString(out.resolve("trend.csv"));
    assertThat(csv.lines().findFirst().orElseThrow()).startsWith("fingerprint,run_id,t0_ns");
    String html = Files.readString(out.resolve("trend.html"));
    assertThat(html).contains("Change points").contains("Scaling across workers");
    // Change points name their unit as trend.json does ("ms", "rps"), never an enum's name.
    assertThat(html)
        .containsPattern("shifted [^<]* ms\\)")
        .doesNotContainPattern(" (MS|RPS|RATIO)\\)");
    assertThat(html).doesNotContain("src=\"http").doesNotContain("<script");
    assertThat(out.resolve("charts")).isDirectoryContaining("glob:**.png");
    assertThat(out.resolve("charts")).isDirectoryContaining("glob:**.svg");

    // --since leaves the older runs out.
    CliRunner.Result since =
        CliRunner.run(
            "trend",
            "--scenario",
            "nightly",
            "--since",
            "2026-01-09",
            "--warehouse",
            wh,
            "--out",
            dir.resolve("trend-since").toString());
    assertThat(since.code()).as(since.err()).isZero();
    JsonNode ts = JSON.readTree(dir.resolve("trend-since/trend.json").toFile());
    int runs = 0;
    for (JsonNode g : ts.path("fingerprints")) {
      runs += g.path("runs").size();
    }
    assertThat(runs).isEqualTo(3); // the sweep, days 10-12
  }

  @Test
  void unknownScenarioAndBadDatesAreUsageErrors() {
    CliRunner.Result r =
        CliRunner.run(
            "trend", "--scenario", "nope", "--warehouse", wh, "--out", dir.resolve("x").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("nightly");
    CliRunner.Result d =
        CliRunner.run("trend", "--scenario", "nightly", "--since", "last week", "--warehouse", wh);
    assertThat(d.code()).isEqualTo(2);
    assertThat(d.err()).contains("--since");
  }

  @Test
  void measuredBaselinesOfAK6OnlyRunMatchTheK6File() throws IOException {
    Path sample = TestPaths.sampleData().resolve("k6-only-sim");
    CliRunner.Result a =
        CliRunner.run(
            "analyze",
            "--run-id",
            "k6run",
            "--spec",
            sample.resolve("run.yaml").toString(),
            "--k6",
            sample.resolve("k6-results.json.gz").toString(),
            "--warehouse",
            wh,
            "--out",
            dir.resolve("out-k6").toString());
    assertThat(a.code()).as(a.err()).isIn(0, 1);
    Path out = dir.resolve("trend-k6");
    CliRunner.Result r =
        CliRunner.run(
            "trend", "--scenario", "k6_capacity_ramp", "--warehouse", wh, "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();

    Map<String, List<Double>> byScenario = new HashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(sample.resolve("k6-results.json.gz"))),
                StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode n = JSON.readTree(line);
        if (n.path("type").asText().equals("Point")
            && n.path("metric").asText().equals("http_req_duration")) {
          String sc = n.path("data").path("tags").path("scenario").asText("");
          byScenario
              .computeIfAbsent(sc, k -> new ArrayList<>())
              .add(n.path("data").path("value").asDouble());
          byScenario
              .computeIfAbsent("(all)", k -> new ArrayList<>())
              .add(n.path("data").path("value").asDouble());
        }
      }
    }
    List<String> rows = Files.readAllLines(out.resolve("measured-baseline.csv"));
    assertThat(rows.get(0))
        .isEqualTo("run_id,start,commit,metric,scenario,count,p50_ms,p95_ms,p99_ms,error_rate");
    int checked = 0;
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",", -1);
      if (!f[3].equals("http_req_duration")) {
        continue;
      }
      double[] v =
          byScenario.get(f[4]).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      assertThat(Long.parseLong(f[5])).isEqualTo(v.length);
      assertThat(Double.parseDouble(f[6])).isCloseTo(quantile(v, 0.50), within(1e-6));
      assertThat(Double.parseDouble(f[7])).isCloseTo(quantile(v, 0.95), within(1e-6));
      assertThat(Double.parseDouble(f[8])).isCloseTo(quantile(v, 0.99), within(1e-6));
      assertThat(f[2]).isEqualTo("synthetic");
      checked++;
    }
    assertThat(checked).isEqualTo(byScenario.size());
    assertThat(Files.readString(out.resolve("measured-baseline.md")))
        .contains(
            "| Scenario | Metric | p50 (ms) | p95 (ms) | p99 (ms) | Requests | Date | Commit |")
        .contains("| k6_capacity_ramp | http_req_duration |");
  }

  /** Linear interpolation between closest ranks (DESIGN.md), computed here independently. */
  private static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = (int) Math.ceil(h);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static JsonNode series(JsonNode group, String key) {
    for (JsonNode s : group.path("series")) {
      if (s.path("key").asText().equals(key)) {
        return s;
      }
    }
    throw new AssertionError("no series " + key + " in " + group.path("series"));
  }

  private static String verdict(JsonNode group, String key) {
    for (JsonNode c : group.path("vs_baseline")) {
      if (c.path("key").asText().equals(key)) {
        return c.path("verdict").asText();
      }
    }
    throw new AssertionError(
        "no comparison " + key + " in " + Arrays.toString(new Object[] {group}));
  }
}
