package io.hopscope.ingest.prom;

import io.hopscope.error.Problems;
import io.hopscope.ingest.RowSink;
import io.hopscope.ingest.io.NdjsonLines;
import io.hopscope.ingest.jobs.Reject;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the Prometheus text formats: exposition 0.0.4 ({@code name{l="v"} value [ms]}), OpenMetrics
 * 1.0 (seconds, {@code # EOF}, exemplars after {@code #}, which are dropped), {@code promtool tsdb
 * dump-openmetrics} output, and {@code promtool tsdb dump}'s default form ({@code {__name__="x",
 * l="v"} value ms}). Classic histogram buckets keep their {@code le} label. A timestamp with a
 * fraction, or of at most 11 digits, is seconds; a longer integer is milliseconds. Samples without
 * a timestamp take the caller's default (e.g. the file's time).
 */
public final class PromTextReader {
  /**
   * What the read saw.
   *
   * @param defaulted samples that had no timestamp and took the default
   */
  public record Result(
      long lines,
      long samples,
      long rejected,
      long defaulted,
      Set<String> metrics,
      boolean openMetrics) {}

  private PromTextReader() {}

  public static Result read(Path file, long defaultTsNs, RowSink<PromSample> sink) {
    Set<String> metrics = new TreeSet<>();
    long samples = 0;
    long rejected = 0;
    long defaulted = 0;
    boolean eof = false;
    boolean sawSample = false;
    try (NdjsonLines lines = new NdjsonLines(file)) {
      String line;
      while ((line = lines.next()) != null) {
        String t = line.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (t.startsWith("#")) {
          if (t.equals("# EOF")) {
            eof = true;
          }
          continue;
        }
        Sample s;
        String problem;
        try {
          s = parse(t);
          problem = null;
        } catch (IllegalArgumentException e) {
          s = null;
          problem = e.getMessage();
        }
        if (problem == null && eof) {
          problem = "sample after # EOF";
        }
        if (problem != null) {
          if (!sawSample) {
            throw Problems.badValue(
                file,
                lines.number(),
                "sample",
                "is not a Prometheus text sample (" + problem + ")",
                "pass a /metrics scrape, OpenMetrics text or promtool tsdb dump output");
          }
          sink.reject(
              new Reject(
                  file.toString(),
                  "line " + lines.number(),
                  problem + lines.truncationNote(),
                  line));
          rejected++;
          continue;
        }
        sawSample = true;
        long ts = s.tsNs;
        if (ts == Long.MIN_VALUE) {
          ts = defaultTsNs;
          defaulted++;
        }
        metrics.add(s.name);
        sink.row(new PromSample(s.name, s.labels, ts, s.value, null));
        samples++;
      }
      return new Result(lines.number(), samples, rejected, defaulted, metrics, eof);
    }
  }

  private record Sample(String name, Map<String, String> labels, double value, long tsNs) {}

  private static Sample parse(String line) {
    int[] pos = {0};
    String name = null;
    Map<String, String> labels = new LinkedHashMap<>();
    if (line.charAt(0) != '{') {
      name = name(line, pos);
    }
    if (pos[0] < line.length() && line.charAt(pos[0]) == '{') {
      labels(line, pos, labels);
    }
    if (name == null) {
      name = labels.remove("__name__");
      if (name == null) {
        throw new IllegalArgumentException("no metric name");
      }
    }
    String rest = line.substring(pos[0]).strip();
    int hash = rest.indexOf(" #");
    if (hash >= 0) {
      rest = rest.substring(0, hash).strip(); // an OpenMetrics exemplar
    }
    String[] parts = rest.split("\\s+");
    if (rest.isEmpty() || parts.length > 2) {
      throw new IllegalArgumentException("expected 'value [timestamp]' after the name");
    }
    double value;
    try {
      value = PromValues.value(parts[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("value '" + parts[0] + "' is not a number");
    }
    long ts = Long.MIN_VALUE;
    if (parts.length == 2) {
      try {
        ts = PromValues.textTimestampToNs(parts[1]);
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("timestamp '" + parts[1] + "' is not a number");
      }
    }
    return new Sample(name, labels, value, ts);
  }

  private static String name(String line, int[] pos) {
    int i = pos[0];
    while (i < line.length()) {
      char c = line.charAt(i);
      boolean ok =
          Character.isLetter(c) || c == '_' || c == ':' || (i > pos[0] && Character.isDigit(c));
      if (!ok) {
        break;
      }
      i++;
    }
    if (i == pos[0]) {
      throw new IllegalArgumentException("no metric name");
    }
    String n = line.substring(pos[0], i);
    pos[0] = i;
    return n;
  }

  private static void labels(String line, int[] pos, Map<String, String> into) {
    int i = pos[0] + 1;
    while (true) {
      while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
        i++;
      }
      if (i >= line.length()) {
        throw new IllegalArgumentException("unterminated label set");
      }
      if (line.charAt(i) == '}') {
        pos[0] = i + 1;
        return;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        throw new IllegalArgumentException("label without =\"value\"");
      }
      String key = line.substring(i, eq).strip();
      StringBuilder v = new StringBuilder();
      int j = eq + 2;
      while (true) {
        if (j >= line.length()) {
          throw new IllegalArgumentException("unterminated label value");
        }
        char c = line.charAt(j);
        if (c == '\\' && j + 1 < line.length()) {
          char e = line.charAt(j + 1);
          v.append(e == 'n' ? '\n' : e);
          j += 2;
        } else if (c == '"') {
          j++;
          break;
        } else {
          v.append(c);
          j++;
        }
      }
      into.put(key, v.toString());
      i = j;
    }
  }
}
