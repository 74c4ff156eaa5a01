package io.hopscope.ingest.k6;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.error.ExitCode;
import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.CollectingRows;
import io.hopscope.ingest.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K6NdjsonReaderTest {
  @TempDir Path dir;

  @Test
  void readsTheRealTwoScenarioFile() {
    Path f = Fixtures.shared("k6_ndjson_kirilly_two_scenarios.json");
    CollectingRows<K6Point> rows = new CollectingRows<>();
    K6NdjsonReader.Result r = K6NdjsonReader.read(f, rows);
    // Counted with python's json module: 849 lines, 16 Metric lines, 833 Point lines,
    // 61 http_req_duration points, scenarios {smoke, main}.
    assertThat(r.lines()).isEqualTo(849);
    assertThat(r.metrics()).isEqualTo(16);
    assertThat(r.points()).isEqualTo(833);
    assertThat(r.rejected()).isZero();
    assertThat(r.scenarios()).containsExactly("main", "smoke");
    assertThat(rows.rows)
        .filteredOn(p -> p.metric().equals("http_req_duration"))
        .hasSize(61)
        .allSatisfy(p -> assertThat(p.metricType()).isEqualTo("trend"));
    // The first point: data_sent at 2024-08-22T01:13:59.892709931-03:00 in the ::setup group.
    K6Point first = rows.rows.get(0);
    assertThat(first.metric()).isEqualTo("data_sent");
    assertThat(first.tsNs()).isEqualTo(nanos("2024-08-22T01:13:59.892709931-03:00"));
    assertThat(first.tags()).containsEntry("group", "::setup").doesNotContainKey("scenario");
    assertThat(rows.rows)
        .filteredOn(p -> p.metric().equals("vus"))
        .allSatisfy(p -> assertThat(p.tags()).isEmpty());
  }

  @Test
  void keyOrderOfOldK6AndNullTagsAreFine() {
    CollectingRows<K6Point> rows = new CollectingRows<>();
    K6NdjsonReader.Result r =
        K6NdjsonReader.read(Fixtures.own("k6/ndjson-pre-v041-key-order.json"), rows);
    assertThat(r.points()).isEqualTo(2);
    assertThat(rows.rows.get(0).tsNs()).isEqualTo(nanos("2022-06-01T10:00:00.5Z"));
    assertThat(rows.rows.get(0).metricType()).isEqualTo("trend");
    assertThat(rows.rows.get(1).tsNs()).isEqualTo(nanos("2022-06-01T10:00:01Z"));
    assertThat(rows.rows.get(1).tags()).isEmpty();
    assertThat(rows.rows.get(1).metricType()).isEqualTo("gauge");
  }

  @Test
  void badLinesAreRejectedWithLineAndReason() {
    CollectingRows<K6Point> rows = new CollectingRows<>();
    K6NdjsonReader.Result r =
        K6NdjsonReader.read(Fixtures.own("k6/ndjson-broken-lines.json"), rows);
    assertThat(r.points()).isEqualTo(2);
    assertThat(rows.rejects)
        .extracting(x -> x.location() + ": " + x.reason())
        .containsExactly(
            "line 2: time 'yesterday' is not an RFC 3339 timestamp",
            "line 3: data.value is not a number",
            "line 4: unknown type 'Bogus'",
            "line 5: not valid JSON");
  }

  @Test
  void truncatedLastLineIsRejectedAsSuch() {
    CollectingRows<K6Point> rows = new CollectingRows<>();
    K6NdjsonReader.read(Fixtures.own("k6/ndjson-truncated-last-line.json"), rows);
    assertThat(rows.rows).hasSize(1);
    assertThat(rows.rejects)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.location()).isEqualTo("line 2");
              assertThat(x.reason()).isEqualTo("not valid JSON (last line, probably truncated)");
            });
  }

  @Test
  void aFileThatIsNotK6OutputStopsWithExitCode2() {
    assertThatThrownBy(
            () ->
                K6NdjsonReader.read(Fixtures.own("k6/ndjson-not-k6.json"), new CollectingRows<>()))
        .isInstanceOfSatisfying(
            HopscopeException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
              assertThat(e.oneLine())
                  .contains("ndjson-not-k6.json:1")
                  .contains("is not k6 JSON output");
            });
  }

  @Test
  void gzipIsRead() throws IOException {
    Path gz = dir.resolve("out.json.gz");
    try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
      o.write(Files.readAllBytes(Fixtures.own("k6/ndjson-pre-v041-key-order.json")));
    }
    assertThat(K6NdjsonReader.read(gz, new CollectingRows<>()).points()).isEqualTo(2);
  }

  @Test
  void fastTimeParserAgreesWithJavaTime() {
    Rfc3339 p = new Rfc3339();
    String[] samples = {
      "2024-08-21T03:13:40.741431067-03:00", "2024-08-21T03:13:40Z", "2024-02-29T23:59:59.9+14:00",
      "1999-12-31T00:00:00.000000001-12:00", "2026-11-22T15:31:21.5+05:30", "2024-08-21T03:13:40.1z"
    };
    for (String s : samples) {
      assertThat(p.parse(s)).as(s).isEqualTo(nanos(s.replace('z', 'Z')));
    }
    java.util.Random rnd = new java.util.Random(9);
    for (int i = 0; i < 2000; i++) {
      long sec = 1_500_000_000L + rnd.nextInt(400_000_000);
      int nano = rnd.nextInt(1_000_000_000);
      int off = (rnd.nextInt(49) - 24) * 1800;
      OffsetDateTime t =
          OffsetDateTime.ofInstant(
              java.time.Instant.ofEpochSecond(sec, nano), java.time.ZoneOffset.ofTotalSeconds(off));
      String s = t.toString();
      assertThat(p.parse(s)).as(s).isEqualTo(sec * 1_000_000_000L + nano);
    }
    assertThat(p.parse("2024-13-01T00:00:00Z")).isEqualTo(Long.MIN_VALUE);
    assertThat(p.parse("soon")).isEqualTo(Long.MIN_VALUE);
  }

  static long nanos(String s) {
    OffsetDateTime t = OffsetDateTime.parse(s);
    return t.toEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
