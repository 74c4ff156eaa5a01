package io.hopscope.ingest.prom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.error.Problems;
import io.hopscope.ingest.RowSink;
import io.hopscope.ingest.io.Inputs;
import io.hopscope.ingest.jobs.Reject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads Prometheus HTTP API results: {@code /api/v1/query_range} (matrix) and {@code /api/v1/query}
 * (vector, scalar) responses, and the bare matrix array {@code promtool query range -o json}
 * prints. Values are strings ({@code "NaN"}, {@code "+Inf"} included); timestamps are decimal
 * seconds, converted exactly. A series without {@code __name__} (after {@code rate()}, an
 * aggregation) takes the query's id as its metric name. Native histograms are not supported yet:
 * each such point is a reject, counted, never dropped silently. An error response or a file that is
 * not such a result stops with exit code 2.
 */
public final class PromJsonReader {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /**
   * What the read saw.
   *
   * @param metrics distinct metric names
   * @param notes the response's {@code warnings} and {@code infos} (e.g. a PromQL annotation)
   */
  public record Result(
      String resultType,
      long series,
      long samples,
      long rejected,
      Set<String> metrics,
      long minTsNs,
      long maxTsNs,
      java.util.List<String> notes) {}

  private PromJsonReader() {}

  /**
   * @param queryId the query's id (file stem or manifest id): metric name of nameless series
   */
  public static Result read(Path file, String queryId, RowSink<PromSample> sink) {
    return read(file, file, queryId, sink);
  }

  /**
   * @param source what messages and rejects name instead of the file (a server and query)
   */
  public static Result read(Path file, Object source, String queryId, RowSink<PromSample> sink) {
    JsonNode root;
    try (InputStream in = Inputs.open(file)) {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw Problems.badFile(
          source,
          "is not JSON (line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage() + ")",
          "pass a Prometheus query_range/query response",
          e);
    } catch (IOException e) {
      throw Problems.badFile(source, "cannot read: " + e.getMessage(), "check the file", e);
    } catch (NumberFormatException e) {
      // A number no BigDecimal holds, e.g. 1e+2560420000 (found by fuzzing: it escaped as an
      // internal error).
      throw Problems.badFile(
          source,
          "holds a number out of any range (" + e.getMessage() + ")",
          "pass the unchanged JSON of /api/v1/query_range or /api/v1/query",
          e);
    }
    Walk w = new Walk(source, queryId, sink);
    if (root != null && root.isArray()) {
      w.matrix(root);
      return w.result("matrix");
    }
    if (root == null || !root.isObject() || !root.has("status")) {
      throw Problems.badFile(
          source,
          "is not a Prometheus API response (no 'status', not a matrix array)",
          "pass the JSON of /api/v1/query_range or promtool query range -o json");
    }
    if (!"success".equals(root.path("status").asText())) {
      throw Problems.badFile(
          source,
          "holds a failed query: "
              + root.path("errorType").asText("error")
              + ": "
              + root.path("error").asText("(no message)"),
          "run the query again and save the successful response");
    }
    for (String key : new String[] {"warnings", "infos"}) {
      for (JsonNode n : root.path(key)) {
        w.notes.add(n.asText());
      }
    }
    JsonNode data = root.path("data");
    String type = data.path("resultType").asText("");
    JsonNode result = data.path("result");
    if (("matrix".equals(type) || "vector".equals(type)) && !result.isArray()) {
      throw Problems.badValue(
          source,
          0,
          "data.result",
          "is " + kind(result) + ", not the array of series a " + type + " result holds",
          "pass the unchanged JSON of /api/v1/query_range or /api/v1/query");
    }
    switch (type) {
      case "matrix" -> w.matrix(result);
      case "vector" -> w.vector(result);
      case "scalar", "string" -> w.scalar(result);
      default ->
          throw Problems.badValue(
              source,
              0,
              "data.resultType",
              "is '" + type + "', not matrix, vector or scalar",
              "pass a query or query_range response");
    }
    return w.result(type);
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case MISSING -> "missing";
      case NULL -> "null";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> "a " + n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** One file's walk. */
  private static final class Walk {
    final Object file;
    final String queryId;
    final RowSink<PromSample> sink;
    final Set<String> metrics = new TreeSet<>();
    final java.util.List<String> notes = new java.util.ArrayList<>();
    long series;
    long samples;
    long rejected;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;

    Walk(Object file, String queryId, RowSink<PromSample> sink) {
      this.file = file;
      this.queryId = queryId;
      this.sink = sink;
    }

    Result result(String type) {
      return new Result(type, series, samples, rejected, metrics, min, max, notes);
    }

    void matrix(JsonNode result) {
      int i = 0;
      for (JsonNode s : result) {
        if (!s.isObject() || (s.has("values") && !s.get("values").isArray())) {
          reject("series " + i++, "not a {metric, values: [...]} series", s);
          continue;
        }
        Series meta = series(s, i);
        int j = 0;
        for (JsonNode point : s.path("values")) {
          sample(meta, point, "series " + i + " point " + j++);
        }
        int h = 0;
        for (JsonNode point : s.path("histograms")) {
          nativeHistogram(point, "series " + i + " histogram " + h++);
        }
        i++;
      }
    }

    void vector(JsonNode result) {
      int i = 0;
      for (JsonNode s : result) {
        if (!s.isObject()) {
          reject("series " + i++, "not a {metric, value} sample", s);
          continue;
        }
        Series meta = series(s, i);
        if (s.has("value")) {
          sample(meta, s.get("value"), "series " + i);
        }
        if (s.has("histogram")) {
          nativeHistogram(s.get("histogram"), "series " + i);
        }
        i++;
      }
    }

    void scalar(JsonNode result) {
      series++;
      metrics.add(queryId);
      sample(new Series(queryId, Map.of()), result, "scalar");
    }

    private record Series(String metric, Map<String, String> labels) {}

    private Series series(JsonNode s, int i) {
      series++;
      Map<String, String> labels = new LinkedHashMap<>();
      String name = null;
      for (Map.Entry<String, JsonNode> l : s.path("metric").properties()) {
        if ("__name__".equals(l.getKey())) {
          name = l.getValue().asText();
        } else {
          labels.put(l.getKey(), l.getValue().asText());
        }
      }
      String metric = name == null || name.isEmpty() ? queryId : name;
      metrics.add(metric);
      return new Series(metric, labels);
    }

    private void sample(Series s, JsonNode point, String where) {
      if (!point.isArray() || point.size() != 2 || !point.get(0).isNumber()) {
        reject(where, "not a [timestamp, \"value\"] pair", point);
        return;
      }
      double v;
      try {
        v = PromValues.value(point.get(1).asText());
      } catch (NumberFormatException e) {
        reject(where, "value '" + point.get(1).asText() + "' is not a number", point);
        return;
      }
      long ts;
      try {
        ts = PromValues.secondsToNs(point.get(0).decimalValue());
      } catch (ArithmeticException e) {
        reject(where, "timestamp out of range", point);
        return;
      }
      min = Math.min(min, ts);
      max = Math.max(max, ts);
      sink.row(new PromSample(s.metric(), s.labels(), ts, v, queryId));
      samples++;
    }

    private void nativeHistogram(JsonNode point, String where) {
      reject(where, "native histogram samples are not supported yet", point);
    }

    private void reject(String where, String reason, JsonNode raw) {
      sink.reject(new Reject(file.toString(), where, reason, raw.toString()));
      rejected++;
    }
  }
}
