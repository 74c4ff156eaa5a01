package io.hopscope.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.reports.export.GatesJunitXml;
import io.hopscope.reports.export.PlateausCsv;
import io.hopscope.reports.export.SummaryJson;
import org.junit.jupiter.api.Test;

class ExportsTest {
  private final RunAnalysis a = SampleAnalysis.analysis("sample-1", "capacity_ramp");
  private final ReportContext ctx =
      SampleAnalysis.context(SampleAnalysis.spec("capacity_ramp"), "[]");

  @Test
  void summaryJsonIsStable() throws Exception {
    Golden.check("summary.json", SummaryJson.render(a, ctx));
  }

  @Test
  void summaryJsonCarriesTheContractFields() throws Exception {
    JsonNode s = new ObjectMapper().readTree(SummaryJson.render(a, ctx));
    for (String f :
        new String[] {
          "run_id",
          "scenario",
          "generated_at",
          "inputs",
          "plateaus",
          "knee",
          "sizing",
          "drain",
          "gates",
          "warnings"
        }) {
      assertThat(s.has(f)).as(f).isTrue();
    }
    JsonNode p = s.path("plateaus").get(0);
    for (String f :
        new String[] {
          "index",
          "kind",
          "start_ns",
          "end_ns",
          "target_rps",
          "offered_rps",
          "achieved_rps",
          "jobs",
          "hop_ms",
          "queue_delay_ms",
          "service_ms",
          "http_ms",
          "error_rate",
          "queue_depth"
        }) {
      assertThat(p.has(f)).as(f).isTrue();
    }
    for (String f : new String[] {"p50", "p90", "p95", "p99", "p999", "mean", "max", "count"}) {
      assertThat(p.path("hop_ms").path(f).isNumber()).as(f).isTrue();
    }
    assertThat(s.path("knee").path("plateau_index").asInt()).isEqualTo(2);
    assertThat(s.path("generated_at").asText()).isEqualTo("2026-11-22T12:00:00Z");
  }

  @Test
  void csvAndJunitAreStable() throws Exception {
    Golden.check("plateaus.csv", PlateausCsv.render(a));
    Golden.check("gates.junit.xml", GatesJunitXml.render(a));
  }

  @Test
  void junitShowsAFailedGateAsAFailedTest() {
    String xml = GatesJunitXml.render(SampleAnalysis.analysis("r<&>\"", "s"));
    assertThat(xml).contains("classname=\"hopscope.r&lt;&amp;&gt;&quot;\"");
    assertThat(xml).contains("<skipped message=\"max_error_rate:");
  }
}
