package io.hopscope.ingest.k6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K6SummaryReaderTest {
  @TempDir Path dir;

  private static double stat(K6SummaryReader.Result r, String metric, String stat) {
    return r.stats().stream()
        .filter(s -> s.metric().equals(metric) && s.stat().equals(stat))
        .findFirst()
        .orElseThrow(() -> new AssertionError(metric + " " + stat))
        .value();
  }

  @Test
  void legacyExportThresholdBooleansAreInverted() {
    K6SummaryReader.Result r =
        K6SummaryReader.read(Fixtures.shared("k6_summary_export_legacy_sirhcc.json"));
    assertThat(r.variant()).isEqualTo(K6SummaryReader.Variant.LEGACY_EXPORT);
    // "http_req_failed": {"passes": 1, "fails": 0, "thresholds": {"rate<0.1": true}, "value": 1}
    assertThat(r.thresholds()).contains(new K6Threshold("http_req_failed", "rate<0.1", false));
    assertThat(r.thresholds()).contains(new K6Threshold("http_req_duration", "p(95)<500", true));
    assertThat(stat(r, "http_req_failed", "rate")).isEqualTo(1);
    assertThat(stat(r, "http_reqs", "count")).isEqualTo(1);
    assertThat(stat(r, "http_req_duration", "p(95)")).isZero();
  }

  @Test
  void handleSummaryDataKeepsOkTheRightWayRound() {
    K6SummaryReader.Result r =
        K6SummaryReader.read(Fixtures.shared("k6_handlesummary_data_vafast.json"));
    assertThat(r.variant()).isEqualTo(K6SummaryReader.Variant.HANDLE_SUMMARY);
    assertThat(r.durationMs()).isEqualTo(10000.213);
    assertThat(r.thresholds()).contains(new K6Threshold("http_req_failed", "rate<0.01", true));
    assertThat(stat(r, "http_reqs", "count")).isEqualTo(384236);
    assertThat(stat(r, "http_req_duration", "p(95)")).isEqualTo(0.187);
    assertThat(r.rejects()).isEmpty();
  }

  @Test
  void machineReadableSummaryIsNormalised() {
    K6SummaryReader.Result r =
        K6SummaryReader.read(Fixtures.own("k6/summary-machine-readable.json"));
    assertThat(r.variant()).isEqualTo(K6SummaryReader.Variant.MACHINE_READABLE);
    assertThat(r.k6Version()).isEqualTo("2.2.0");
    assertThat(r.durationMs()).isEqualTo(10020.0);
    assertThat(stat(r, "http_req_duration", "p(95)")).isEqualTo(3.5);
    assertThat(stat(r, "http_req_failed", "passes")).isEqualTo(1);
    assertThat(stat(r, "checks_total", "count")).isEqualTo(100);
    assertThat(r.rejects())
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).contains("'fast'"));
  }

  @Test
  void checksOfEveryGroupBecomeCheckSubmetrics() throws IOException {
    Path legacy = dir.resolve("legacy.json");
    Files.writeString(
        legacy,
        """
        {"metrics": {"checks": {"passes": 5, "fails": 1, "value": 0.83}},
         "root_group": {"name": "", "path": "", "checks": {
             "status is 200": {"name": "status is 200", "path": "::status is 200",
                               "passes": 3, "fails": 0}},
           "groups": {"login": {"name": "login", "path": "::login", "groups": {}, "checks": {
             "token": {"name": "token", "path": "::login::token", "passes": 2, "fails": 1}}}}}}
        """);
    K6SummaryReader.Result r = K6SummaryReader.read(legacy);
    assertThat(r.stats())
        .contains(
            new K6SummaryStat("checks{check:status is 200}", "passes", 3),
            new K6SummaryStat("checks{check:status is 200}", "fails", 0),
            new K6SummaryStat("checks{check:token}{group:::login}", "passes", 2),
            new K6SummaryStat("checks{check:token}{group:::login}", "fails", 1));
    assertThat(r.rejects()).isEmpty();
  }

  @Test
  void notASummaryIsABadFile() throws IOException {
    Path f = dir.resolve("x.json");
    Files.writeString(f, "{\"hello\": 1}");
    assertThatThrownBy(() -> K6SummaryReader.read(f))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("is not a k6 summary");
    Files.writeString(f, "{\"metrics\": ");
    assertThatThrownBy(() -> K6SummaryReader.read(f))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("is not JSON (line 1");
  }
}
