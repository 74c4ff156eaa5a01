package io.hopscope.analytics.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What k6's end-of-test summary of the run held: every metric's statistics as k6 exported them
 * (trend stats in ms, counters, rates, gauges) and its checks with their pass and fail counts.
 *
 * @param metrics metric → stat (e.g. {@code p(95)}, {@code avg}, {@code count}, {@code rate}) →
 *     value; check submetrics are in {@code checks}, not here
 * @param durationMs the test's duration when the summary says, else NaN
 */
public record K6Summary(
    Map<String, Map<String, Double>> metrics, List<Check> checks, double durationMs) {

  /** One k6 check: its name (and group, when not the root) and how often it passed and failed. */
  public record Check(String name, String group, long passes, long fails) {
    public Check {
      Objects.requireNonNull(name);
      Objects.requireNonNull(group);
    }

    /** The share of evaluations that passed; NaN when it never ran. */
    public double passRate() {
      return passes + fails == 0 ? Double.NaN : (double) passes / (passes + fails);
    }
  }

  public K6Summary {
    TreeMap<String, Map<String, Double>> sorted = new TreeMap<>();
    metrics.forEach((k, v) -> sorted.put(k, Collections.unmodifiableMap(new TreeMap<>(v))));
    metrics = Collections.unmodifiableMap(sorted);
    checks = List.copyOf(checks);
  }

  /** A statistic, NaN when the summary does not have it. */
  public double stat(String metric, String stat) {
    Map<String, Double> m = metrics.get(metric);
    Double v = m == null ? null : m.get(stat);
    return v == null ? Double.NaN : v;
  }

  /**
   * The summary's rows as the warehouse holds them ({@code metric, stat, value}); check submetrics
   * ({@code checks{check:NAME}} or {@code checks{check:NAME}{group:PATH}}) become checks.
   */
  public static K6Summary of(List<Object[]> rows, double durationMs) {
    Map<String, Map<String, Double>> metrics = new TreeMap<>();
    Map<String, long[]> checks = new TreeMap<>();
    for (Object[] r : rows) {
      String metric = (String) r[0];
      String stat = (String) r[1];
      double value = (Double) r[2];
      if (metric.startsWith("checks{check:")) {
        long[] c = checks.computeIfAbsent(metric, k -> new long[2]);
        if (stat.equals("passes")) {
          c[0] = Math.round(value);
        } else if (stat.equals("fails")) {
          c[1] = Math.round(value);
        }
      } else {
        metrics.computeIfAbsent(metric, k -> new TreeMap<>()).put(stat, value);
      }
    }
    List<Check> list = new java.util.ArrayList<>();
    checks.forEach(
        (k, c) -> {
          String body = k.substring("checks{check:".length());
          int g = body.lastIndexOf("}{group:");
          String name = g >= 0 ? body.substring(0, g) : body.substring(0, body.length() - 1);
          String group = g >= 0 ? body.substring(g + "}{group:".length(), body.length() - 1) : "";
          list.add(new Check(name, group, c[0], c[1]));
        });
    return new K6Summary(metrics, list, durationMs);
  }

  /**
   * The request durations the summary reports (ms): med, p(90), p(95), p(99), p(99.9), avg and max
   * of {@code http_req_duration}, over its count (else {@code http_reqs}'s); null without them.
   */
  public LatencyStats httpDuration() {
    double count = stat("http_req_duration", "count");
    if (Double.isNaN(count)) {
      count = stat("http_reqs", "count");
    }
    double p95 = stat("http_req_duration", "p(95)");
    if (Double.isNaN(p95) || !(count >= 1)) {
      return null;
    }
    return new LatencyStats(
        stat("http_req_duration", "med"),
        stat("http_req_duration", "p(90)"),
        p95,
        stat("http_req_duration", "p(99)"),
        stat("http_req_duration", "p(99.9)"),
        stat("http_req_duration", "avg"),
        stat("http_req_duration", "max"),
        Math.round(count));
  }
}
