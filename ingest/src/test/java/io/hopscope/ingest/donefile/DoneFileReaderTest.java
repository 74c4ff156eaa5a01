package io.hopscope.ingest.donefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hopscope.error.ExitCode;
import io.hopscope.error.HopscopeException;
import io.hopscope.ingest.jobs.CollectingSink;
import io.hopscope.ingest.jobs.DoneEntryParser;
import io.hopscope.ingest.jobs.DoneFields;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoneFileReaderTest {
  @TempDir Path dir;

  private final CollectingSink sink = new CollectingSink();

  private DoneEntryParser parser(Path file) {
    return new DoneEntryParser(DoneFields.DEFAULT, "r1", file.toString());
  }

  private static String entry(String id, String run, long enq) {
    return "{\"id\":\""
        + id
        + "\",\"fields\":{\"run\":\""
        + run
        + "\",\"enq_ns\":\""
        + enq
        + "\",\"claim_ns\":\""
        + (enq + 5)
        + "\",\"done_ns\":\""
        + (enq + 9)
        + "\"}}";
  }

  @Test
  void readsHeaderEntriesAndSkipsOtherRuns() throws IOException {
    Path f = dir.resolve("done.ndjson");
    Files.writeString(
        f,
        "{\"hopscope_export\":\"done-stream\",\"synthetic\":true}\n"
            + entry("1-0", "r1", 100)
            + "\n"
            + entry("1-1", "r2", 100)
            + "\n"
            + "\n"
            + "{\"id\":\"2-0\",\"fields\":[\"run\",\"r1\",\"enq_ns\",\"7\",\"claim_ns\",\"8\","
            + "\"done_ns\",\"9\"]}\n");
    DoneFileReader.Result r = DoneFileReader.read(f, parser(f), sink);
    assertThat(r.jobs()).isEqualTo(2);
    assertThat(r.otherRuns()).isEqualTo(1);
    assertThat(r.header().path("synthetic").asBoolean()).isTrue();
    assertThat(sink.jobs).extracting(j -> j.streamId()).containsExactly("1-0", "2-0");
  }

  @Test
  void malformedLineInTheMiddleIsRejectedNotFatal() throws IOException {
    Path f = dir.resolve("done.ndjson");
    Files.writeString(
        f, entry("1-0", "r1", 100) + "\n{\"id\": 12, oops\n" + entry("1-2", "r1", 200) + "\n");
    DoneFileReader.Result r = DoneFileReader.read(f, parser(f), sink);
    assertThat(r.jobs()).isEqualTo(2);
    assertThat(r.rejected()).isEqualTo(1);
    assertThat(sink.rejects.get(0).location()).isEqualTo("line 2");
    assertThat(sink.rejects.get(0).reason()).isEqualTo("not valid JSON");
  }

  @Test
  void truncatedLastLineIsRejectedAndSaysSo() throws IOException {
    Path f = dir.resolve("done.ndjson");
    String last = entry("1-1", "r1", 200);
    Files.writeString(f, entry("1-0", "r1", 100) + "\n" + last.substring(0, last.length() / 2));
    DoneFileReader.Result r = DoneFileReader.read(f, parser(f), sink);
    assertThat(r.jobs()).isEqualTo(1);
    assertThat(sink.rejects)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.location()).isEqualTo("line 2");
              assertThat(x.reason()).contains("truncated");
            });
  }

  @Test
  void aFileThatIsNotAnExportStopsWithExitCode2() throws IOException {
    Path f = dir.resolve("k6.csv");
    Files.writeString(f, "metric_name,timestamp,metric_value\nhttp_reqs,1,1\n");
    assertThatThrownBy(() -> DoneFileReader.read(f, parser(f), sink))
        .isInstanceOfSatisfying(
            HopscopeException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
              assertThat(e.oneLine()).contains("k6.csv:1").contains("not a done-stream entry");
            });
  }

  @Test
  void gzipIsDetectedByContent() throws IOException {
    Path f = dir.resolve("done.export");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write((entry("1-0", "r1", 100) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    assertThat(DoneFileReader.read(f, parser(f), sink).jobs()).isEqualTo(1);
  }

  @Test
  void notGzipButNamedGzIsABadFile() throws IOException {
    Path f = dir.resolve("done.ndjson.gz");
    Files.writeString(f, entry("1-0", "r1", 100) + "\n");
    assertThatThrownBy(() -> DoneFileReader.read(f, parser(f), sink))
        .isInstanceOf(HopscopeException.class)
        .hasMessageContaining("not gzip");
  }

  @Test
  void missingFileIsABadFile() {
    Path f = dir.resolve("absent.ndjson");
    assertThatThrownBy(() -> DoneFileReader.read(f, parser(f), sink))
        .isInstanceOfSatisfying(
            HopscopeException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.BAD_INPUT));
  }
}
