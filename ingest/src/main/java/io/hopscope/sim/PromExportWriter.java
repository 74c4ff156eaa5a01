package io.hopscope.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hopscope.error.Problems;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what Prometheus would have scraped from a simulated run, as {@code /api/v1/query_range}
 * responses (one file per query, 5 s step) plus a {@code manifest.json}: the workers' queue depth
 * gauge, their busy ratio, the gateway's request counter, a completed-jobs counter and the {@code
 * worker_service_seconds}, {@code queue_delay_seconds} and {@code hop_latency_seconds} histograms
 * the playbook's worker exports (with its buckets). Synthetic, like the run.
 */
public final class PromExportWriter {
  private static final long STEP_NS = 5_000_000_000L;
  // The reference worker's buckets (the playbook's serviceBuckets, queueBuckets, hopBuckets).
  private static final double[] BUCKETS = {.001, .002, .005, .01, .02, .05, .1, .2, .5, 1, 2, 5};
  private static final double[] QUEUE_BUCKETS = {
    .001, .002, .005, .01, .02, .05, .1, .2, .5, 1, 2, 5, 10, 30
  };
  private static final double[] HOP_BUCKETS = {
    .002, .005, .01, .02, .05, .1, .2, .5, 1, 2, 5, 10, 30
  };

  /** A classic histogram's cumulative bucket counts per step, observed when a job is done. */
  private static final class Histogram {
    final double[] bounds;
    final double[][] counts;

    Histogram(double[] bounds, int steps) {
      this.bounds = bounds;
      this.counts = new double[bounds.length + 1][steps];
    }

    void observe(int step, double seconds) {
      for (int j = 0; j < bounds.length; j++) {
        if (seconds <= bounds[j]) {
          counts[j][step]++;
        }
      }
      counts[bounds.length][step]++;
    }

    void accumulate(int k) {
      for (double[] b : counts) {
        b[k] += b[k - 1];
      }
    }

    void addTo(List<Series> out, String metric) {
      for (int j = 0; j < counts.length; j++) {
        String le = j < bounds.length ? BigDecimal.valueOf(bounds[j]).toPlainString() : "+Inf";
        out.add(new Series(metric, "sum by (le) (" + metric + ")", metric, le, counts[j]));
      }
    }
  }

  private PromExportWriter() {}

  /** One scraped series: name, its {@code le} (histogram buckets) or null, and its values. */
  private record Series(String id, String query, String metric, String le, double[] values) {}

  /** The simulated scrapes: start of the first step, and every series. */
  private record Scrapes(long startNs, long endNs, List<Series> series) {}

  public static void write(SimRun run, Path dir) {
    Scrapes s = scrapes(run);
    try {
      Files.createDirectories(dir);
      Map<String, String> queries = new LinkedHashMap<>();
      Map<String, List<Series>> byId = new LinkedHashMap<>();
      for (Series x : s.series()) {
        queries.put(x.id(), x.query());
        byId.computeIfAbsent(x.id(), k -> new ArrayList<>()).add(x);
      }
      for (Map.Entry<String, List<Series>> e : byId.entrySet()) {
        try (JsonGenerator g = open(dir.resolve(e.getKey() + ".json"))) {
          envelope(g);
          for (Series x : e.getValue()) {
            one(g, x.metric(), x.le(), s.startNs(), x.values());
          }
          g.writeEndArray();
          g.writeEndObject();
          g.writeEndObject();
        }
      }
      manifest(dir.resolve("manifest.json"), queries, s.startNs(), s.endNs());
    } catch (IOException ex) {
      throw Problems.storage(dir, "cannot write the Prometheus export", ex);
    }
  }

  /**
   * The same scrapes as OpenMetrics text, series after series with second timestamps and a final
   * {@code # EOF}, as {@code promtool tsdb dump-openmetrics} prints them: what {@code promtool tsdb
   * create-blocks-from openmetrics} turns into TSDB blocks, so a real Prometheus can serve the run.
   */
  public static void writeOpenMetrics(SimRun run, Path file) {
    Scrapes s = scrapes(run);
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (java.io.Writer w =
          new java.io.BufferedWriter(
              new java.io.OutputStreamWriter(
                  Files.newOutputStream(file), java.nio.charset.StandardCharsets.UTF_8))) {
        for (Series x : s.series()) {
          String labels =
              "{job=\"worker\",testid=\"hopscope-simulated\""
                  + (x.le() == null ? "" : ",le=\"" + x.le() + "\"")
                  + "}";
          double[] v = x.values();
          for (int k = 0; k < v.length; k++) {
            w.write(x.metric());
            w.write(labels);
            w.write(' ');
            w.write(number(v[k]));
            w.write(' ');
            w.write(Long.toString((s.startNs() + k * STEP_NS) / 1_000_000_000L));
            w.write('\n');
          }
        }
        w.write("# EOF\n");
      }
    } catch (IOException ex) {
      throw Problems.storage(file, "cannot write the OpenMetrics export", ex);
    }
  }

  private static Scrapes scrapes(SimRun run) {
    int n = run.size();
    long[] enq = new long[n];
    long[] claim = new long[n];
    for (int i = 0; i < n; i++) {
      enq[i] = run.enqNs(i);
      claim[i] = run.claimNs(i);
    }
    Arrays.sort(enq);
    Arrays.sort(claim);
    long start = (enq[0] / STEP_NS) * STEP_NS;
    long end = (run.doneNs(n - 1) / STEP_NS + 2) * STEP_NS;
    int steps = (int) ((end - start) / STEP_NS) + 1;
    double[] depth = new double[steps];
    double[] busy = new double[steps];
    double[] done = new double[steps];
    double[] arrivals = new double[steps];
    Histogram service = new Histogram(BUCKETS, steps);
    Histogram queue = new Histogram(QUEUE_BUCKETS, steps);
    Histogram hop = new Histogram(HOP_BUCKETS, steps);
    int e = 0;
    int c = 0;
    for (int k = 0; k < steps; k++) {
      long t = start + k * STEP_NS;
      while (e < n && enq[e] <= t) {
        e++;
      }
      while (c < n && claim[c] <= t) {
        c++;
      }
      depth[k] = e - c;
      arrivals[k] = e;
    }
    // Busy worker-time in each step, completions and service-time buckets as of each step.
    double[] busyNs = new double[steps];
    for (int i = 0; i < n; i++) {
      long a = run.claimNs(i);
      long b = run.doneNs(i);
      for (int k = (int) Math.max(0, (a - start) / STEP_NS); k < steps; k++) {
        long s0 = start + (k - 1) * STEP_NS;
        long s1 = start + k * STEP_NS;
        if (s0 >= b) {
          break;
        }
        busyNs[k] += Math.max(0, Math.min(b, s1) - Math.max(a, s0));
      }
      int k = (int) Math.max(0, (b - start + STEP_NS - 1) / STEP_NS);
      if (k < steps) {
        done[k]++;
        service.observe(k, (b - a) / 1e9);
        queue.observe(k, (a - run.enqNs(i)) / 1e9);
        hop.observe(k, (b - run.enqNs(i)) / 1e9);
      }
    }
    for (int k = 0; k < steps; k++) {
      busy[k] = busyNs[k] / (STEP_NS * (double) run.config().workers());
      if (k > 0) {
        done[k] += done[k - 1];
        service.accumulate(k);
        queue.accumulate(k);
        hop.accumulate(k);
      }
    }
    List<Series> series = new ArrayList<>();
    series.add(new Series("queue_depth", "max(queue_depth)", "queue_depth", null, depth));
    series.add(
        new Series("worker_busy_ratio", "avg(worker_busy_ratio)", "worker_busy_ratio", null, busy));
    series.add(
        new Series("worker_jobs_total", "sum(worker_jobs_total)", "worker_jobs_total", null, done));
    series.add(
        new Series(
            "hop_requests_total", "sum(hop_requests_total)", "hop_requests_total", null, arrivals));
    service.addTo(series, "worker_service_seconds_bucket");
    queue.addTo(series, "queue_delay_seconds_bucket");
    hop.addTo(series, "hop_latency_seconds_bucket");
    return new Scrapes(start, end, series);
  }

  private static JsonGenerator open(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    return new JsonFactory().createGenerator(out);
  }

  private static void envelope(JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("status", "success");
    g.writeObjectFieldStart("data");
    g.writeStringField("resultType", "matrix");
    g.writeArrayFieldStart("result");
  }

  private static void one(JsonGenerator g, String metric, String le, long start, double[] values)
      throws IOException {
    g.writeStartObject();
    g.writeObjectFieldStart("metric");
    g.writeStringField("__name__", metric);
    g.writeStringField("job", "worker");
    g.writeStringField("testid", "hopscope-simulated");
    if (le != null) {
      g.writeStringField("le", le);
    }
    g.writeEndObject();
    g.writeArrayFieldStart("values");
    for (int k = 0; k < values.length; k++) {
      g.writeStartArray();
      g.writeNumber((start + k * STEP_NS) / 1_000_000_000L);
      g.writeString(number(values[k]));
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static String number(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static void manifest(Path file, Map<String, String> queries, long start, long end)
      throws IOException {
    try (JsonGenerator g = open(file)) {
      g.writeStartObject();
      g.writeBooleanField("synthetic", true);
      g.writeArrayFieldStart("queries");
      for (Map.Entry<String, String> q : queries.entrySet()) {
        g.writeStartObject();
        g.writeStringField("id", q.getKey());
        g.writeStringField("query", q.getValue());
        g.writeNumberField("start", start / 1_000_000_000L);
        g.writeNumberField("end", end / 1_000_000_000L);
        g.writeStringField("step", "5s");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }
}
