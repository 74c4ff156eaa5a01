package io.hopscope.analytics.spark;

import io.hopscope.analytics.core.GroupedSelection;
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
      long count, LatencyStats hop, LatencyStats queueDelay, LatencyStats service) {
    /** The segments of one key of an {@link ExactStats} family over (hop, queue, service). */
    static Segments of(GroupedSelection.Cell c) {
      LatencyStats[] s = c.columns();
      return new Segments(s[0] == null ? 0 : s[0].count(), s[0], s[1], s[2]);
    }
  }

  private SegmentStatsJob() {}

  /**
   * @param key an integer column; rows where it is null are left out
   */
  public static Map<Integer, Segments> statsByKey(
      Dataset<Row> rows, Column key, Column hopNs, Column queueNs, Column serviceNs) {
    ExactStats.Result r =
        ExactStats.run(
            rows, List.of(new ExactStats.Family(key, 0, 1, 2)), List.of(hopNs, queueNs, serviceNs));
    return segments(r.family(0));
  }

  /** Cells keyed by Long, as integer-keyed segments (keys without a hop value are left out). */
  static Map<Integer, Segments> segments(Map<Object, GroupedSelection.Cell> cells) {
    Map<Integer, Segments> out = new HashMap<>();
    cells.forEach(
        (k, c) -> {
          if (c.columns()[0] != null) {
            out.put(Math.toIntExact((Long) k), Segments.of(c));
          }
        });
    return out;
  }
}
