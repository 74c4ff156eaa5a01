package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, in-process: the bundled sample run analysed on embedded defaults. */
class DemoIT {
  @TempDir Path dir;

  @Test
  void demoAnalysesTheSampleRun() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            Map.of("HOPSCOPE_HOME", TestPaths.project().toString()),
            "demo",
            "--out",
            dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    Path run = dir.resolve("capacity-ramp-sim");
    assertThat(r.out()).contains("capacity-ramp-sim: gates passed -> " + run.resolve("index.html"));
    JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
    assertThat(s.path("inputs").path("jobs").asLong()).isEqualTo(26_341);
    assertThat(s.path("plateaus")).hasSize(7);
    // 2 workers x 1 / 50 ms = 40 rps: the knee is the plateau that first exceeds it (42 rps) or
    // the one before (36 rps).
    assertThat(s.path("knee").path("plateau_index").asInt()).isBetween(4, 5);
    assertThat(s.path("sizing").path("capacity_per_worker_rps").asDouble()).isBetween(19.0, 21.0);
    assertThat(s.path("drain").path("drain_seconds").isNumber()).isTrue();
    assertThat(s.path("gates_passed").asBoolean()).isTrue();

    // The k6-only sample: no jobs, per-plateau k6 percentiles, a latency knee, a failed gate.
    Path k6 = dir.resolve("k6-only-sim");
    assertThat(r.out()).contains("k6-only-sim: a gate failed -> " + k6.resolve("index.html"));
    JsonNode k = new ObjectMapper().readTree(k6.resolve("summary.json").toFile());
    assertThat(k.path("inputs").path("jobs").asLong()).isZero();
    assertThat(k.path("inputs").path("k6_points").asLong()).isPositive();
    assertThat(k.path("plateaus"))
        .hasSize(7)
        .allSatisfy(p -> assertThat(p.path("http_ms").path("p95").isNumber()).isTrue());
    assertThat(k.path("knee").path("signals").get(0).asText()).isEqualTo("kneedle");
    assertThat(k.path("gates_passed").asBoolean()).isFalse();

    // The synthetic nightly history: the 6th build is 25% slower, the trend page says where.
    Path trend = dir.resolve("trend-nightly_demo");
    assertThat(r.out())
        .contains("trend of nightly_demo")
        .contains(trend.resolve("trend.html").toString());
    JsonNode t = new ObjectMapper().readTree(trend.resolve("trend.json").toFile());
    JsonNode nightly = t.path("fingerprints").get(0);
    assertThat(nightly.path("runs")).hasSize(8);
    boolean shiftAtSixth = false;
    for (JsonNode series : nightly.path("series")) {
      if (series.path("key").asText().equals("capacity_per_worker_rps")) {
        shiftAtSixth =
            series.path("change_points").size() == 1
                && series.path("change_points").get(0).path("run_id").asText().equals("nightly-06");
      }
    }
    assertThat(shiftAtSixth).as("capacity per worker shifts at nightly-06").isTrue();
    assertThat(t.path("scaling").get(0).path("points")).hasSize(3);
    assertThat(Files.readString(trend.resolve("trend.html"))).contains("synthetic data");

    // The API notebooks read the warehouse through, without Spark: the same runs and trend.
    io.hopscope.analytics.store.WarehouseReader api =
        io.hopscope.analytics.store.WarehouseReader.open(dir.resolve("warehouse").toString());
    assertThat(api.scenarios()).contains("nightly_demo", "capacity_ramp");
    assertThat(api.runs("nightly_demo")).hasSize(11);
    assertThat(api.run("capacity-ramp-sim").analysis().knee()).isPresent();
    io.hopscope.analytics.core.trend.TrendAnalysis apiTrend =
        api.trend("nightly_demo", java.util.List.of(400.0));
    assertThat(apiTrend.scaling().get(0).replicas())
        .singleElement()
        .satisfies(rep -> assertThat(rep.uslWorkers()).isNotNull().isPositive());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.trend("nope", java.util.List.of()))
        .hasMessageContaining("no analysed run of scenario 'nope'")
        .hasMessageContaining("nightly_demo");

    // SQL over the warehouse.
    CliRunner.Result q =
        CliRunner.run(
            "query",
            "--warehouse",
            dir.resolve("warehouse").toString(),
            "--format",
            "csv",
            "select plateau_index, count from plateau_stats where segment = 'hop'"
                + " and run_id = 'capacity-ramp-sim' order by 1");
    assertThat(q.code()).as(q.err()).isZero();
    assertThat(q.out().lines().toList()).hasSize(8).first().isEqualTo("plateau_index,count");
    assertThat(q.out()).contains("\n6,5874\n");
    CliRunner.Result bad =
        CliRunner.run(
            "query", "--warehouse", dir.resolve("warehouse").toString(), "select x from runs");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("the query is not valid");

    // The report re-rendered from the warehouse alone is the same, byte for byte.
    Path again = dir.resolve("again");
    CliRunner.Result rep =
        CliRunner.run(
            "report",
            "--run-id",
            "capacity-ramp-sim",
            "--warehouse",
            dir.resolve("warehouse").toString(),
            "--out",
            again.toString());
    assertThat(rep.code()).as(rep.err()).isZero();
    for (String f :
        new String[] {"index.html", "summary.json", "plateaus.csv", "gates.junit.xml"}) {
      assertThat(java.nio.file.Files.readString(again.resolve(f)))
          .as(f)
          .isEqualTo(java.nio.file.Files.readString(run.resolve(f)));
    }
  }
}
