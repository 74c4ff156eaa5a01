package io.hopscope.ingest.k6;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.hopscope.error.Problems;
import io.hopscope.ingest.RowSink;
import io.hopscope.ingest.io.NdjsonLines;
import io.hopscope.ingest.jobs.Reject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads k6's {@code --out json} output: NDJSON of {@code Metric} and {@code Point} lines,
 * optionally gzip. Streams line by line (memory stays flat however big the file), is key-order
 * agnostic (k6 before and after v0.41), and tolerates {@code tainted}, {@code tags: null} and an
 * absent {@code metadata}. A bad line becomes a reject with its line number and reason; a file
 * whose first record is not k6 output stops with exit code 2.
 */
public final class K6NdjsonReader {
  private static final JsonFactory JSON = new JsonFactory();

  /**
   * What the read saw.
   *
   * @param scenarios the {@code scenario} tags seen
   * @param minTsNs earliest sample time (Long.MAX_VALUE when none)
   */
  public record Result(
      long lines,
      long points,
      long metrics,
      long rejected,
      Set<String> scenarios,
      long minTsNs,
      long maxTsNs) {}

  private K6NdjsonReader() {}

  public static Result read(Path file, RowSink<K6Point> sink) {
    Rfc3339 times = new Rfc3339();
    Map<String, String> types = new HashMap<>();
    Set<String> scenarios = new TreeSet<>();
    long points = 0;
    long metrics = 0;
    long rejected = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    boolean sawRecord = false;
    try (NdjsonLines lines = new NdjsonLines(file)) {
      String line;
      while ((line = lines.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        Line l;
        String problem;
        try {
          l = parse(line);
          problem = l.problem();
        } catch (IOException | RuntimeException e) {
          l = null;
          problem = "not valid JSON";
        }
        if (problem != null && !sawRecord) {
          throw Problems.badValue(
              file,
              lines.number(),
              "type/metric/data",
              "is not k6 JSON output (" + problem + ")",
              "pass the file k6 wrote with --out json=FILE");
        }
        sawRecord = true;
        if (problem == null && "Metric".equals(l.type)) {
          metrics++;
          if (l.metricType != null) {
            types.put(l.name != null ? l.name : l.metric, l.metricType);
          }
          continue;
        }
        long ts = problem == null ? times.parse(l.time) : Long.MIN_VALUE;
        if (problem == null && ts == Long.MIN_VALUE) {
          problem = "time '" + l.time + "' is not an RFC 3339 timestamp";
        }
        if (problem != null) {
          sink.reject(
              new Reject(
                  file.toString(),
                  "line " + lines.number(),
                  problem + lines.truncationNote(),
                  line));
          rejected++;
          continue;
        }
        String type = types.get(l.metric);
        if (type == null) {
          type = K6Metrics.builtinType(l.metric);
        }
        String scenario = l.tags.get("scenario");
        if (scenario != null && !scenario.isEmpty()) {
          scenarios.add(scenario);
        }
        min = Math.min(min, ts);
        max = Math.max(max, ts);
        sink.row(new K6Point(l.metric, type, ts, l.value, l.tags, l.metadata));
        points++;
      }
      return new Result(lines.number(), points, metrics, rejected, scenarios, min, max);
    }
  }

  /** One parsed line; fields are null when absent. */
  private static final class Line {
    String type;
    String metric;
    String name;
    String metricType;
    String time;
    Double value;
    boolean valueNotNumber;
    Map<String, String> tags = Map.of();
    Map<String, String> metadata = Map.of();
    boolean hasData;

    String problem() {
      if (type == null) {
        return "no 'type'";
      }
      if ("Metric".equals(type)) {
        return hasData || metric != null ? null : "Metric line without data";
      }
      if (!"Point".equals(type)) {
        return "unknown type '" + type + "'";
      }
      if (metric == null || metric.isEmpty()) {
        return "Point without 'metric'";
      }
      if (!hasData) {
        return "Point without 'data'";
      }
      if (time == null) {
        return "Point without data.time";
      }
      if (valueNotNumber) {
        return "data.value is not a number";
      }
      if (value == null) {
        return "Point without data.value";
      }
      if (!Double.isFinite(value)) {
        return "data.value " + value + " is not a finite number";
      }
      return null;
    }
  }

  private static Line parse(String text) throws IOException {
    Line l = new Line();
    try (JsonParser p = JSON.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("not an object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "type" -> l.type = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "metric" -> l.metric = t == JsonToken.VALUE_STRING ? p.getText() : null;
          case "data" -> {
            if (t == JsonToken.START_OBJECT) {
              l.hasData = true;
              data(p, l);
            } else {
              p.skipChildren();
            }
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new IOException("trailing content");
      }
    }
    return l;
  }

  private static void data(JsonParser p, Line l) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "time" -> l.time = t == JsonToken.VALUE_STRING ? p.getText() : null;
        case "value" -> {
          if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            l.value = p.getDoubleValue();
          } else {
            l.valueNotNumber = t != JsonToken.VALUE_NULL;
            p.skipChildren();
          }
        }
        case "tags" -> l.tags = t == JsonToken.START_OBJECT ? strings(p) : Map.of();
        case "metadata" -> l.metadata = t == JsonToken.START_OBJECT ? strings(p) : Map.of();
        case "name" -> l.name = t == JsonToken.VALUE_STRING ? p.getText() : null;
        case "type" -> l.metricType = t == JsonToken.VALUE_STRING ? p.getText() : null;
        default -> p.skipChildren();
      }
    }
  }

  private static Map<String, String> strings(JsonParser p) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        p.skipChildren();
        continue;
      }
      m.put(k, t == JsonToken.VALUE_NULL ? null : p.getText());
    }
    return m;
  }
}
