package io.hopscope.analytics.spark;

import io.hopscope.analytics.core.LatencyStats;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Exact statistics of a job's three segments (hop, queue delay, service) per integer key. */
public final class SegmentStatsJob {
  /** The statistics of the three segments of one group. */
  public record Segments(
      long count, LatencyStats hop, LatencyStats queueDelay, LatencyStats service) {}

  private SegmentStatsJob() {}

  /**
   * @param key an integer column; rows where it is null are left out
   */
  public static Map<Integer, Segments> statsByKey(
      Dataset<Row> rows, Column key, Column hopNs, Column queueNs, Column serviceNs) {
    Map<Integer, Segments> result = new HashMap<>();
    ExactStatsJob.byKey(rows, key, List.of(hopNs, queueNs, serviceNs))
        .forEach(
            (k, s) -> result.put(Integer.valueOf(k), new Segments(s[0].count(), s[0], s[1], s[2])));
    return result;
  }
}
