package io.hopscope.analytics.spark;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.analytics.core.LatencyStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Spark path agrees with the pure path, and with Spark SQL's own exact percentile. */
class SegmentStatsJobSparkTest {
  private static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("k", DataTypes.IntegerType, true),
              DataTypes.createStructField("h", DataTypes.LongType, false),
              DataTypes.createStructField("q", DataTypes.LongType, false),
              DataTypes.createStructField("s", DataTypes.LongType, false)));

  private static SparkSession spark;
  private static final Map<Integer, List<long[]>> BY_KEY = new HashMap<>();
  private static Dataset<Row> rows;

  @BeforeAll
  static void data() {
    spark = SparkTestSession.get();
    Random rnd = new Random(11);
    List<Row> list = new ArrayList<>();
    int[] sizes = {1, 2, 7, 1000, 25_000};
    for (int k = 0; k < sizes.length; k++) {
      for (int i = 0; i < sizes[k]; i++) {
        long q = rnd.nextInt(10) < 3 ? 0 : (long) (Math.exp(rnd.nextGaussian() * 2) * 1e6);
        long s = 1 + (long) (Math.exp(rnd.nextGaussian()) * 2e7);
        if (rnd.nextInt(50) == 0) {
          s = 20_000_000; // ties
        }
        list.add(RowFactory.create(k, q + s, q, s));
        BY_KEY.computeIfAbsent(k, x -> new ArrayList<>()).add(new long[] {q + s, q, s});
      }
    }
    list.add(RowFactory.create(null, 5L, 1L, 4L)); // outside every window
    rows = spark.createDataFrame(list, SCHEMA).repartition(3);
  }

  @Test
  void sparkPathEqualsPurePathExactly() {
    Map<Integer, SegmentStatsJob.Segments> spark =
        SegmentStatsJob.statsByKey(rows, col("k"), col("h"), col("q"), col("s"));
    assertThat(spark.keySet()).containsExactlyInAnyOrderElementsOf(BY_KEY.keySet());
    for (var e : BY_KEY.entrySet()) {
      List<long[]> v = e.getValue();
      long[] hop = v.stream().mapToLong(x -> x[0]).toArray();
      long[] service = v.stream().mapToLong(x -> x[2]).toArray();
      SegmentStatsJob.Segments s = spark.get(e.getKey());
      assertThat(s.hop()).isEqualTo(LatencyStats.ofNanos(hop, hop.length));
      assertThat(s.service()).isEqualTo(LatencyStats.ofNanos(service, service.length));
      assertThat(s.count()).isEqualTo(v.size());
    }
  }

  @Test
  void severalFamiliesInOnePassWithTheRefinementForcedEqualSorting() {
    // A budget of 64 candidates makes every wanted bucket refine, over several Spark passes.
    ExactStats.Result r =
        ExactStats.run(
            rows,
            List.of(
                new ExactStats.Family(col("k"), 0, 2),
                new ExactStats.Family(
                    org.apache.spark.sql.functions.concat(
                        org.apache.spark.sql.functions.lit("key-"), col("k").cast("string")),
                    1),
                new ExactStats.Family(col("s").divide(10_000_000L).cast("long"))),
            List.of(col("h"), col("q"), col("s")),
            64);
    assertThat(r.passes()).isGreaterThan(2);
    Map<Long, Long> perTenMs = new HashMap<>();
    for (var e : BY_KEY.entrySet()) {
      List<long[]> v = e.getValue();
      long[] hop = v.stream().mapToLong(x -> x[0]).toArray();
      long[] queue = v.stream().mapToLong(x -> x[1]).toArray();
      long[] service = v.stream().mapToLong(x -> x[2]).toArray();
      var byInt = r.family(0).get((long) e.getKey());
      assertThat(byInt.rows()).isEqualTo(v.size());
      assertThat(byInt.columns()[0]).isEqualTo(LatencyStats.ofNanos(hop, hop.length));
      assertThat(byInt.columns()[1]).as("not summarised by this family").isNull();
      assertThat(byInt.columns()[2]).isEqualTo(LatencyStats.ofNanos(service, service.length));
      var byString = r.family(1).get("key-" + e.getKey());
      assertThat(byString.columns()[1]).isEqualTo(LatencyStats.ofNanos(queue, queue.length));
      for (long[] x : v) {
        perTenMs.merge(x[2] / 10_000_000L, 1L, Long::sum);
      }
    }
    perTenMs.merge(0L, 1L, Long::sum); // the row outside every window has s = 4 ns
    Map<Long, Long> counted = new HashMap<>();
    r.family(2).forEach((k, c) -> counted.put((Long) k, c.rows()));
    assertThat(counted).isEqualTo(perTenMs);
  }

  @Test
  void repeatedKeysAreFoundInTheSamePassesOverRangesOfHashes() {
    // Keys: the service time as text; ties (20,000,000 ns) and any chance repeats are repeats.
    Map<Long, Long> counts = new HashMap<>();
    for (List<long[]> v : BY_KEY.values()) {
      for (long[] x : v) {
        counts.merge(x[2], 1L, Long::sum);
      }
    }
    counts.merge(4L, 1L, Long::sum);
    long repeated = counts.values().stream().filter(c -> c > 1).count();
    long extra = counts.values().stream().mapToLong(c -> c - 1).sum();
    assertThat(repeated).isPositive();
    for (long budget : new long[] {2_000, 1_000_000}) {
      ExactStats.Result r =
          ExactStats.run(
              rows,
              List.of(new ExactStats.Family(col("k"), 0)),
              List.of(col("h")),
              java.util.Optional.of(new ExactStats.RepeatCheck(col("s"), rows.count())),
              budget);
      ExactStats.Repeats found = r.repeats().orElseThrow();
      assertThat(found.repeated()).as("budget %d", budget).isEqualTo(repeated);
      assertThat(found.extra()).isEqualTo(extra);
      assertThat(r.passes()).isGreaterThanOrEqualTo((int) Math.min(14, 26_011 / budget));
    }
  }

  @Test
  void agreesWithSparkSqlPercentile() {
    Map<Integer, SegmentStatsJob.Segments> ours =
        SegmentStatsJob.statsByKey(rows, col("k"), col("h"), col("q"), col("s"));
    List<Row> ref =
        rows.where("k is not null")
            .groupBy("k")
            .agg(
                org.apache.spark.sql.functions.expr(
                    "percentile(q, array(0.5, 0.9, 0.95, 0.99, 0.999))"),
                org.apache.spark.sql.functions.expr("avg(q)"),
                org.apache.spark.sql.functions.expr("max(q)"))
            .collectAsList();
    for (Row r : ref) {
      LatencyStats q = ours.get(r.getInt(0)).queueDelay();
      List<Double> p = r.getList(1);
      double[] mine = {q.p50(), q.p90(), q.p95(), q.p99(), q.p999()};
      for (int i = 0; i < mine.length; i++) {
        assertThat(relDiff(mine[i], p.get(i) / 1e6))
            .as("key %d level %d", r.getInt(0), i)
            .isLessThan(1e-9);
      }
      assertThat(relDiff(q.mean(), r.getDouble(2) / 1e6)).isLessThan(1e-9);
      assertThat(q.max()).isEqualTo(r.getLong(3) / 1e6);
    }
  }

  static double relDiff(double a, double b) {
    if (a == b) {
      return 0;
    }
    return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
  }
}
