package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression gates across runs, through the CLI: three simulated runs of the same scenario. The
 * second differs from the first by noise only (another seed); the third has 30% slower service. The
 * baseline gate must fire on the third and not on the second.
 */
class GateIT {
  private static final long T0 = 1_767_225_600_000_000_000L;

  @TempDir static Path dir;

  private static String wh;

  private static Path spec(String name, long startNs) throws IOException {
    Path f = dir.resolve(name + ".yaml");
    Files.writeString(
        f,
        String.join(
            "\n",
            "test_run:",
            "  environment: {cluster: ci, workers: 4}",
            "  workload: {endpoint: /hop}",
            "  scenario:",
            "    name: baseline",
            "    warmup_seconds: 10",
            "    start_ns: " + startNs,
            "    stages: [{rps: 60, duration_seconds: 60}, {rps: 100, duration_seconds: 60}]",
            "  gates: {max_p95_hop_regression: 0.10}",
            ""));
    return f;
  }

  private static CliRunner.Result run(String id, long startNs, int seed, String serviceMs)
      throws IOException {
    Path s = spec(id, startNs);
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
            Integer.toString(seed),
            "--out",
            done.toString());
    assertThat(sim.code()).as(sim.err()).isZero();
    return CliRunner.run(
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
  }

  @BeforeAll
  static void runs() throws IOException {
    wh = dir.resolve("wh").toString();
    assertThat(run("base", T0, 1, "20").code()).isZero();
  }

  private static JsonNode gate(JsonNode summary) {
    for (JsonNode g : summary.path("gates")) {
      if (g.path("name").asText().equals("max_p95_hop_regression")) {
        return g;
      }
    }
    return null;
  }

  @Test
  void noiseOnlyDoesNotFireAndARegressionDoes() throws IOException {
    CliRunner.Result noise = run("noise", T0 + 3_600_000_000_000L, 2, "20");
    assertThat(noise.code()).as(noise.err()).isZero();
    JsonNode n = new ObjectMapper().readTree(dir.resolve("out-noise/summary.json").toFile());
    assertThat(gate(n)).isNotNull();
    assertThat(gate(n).path("passed").asBoolean()).isTrue();
    assertThat(gate(n).path("detail").asText()).contains("vs baseline base");

    CliRunner.Result slow = run("slower", T0 + 7_200_000_000_000L, 3, "26");
    assertThat(slow.code()).as(slow.err()).isEqualTo(1);
    JsonNode s = new ObjectMapper().readTree(dir.resolve("out-slower/summary.json").toFile());
    assertThat(gate(s).path("passed").asBoolean()).isFalse();
    assertThat(gate(s).path("detail").asText())
        .contains("vs baseline noise")
        .contains("beyond the threshold and the run-to-run noise");

    // The gate command re-evaluates from the warehouse, here against a pinned baseline.
    CliRunner.Result g =
        CliRunner.run(
            "gate",
            "--run-id",
            "slower",
            "--baseline",
            "base",
            "--warehouse",
            wh,
            "--out",
            dir.resolve("gate").toString());
    assertThat(g.code()).as(g.err()).isEqualTo(1);
    JsonNode gj = new ObjectMapper().readTree(dir.resolve("gate/gates.json").toFile());
    assertThat(gj.path("baseline_run_id").asText()).isEqualTo("base");
    assertThat(gj.path("passed").asBoolean()).isFalse();
    assertThat(Files.readString(dir.resolve("gate/gates.junit.xml")))
        .contains("<testcase classname=\"hopscope.slower\" name=\"max_p95_hop_regression\">")
        .contains("<failure");
    CliRunner.Result ok =
        CliRunner.run(
            "gate",
            "--run-id",
            "noise",
            "--baseline",
            "base",
            "--warehouse",
            wh,
            "--out",
            dir.resolve("gate-noise").toString());
    assertThat(ok.code()).as(ok.err()).isZero();

    // A gates file beside the spec overrides its keys: a looser limit lets the slower run pass.
    Path loose = dir.resolve("loose-gates.yaml");
    Files.writeString(loose, "gates:\n  max_p95_hop_regression: 5.0\n");
    CliRunner.Result relaxed =
        CliRunner.run(
            "gate",
            "--run-id",
            "slower",
            "--baseline",
            "base",
            "--gates",
            loose.toString(),
            "--warehouse",
            wh,
            "--out",
            dir.resolve("gate-loose").toString());
    assertThat(relaxed.code()).as(relaxed.err()).isZero();
    JsonNode lj = new ObjectMapper().readTree(dir.resolve("gate-loose/gates.json").toFile());
    assertThat(lj.toString()).contains("\"limit\":5.0");
    Files.writeString(loose, "- not a mapping\n");
    CliRunner.Result bad =
        CliRunner.run("gate", "--run-id", "slower", "--gates", loose.toString(), "--warehouse", wh);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("loose-gates.yaml").contains("is not a mapping of gates");
  }
}
