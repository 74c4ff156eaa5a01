package io.hopscope.reports.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hopscope.analytics.core.Autoscaling;
import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.reports.OutputFile;
import io.hopscope.reports.SampleRuns;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpsPlanTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final GateConfig SLO_100 =
      GateConfig.from(Map.of(GateConfig.SLO_MS_P95_HOP, 100.0));
  private static final OpsPlan.Target TARGET =
      new OpsPlan.Target(null, "worker", "valkey:6379", "stella:perf:jobs", "workers", "2m");

  private static String text(OutputFile f) throws IOException {
    StringWriter w = new StringWriter();
    f.write(w);
    return w.toString();
  }

  private static MetricCatalog catalog(String... names) {
    Map<String, Set<String>> m = new java.util.TreeMap<>();
    for (String n : names) {
      m.put(n, Set.of("job", "le"));
    }
    return new MetricCatalog(m, Map.of());
  }

  @Test
  void thresholdsFollowTheEnvelope() {
    RunAnalysis a = SampleRuns.analysis("r1", "checkout", null);
    Autoscaling s = Autoscaling.of(a, SLO_100).orElseThrow();
    // D is Little's law at the design load over the queue budget; the lag target what one worker
    // clears within that budget.
    assertThat(s.backlogDepth())
        .isEqualTo(Math.max(1, (long) Math.ceil(s.designLoadRps() * s.queueBudgetMs() / 1000)));
    assertThat(s.lagPerReplica())
        .isEqualTo(
            Math.max(1, (long) Math.floor(s.capacityPerWorkerRps() * s.queueBudgetMs() / 1000)));
    assertThat(s.queueDelayAlertMs()).isEqualTo(80.0);
    assertThat(s.minReplicas()).isBetween(1, s.maxReplicas());
    assertThat(Autoscaling.of(a, GateConfig.defaults()).orElseThrow().queueDelayAlertBasis())
        .startsWith("the queue budget (no SLO in the spec)");
  }

  @Test
  void histogramsInNanosecondsAreScaledAndRulesInline() {
    RunAnalysis a = SampleRuns.analysis("r1", "checkout", null);
    OpsPlan plan =
        OpsPlan.of(
            "r1",
            "checkout",
            Optional.of(20.0),
            Autoscaling.of(a, SLO_100),
            catalog("worker_service_ns_bucket", "queue_delay_ms_bucket", "queue_depth"),
            TARGET);
    assertThat(plan.recording().get("hop:service_time_p95"))
        .isEqualTo(
            "histogram_quantile(0.95, sum by (le) (rate(worker_service_ns_bucket[2m]))) * 1e-9");
    assertThat(plan.recording().get("hop:queue_delay_p95")).endsWith(" * 0.001");
    assertThat(plan.inline("hop:latency_budget_p95 > 0.1"))
        .isEqualTo(
            "(("
                + plan.recording().get("hop:queue_delay_p95")
                + ") + ("
                + plan.recording().get("hop:service_time_p95")
                + ")) > 0.1");
    assertThat(plan.missing()).containsKey(MetricCatalog.Role.HOP_LATENCY);
    assertThat(plan.alerts())
        .extracting(OpsPlan.Alert::name)
        .contains("HopQueueDelayP95High", "HopBacklogAboveD", "HopQueueGrowing");
  }

  @Test
  void aStreamLengthIsNarrowedToTheJobsStreamAndGroup() throws IOException {
    RunAnalysis a = SampleRuns.analysis("r1", "checkout", null);
    Map<String, Set<String>> m = new java.util.TreeMap<>();
    m.put("redis_stream_group_lag", Set.of("db", "stream", "group"));
    OpsPlan plan =
        OpsPlan.of(
            "r1",
            "checkout",
            Optional.of(20.0),
            Autoscaling.of(a, SLO_100),
            new MetricCatalog(m, Map.of()),
            new OpsPlan.Target(null, "worker", "v:6379", "jobs\"x", "workers", "2m"));
    assertThat(plan.alerts())
        .filteredOn(x -> x.name().equals("HopBacklogAboveD"))
        .singleElement()
        .extracting(OpsPlan.Alert::signal)
        .isEqualTo("max(redis_stream_group_lag{stream=\"jobs\\\"x\",group=\"workers\"})");
    String hpa = text(OpsBundle.files(plan, "t", List.of()).get(3));
    JsonNode selector =
        YAML.readTree(hpa).at("/spec/metrics/0/external/metric/selector/matchLabels");
    assertThat(selector.path("stream").asText()).isEqualTo("jobs\"x");
    assertThat(selector.path("group").asText()).isEqualTo("workers");
  }

  @Test
  void aRunWithoutJobsGetsDashboardsAndNoAutoscaling() throws IOException {
    OpsPlan plan =
        OpsPlan.of(
            "k6",
            "smoke",
            Optional.empty(),
            Optional.empty(),
            catalog("http_requests_received_total", "process_cpu_seconds_total"),
            TARGET);
    List<OutputFile> files = OpsBundle.files(plan, "test", List.of());
    assertThat(files)
        .extracting(OutputFile::name)
        .containsExactly("grafana-dashboard.json", "prometheus-rules.yml", "README.md");
    assertThat(plan.alerts()).isEmpty();
    assertThat(text(files.get(2))).contains("no autoscaling manifests");
    JsonNode rules = YAML.readTree(text(files.get(1)));
    assertThat(rules.path("groups").isArray()).isTrue();
  }

  @Test
  void textFromTheRunIsQuotedSoTheYamlReadsBack() throws IOException {
    RunAnalysis a =
        SampleRuns.analysis("r1", "it's: a \"ramp\"\n- x\u0085  - name: injected", null);
    OpsPlan plan =
        OpsPlan.of(
            "r1",
            "it's: a \"ramp\"\n- x\u0085  - name: injected",
            Optional.of(20.0),
            Autoscaling.of(a, SLO_100),
            catalog("queue_delay_seconds_bucket", "worker_service_seconds_bucket", "queue_depth"),
            new OpsPlan.Target("ns'1", "w'1", "v:1", "s'1", "g'1", "2m"));
    for (OutputFile f : OpsBundle.files(plan, "test", List.of())) {
      if (f.name().endsWith(".yml") || f.name().endsWith(".yaml")) {
        JsonNode n = YAML.readTree(text(f));
        assertThat(n.isObject()).as(f.name()).isTrue();
        if (f.name().equals("prometheus-rules.yml")) {
          assertThat(n.at("/groups/1/rules/0/labels/scenario").asText())
              .isEqualTo("it's: a \"ramp\" - x   - name: injected");
          assertThat(n.path("groups")).hasSize(2);
        } else {
          assertThat(n.at("/metadata/namespace").asText()).isEqualTo("ns'1");
        }
      }
    }
    assertThat(plan.slug()).isEqualTo("it-s-a-ramp-x-name-injected");
    // Every Markdown table of the README keeps its header's column count, hostile text included.
    String readme =
        text(
            OpsBundle.files(plan, "t", List.of()).stream()
                .filter(f -> f.name().equals("README.md"))
                .findFirst()
                .orElseThrow());
    int columns = -1;
    for (String line : readme.lines().toList()) {
      if (!line.startsWith("|")) {
        columns = -1;
        continue;
      }
      int cells = line.replace("\\|", "").split("\\|", -1).length;
      if (columns < 0) {
        columns = cells;
      }
      assertThat(cells).as(line).isEqualTo(columns);
    }
  }
}
