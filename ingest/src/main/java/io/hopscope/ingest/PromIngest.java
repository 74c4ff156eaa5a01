package io.hopscope.ingest;

import io.hopscope.ingest.io.Checksums;
import io.hopscope.ingest.prom.PromDirectory;
import io.hopscope.ingest.prom.PromJsonReader;
import io.hopscope.ingest.prom.PromSample;
import io.hopscope.ingest.prom.PromTextReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a run's Prometheus exports into its staged {@code prom_samples}. */
final class PromIngest {
  private PromIngest() {}

  static List<SourceRecord> read(Path arg, RunRouter.RunState run, List<String> warnings) {
    List<SourceRecord> out = new ArrayList<>();
    RowSink<PromSample> target = run.promSink();
    for (PromDirectory.Input in : PromDirectory.inputs(arg)) {
      WatchedSink<PromSample> sink = new WatchedSink<>(target);
      Map<String, Object> facts = new LinkedHashMap<>();
      Map<String, Long> counts = new LinkedHashMap<>();
      if (in.json()) {
        PromJsonReader.Result r = PromJsonReader.read(in.file(), in.queryId(), sink);
        counts.put("series", r.series());
        counts.put("samples", r.samples());
        counts.put("rejected", r.rejected());
        facts.put("query_id", in.queryId());
        if (in.promql() != null) {
          facts.put("query", in.promql());
        }
        facts.put("result_type", r.resultType());
        facts.put("metrics", r.metrics());
      } else {
        long mtime = mtimeNs(in.file());
        PromTextReader.Result r = PromTextReader.read(in.file(), mtime, sink);
        counts.put("lines", r.lines());
        counts.put("samples", r.samples());
        counts.put("rejected", r.rejected());
        facts.put("openmetrics", r.openMetrics());
        facts.put("metrics", r.metrics());
        if (r.defaulted() > 0) {
          facts.put("samples_without_timestamp", r.defaulted());
          warnings.add(
              in.file().getFileName()
                  + ": "
                  + r.defaulted()
                  + " samples had no timestamp and were given the file's time: a single scrape"
                  + " is a snapshot, not a time series");
        }
      }
      if (!in.json() || counts.get("rejected") > 0) {
        sink.requireRows(
            in.file(),
            "Prometheus samples",
            "pass a Prometheus query_range/query response, exposition text or OpenMetrics file");
      }
      if (counts.get("rejected") > 0) {
        warnings.add(
            in.file().getFileName()
                + ": "
                + counts.get("rejected")
                + " Prometheus samples were rejected");
      }
      out.add(
          new SourceRecord(
              in.json() ? "prometheus-json" : "prometheus-text",
              in.file().toString(),
              size(in.file()),
              Checksums.sha256(in.file()),
              counts,
              facts));
    }
    return out;
  }

  private static long mtimeNs(Path f) {
    try {
      return Files.getLastModifiedTime(f).toMillis() * 1_000_000L;
    } catch (IOException e) {
      return 0;
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      return -1;
    }
  }
}
