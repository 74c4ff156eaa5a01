package io.hopscope.ingest.k6;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hopscope.error.Problems;
import io.hopscope.ingest.io.Inputs;
import io.hopscope.ingest.jobs.Reject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads k6's end-of-test summaries, telling the variant by its top-level keys:
 *
 * <ul>
 *   <li><b>legacy</b> {@code --summary-export} (flat values; rate metrics carry {@code value};
 *       thresholds {@code "expr": bool} where <b>true means failed</b>, k6 issue #1498);
 *   <li><b>classic</b> {@code handleSummary} data ({@code metrics.*.values}, thresholds {@code
 *       {"ok": bool}}, {@code state.testRunDurationMs});
 *   <li><b>machine-readable</b> (k6 ≥ 1.5, {@code version} + {@code results}; {@code p90} spelled
 *       without parentheses; duration in seconds).
 * </ul>
 *
 * Statistic names come out normalised ({@code p(90)}, {@code rate} for rate metrics …) and
 * threshold verdicts the right way round. A value that is not a number becomes a reject; a file
 * that is not JSON or matches no variant stops with exit code 2.
 */
public final class K6SummaryReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The variants. */
  public enum Variant {
    LEGACY_EXPORT,
    HANDLE_SUMMARY,
    MACHINE_READABLE
  }

  /**
   * What the summary held.
   *
   * @param k6Version when the file says (machine-readable only)
   * @param durationMs the test run's duration, NaN when unknown
   */
  public record Result(
      Variant variant,
      List<K6SummaryStat> stats,
      List<K6Threshold> thresholds,
      List<Reject> rejects,
      String k6Version,
      double durationMs) {
    public Result {
      stats = List.copyOf(stats);
      thresholds = List.copyOf(thresholds);
      rejects = List.copyOf(rejects);
    }
  }

  private K6SummaryReader() {}

  public static Result read(Path file) {
    JsonNode root;
    try (InputStream in = Inputs.open(file)) {
      root = JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw Problems.badFile(
          file,
          "is not JSON (line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage() + ")",
          "pass k6's --summary-export file or handleSummary's JSON",
          e);
    } catch (IOException e) {
      throw Problems.badFile(file, "cannot read: " + e.getMessage(), "check the file", e);
    }
    Parse p = new Parse(file.toString());
    if (root != null && root.has("version") && root.path("results").isObject()) {
      p.machineReadable(root);
      return p.result(
          Variant.MACHINE_READABLE,
          text(root.path("metadata").path("k6_version")),
          root.path("config").path("duration").isNumber()
              ? root.path("config").path("duration").asDouble() * 1000
              : Double.NaN);
    }
    JsonNode metrics = root == null ? null : root.get("metrics");
    if (metrics == null || !metrics.isObject()) {
      throw Problems.badFile(
          file,
          "is not a k6 summary (no 'metrics' object, no 'results')",
          "pass k6's --summary-export file or handleSummary's JSON");
    }
    boolean classic = false;
    for (Map.Entry<String, JsonNode> m : metrics.properties()) {
      classic |= m.getValue().path("values").isObject();
    }
    p.checks(root.path("root_group"));
    if (classic) {
      p.classic(metrics);
      JsonNode d = root.path("state").path("testRunDurationMs");
      return p.result(Variant.HANDLE_SUMMARY, null, d.isNumber() ? d.asDouble() : Double.NaN);
    }
    p.legacy(metrics);
    return p.result(Variant.LEGACY_EXPORT, null, Double.NaN);
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** Collects rows while walking one summary. */
  private static final class Parse {
    final String source;
    final List<K6SummaryStat> stats = new ArrayList<>();
    final List<K6Threshold> thresholds = new ArrayList<>();
    final List<Reject> rejects = new ArrayList<>();

    Parse(String source) {
      this.source = source;
    }

    Result result(Variant v, String version, double durationMs) {
      return new Result(v, stats, thresholds, rejects, version, durationMs);
    }

    void legacy(JsonNode metrics) {
      for (Map.Entry<String, JsonNode> m : metrics.properties()) {
        String metric = m.getKey();
        JsonNode body = m.getValue();
        boolean rate = body.has("passes") && body.has("fails");
        for (Map.Entry<String, JsonNode> f : body.properties()) {
          String key = f.getKey();
          if ("thresholds".equals(key)) {
            for (Map.Entry<String, JsonNode> t : f.getValue().properties()) {
              // Legacy export: true means the threshold FAILED.
              thresholds.add(new K6Threshold(metric, t.getKey(), !t.getValue().asBoolean()));
            }
            continue;
          }
          stat(metric, rate && "value".equals(key) ? "rate" : key, f.getValue());
        }
      }
    }

    /**
     * Each check of the summary's group tree, as k6 names its submetric: {@code checks{check:NAME}}
     * with {@code passes} and {@code fails} (legacy exports key checks and groups by name,
     * handleSummary lists them).
     */
    void checks(JsonNode group) {
      if (group == null || !group.isObject()) {
        return;
      }
      JsonNode checks = group.path("checks");
      java.util.List<JsonNode> list = new ArrayList<>();
      if (checks.isArray()) {
        checks.forEach(list::add);
      } else if (checks.isObject()) {
        checks.properties().forEach(e -> list.add(e.getValue()));
      }
      String path = group.path("path").asText("");
      for (JsonNode c : list) {
        String name = c.path("name").asText("");
        if (name.isEmpty()) {
          continue;
        }
        String metric =
            "checks{check:" + name + "}" + (path.isEmpty() ? "" : "{group:" + path + "}");
        for (String f : new String[] {"passes", "fails"}) {
          if (c.has(f)) {
            stat(metric, f, c.get(f));
          }
        }
      }
      JsonNode groups = group.path("groups");
      if (groups.isArray()) {
        groups.forEach(this::checks);
      } else if (groups.isObject()) {
        groups.properties().forEach(e -> checks(e.getValue()));
      }
    }

    void classic(JsonNode metrics) {
      for (Map.Entry<String, JsonNode> m : metrics.properties()) {
        String metric = m.getKey();
        for (Map.Entry<String, JsonNode> f : m.getValue().path("values").properties()) {
          stat(metric, f.getKey(), f.getValue());
        }
        for (Map.Entry<String, JsonNode> t : m.getValue().path("thresholds").properties()) {
          JsonNode ok = t.getValue().get("ok");
          if (ok != null && ok.isBoolean()) {
            thresholds.add(new K6Threshold(metric, t.getKey(), ok.asBoolean()));
          } else {
            reject(
                metric + ".thresholds." + t.getKey(),
                "threshold without a boolean 'ok'",
                t.getValue());
          }
        }
      }
    }

    void machineReadable(JsonNode root) {
      List<JsonNode> all = new ArrayList<>();
      root.path("results").path("metrics").forEach(all::add);
      root.path("results").path("checks").path("metrics").forEach(all::add);
      for (JsonNode m : all) {
        String metric = m.path("name").asText("");
        if (metric.isEmpty()) {
          reject("results.metrics", "metric without a name", m);
          continue;
        }
        boolean rate = "rate".equals(m.path("type").asText());
        for (Map.Entry<String, JsonNode> f : m.path("values").properties()) {
          String key = f.getKey();
          String stat = key.matches("p\\d+(\\.\\d+)?") ? "p(" + key.substring(1) + ")" : key;
          if (rate && "matches".equals(key)) {
            stat = "passes";
          }
          stat(metric, stat, f.getValue());
        }
      }
    }

    private void stat(String metric, String stat, JsonNode v) {
      if (v.isNumber()) {
        stats.add(new K6SummaryStat(metric, stat.toLowerCase(Locale.ROOT), v.asDouble()));
      } else if (v.isBoolean()) {
        stats.add(new K6SummaryStat(metric, stat, v.asBoolean() ? 1 : 0));
      } else if (!v.isContainerNode() && !v.isNull()) {
        reject(metric + "." + stat, "is not a number: '" + v.asText() + "'", v);
      }
    }

    private void reject(String location, String reason, JsonNode raw) {
      rejects.add(new Reject(source, location, reason, raw.toString()));
    }
  }
}
