package io.hopscope.analytics.spark;

import io.hopscope.analytics.core.GroupedSelection;
import io.hopscope.analytics.core.LatencyStats;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Exact statistics of long columns (durations in ns) grouped by several families of keys at once,
 * computed where the data is: Spark scans the rows and each partition summarises its own part
 * ({@link GroupedSelection}); only the summaries travel, and they are added up on the driver. No
 * shuffle, no group gathered into one task: memory is bounded by buckets and candidates,
 * parallelism is that of the input's partitions, and the numbers are those of sorting each group in
 * the pure core ({@link LatencyStats#ofNanos}), bit for bit.
 *
 * <p>One scan serves every family: the first pass builds counts, exact sums and histograms for all
 * of them; each further pass (usually one or two) reads only the values near the wanted ranks. The
 * scan is planned once and run once per pass.
 */
public final class ExactStats {
  private ExactStats() {}

  /**
   * One way of grouping the rows.
   *
   * @param key an integral or string column; a row where it is null is in no group of the family
   * @param values the value columns (indexes into the run's value list) summarised per key; none to
   *     only count the rows of each key
   */
  public record Family(Column key, int... values) {}

  /** Per family (in the order given), per key (a Long or a String), rows and statistics. */
  public record Result(List<Map<Object, GroupedSelection.Cell>> families, int passes) {
    /** The cells of one family. */
    public Map<Object, GroupedSelection.Cell> family(int i) {
      return families.get(i);
    }
  }

  /** Runs the selection with the default candidate budget. */
  public static Result run(Dataset<Row> rows, List<Family> families, List<Column> valuesNs) {
    return run(rows, families, valuesNs, GroupedSelection.DEFAULT_BUDGET);
  }

  /**
   * @param valuesNs long columns; a null value is left out of its column
   * @param budget the most candidate values one pass gathers on the driver
   */
  public static Result run(
      Dataset<Row> rows, List<Family> families, List<Column> valuesNs, long budget) {
    int nf = families.size();
    int nv = valuesNs.size();
    List<Column> cols = new ArrayList<>();
    for (int f = 0; f < nf; f++) {
      cols.add(families.get(f).key().as("k" + f));
    }
    for (int c = 0; c < nv; c++) {
      cols.add(valuesNs.get(c).cast("long").as("v" + c));
    }
    Dataset<Row> picked = rows.select(cols.toArray(Column[]::new));
    boolean[] stringKey = new boolean[nf];
    List<Column> typed = new ArrayList<>();
    for (int f = 0; f < nf; f++) {
      stringKey[f] = picked.schema().fields()[f].dataType().equals(DataTypes.StringType);
      typed.add(
          stringKey[f]
              ? org.apache.spark.sql.functions.col("k" + f)
              : org.apache.spark.sql.functions.col("k" + f).cast("long").as("k" + f));
    }
    for (int c = 0; c < nv; c++) {
      typed.add(org.apache.spark.sql.functions.col("v" + c));
    }
    Dataset<Row> scan = picked.select(typed.toArray(Column[]::new));
    int[][] fv = new int[nf][];
    for (int f = 0; f < nf; f++) {
      fv[f] = families.get(f).values().clone();
    }
    // The plan is made once; each pass runs the same RDD again over the same pinned snapshot.
    JavaRDD<InternalRow> data = scan.queryExecution().toRdd().toJavaRDD();
    Layout layout = new Layout(fv, nv, stringKey);
    GroupedSelection sel = new GroupedSelection(fv, nv, budget);
    sel.finishPass1(
        data.mapPartitions(new FirstPass(layout))
            .fold(GroupedSelection.Pass1.empty(fv, nv), GroupedSelection.Pass1::merge));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.sparkSession().sparkContext());
    while (!sel.done()) {
      GroupedSelection.Plan plan = sel.plan();
      Broadcast<GroupedSelection.Plan> shared = jsc.broadcast(plan);
      try {
        sel.finishPass(
            data.mapPartitions(new NextPass(layout, shared))
                .fold(plan.newAcc(), GroupedSelection.PassAcc::merge));
      } finally {
        shared.destroy();
      }
    }
    List<Map<Object, GroupedSelection.Cell>> out = new ArrayList<>();
    for (int f = 0; f < nf; f++) {
      out.add(sel.result(f));
    }
    return new Result(out, sel.passes());
  }

  /**
   * Statistics of value columns per key, the key read as a string.
   *
   * @return key → statistics per value column (null where the key had no value in it)
   */
  public static Map<String, LatencyStats[]> byKey(
      Dataset<Row> rows, Column key, List<Column> valuesNs) {
    int[] all = new int[valuesNs.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    Result r = run(rows, List.of(new Family(key.cast("string"), all)), valuesNs);
    Map<String, LatencyStats[]> out = new HashMap<>();
    r.family(0).forEach((k, cell) -> out.put((String) k, cell.columns()));
    return out;
  }

  /** Where a row's keys and values are, shipped to every partition. */
  private record Layout(int[][] familyValues, int valueCount, boolean[] stringKey)
      implements Serializable {}

  /** Reads one partition's rows: the values, and each family's key, cached while it repeats. */
  private abstract static class RowReader<K> implements Serializable {
    private static final long serialVersionUID = 1L;
    final Layout layout;

    RowReader(Layout layout) {
      this.layout = layout;
    }

    /** The holder of one key of a family, or null when this pass has nothing for it. */
    abstract K lookup(int family, Object key);

    /** One value of a family's key. */
    abstract void value(K holder, int column, long v);

    /** Whether this pass looks at a family at all. */
    boolean wants(int family) {
      return true;
    }

    /** A row of a family's key. */
    void row(K holder) {}

    @SuppressWarnings("unchecked")
    void readAll(Iterator<InternalRow> rows) {
      int nf = layout.familyValues().length;
      int nv = layout.valueCount();
      long[] values = new long[nv];
      boolean[] present = new boolean[nv];
      long[] lastLong = new long[nf];
      UTF8String[] lastString = new UTF8String[nf];
      boolean[] hasLast = new boolean[nf];
      Object[] lastHolder = new Object[nf];
      boolean[] wanted = new boolean[nf];
      for (int f = 0; f < nf; f++) {
        wanted[f] = wants(f);
      }
      while (rows.hasNext()) {
        InternalRow r = rows.next();
        for (int c = 0; c < nv; c++) {
          present[c] = !r.isNullAt(nf + c);
          if (present[c]) {
            values[c] = r.getLong(nf + c);
          }
        }
        for (int f = 0; f < nf; f++) {
          if (!wanted[f] || r.isNullAt(f)) {
            continue;
          }
          K holder;
          if (layout.stringKey()[f]) {
            UTF8String s = r.getUTF8String(f);
            if (hasLast[f] && lastString[f].equals(s)) {
              holder = (K) lastHolder[f];
            } else {
              lastString[f] = s.clone();
              hasLast[f] = true;
              holder = lookup(f, s.toString());
              lastHolder[f] = holder;
            }
          } else {
            long k = r.getLong(f);
            if (hasLast[f] && lastLong[f] == k) {
              holder = (K) lastHolder[f];
            } else {
              lastLong[f] = k;
              hasLast[f] = true;
              holder = lookup(f, k);
              lastHolder[f] = holder;
            }
          }
          if (holder == null) {
            continue;
          }
          row(holder);
          for (int c : layout.familyValues()[f]) {
            if (present[c]) {
              value(holder, c, values[c]);
            }
          }
        }
      }
    }
  }

  private static final class FirstPass
      implements FlatMapFunction<Iterator<InternalRow>, GroupedSelection.Pass1> {
    private static final long serialVersionUID = 1L;
    private final Layout layout;

    FirstPass(Layout layout) {
      this.layout = layout;
    }

    @Override
    public Iterator<GroupedSelection.Pass1> call(Iterator<InternalRow> rows) {
      GroupedSelection.Pass1 acc =
          GroupedSelection.Pass1.empty(layout.familyValues(), layout.valueCount());
      new RowReader<GroupedSelection.KeyAcc>(layout) {
        private static final long serialVersionUID = 1L;

        @Override
        GroupedSelection.KeyAcc lookup(int family, Object key) {
          return acc.key(family, key);
        }

        @Override
        void row(GroupedSelection.KeyAcc k) {
          k.row();
        }

        @Override
        void value(GroupedSelection.KeyAcc k, int column, long v) {
          k.add(column, v);
        }
      }.readAll(rows);
      return List.of(acc).iterator();
    }
  }

  private static final class NextPass
      implements FlatMapFunction<Iterator<InternalRow>, GroupedSelection.PassAcc> {
    private static final long serialVersionUID = 1L;
    private final Layout layout;
    private final Broadcast<GroupedSelection.Plan> plan;

    NextPass(Layout layout, Broadcast<GroupedSelection.Plan> plan) {
      this.layout = layout;
      this.plan = plan;
    }

    @Override
    public Iterator<GroupedSelection.PassAcc> call(Iterator<InternalRow> rows) {
      GroupedSelection.Plan p = plan.value();
      GroupedSelection.PassAcc acc = p.newAcc();
      new RowReader<GroupedSelection.KeyPlan>(layout) {
        private static final long serialVersionUID = 1L;

        @Override
        boolean wants(int family) {
          return p.wants(family);
        }

        @Override
        GroupedSelection.KeyPlan lookup(int family, Object key) {
          return p.key(family, key);
        }

        @Override
        void value(GroupedSelection.KeyPlan k, int column, long v) {
          acc.add(k, column, v);
        }
      }.readAll(rows);
      return List.of(acc).iterator();
    }
  }
}
