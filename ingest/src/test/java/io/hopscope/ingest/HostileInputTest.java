package io.hopscope.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.error.ExitCode;
import io.hopscope.error.HopscopeException;
import io.hopscope.error.Printable;
import io.hopscope.ingest.spec.RunSpec;
import io.hopscope.ingest.spec.RunSpecReader;
import io.hopscope.ingest.warehouse.JobsTable;
import io.hopscope.ingest.warehouse.ParquetRows;
import io.hopscope.ingest.warehouse.RejectsTable;
import io.hopscope.ingest.warehouse.RunsTable;
import io.hopscope.ingest.warehouse.Warehouse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs a hostile user or a broken exporter produces, each test named after what it broke: they
 * are refused (exit 2, naming the file) or kept aside with a reason, never analysed as if fine.
 */
class HostileInputTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
  private static final RunId RUN = new RunId("r1");
  @TempDir Path dir;

  private RunSpec spec() throws IOException {
    Path f = dir.resolve("run.yaml");
    Files.writeString(
        f,
        "test_run:\n  scenario:\n    name: x\n    stages:\n      - {rps: 10, duration_seconds: 60}\n");
    return RunSpecReader.read(f);
  }

  private Warehouse wh() {
    return new Warehouse(dir.resolve("wh").toString(), new Configuration());
  }

  private IngestResult ingestK6(Path k6) throws IOException {
    IngestRequest req =
        IngestRequest.single(RUN, spec(), Optional.empty(), IngestRequest.DEFAULT_STREAM, List.of())
            .withK6AndProm(List.of(k6), List.of(), List.of());
    return new RunIngest(wh(), CLOCK, "test").ingest(req);
  }

  private static final String HEADER = "metric_name,timestamp,metric_value,status\n";

  @Test
  void nanInAK6CsvValueNoLongerReachesAnalyzeAsACastOverflow() throws IOException {
    Path k6 = dir.resolve("k6.csv");
    Files.writeString(
        k6,
        HEADER
            + "http_req_duration,1767225601,12.5,200\n"
            + "http_req_duration,1767225602,NaN,200\n"
            + "http_req_duration,1767225603,Infinity,200\n"
            + "http_req_duration,1767225604,-Infinity,200\n");
    IngestResult r = ingestK6(k6);
    assertThat(r.k6Points()).isEqualTo(1);
    assertThat(r.rejected()).isEqualTo(3);
    assertThat(ParquetRows.read(wh(), RejectsTable.TABLE, RUN))
        .extracting(x -> ParquetRows.getString(x, RejectsTable.REASON))
        .containsExactly(
            "metric_value 'NaN' is not a finite number",
            "metric_value 'Infinity' is not a finite number",
            "metric_value '-Infinity' is not a finite number");
  }

  @Test
  void aK6FileWhoseEveryRowIsRejectedNoLongerPassesItsGates() throws IOException {
    Path k6 = dir.resolve("k6.csv");
    Files.writeString(
        k6, HEADER + "http_req_duration,yesterday,12.5,200\nhttp_reqs,1767225601,x,200\n");
    assertThatThrownBy(() -> ingestK6(k6))
        .isInstanceOfSatisfying(
            HopscopeException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
              assertThat(e.getMessage())
                  .contains("k6.csv")
                  .contains("every one of its 2 records was rejected")
                  .contains("line 2: timestamp 'yesterday'");
            });
    assertThat(wh().find(RunsTable.NAME)).isEmpty();
  }

  @Test
  void anEmptyK6FileIsNoLongerAcceptedSilently() throws IOException {
    for (String name : new String[] {"empty.json", "empty.csv"}) {
      Path k6 = Files.createFile(dir.resolve(name));
      assertThatThrownBy(() -> ingestK6(k6))
          .isInstanceOfSatisfying(
              HopscopeException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
                assertThat(e.getMessage()).contains(name);
              });
    }
  }

  @Test
  void anObjectValuedPrometheusResultIsNoLongerAcceptedSilently() throws IOException {
    Path prom = dir.resolve("q.json");
    Files.writeString(
        prom,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":{\"metric\":{}}}}");
    Path k6 = dir.resolve("k6.csv");
    Files.writeString(k6, HEADER + "http_req_duration,1767225601,12.5,200\n");
    IngestRequest req =
        IngestRequest.single(RUN, spec(), Optional.empty(), IngestRequest.DEFAULT_STREAM, List.of())
            .withK6AndProm(List.of(k6), List.of(), List.of(prom));
    assertThatThrownBy(() -> new RunIngest(wh(), CLOCK, "test").ingest(req))
        .isInstanceOfSatisfying(
            HopscopeException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
              assertThat(e.getMessage())
                  .contains("q.json")
                  .contains("data.result")
                  .contains("object");
            });
  }

  private static String entry(String id, String run, String corr) {
    return "{\"id\":\""
        + id
        + "\",\"fields\":{\"run\":\""
        + run
        + "\",\"corr\":\""
        + corr
        + "\",\"enq_ns\":\"1767225600000000000\",\"claim_ns\":\"1767225600001000000\","
        + "\"done_ns\":\"1767225600002000000\"}}\n";
  }

  @Test
  void oneInvalidRunIdNoLongerAbortsIngestOfAllRuns() throws IOException {
    Path done = dir.resolve("done.ndjson");
    Files.writeString(
        done,
        entry("1-0", "good-1", "a")
            + entry("2-0", "bad run\\u001b[31m", "b")
            + entry("3-0", "good-2", "c")
            + entry("4-0", "../../etc", "d"));
    IngestRequest all =
        new IngestRequest(
            List.of(),
            Optional.empty(),
            Optional.empty(),
            IngestRequest.DEFAULT_STREAM,
            IngestRequest.DEFAULT_JOBS_STREAM,
            List.of(done),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty(),
            io.hopscope.ingest.jobs.DoneFields.DEFAULT,
            io.hopscope.ingest.valkey.DoneStreamDrain.Options.defaults(),
            false);
    List<IngestResult> results = new RunIngest(wh(), CLOCK, "test").ingestAll(all);
    assertThat(results).extracting(r -> r.run().value()).containsExactly("good-1", "good-2");
    List<String> warnings = results.get(0).warnings();
    assertThat(warnings)
        .anyMatch(w -> w.startsWith("1 entries name the run id 'bad run\u001b[31m'"))
        .anyMatch(w -> w.contains("'../../etc', which is not a valid run id"));
    // Printed, the control characters are visible escapes, not terminal commands.
    assertThat(warnings.stream().map(Printable::of))
        .anyMatch(w -> w.contains("'bad run\\x1b[31m'"))
        .noneMatch(w -> w.indexOf('\u001b') >= 0);
    assertThat(ParquetRows.read(wh(), JobsTable.TABLE, new RunId("good-2"))).hasSize(1);
  }

  @Test
  void controlCharactersInMessagesCannotDriveTheTerminal() {
    String hostile = "run\u001b]0;pwned\u0007\r\nfake: line\u2028x\u0085";
    String shown = Printable.of(hostile);
    assertThat(shown)
        .isEqualTo("run\\x1b]0;pwned\\x07\\r\\nfake: line\\u2028x\\x85")
        .doesNotContainPattern("[\\p{Cntrl}\u2028\u2029\u0085]");
    assertThat(Printable.of("ünïcode stays")).isEqualTo("ünïcode stays");
    HopscopeException e =
        io.hopscope.error.Problems.usage("run id '" + hostile + "' is not allowed", "fix it");
    assertThat(e.oneLine()).doesNotContainPattern("[\\p{Cntrl}]");
    assertThat(new String(e.oneLine().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .contains("\\x1b]0;pwned");
  }
}
