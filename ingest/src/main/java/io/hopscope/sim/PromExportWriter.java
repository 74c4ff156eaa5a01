package io.hopscope.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.hopscope.error.Problems;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes what Prometheus would have scraped from a simulated run, as {@code /api/v1/query_range}
 * responses (one file per query, 5 s step) plus a {@code manifest.json}: the workers' queue depth
 * gauge, their busy ratio, a completed-jobs counter and the {@code worker_service_seconds}
 * histogram the playbook's worker exports. Synthetic, like the run.
 */
public final class PromExportWriter {
  private static final long STEP_NS = 5_000_000_000L;
  private static final double[] BUCKETS = {.001, .002, .005, .01, .02, .05, .1, .2, .5, 1, 2, 5};

  private PromExportWriter() {}

  public static void write(SimRun run, Path dir) {
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
    double[][] buckets = new double[BUCKETS.length + 1][steps];
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
        double svc = (b - a) / 1e9;
        for (int j = 0; j < BUCKETS.length; j++) {
          if (svc <= BUCKETS[j]) {
            buckets[j][k]++;
          }
        }
        buckets[BUCKETS.length][k]++;
      }
    }
    for (int k = 0; k < steps; k++) {
      busy[k] = busyNs[k] / (STEP_NS * (double) run.config().workers());
      if (k > 0) {
        done[k] += done[k - 1];
        for (double[] b : buckets) {
          b[k] += b[k - 1];
        }
      }
    }
    try {
      Files.createDirectories(dir);
      Map<String, String> queries = new LinkedHashMap<>();
      queries.put("queue_depth", "max(queue_depth)");
      series(dir.resolve("queue_depth.json"), "queue_depth", null, start, depth);
      queries.put("worker_busy_ratio", "avg(worker_busy_ratio)");
      series(dir.resolve("worker_busy_ratio.json"), "worker_busy_ratio", null, start, busy);
      queries.put("worker_jobs_total", "sum(worker_jobs_total)");
      series(dir.resolve("worker_jobs_total.json"), "worker_jobs_total", null, start, done);
      queries.put("worker_service_seconds_bucket", "sum by (le) (worker_service_seconds_bucket)");
      histogram(dir.resolve("worker_service_seconds_bucket.json"), start, buckets);
      manifest(dir.resolve("manifest.json"), queries, start, end);
    } catch (IOException ex) {
      throw Problems.storage(dir, "cannot write the Prometheus export", ex);
    }
  }

  private static JsonGenerator open(Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    return new JsonFactory().createGenerator(out);
  }

  private static void series(Path file, String metric, String le, long start, double[] values)
      throws IOException {
    try (JsonGenerator g = open(file)) {
      envelope(g);
      one(g, metric, le, start, values);
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
  }

  private static void histogram(Path file, long start, double[][] buckets) throws IOException {
    try (JsonGenerator g = open(file)) {
      envelope(g);
      for (int j = 0; j < buckets.length; j++) {
        String le = j < BUCKETS.length ? BigDecimal.valueOf(BUCKETS[j]).toPlainString() : "+Inf";
        one(g, "worker_service_seconds_bucket", le, start, buckets[j]);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
    }
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
      g.writeString(BigDecimal.valueOf(values[k]).stripTrailingZeros().toPlainString());
      g.writeEndArray();
    }
    g.writeEndArray();
    g.writeEndObject();
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
