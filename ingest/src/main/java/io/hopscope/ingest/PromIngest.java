package io.hopscope.ingest;

import io.hopscope.error.Problems;
import io.hopscope.ingest.io.Checksums;
import io.hopscope.ingest.prom.PromApi;
import io.hopscope.ingest.prom.PromDirectory;
import io.hopscope.ingest.prom.PromJsonReader;
import io.hopscope.ingest.prom.PromPull;
import io.hopscope.ingest.prom.PromQueries;
import io.hopscope.ingest.prom.PromQuery;
import io.hopscope.ingest.prom.PromSample;
import io.hopscope.ingest.prom.PromTextReader;
import io.hopscope.ingest.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a run's Prometheus exports, or queries its server, into its staged {@code prom_samples}.
 */
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

  /**
   * Runs the queries of {@code pull} against its server over the run's window (from {@code
   * beforeNs} ahead of its first timestamp to the cool-down after its last), into the run's staged
   * {@code prom_samples}: one source record per query with the server, its version, the query, the
   * range and step, the requests made and a checksum of the responses.
   */
  static List<SourceRecord> readApi(
      PromPull pull, RunRouter.RunState run, RunSpec spec, List<String> warnings) {
    long first = run.startNs(spec);
    long last = run.endNs();
    if (last <= 0 && spec != null && spec.startNs().isPresent()) {
      last = first + Math.round((spec.warmupSeconds() + spec.loadSeconds()) * 1e9);
    }
    if (first <= 0 || last <= 0) {
      throw Problems.usage(
          "--prom-url needs the run's time window, and no other source gave one",
          "give the done stream, k6 output or a k6 summary too, or test_run.scenario.start_ns in"
              + " the spec");
    }
    long cooldown = pull.cooldownNs().orElse(drainGateNs(spec));
    PromApi.Range range =
        PromApi.Range.aligned(first - pull.beforeNs(), last + cooldown, pull.stepNs());
    List<PromQuery> fromSpec = spec == null ? List.of() : PromQueries.fromSpec(spec.document());
    List<PromQuery> queries =
        PromQueries.merge(
            PromQueries.merge(pull.defaults(), fromSpec, "spec"), pull.extra(), "--prom-queries");
    if (queries.isEmpty()) {
      throw Problems.usage(
          "--prom-url has no queries to run", "drop --no-prom-defaults or give --prom-queries");
    }
    Set<String> asked = new HashSet<>();
    fromSpec.forEach(q -> asked.add(q.id()));
    pull.extra().forEach(q -> asked.add(q.id()));
    PromApi api = new PromApi(pull.target(), pull.timeout());
    String version = api.version();
    RowSink<PromSample> target = run.promSink();
    List<SourceRecord> out = new ArrayList<>();
    long total = 0;
    for (PromQuery q : queries) {
      Set<String> series = new HashSet<>();
      Set<String> metrics = new TreeSet<>();
      Set<String> notes = new LinkedHashSet<>();
      long[] samples = new long[2];
      RowSink<PromSample> sink =
          new RowSink<>() {
            @Override
            public void row(PromSample p) {
              series.add(p.metric() + p.labels());
              target.row(p);
            }

            @Override
            public void reject(io.hopscope.ingest.jobs.Reject r) {
              target.reject(r);
            }
          };
      PromApi.Fetched fetched =
          api.queryRange(
              q,
              range,
              (body, source) -> {
                PromJsonReader.Result r = PromJsonReader.read(body, source, q.id(), sink);
                samples[0] += r.samples();
                samples[1] += r.rejected();
                metrics.addAll(r.metrics());
                notes.addAll(r.notes());
              });
      total += samples[0];
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("series", (long) series.size());
      counts.put("samples", samples[0]);
      counts.put("rejected", samples[1]);
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("server", pull.target().display());
      if (version != null) {
        facts.put("server_version", version);
      }
      facts.put("auth", pull.target().auth());
      facts.put("query_id", q.id());
      facts.put("query", q.query());
      facts.put("start", Instant.ofEpochSecond(0, range.startNs()).toString());
      facts.put("end", Instant.ofEpochSecond(0, range.endNs()).toString());
      facts.put("step", PromApi.seconds(range.stepNs()) + "s");
      facts.put("requests", fetched.requests());
      facts.put("metrics", metrics);
      if (!notes.isEmpty()) {
        facts.put("notes", List.copyOf(notes));
      }
      out.add(
          new SourceRecord(
              "prometheus-api",
              pull.target().display() + " " + q.id(),
              fetched.bytes(),
              fetched.sha256(),
              counts,
              facts));
      if (samples[1] > 0) {
        warnings.add("Prometheus query " + q.id() + ": " + samples[1] + " samples were rejected");
      }
      if (series.isEmpty() && asked.contains(q.id())) {
        warnings.add(
            "Prometheus query "
                + q.id()
                + " ("
                + q.query()
                + ") returned no series over the run's window");
      }
      notes.forEach(n -> warnings.add("Prometheus query " + q.id() + ": " + n));
    }
    if (total == 0) {
      warnings.add(
          "Prometheus at "
              + pull.target().display()
              + " returned no samples for the run's window "
              + Instant.ofEpochSecond(0, range.startNs())
              + " .. "
              + Instant.ofEpochSecond(0, range.endNs())
              + ": check the server, its retention and --prom-match");
    }
    return out;
  }

  /** The spec's backlog_must_drain_seconds, else the default cool-down. */
  private static long drainGateNs(RunSpec spec) {
    if (spec != null) {
      com.fasterxml.jackson.databind.JsonNode g = spec.gates().get("backlog_must_drain_seconds");
      if (g != null && g.isNumber() && g.asDouble() > 0 && g.asDouble() < 86_400) {
        return Math.round(g.asDouble() * 1e9);
      }
    }
    return PromPull.DEFAULT_COOLDOWN_NS;
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
