package io.hopscope.analytics.spark;

import io.hopscope.analytics.core.LatencyStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Exact statistics of hop, queue delay and service time per group key. Spark groups the rows by
 * key; each group's durations are gathered into primitive arrays and handed to the pure {@link
 * LatencyStats} (sort + closest-rank interpolation), so the numbers are those of the statistics
 * core, and only a few rows per key come back to the driver.
 */
public final class SegmentStatsJob {
  /** The three durations of a job, in the order of {@link Segments}. */
  public enum Segment {
    HOP,
    QUEUE_DELAY,
    SERVICE
  }

  /** The statistics of the three segments of one group. */
  public record Segments(
      long count, LatencyStats hop, LatencyStats queueDelay, LatencyStats service) {}

  private static final String[] STATS = {"p50", "p90", "p95", "p99", "p999", "mean", "max"};

  private static final StructType OUT = outSchema();

  private static StructType outSchema() {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("key", DataTypes.IntegerType, false));
    f.add(DataTypes.createStructField("segment", DataTypes.IntegerType, false));
    for (String s : STATS) {
      f.add(DataTypes.createStructField(s, DataTypes.DoubleType, false));
    }
    f.add(DataTypes.createStructField("count", DataTypes.LongType, false));
    return DataTypes.createStructType(f);
  }

  private SegmentStatsJob() {}

  /**
   * @param rows any rows
   * @param key an integer column; rows where it is null are left out
   * @param hopNs, queueNs, serviceNs the duration columns in nanoseconds
   */
  public static Map<Integer, Segments> statsByKey(
      Dataset<Row> rows, Column key, Column hopNs, Column queueNs, Column serviceNs) {
    Dataset<Row> keyed =
        rows.select(key.cast("int").as("k"), hopNs.as("h"), queueNs.as("q"), serviceNs.as("s"))
            .where("k is not null");
    List<Row> out =
        keyed
            .groupByKey(new KeyOf(), Encoders.INT())
            .flatMapGroups(new GroupStats(), Encoders.row(OUT))
            .collectAsList();
    Map<Integer, LatencyStats[]> byKey = new HashMap<>();
    for (Row r : out) {
      LatencyStats stats =
          new LatencyStats(
              r.getDouble(2),
              r.getDouble(3),
              r.getDouble(4),
              r.getDouble(5),
              r.getDouble(6),
              r.getDouble(7),
              r.getDouble(8),
              r.getLong(9));
      byKey.computeIfAbsent(r.getInt(0), k -> new LatencyStats[3])[r.getInt(1)] = stats;
    }
    Map<Integer, Segments> result = new HashMap<>();
    byKey.forEach((k, s) -> result.put(k, new Segments(s[0].count(), s[0], s[1], s[2])));
    return result;
  }

  private static final class KeyOf implements MapFunction<Row, Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer call(Row r) {
      return r.getInt(0);
    }
  }

  private static final class GroupStats implements FlatMapGroupsFunction<Integer, Row, Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterator<Row> call(Integer key, Iterator<Row> rows) {
      long[][] v = {new long[1024], new long[1024], new long[1024]};
      int n = 0;
      while (rows.hasNext()) {
        Row r = rows.next();
        if (n == v[0].length) {
          for (int i = 0; i < 3; i++) {
            v[i] = Arrays.copyOf(v[i], n * 2);
          }
        }
        v[0][n] = r.getLong(1);
        v[1][n] = r.getLong(2);
        v[2][n] = r.getLong(3);
        n++;
      }
      List<Row> out = new ArrayList<>(3);
      for (Segment seg : Segment.values()) {
        LatencyStats s = LatencyStats.ofNanos(v[seg.ordinal()], n);
        out.add(
            RowFactory.create(
                key,
                seg.ordinal(),
                s.p50(),
                s.p90(),
                s.p95(),
                s.p99(),
                s.p999(),
                s.mean(),
                s.max(),
                s.count()));
      }
      return out.iterator();
    }
  }
}
