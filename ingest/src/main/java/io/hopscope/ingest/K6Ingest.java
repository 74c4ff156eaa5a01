package io.hopscope.ingest;

import io.hopscope.ingest.io.Checksums;
import io.hopscope.ingest.k6.K6CsvReader;
import io.hopscope.ingest.k6.K6NdjsonReader;
import io.hopscope.ingest.k6.K6Point;
import io.hopscope.ingest.k6.K6SummaryReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads a run's k6 outputs into its staged tables and describes them for the manifest. */
final class K6Ingest {
  private K6Ingest() {}

  /** True for {@code .csv} and {@code .csv.gz}; everything else is read as NDJSON. */
  static boolean isCsv(Path file) {
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".csv") || n.endsWith(".csv.gz");
  }

  /** The tag hopscope's simulator puts on every k6 sample it writes. */
  static final String SIMULATED_TESTID = "hopscope-simulated";

  static SourceRecord points(Path file, RunRouter.RunState run, List<String> warnings) {
    Map<String, Object> facts = new LinkedHashMap<>();
    Map<String, Long> counts;
    RowSink<K6Point> target = run.k6Sink();
    boolean[] synthetic = {false};
    WatchedSink<K6Point> sink =
        new WatchedSink<>(target) {
          @Override
          public void row(K6Point p) {
            synthetic[0] |= SIMULATED_TESTID.equals(p.tags().get("testid"));
            super.row(p);
          }
        };
    if (isCsv(file)) {
      K6CsvReader.Result r = K6CsvReader.read(file, sink);
      counts = RunIngest.counts(r.rows(), "points", r.points(), r.rejected());
      facts.put("scenarios", r.scenarios());
      facts.put("whole_second_timestamps", r.wholeSeconds());
      if (r.wholeSeconds()) {
        warnings.add(
            file.getFileName()
                + ": k6 CSV timestamps are whole seconds (k6's default), so samples near plateau"
                + " boundaries can fall in the neighbouring window; use --out json or"
                + " --out csv=...,timeFormat=unix_nano");
      }
    } else {
      refuseSummary(file);
      K6NdjsonReader.Result r = K6NdjsonReader.read(file, sink);
      counts = RunIngest.counts(r.lines(), "points", r.points(), r.rejected());
      facts.put("scenarios", r.scenarios());
      facts.put("metric_lines", r.metrics());
    }
    sink.requireRows(
        file,
        "k6 samples",
        "pass the file k6 wrote with --out json=FILE or --out csv=FILE (not damaged)");
    if (synthetic[0]) {
      facts.put("synthetic", true);
    }
    if (counts.get("rejected") > 0) {
      warnings.add(file.getFileName() + ": " + counts.get("rejected") + " k6 lines were rejected");
    }
    return new SourceRecord(
        isCsv(file) ? "k6-csv" : "k6-json",
        file.toString(),
        size(file),
        Checksums.sha256(file),
        counts,
        facts);
  }

  /**
   * An end-of-test summary given as {@code --k6} (a pretty-printed JSON object, or one line with
   * k6's summary keys) is named for what it is, with the option that reads it.
   */
  static void refuseSummary(Path file) {
    String head;
    try (java.io.InputStream in = io.hopscope.ingest.io.Inputs.open(file)) {
      head = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      return; // the reader reports what is wrong with the file
    }
    String first = head.strip();
    int nl = first.indexOf('\n');
    String line = (nl < 0 ? first : first.substring(0, nl)).strip();
    boolean pretty = line.equals("{");
    boolean summaryKeys =
        line.startsWith("{")
            && !line.contains("\"type\"")
            && (line.contains("\"root_group\"")
                || line.contains("\"metrics\"")
                || line.contains("\"state\""));
    if (pretty || summaryKeys) {
      throw io.hopscope.error.Problems.badFile(
          file,
          "is a JSON document, not k6's --out json output (one JSON object per line): it looks"
              + " like an end-of-test summary (--summary-export or handleSummary)",
          "pass it with --k6-summary " + file + " instead of --k6");
    }
  }

  static SourceRecord summary(Path file, RunRouter.RunState run) {
    K6SummaryReader.Result r = K6SummaryReader.read(file);
    r.stats().forEach(run::summaryStat);
    r.thresholds().forEach(run::threshold);
    r.rejects().forEach(run::reject);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("variant", r.variant().name().toLowerCase(Locale.ROOT));
    if (r.k6Version() != null) {
      facts.put("k6_version", r.k6Version());
    }
    if (!Double.isNaN(r.durationMs())) {
      facts.put("test_run_duration_ms", r.durationMs());
    }
    // k6 writes its summary as the test ends: the file's time dates a run that has nothing else.
    long modifiedNs = modifiedNs(file);
    if (modifiedNs > 0) {
      facts.put("file_modified_ns", modifiedNs);
      run.summaryWritten(modifiedNs, r.durationMs());
    }
    facts.put("thresholds_failed", r.thresholds().stream().filter(t -> !t.passed()).count());
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("stats", (long) r.stats().size());
    counts.put("thresholds", (long) r.thresholds().size());
    counts.put("rejected", (long) r.rejects().size());
    return new SourceRecord(
        "k6-summary", file.toString(), size(file), Checksums.sha256(file), counts, facts);
  }

  private static long modifiedNs(Path file) {
    try {
      java.time.Instant t = Files.getLastModifiedTime(file).toInstant();
      return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    } catch (IOException | ArithmeticException e) {
      return -1;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
