package io.hopscope.analytics.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.Schedule;
import io.hopscope.analytics.core.TimeBucket;
import io.hopscope.ingest.warehouse.K6PointsTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Latency per time slice of the measured period ({@code [t0 + warm-up, load end)}): exact hop and
 * service statistics of the jobs that arrived in each slice, and of the k6 requests that ended in
 * it. Slices are a round number of seconds, about 120 of them over the run.
 */
final class TimeBuckets {
  private static final long[] NICE_S = {10, 15, 20, 30, 60, 120, 300, 600, 900, 1800, 3600};

  private TimeBuckets() {}

  /** The slice length for a measured period. */
  static long bucketNs(Schedule s) {
    double seconds = (s.loadEndNs() - s.measureStartNs()) / 1e9;
    for (long b : NICE_S) {
      if (seconds / b <= 120) {
        return b * 1_000_000_000L;
      }
    }
    return NICE_S[NICE_S.length - 1] * 1_000_000_000L;
  }

  /**
   * Assembles the slices from the statistics the scans found per slice index.
   *
   * @param jobStats per slice, the hop and service statistics of the jobs that arrived in it
   * @param httpStats per slice, the k6 request durations
   * @param points the run's k6 points (for failures per slice), or null without k6 data
   */
  static List<TimeBucket> of(
      Map<Long, LatencyStats[]> jobStats,
      Map<Long, LatencyStats> httpStats,
      Dataset<Row> points,
      Schedule schedule) {
    long start = schedule.measureStartNs();
    long end = schedule.loadEndNs();
    long width = bucketNs(schedule);
    Map<Long, long[]> failures = new HashMap<>();
    Map<Long, Double> vus = new HashMap<>();
    Map<Long, Double> vusMax = new HashMap<>();
    if (points != null) {
      // The run's one definition of a failed request (K6Scan): http_req_failed when recorded,
      // else a status outside 200-399 on http_reqs.
      Column metric = col(K6PointsTable.METRIC);
      Column value = col(K6PointsTable.VALUE);
      Column ok = K6Scan.expectedStatus();
      Map<Long, long[]> byFailed = new HashMap<>();
      Map<Long, long[]> byStatus = new HashMap<>();
      for (Row r :
          points
              .where(
                  metric.isin(K6Scan.HTTP_REQ_FAILED, K6Scan.HTTP_REQS, K6Scan.VUS, K6Scan.VUS_MAX))
              .select(
                  key(col(K6PointsTable.TS_NS), schedule).as("k"),
                  metric.as("m"),
                  value.as("v"),
                  org.apache.spark.sql.functions.when(ok, lit(0.0)).otherwise(value).as("bad"))
              .where(col("k").isNotNull())
              .groupBy("k", "m")
              .agg(count(lit(1)), sum(col("v")), sum(col("bad")), max(col("v")))
              .collectAsList()) {
        if (K6Scan.VUS.equals(r.getString(1))) {
          vus.put(r.getLong(0), r.getDouble(5));
        } else if (K6Scan.VUS_MAX.equals(r.getString(1))) {
          vusMax.put(r.getLong(0), r.getDouble(5));
        } else if (K6Scan.HTTP_REQ_FAILED.equals(r.getString(1))) {
          byFailed.put(r.getLong(0), new long[] {r.getLong(2), Math.round(r.getDouble(3))});
        } else {
          byStatus.put(
              r.getLong(0), new long[] {Math.round(r.getDouble(3)), Math.round(r.getDouble(4))});
        }
      }
      failures = byFailed.isEmpty() ? byStatus : byFailed;
    }
    List<TimeBucket> out = new ArrayList<>();
    long n = (end - start + width - 1) / width;
    for (long b = 0; b < n; b++) {
      LatencyStats[] j = jobStats.get(b);
      LatencyStats h = httpStats.get(b);
      long[] f = failures.getOrDefault(b, new long[2]);
      double v = vus.getOrDefault(b, Double.NaN);
      if (j == null && h == null && f[0] == 0 && Double.isNaN(v)) {
        continue;
      }
      long s0 = start + b * width;
      out.add(
          new TimeBucket(
              s0,
              Math.min(end, s0 + width),
              j == null ? null : j[0],
              j == null ? null : j[1],
              h,
              f[0],
              f[1],
              v,
              vusMax.getOrDefault(b, Double.NaN)));
    }
    return out;
  }

  /** The slice index of a timestamp, null outside the measured period. */
  static Column key(Column ts, Schedule schedule) {
    return key(ts, schedule.measureStartNs(), schedule.loadEndNs(), bucketNs(schedule));
  }

  private static Column key(Column ts, long start, long end, long width) {
    return org.apache
        .spark
        .sql
        .functions
        .when(
            ts.geq(lit(start)).and(ts.lt(lit(end))),
            expr("0").plus(ts.minus(lit(start)).divide(lit(width)).cast("long")))
        .cast("long");
  }
}
