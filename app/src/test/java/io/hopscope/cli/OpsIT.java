package io.hopscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hopscope ops} on a simulated capacity ramp whose scrapes a real Prometheus (Debian's
 * package) holds: promtool accepts the rules, a server loads them, every dashboard and rule
 * expression returns data when run (by this test's own HTTP client, recording rules inlined from
 * the rules file) over the run's window, the thresholds are the run's numbers, and the manifests
 * carry the fields their schemas require.
 */
class OpsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String RUN = "ops-ramp";
  private static final long T0_S = 1_767_225_600L; // the sample spec's start_ns

  @TempDir Path dir;

  @Test
  void theBundleIsValidWiredAndMeasured() throws Exception {
    Path spec = TestPaths.sampleData().resolve("capacity-ramp-sim/run.yaml");
    PrometheusServer.Simulated sim =
        PrometheusServer.simulate(
            RUN, dir, "--service-ms", "50", "--service-cv", "0.6", "--seed", "20261122");
    Path done = sim.done();
    Path om = sim.openMetrics();
    Path prom = sim.export();
    Path wh = dir.resolve("wh");
    CliRunner.Result analyzed =
        CliRunner.run(
            "analyze",
            "--run-id",
            RUN,
            "--spec",
            spec.toString(),
            "--done-file",
            done.toString(),
            "--prom",
            prom.toString(),
            "--warehouse",
            wh.toString(),
            "--out",
            dir.resolve("out").toString());
    assertThat(analyzed.code()).as(analyzed.err()).isIn(0, 1);
    JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
    double knee = summary.path("knee").path("offered_rps").asDouble();
    assertThat(knee).isPositive();

    Path ops = dir.resolve("ops");
    Path backfill = Files.createDirectories(dir.resolve("prometheus"));
    try (PrometheusServer server =
        PrometheusServer.backfilled(om, backfill, PrometheusServer.Options.exact())) {
      CliRunner.Result r =
          CliRunner.run(
              "ops",
              "--run-id",
              RUN,
              "--warehouse",
              wh.toString(),
              "--out",
              ops.toString(),
              "--namespace",
              "perf",
              "--deployment",
              "hop-worker",
              "--check-url",
              server.url());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).contains("every one returned data");

      // The rules: promtool accepts them.
      Path rules = ops.resolve("prometheus-rules.yml");
      assertThat(
              PrometheusServer.run(
                  dir, PrometheusServer.promtool(), "check", "rules", rules.toString()))
          .contains("SUCCESS");

      // Every expression, run by this test against the server holding the run.
      Map<String, String> recording = new LinkedHashMap<>();
      List<String> exprs = new ArrayList<>();
      for (JsonNode g : YAML.readTree(rules.toFile()).path("groups")) {
        for (JsonNode rule : g.path("rules")) {
          if (rule.has("record")) {
            recording.put(rule.get("record").asText(), rule.get("expr").asText());
          }
          exprs.add(rule.get("expr").asText());
        }
      }
      assertThat(recording)
          .containsKeys("hop:queue_delay_p95", "hop:service_time_p95", "hop:latency_budget_p95");
      JsonNode dashboard = JSON.readTree(ops.resolve("grafana-dashboard.json").toFile());
      assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(7);
      for (JsonNode panel : dashboard.path("panels")) {
        assertThat(panel.path("title").asText()).isNotBlank();
        if (panel.path("type").asText().equals("timeseries")) {
          assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${DS_PROMETHEUS}");
          assertThat(panel.path("targets").size()).as(panel.toString()).isPositive();
          panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
        }
      }
      for (String expr : exprs) {
        String plain = inline(expr, recording);
        // An alert's comparison may hold at no time of a healthy run: its left side must return
        // data, and the whole expression must be valid PromQL.
        String signal = plain.replaceFirst("\\s[<>]=?\\s[-0-9.e]+(\\sand on\\(\\).*)?$", "");
        assertThat(series(server, signal)).as(expr + " (run as " + signal + ")").isPositive();
        assertThat(status(server, plain)).as(plain).isEqualTo(200);
      }

      // A server loads the rules file (and evaluates it) without complaint.
      Path second = Files.createDirectories(dir.resolve("prometheus-rules"));
      try (PrometheusServer withRules =
          PrometheusServer.backfilled(
              om, second, new PrometheusServer.Options("4s", false, List.of(rules)))) {
        JsonNode loaded = get(withRules, "/api/v1/rules");
        long ok = 0;
        for (JsonNode g : loaded.path("data").path("groups")) {
          for (JsonNode rule : g.path("rules")) {
            assertThat(rule.path("health").asText()).isIn("ok", "unknown");
            ok++;
          }
        }
        assertThat(ok).isEqualTo(9);
      }
    }

    // The thresholds are the run's numbers.
    String readme = Files.readString(ops.resolve("README.md"));
    String rulesText = Files.readString(ops.resolve("prometheus-rules.yml"));
    assertThat(rulesText)
        .contains("hop:queue_delay_p95 > 0.4")
        .contains("hop:latency_budget_p95 > 0.5");
    JsonNode dashboard = JSON.readTree(ops.resolve("grafana-dashboard.json").toFile());
    List<Double> lines = new ArrayList<>();
    dashboard
        .findValues("steps")
        .forEach(s -> s.forEach(x -> lines.add(x.path("value").asDouble())));
    assertThat(lines).contains(0.5, knee);
    assertThat(readme)
        .contains("| knee | " + String.format(java.util.Locale.ROOT, "%.1f", knee) + " rps offered")
        .contains("alert HopBacklogAboveD")
        .doesNotContain("| 0 | 0 |");
    // The backlog alert fires in the saturated plateaus (42 and 48 rps, from minute 11 of the run),
    // not while the load is below the knee.
    String fired =
        readme
            .lines()
            .filter(l -> l.startsWith("| alert HopBacklogAboveD"))
            .findFirst()
            .orElseThrow();
    long at =
        java.time.Instant.parse(fired.replaceAll(".*\\| (\\S+Z) \\|$", "$1")).getEpochSecond();
    assertThat(at - T0_S).isBetween(60L + 8 * 60, 60L + 15 * 60);

    // The manifests: the fields their schemas require.
    JsonNode keda = YAML.readTree(ops.resolve("keda-scaledobject.yaml").toFile());
    assertThat(keda.path("apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
    assertThat(keda.path("kind").asText()).isEqualTo("ScaledObject");
    assertThat(keda.at("/metadata/name").asText()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    assertThat(keda.at("/metadata/namespace").asText()).isEqualTo("perf");
    assertThat(keda.at("/spec/scaleTargetRef/name").asText()).isEqualTo("hop-worker");
    int min = keda.at("/spec/minReplicaCount").asInt();
    int max = keda.at("/spec/maxReplicaCount").asInt();
    assertThat(min).isBetween(1, max);
    JsonNode trigger = keda.at("/spec/triggers/0");
    assertThat(trigger.path("type").asText()).isEqualTo("redis-streams");
    assertThat(trigger.at("/metadata/stream").asText()).isEqualTo("stella:perf:jobs");
    assertThat(trigger.at("/metadata/consumerGroup").asText()).isNotBlank();
    assertThat(trigger.at("/metadata/lagCount").isTextual()).isTrue();
    assertThat(Integer.parseInt(trigger.at("/metadata/lagCount").asText())).isPositive();

    JsonNode hpa = YAML.readTree(ops.resolve("hpa.yaml").toFile());
    assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
    assertThat(hpa.path("kind").asText()).isEqualTo("HorizontalPodAutoscaler");
    assertThat(hpa.at("/spec/scaleTargetRef/apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
    assertThat(hpa.at("/spec/minReplicas").asInt()).isEqualTo(min);
    assertThat(hpa.at("/spec/maxReplicas").asInt()).isEqualTo(max);
    for (JsonNode m : hpa.at("/spec/metrics")) {
      String type = m.path("type").asText();
      assertThat(type).isIn("External", "Resource");
      JsonNode body = m.path(type.equals("External") ? "external" : "resource");
      assertThat(body.path("target").path("type").asText()).isIn("AverageValue", "Utilization");
    }
    assertThat(hpa.at("/spec/metrics/0/external/metric/name").asText()).isEqualTo("queue_depth");
    assertThat(hpa.at("/spec/metrics/0/external/target/averageValue").asText())
        .isEqualTo(trigger.at("/metadata/lagCount").asText());

    // Re-running gives the same files.
    Path again = dir.resolve("ops-again");
    CliRunner.Result r2 =
        CliRunner.run(
            "ops",
            "--run-id",
            RUN,
            "--warehouse",
            wh.toString(),
            "--out",
            again.toString(),
            "--namespace",
            "perf",
            "--deployment",
            "hop-worker");
    assertThat(r2.code()).as(r2.err()).isZero();
    for (String f :
        List.of(
            "grafana-dashboard.json",
            "prometheus-rules.yml",
            "keda-scaledobject.yaml",
            "hpa.yaml")) {
      assertThat(Files.readString(again.resolve(f)))
          .as(f)
          .isEqualTo(Files.readString(ops.resolve(f)));
    }
  }

  /** The expression with each recording rule replaced by its expression, latest first. */
  private static String inline(String expr, Map<String, String> recording) {
    List<String> names = new ArrayList<>(recording.keySet());
    java.util.Collections.reverse(names);
    String out = expr;
    for (String n : names) {
      out = out.replace(n, "(" + recording.get(n) + ")");
    }
    return out;
  }

  private static String rangeQuery(String expr) {
    return "/api/v1/query_range?query="
        + URLEncoder.encode(expr, StandardCharsets.UTF_8)
        + "&start="
        + T0_S
        + "&end="
        + (T0_S + 20 * 60)
        + "&step=5";
  }

  private static int series(PrometheusServer s, String expr) throws Exception {
    JsonNode r = get(s, rangeQuery(expr));
    assertThat(r.path("status").asText()).as(expr + ": " + r).isEqualTo("success");
    return r.path("data").path("result").size();
  }

  private static int status(PrometheusServer s, String expr) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(s.url() + rangeQuery(expr))).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static JsonNode get(PrometheusServer s, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(s.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(r.body());
  }
}
