package io.hopscope.ingest.prom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.CollectingRows;
import io.hopscope.ingest.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromReadersTest {
  @TempDir Path dir;

  /**
   * Found by fuzzing: a timestamp like {@code 17672.2e+025600000} (a few bytes) expanded to 25
   * million digits and took 18 s to read. Out-of-range timestamps are refused before any arithmetic
   * (the timeout only guards against that hang coming back).
   */
  @Test
  @org.junit.jupiter.api.Timeout(30)
  void aTimestampWithAHugeExponentIsRejectedAtOnce() throws IOException {
    Path f = dir.resolve("m.prom");
    Files.writeString(
        f,
        "q 1 1767225600000\nq 2 17672.2e+025600000\nq 3 1e-25600000\nq 4 "
            + "7".repeat(5000)
            + "\n");
    CollectingRows<PromSample> rows = new CollectingRows<>();
    PromTextReader.Result r = PromTextReader.read(f, 0, rows);
    assertThat(r.samples()).isEqualTo(2);
    assertThat(rows.rows.get(0).tsNs()).isEqualTo(1_767_225_600_000_000_000L);
    assertThat(rows.rows.get(1).tsNs()).isZero();
    assertThat(rows.rejects)
        .hasSize(2)
        .allSatisfy(x -> assertThat(x.reason()).contains("timestamp"));
  }

  /** Found by fuzzing: a number beyond BigDecimal's exponent escaped as an internal error. */
  @Test
  void aNumberNoBigDecimalHoldsIsABadFileNotAnInternalError() throws IOException {
    Path f = dir.resolve("q.json");
    Files.writeString(
        f,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
            + "[{\"metric\":{},\"values\":[[1e+2560420000,\"1\"]]}]}}");
    assertThatThrownBy(() -> PromJsonReader.read(f, "q", new CollectingRows<>()))
        .isInstanceOfSatisfying(
            HopscopeException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("q.json")
                    .contains("holds a number out of any range"));
  }

  @Test
  void realQueryRangeCapture() {
    CollectingRows<PromSample> rows = new CollectingRows<>();
    PromJsonReader.Result r =
        PromJsonReader.read(
            Fixtures.shared("prometheus_query_range_matrix_grafana_testdata.json"), "cpu", rows);
    // 3 series x 258 points at a 14 s step (counted with jq).
    assertThat(r.resultType()).isEqualTo("matrix");
    assertThat(r.series()).isEqualTo(3);
    assertThat(r.samples()).isEqualTo(3 * 258);
    assertThat(r.metrics()).containsExactly("process_cpu_seconds_total");
    PromSample first = rows.rows.get(0);
    assertThat(first.tsNs()).isEqualTo(1_740_338_424_615_000_000L);
    assertThat(first.value()).isEqualTo(5608.51);
    assertThat(first.labels())
        .containsEntry("job", "prometheus-high-card")
        .doesNotContainKey("__name__");
    assertThat(rows.rows.get(1).tsNs() - first.tsNs()).isEqualTo(14_000_000_000L);
  }

  @Test
  void realPromtoolOpenMetricsDump() {
    CollectingRows<PromSample> rows = new CollectingRows<>();
    PromTextReader.Result r =
        PromTextReader.read(
            Fixtures.shared("promtool_tsdb_dump_openmetrics_prometheus_testdata.prom"), 0, rows);
    assertThat(r.openMetrics()).isTrue();
    assertThat(r.samples()).isEqualTo(14);
    assertThat(r.defaulted()).isZero();
    assertThat(rows.rows.get(0).metric()).isEqualTo("my_histogram_bucket");
    assertThat(rows.rows.get(0).labels()).containsEntry("le", "+Inf");
    assertThat(rows.rows.get(0).value()).isEqualTo(1.0267820369e10);
    assertThat(rows.rows.get(0).tsNs()).isEqualTo(1_700_215_884_373_000_000L);
  }

  @Test
  void nanInfNamelessSeriesAndNativeHistogramsAreHandled() {
    CollectingRows<PromSample> rows = new CollectingRows<>();
    PromJsonReader.Result r =
        PromJsonReader.read(
            Fixtures.own("prom/query-range-nan-inf-no-name.json"), "worker_rate", rows);
    assertThat(r.samples()).isEqualTo(5);
    assertThat(rows.rows.get(0).metric()).isEqualTo("worker_rate");
    assertThat(rows.rows.get(1).value()).isNaN();
    assertThat(rows.rows.get(1).tsNs()).isEqualTo(1_767_225_601_500_000_000L);
    assertThat(rows.rows.get(2).value()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(rows.rows.get(3).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(rows.rows.get(4).metric()).isEqualTo("queue_depth");
    assertThat(rows.rows.get(4).tsNs()).isEqualTo(1_767_225_600_001_000_000L);
    assertThat(rows.rejects)
        .extracting(x -> x.location() + ": " + x.reason())
        .containsExactly(
            "series 0 point 4: value 'oops' is not a number",
            "series 1 histogram 0: native histogram samples are not supported yet");
  }

  @Test
  void bareMatrixAndVector() {
    CollectingRows<PromSample> rows = new CollectingRows<>();
    assertThat(
            PromJsonReader.read(Fixtures.own("prom/promtool-bare-matrix.json"), "up", rows)
                .samples())
        .isEqualTo(2);
    PromJsonReader.Result v =
        PromJsonReader.read(Fixtures.own("prom/query-vector.json"), "up", rows);
    assertThat(v.resultType()).isEqualTo("vector");
    assertThat(rows.rows.get(2).tsNs()).isEqualTo(1_767_225_600_250_000_000L);
  }

  @Test
  void errorResponsesAndNonPrometheusFilesStopWithExitCode2() {
    assertThatThrownBy(
            () ->
                PromJsonReader.read(
                    Fixtures.own("prom/query-range-error-status.json"),
                    "q",
                    new CollectingRows<>()))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("holds a failed query: bad_data: exceeded maximum resolution");
    assertThatThrownBy(
            () ->
                PromTextReader.read(
                    Fixtures.own("prom/not-prometheus.txt"), 0, new CollectingRows<>()))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("not-prometheus.txt:1");
  }

  @Test
  void expositionTextKeepsBucketsAndUnescapesLabels() {
    CollectingRows<PromSample> rows = new CollectingRows<>();
    PromTextReader.Result r =
        PromTextReader.read(Fixtures.own("prom/exposition-text-histogram.prom"), 42L, rows);
    assertThat(r.samples()).isEqualTo(6);
    assertThat(r.defaulted()).isEqualTo(5);
    assertThat(rows.rows.get(2).tsNs()).isEqualTo(1_767_225_600_123_000_000L);
    assertThat(rows.rows.get(0).tsNs()).isEqualTo(42L);
    assertThat(rows.rows)
        .filteredOn(s -> s.metric().equals("gateway_enqueue_seconds_bucket"))
        .extracting(s -> s.labels().get("le"))
        .containsExactly("0.001", "0.005", "+Inf");
    assertThat(rows.rows.get(5).labels()).containsEntry("note", "a \"quoted\" \\ back\nslash");
  }

  @Test
  void openMetricsExemplarsAreDropped() {
    CollectingRows<PromSample> rows = new CollectingRows<>();
    PromTextReader.Result r =
        PromTextReader.read(Fixtures.own("prom/openmetrics-exemplars.prom"), 0, rows);
    assertThat(r.openMetrics()).isTrue();
    assertThat(rows.rows.get(0).value()).isEqualTo(8);
    assertThat(rows.rows.get(0).tsNs()).isEqualTo(1_767_225_600_500_000_000L);
  }

  @Test
  void malformedLinesAreRejected() {
    CollectingRows<PromSample> rows = new CollectingRows<>();
    PromTextReader.Result r =
        PromTextReader.read(Fixtures.own("prom/exposition-malformed-line.prom"), 0, rows);
    assertThat(r.samples()).isEqualTo(2);
    assertThat(rows.rejects).extracting(x -> x.location()).containsExactly("line 2", "line 3");
    assertThat(rows.rejects.get(1).reason()).isEqualTo("value 'twelve' is not a number");
  }

  @Test
  void directoryWithManifest() throws IOException {
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"queries\":[{\"id\":\"depth\",\"query\":\"sum(queue_depth)\"}]}");
    Files.copy(Fixtures.own("prom/promtool-bare-matrix.json"), dir.resolve("depth.json"));
    Files.copy(Fixtures.own("prom/openmetrics-exemplars.prom"), dir.resolve("scrape.prom"));
    List<PromDirectory.Input> in = PromDirectory.inputs(dir);
    assertThat(in).extracting(PromDirectory.Input::queryId).containsExactly("depth", "scrape");
    assertThat(in.get(0).promql()).isEqualTo("sum(queue_depth)");
    assertThat(in.get(0).json()).isTrue();
    assertThat(in.get(1).json()).isFalse();
  }
}
