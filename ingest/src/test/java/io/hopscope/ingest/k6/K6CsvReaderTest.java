package io.hopscope.ingest.k6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.CollectingRows;
import io.hopscope.ingest.Fixtures;
import org.junit.jupiter.api.Test;

class K6CsvReaderTest {
  @Test
  void readsTheRealCsvExport() {
    CollectingRows<K6Point> rows = new CollectingRows<>();
    K6CsvReader.Result r =
        K6CsvReader.read(Fixtures.shared("k6_csv_miguelferreira18_json_create_user.csv"), rows);
    // Counted with python's csv module: 16,186 data rows; 1,000 http_req_duration rows and 1,000
    // of the custom trend response_time; default unix-second timestamps.
    assertThat(r.rows()).isEqualTo(16_186);
    assertThat(r.rejected()).isZero();
    assertThat(r.points()).isEqualTo(16_186);
    assertThat(r.wholeSeconds()).isTrue();
    assertThat(r.scenarios()).containsExactly("default");
    assertThat(rows.rows).filteredOn(p -> p.metric().equals("http_req_duration")).hasSize(1000);
    assertThat(rows.rows)
        .filteredOn(p -> p.metric().equals("response_time"))
        .hasSize(1000)
        .allSatisfy(p -> assertThat(p.metricType()).isNull());
    K6Point first = rows.rows.get(0);
    assertThat(first.metric()).isEqualTo("http_reqs");
    assertThat(first.tsNs()).isEqualTo(1_749_852_276_000_000_000L);
    assertThat(first.tags())
        .containsEntry("method", "POST")
        .containsEntry("status", "200")
        .containsEntry("expected_response", "true")
        .doesNotContainKey("check");
  }

  @Test
  void columnsAreFoundByNameAndPairsAreSplit() {
    CollectingRows<K6Point> rows = new CollectingRows<>();
    K6CsvReader.Result r =
        K6CsvReader.read(Fixtures.own("k6/csv-columns-reordered-unix-nano.csv"), rows);
    assertThat(r.wholeSeconds()).isFalse();
    K6Point p = rows.rows.get(0);
    assertThat(p.metric()).isEqualTo("http_req_duration");
    assertThat(p.value()).isEqualTo(12.5);
    assertThat(p.tsNs()).isEqualTo(1_767_225_600_123_456_789L);
    assertThat(p.tags())
        .containsEntry("scenario", "ramp")
        .containsEntry("phase", "hop")
        .containsEntry("route", "jobs");
    assertThat(p.metadata()).containsEntry("vu", "3").containsEntry("iter", "7");
  }

  @Test
  void quotedCellsAndBadRows() {
    CollectingRows<K6Point> rows = new CollectingRows<>();
    K6CsvReader.Result r = K6CsvReader.read(Fixtures.own("k6/csv-quoted-check-name.csv"), rows);
    assertThat(r.points()).isEqualTo(2);
    assertThat(rows.rows.get(0).tags()).containsEntry("check", "status is 200, body ok");
    assertThat(rows.rows.get(1).tags()).containsEntry("check", "multi\nline");
    assertThat(rows.rows.get(1).tsNs())
        .isEqualTo(K6NdjsonReaderTest.nanos("2025-06-13T22:04:38.5Z"));
    assertThat(rows.rejects)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.location()).isEqualTo("line 3");
              assertThat(x.reason()).isEqualTo("metric_value 'oops' is not a number");
            });
  }

  @Test
  void aCsvWithoutK6ColumnsIsABadFile() {
    assertThatThrownBy(
            () ->
                K6CsvReader.read(
                    Fixtures.own("k6/csv-missing-columns.csv"), new CollectingRows<>()))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("csv-missing-columns.csv:1")
        .hasMessageContaining("'metric_name' is missing from the header");
  }

  @Test
  void aTimestampBeyond64BitNanosecondsIsABadRecordNotACrash() {
    Rfc3339 times = new Rfc3339();
    // 19 digits above Long.MAX_VALUE (found by the fuzzer), and seconds or milliseconds whose
    // nanoseconds overflow: rejected, never wrapped around.
    assertThat(K6CsvReader.timestamp("9767225601123456789", times)).isEqualTo(Long.MIN_VALUE);
    assertThat(K6CsvReader.timestamp("99999999999", times)).isEqualTo(Long.MIN_VALUE);
    assertThat(K6CsvReader.timestamp("99999999999999", times)).isEqualTo(Long.MIN_VALUE);
    assertThat(K6CsvReader.timestamp("1767225601", times)).isEqualTo(1_767_225_601_000_000_000L);
    assertThat(K6CsvReader.timestamp("1767225601123", times)).isEqualTo(1_767_225_601_123_000_000L);
  }
}
