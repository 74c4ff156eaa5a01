package io.hopscope.analytics.spark;

import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.TailCi;
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
 * Exact statistics of one or more duration columns (nanoseconds) per group key. Spark groups the
 * rows by key; each group's values are gathered into primitive arrays and handed to the pure {@link
 * LatencyStats} (sort + closest-rank interpolation), so the numbers are those of the statistics
 * core, and only one small row per key and column comes back to the driver.
 */
public final class ExactStatsJob {
  private static final String[] STATS = {
    "p50", "p90", "p95", "p99", "p999", "mean", "max", "p95_lo", "p95_hi", "p99_lo", "p99_hi", "std"
  };
  private static final StructType OUT = outSchema();

  private ExactStatsJob() {}

  private static StructType outSchema() {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("key", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("column", DataTypes.IntegerType, false));
    for (String s : STATS) {
      f.add(DataTypes.createStructField(s, DataTypes.DoubleType, false));
    }
    f.add(DataTypes.createStructField("count", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("curve", DataTypes.StringType, false));
    return DataTypes.createStructType(f);
  }

  /**
   * @param key the group key; rows where it is null are left out
   * @param valuesNs long columns of durations in ns; a null value is left out of its column
   * @return key → statistics per value column (an entry is null when the group had no value in that
   *     column)
   */
  public static Map<String, LatencyStats[]> byKey(
      Dataset<Row> rows, Column key, List<Column> valuesNs) {
    int n = valuesNs.size();
    Column[] cols = new Column[n + 1];
    cols[0] = key.cast("string").as("k");
    for (int i = 0; i < n; i++) {
      cols[i + 1] = valuesNs.get(i).cast("long").as("v" + i);
    }
    List<Row> out =
        rows.select(cols)
            .where("k is not null")
            .groupByKey(new KeyOf(), Encoders.STRING())
            .flatMapGroups(new GroupStats(n), Encoders.row(OUT))
            .collectAsList();
    Map<String, LatencyStats[]> result = new HashMap<>();
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
              r.getLong(14),
              new TailCi(r.getDouble(9), r.getDouble(10), r.getDouble(11), r.getDouble(12)),
              r.getDouble(13),
              curve(r.getString(15)));
      result.computeIfAbsent(r.getString(0), k -> new LatencyStats[n])[r.getInt(1)] = stats;
    }
    return result;
  }

  /** The curve travels as text: Double.toString round-trips every double exactly. */
  static String curveText(List<Double> curve) {
    StringBuilder sb = new StringBuilder();
    for (Double d : curve) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(d);
    }
    return sb.toString();
  }

  static List<Double> curve(String text) {
    List<Double> out = new ArrayList<>();
    for (String s : text.split(",")) {
      out.add(Double.valueOf(s));
    }
    return List.copyOf(out);
  }

  private static final class KeyOf implements MapFunction<Row, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String call(Row r) {
      return r.getString(0);
    }
  }

  private static final class GroupStats implements FlatMapGroupsFunction<String, Row, Row> {
    private static final long serialVersionUID = 1L;
    private final int columns;

    GroupStats(int columns) {
      this.columns = columns;
    }

    @Override
    public Iterator<Row> call(String key, Iterator<Row> rows) {
      long[][] v = new long[columns][1024];
      int[] n = new int[columns];
      while (rows.hasNext()) {
        Row r = rows.next();
        for (int c = 0; c < columns; c++) {
          if (r.isNullAt(c + 1)) {
            continue;
          }
          if (n[c] == v[c].length) {
            v[c] = Arrays.copyOf(v[c], n[c] * 2);
          }
          v[c][n[c]++] = r.getLong(c + 1);
        }
      }
      List<Row> out = new ArrayList<>(columns);
      for (int c = 0; c < columns; c++) {
        if (n[c] == 0) {
          continue;
        }
        LatencyStats s = LatencyStats.ofNanos(v[c], n[c]);
        TailCi ci = s.ci();
        out.add(
            RowFactory.create(
                key,
                c,
                s.p50(),
                s.p90(),
                s.p95(),
                s.p99(),
                s.p999(),
                s.mean(),
                s.max(),
                ci.p95Lo(),
                ci.p95Hi(),
                ci.p99Lo(),
                ci.p99Hi(),
                s.std(),
                s.count(),
                curveText(s.curve())));
      }
      return out.iterator();
    }
  }
}
