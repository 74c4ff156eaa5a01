package io.hopscope.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.hopscope.error.Problems;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;

/**
 * Writes a simulated run as k6 would have recorded it with {@code --out json}: a synchronous HTTP
 * endpoint whose response time is the job's hop (queueing + service), one request per iteration of
 * an open-loop scenario. Requests slower than the timeout fail as k6 reports it (status 0,
 * error_code 1050). Timestamps carry a local offset like a real k6 host's. The samples carry a
 * {@code testid=hopscope-simulated} tag, labelling them synthetic.
 */
public final class K6FileWriter {
  private static final ZoneOffset ZONE = ZoneOffset.ofHours(1);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnnxxx", Locale.ROOT);

  private K6FileWriter() {}

  /**
   * @param timeoutMs requests whose response would take longer fail with k6's timeout error
   */
  public static void write(SimRun run, Path file, String scenario, String url, double timeoutMs) {
    int n = run.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // k6 writes samples as requests finish.
    long timeoutNs = Math.round(timeoutMs * 1e6);
    long[] end = new long[n];
    for (int i = 0; i < n; i++) {
      end[i] = Math.min(run.doneNs(i), run.enqNs(i) + timeoutNs);
    }
    Arrays.sort(order, (a, b) -> Long.compare(end[a], end[b]));
    try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        OutputStream out =
            file.getFileName().toString().endsWith(".gz")
                ? new java.util.zip.GZIPOutputStream(raw, 1 << 16)
                : raw;
        JsonGenerator g =
            new JsonFactory()
                .createGenerator(out)
                .setRootValueSeparator(new SerializedString("\n"))) {
      metric(g, "http_reqs", "counter", "default");
      metric(g, "http_req_duration", "trend", "time");
      metric(g, "http_req_failed", "rate", "default");
      metric(g, "iterations", "counter", "default");
      metric(g, "vus", "gauge", "default");
      // VUs busy at each whole second: requests started and not yet finished.
      long[] starts = new long[n];
      for (int i = 0; i < n; i++) {
        starts[i] = run.enqNs(i);
      }
      Arrays.sort(starts);
      long[] ends = end.clone();
      Arrays.sort(ends);
      long nextVus = (starts[0] / 1_000_000_000L + 1) * 1_000_000_000L;
      int started = 0;
      int finished = 0;
      for (Integer i : order) {
        while (nextVus <= end[i]) {
          while (started < n && starts[started] <= nextVus) {
            started++;
          }
          while (finished < n && ends[finished] <= nextVus) {
            finished++;
          }
          point(g, "vus", nextVus, Math.max(1, started - finished), null, null, null);
          nextVus += 1_000_000_000L;
        }
        boolean timedOut = run.doneNs(i) > end[i];
        double ms = (end[i] - run.enqNs(i)) / 1e6;
        String status = timedOut ? "0" : "202";
        point(g, "http_reqs", end[i], 1, scenario, url, status);
        point(g, "http_req_duration", end[i], ms, scenario, url, status);
        point(g, "http_req_failed", end[i], timedOut ? 1 : 0, scenario, url, status);
        point(g, "iterations", end[i], 1, scenario, null, null);
      }
      g.writeRaw('\n');
    } catch (IOException e) {
      throw Problems.storage(file, "cannot write the k6 file", e);
    }
  }

  private static void metric(JsonGenerator g, String name, String type, String contains)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("type", "Metric");
    g.writeObjectFieldStart("data");
    g.writeStringField("name", name);
    g.writeStringField("type", type);
    g.writeStringField("contains", contains);
    g.writeArrayFieldStart("thresholds");
    g.writeEndArray();
    g.writeNullField("submetrics");
    g.writeEndObject();
    g.writeStringField("metric", name);
    g.writeEndObject();
  }

  private static void point(
      JsonGenerator g,
      String metric,
      long tsNs,
      double value,
      String scenario,
      String url,
      String status)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("metric", metric);
    g.writeStringField("type", "Point");
    g.writeObjectFieldStart("data");
    g.writeStringField(
        "time",
        TIME.format(
            OffsetDateTime.ofInstant(
                Instant.ofEpochSecond(tsNs / 1_000_000_000L, tsNs % 1_000_000_000L), ZONE)));
    g.writeNumberField("value", value);
    g.writeObjectFieldStart("tags");
    if (status != null) {
      if ("0".equals(status)) {
        g.writeStringField("error_code", "1050");
      }
      g.writeStringField("expected_response", "0".equals(status) ? "false" : "true");
      g.writeStringField("group", "");
      g.writeStringField("method", "POST");
      g.writeStringField("name", url);
      g.writeStringField("proto", "HTTP/1.1");
    }
    if (scenario != null) {
      g.writeStringField("scenario", scenario);
    }
    if (status != null) {
      g.writeStringField("status", status);
      g.writeStringField("testid", "hopscope-simulated");
      g.writeStringField("url", url);
    }
    g.writeEndObject();
    g.writeEndObject();
    g.writeEndObject();
  }
}
