package io.hopscope.analytics.spark;

import static org.apache.spark.sql.functions.col;

import io.hopscope.analytics.core.GroupedSelection;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.RepeatedHashes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.ProjectExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.WholeStageCodegenExec;
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
 *
 * <p>Its size is one scan's machinery: planning once, reading columnar batches in chunks, running
 * the passes and merging partition results. The nested types (Layout, Chunk, FirstPass, NextPass,
 * Found) are the per-partition state Spark serialises and share a private layout; split apart, that
 * state would have to be public.
 */
public final class ExactStats {
  private ExactStats() {}

  /**
   * A key computed in Java from the long inputs of a chunk of rows, for {@link #runOnColumns}. It
   * is asked once per chunk (not per row), so the loop over the rows is the key's own and the JIT
   * compiles it for that key alone.
   */
  public interface LongKey extends Serializable {
    /** No key: the row is in no group of the family. */
    long NONE = Long.MIN_VALUE;

    /**
     * @param in per input, its values in the chunk's rows
     * @param absent per input, which rows have it null; null when no row does
     * @param n the rows in the chunk
     * @param out receives each row's key, or {@link #NONE}
     */
    void of(long[][] in, boolean[][] absent, int n, long[] out);
  }

  /**
   * A family keyed in Java; {@code values} are value columns as for {@link Family}.
   *
   * @param keyInput the input the key is computed from (passes after the first read only the inputs
   *     of the families with values)
   */
  public record KeyedFamily(LongKey key, int keyInput, boolean full, int... values) {}

  /**
   * An input computed from two others, {@code of - minus} (null when either is), instead of read: a
   * column the table stores as such a difference need not be decoded.
   */
  public record Difference(int of, int minus) implements Serializable {}

  /** Told when each pass over the data begins (for a progress line). */
  public interface PassListener {
    PassListener NONE = (what, pass, rows) -> {};

    /**
     * @param what what is scanned
     * @param pass 1 for the first pass
     * @param rows the rows the pass reads (from table metadata; 0 when unknown)
     */
    void passStarted(String what, int pass, long rows);
  }

  /**
   * Rows read so far by the passes running in this JVM (the driver in local mode; on a cluster the
   * executors count in their own JVMs). Counted in blocks, so it never slows the scan.
   */
  private static final java.util.concurrent.atomic.AtomicLong ROWS_READ =
      new java.util.concurrent.atomic.AtomicLong();

  /** Rows read by passes in this JVM since it started. */
  public static long rowsReadHere() {
    return ROWS_READ.get();
  }

  private static final int COUNT_EVERY = 1 << 16;

  /**
   * One way of grouping the rows.
   *
   * @param key an integral or string column; a row where it is null is in no group of the family
   * @param values the value columns (indexes into the run's value list) summarised per key; none to
   *     only count the rows of each key
   */
  public record Family(Column key, boolean full, int... values) {
    /** A family with full statistics (curve and confidence intervals). */
    public Family(Column key, int... values) {
      this(key, true, values);
    }

    /** A family with only the reported levels, mean, max and spread (time slices, drift). */
    public static Family levels(Column key, int... values) {
      return new Family(key, false, values);
    }
  }

  /**
   * Keys whose repeats are looked for in the same passes ({@link RepeatedHashes}).
   *
   * @param key a string column (null keys are left out)
   * @param rows about how many rows hold a key (from table metadata): sets the ranges per pass
   */
  public record RepeatCheck(Column key, long rows) {}

  /** What the repeat check found: distinct key hashes seen more than once, and the extra rows. */
  public record Repeats(long repeated, long extra, long most) {}

  /**
   * Per family (in the order given), per key (a Long or a String), rows and statistics.
   *
   * @param batches whether the passes read Spark's columnar batches (else rows)
   */
  public record Result(
      List<Map<Object, GroupedSelection.Cell>> families,
      int passes,
      Optional<Repeats> repeats,
      boolean batches) {
    /** The cells of one family. */
    public Map<Object, GroupedSelection.Cell> family(int i) {
      return families.get(i);
    }
  }

  /**
   * The most key hashes one pass gathers on the driver for the repeat check: a sixty-fourth of the
   * heap (8 bytes a hash, held as each partition sent them), between 4M and 32M. A 30M-row run is
   * checked in one pass with {@code -Xmx4g}, in two with {@code -Xmx1g}.
   */
  public static long hashBudget() {
    return Math.max(4_000_000L, Math.min(32_000_000L, Runtime.getRuntime().maxMemory() / 64));
  }

  /**
   * The most longs one pass of the selection holds on the driver (gathered values and per-value
   * counts, {@link GroupedSelection}): a thirty-second of the heap in bytes, between 4M and 16M
   * longs. The more it holds, the more ranges the second pass settles: a 10M-job run's second pass
   * gathers about 1.9M values, so it needs two passes with either.
   */
  public static long candidateBudget() {
    return Math.max(
        GroupedSelection.DEFAULT_BUDGET,
        Math.min(16_000_000L, Runtime.getRuntime().maxMemory() / 256));
  }

  /** Runs the selection with the default candidate budget. */
  public static Result run(Dataset<Row> rows, List<Family> families, List<Column> valuesNs) {
    return run(rows, families, valuesNs, Optional.empty(), GroupedSelection.DEFAULT_BUDGET);
  }

  /** Runs the selection with a candidate budget and no repeat check. */
  public static Result run(
      Dataset<Row> rows, List<Family> families, List<Column> valuesNs, long budget) {
    return run(rows, families, valuesNs, Optional.empty(), budget);
  }

  /**
   * @param valuesNs long columns; a null value is left out of its column
   * @param repeatCheck keys to look for repeats of in the same passes
   * @param budget the most candidate values (and key hashes) one pass gathers on the driver
   */
  public static Result run(
      Dataset<Row> rows,
      List<Family> families,
      List<Column> valuesNs,
      Optional<RepeatCheck> repeatCheck,
      long budget) {
    return run(rows, families, valuesNs, repeatCheck, budget, "rows", 0, PassListener.NONE);
  }

  /**
   * As {@link #run(Dataset, List, List, Optional, long)}, telling a listener when each pass begins.
   *
   * @param what what the passes scan, for the listener
   * @param expectedRows the rows a pass reads (0 when unknown), for the listener
   */
  public static Result run(
      Dataset<Row> rows,
      List<Family> families,
      List<Column> valuesNs,
      Optional<RepeatCheck> repeatCheck,
      long budget,
      String what,
      long expectedRows,
      PassListener listener) {
    int nf = families.size();
    int nv = valuesNs.size();
    List<Column> cols = new ArrayList<>();
    for (int f = 0; f < nf; f++) {
      cols.add(families.get(f).key().as("k" + f));
    }
    for (int c = 0; c < nv; c++) {
      cols.add(valuesNs.get(c).cast("long").as("v" + c));
    }
    repeatCheck.ifPresent(r -> cols.add(r.key().cast("string").as("r")));
    Dataset<Row> picked = rows.select(cols.toArray(Column[]::new));
    boolean[] stringKey = new boolean[nf];
    List<Column> typed = new ArrayList<>();
    for (int f = 0; f < nf; f++) {
      stringKey[f] = picked.schema().fields()[f].dataType().equals(DataTypes.StringType);
      typed.add(stringKey[f] ? col("k" + f) : col("k" + f).cast("long").as("k" + f));
    }
    for (int c = 0; c < nv; c++) {
      typed.add(col("v" + c));
    }
    repeatCheck.ifPresent(r -> typed.add(col("r")));
    Dataset<Row> scan = picked.select(typed.toArray(Column[]::new));
    int[][] fv = new int[nf][];
    boolean[] full = new boolean[nf];
    for (int f = 0; f < nf; f++) {
      fv[f] = families.get(f).values().clone();
      full[f] = families.get(f).full();
    }
    // The plan is made once; each pass runs the same RDD again over the same pinned snapshot.
    @SuppressWarnings("unchecked")
    JavaRDD<Object> data = (JavaRDD<Object>) (JavaRDD<?>) scan.queryExecution().toRdd().toJavaRDD();
    Layout layout = new Layout(fv, nv, stringKey, repeatCheck.isPresent(), false, null);
    return execute(
        data,
        layout,
        data,
        layout,
        full,
        repeatCheck.map(r -> new RepeatedHashes(r.rows(), budget)).orElse(null),
        budget,
        rows.sparkSession(),
        what,
        expectedRows,
        listener);
  }

  /**
   * Exact statistics of long columns as the table stores them, grouped by families whose keys are
   * computed in Java from the same columns: Spark's columnar scan hands over its batches as they
   * are read (no rows are built, no expression is compiled), which is the cheapest way through
   * Spark for a scan of billions of rows. Falls back to rows when the scan is not columnar.
   *
   * @param inputs the long columns read (keys and values are computed from them)
   * @param valueInputs per value column, the input it is
   * @param repeatColumn a column whose repeats are looked for in the same passes: the keys (a
   *     string), or their XXH64 with seed 42 (a long)
   * @param expectedRows the rows of the table (from metadata)
   */
  public static Result runOnColumns(
      Dataset<Row> table,
      List<String> inputs,
      List<KeyedFamily> families,
      int[] valueInputs,
      Optional<String> repeatColumn,
      long expectedRows,
      long budget,
      String what,
      PassListener listener) {
    return runOnColumns(
        table,
        inputs,
        List.of(),
        families,
        valueInputs,
        repeatColumn,
        expectedRows,
        budget,
        what,
        listener);
  }

  /**
   * As {@link #runOnColumns(Dataset, List, List, int[], Optional, long, long, String,
   * PassListener)}, with more inputs computed from the columns read: input {@code inputs.size() +
   * i} is {@code derived.get(i)}.
   */
  public static Result runOnColumns(
      Dataset<Row> table,
      List<String> inputs,
      List<Difference> derived,
      List<KeyedFamily> families,
      int[] valueInputs,
      Optional<String> repeatColumn,
      long expectedRows,
      long budget,
      String what,
      PassListener listener) {
    int nf = families.size();
    Difference[] diffs = derived.toArray(Difference[]::new);
    for (int d = 0; d < diffs.length; d++) {
      // Computed in order: an input computed from another comes after it.
      int before = inputs.size() + d;
      if (Math.max(diffs[d].of(), diffs[d].minus()) >= before
          || Math.min(diffs[d].of(), diffs[d].minus()) < 0) {
        throw new IllegalArgumentException("input " + before + " is computed from a later one");
      }
    }
    int nv = valueInputs.length;
    List<Column> cols = new ArrayList<>();
    for (String in : inputs) {
      cols.add(col(in));
    }
    repeatColumn.ifPresent(r -> cols.add(col(r)));
    // A long repeat column is the keys' hash already (jobs.corr_hash), read as 8 bytes a row.
    boolean repeatHashed =
        repeatColumn
            .map(
                r ->
                    table.schema().apply(r).dataType()
                        instanceof org.apache.spark.sql.types.LongType)
            .orElse(false);
    Dataset<Row> raw = table.select(cols.toArray(Column[]::new));
    int[][] fv = new int[nf][];
    boolean[] full = new boolean[nf];
    LongKey[] keys = new LongKey[nf];
    for (int f = 0; f < nf; f++) {
      fv[f] = families.get(f).values().clone();
      full[f] = families.get(f).full();
      keys[f] = families.get(f).key();
    }
    List<String> names = new ArrayList<>(inputs);
    repeatColumn.ifPresent(names::add);
    int[] ordinals = new int[names.size()];
    JavaRDD<Object> data = columnar(raw, names, ordinals);
    boolean batches = data != null;
    if (!batches) {
      for (int i = 0; i < ordinals.length; i++) {
        ordinals[i] = i;
      }
      @SuppressWarnings("unchecked")
      JavaRDD<Object> rows =
          (JavaRDD<Object>) (JavaRDD<?>) raw.queryExecution().toRdd().toJavaRDD();
      data = rows;
    }
    Layout layout =
        new Layout(
            fv,
            nv,
            new boolean[nf],
            repeatColumn.isPresent(),
            repeatHashed,
            new Keyed(keys, valueInputs.clone(), inputs.size(), diffs, ordinals, batches));
    // Passes after the first look only at families with values, once the repeat check is done:
    // they read those families' inputs alone (fewer columns to decode, no key strings).
    boolean[] later = new boolean[inputs.size() + diffs.length];
    for (KeyedFamily f : families) {
      if (f.values().length > 0) {
        later[f.keyInput()] = true;
        for (int c : f.values()) {
          later[valueInputs[c]] = true;
        }
      }
    }
    for (int d = diffs.length - 1; d >= 0; d--) {
      if (later[inputs.size() + d]) {
        later[diffs[d].of()] = true;
        later[diffs[d].minus()] = true;
      }
    }
    Layout laterLayout = layout;
    JavaRDD<Object> laterData = data;
    List<String> laterNames = new ArrayList<>();
    for (int j = 0; j < inputs.size(); j++) {
      if (later[j]) {
        laterNames.add(inputs.get(j));
      }
    }
    if (batches && (laterNames.size() < inputs.size() || repeatColumn.isPresent())) {
      int[] laterOrd = new int[laterNames.size()];
      JavaRDD<Object> narrow =
          columnar(
              table.select(laterNames.stream().map(n -> col(n)).toArray(Column[]::new)),
              laterNames,
              laterOrd);
      if (narrow != null) {
        int[] full2 = new int[inputs.size() + 1];
        java.util.Arrays.fill(full2, -1);
        for (int j = 0, k = 0; j < inputs.size(); j++) {
          if (later[j]) {
            full2[j] = laterOrd[k++];
          }
        }
        laterData = narrow;
        laterLayout =
            new Layout(
                fv,
                nv,
                new boolean[nf],
                false,
                false,
                new Keyed(keys, valueInputs.clone(), inputs.size(), diffs, full2, true));
      }
    }
    return execute(
        data,
        layout,
        laterData,
        laterLayout,
        full,
        repeatColumn.map(r -> new RepeatedHashes(expectedRows, hashBudget())).orElse(null),
        budget,
        table.sparkSession(),
        what,
        expectedRows,
        listener);
  }

  /**
   * The scan's columnar batches, when the executed plan is a columnar scan turned into rows (and
   * nothing else); null otherwise. Fills in where each named column sits in a batch.
   */
  private static JavaRDD<Object> columnar(Dataset<Row> raw, List<String> names, int[] ordinals) {
    SparkPlan p = raw.queryExecution().executedPlan();
    if (p instanceof WholeStageCodegenExec w) {
      p = w.child();
    }
    // A projection that only picks and orders columns (the scan also reads run_id, for its
    // filter): the batches hold the same columns, found by name below.
    if (p instanceof ProjectExec project && onlyColumns(project)) {
      p = project.child();
    }
    if (!(p instanceof ColumnarToRowExec c) || !c.child().supportsColumnar()) {
      return null;
    }
    SparkPlan scan = c.child();
    List<String> output = new ArrayList<>();
    scala.collection.Iterator<Attribute> it = scan.output().iterator();
    while (it.hasNext()) {
      output.add(it.next().name());
    }
    for (int i = 0; i < names.size(); i++) {
      ordinals[i] = output.indexOf(names.get(i));
      if (ordinals[i] < 0) {
        return null;
      }
    }
    @SuppressWarnings("unchecked")
    JavaRDD<Object> batches = (JavaRDD<Object>) (JavaRDD<?>) scan.executeColumnar().toJavaRDD();
    return batches;
  }

  private static boolean onlyColumns(ProjectExec project) {
    scala.collection.Iterator<org.apache.spark.sql.catalyst.expressions.NamedExpression> it =
        project.projectList().iterator();
    while (it.hasNext()) {
      if (!(it.next() instanceof org.apache.spark.sql.catalyst.expressions.AttributeReference)) {
        return false;
      }
    }
    return true;
  }

  /**
   * @param laterData the data of passes that need no repeat range (may read fewer columns)
   */
  private static Result execute(
      JavaRDD<Object> data,
      Layout layout,
      JavaRDD<Object> laterData,
      Layout laterLayout,
      boolean[] full,
      RepeatedHashes reps,
      long budget,
      org.apache.spark.sql.SparkSession session,
      String what,
      long expectedRows,
      PassListener listener) {
    int[][] fv = layout.familyValues();
    int nf = fv.length;
    int nv = layout.valueCount();
    GroupedSelection sel = new GroupedSelection(fv, full, nv, budget);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
    listener.passStarted(what, 1, expectedRows);
    Found first =
        data.mapPartitions(new FirstPass(layout, reps == null ? null : reps.nextAcc()))
            .fold(new Found(GroupedSelection.Pass1.empty(fv, nv), null, null), Found::merge);
    sel.finishPass1(first.first);
    if (reps != null) {
      reps.finish(first.repeats);
    }
    int passes = 1;
    while (!sel.done() || (reps != null && !reps.done())) {
      listener.passStarted(what, passes + 1, expectedRows);
      GroupedSelection.Plan plan = sel.done() ? null : sel.plan();
      RepeatedHashes.Acc range = reps == null || reps.done() ? null : reps.nextAcc();
      Broadcast<GroupedSelection.Plan> shared = plan == null ? null : jsc.broadcast(plan);
      try {
        Found found =
            (range == null ? laterData : data)
                .mapPartitions(new NextPass(range == null ? laterLayout : layout, shared, range))
                .fold(new Found(null, plan == null ? null : plan.newAcc(), null), Found::merge);
        if (plan != null) {
          sel.finishPass(found.next);
        }
        if (range != null) {
          reps.finish(found.repeats);
        }
      } finally {
        if (shared != null) {
          shared.destroy();
        }
      }
      passes++;
    }
    List<Map<Object, GroupedSelection.Cell>> out = new ArrayList<>();
    for (int f = 0; f < fv.length; f++) {
      out.add(sel.result(f));
    }
    return new Result(
        out,
        passes,
        reps == null
            ? Optional.empty()
            : Optional.of(new Repeats(reps.repeated(), reps.extra(), reps.most())),
        layout.keyed() != null && layout.keyed().batches());
  }

  /** One partition's findings in one pass: the selection's, and the repeat check's range. */
  private static final class Found implements Serializable {
    private static final long serialVersionUID = 1L;
    GroupedSelection.Pass1 first;
    GroupedSelection.PassAcc next;
    RepeatedHashes.Acc repeats;

    Found(GroupedSelection.Pass1 first, GroupedSelection.PassAcc next, RepeatedHashes.Acc repeats) {
      this.first = first;
      this.next = next;
      this.repeats = repeats;
    }

    Found merge(Found o) {
      first = first == null ? o.first : o.first == null ? first : first.merge(o.first);
      next = next == null ? o.next : o.next == null ? next : next.merge(o.next);
      repeats =
          repeats == null ? o.repeats : o.repeats == null ? repeats : repeats.merge(o.repeats);
      return this;
    }
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
  /**
   * @param repeatHashed the repeat key column holds the key's 64-bit hash already (a long), not the
   *     key
   */
  private record Layout(
      int[][] familyValues,
      int valueCount,
      boolean[] stringKey,
      boolean repeatKey,
      boolean repeatHashed,
      Keyed keyed)
      implements Serializable {}

  /**
   * Families keyed in Java over the stored columns.
   *
   * @param valueInputs per value column, the input holding it
   * @param inputs how many long inputs are read (the repeat key, if any, comes after them)
   * @param derived the inputs computed from those read, after them
   * @param ordinals where each input read (then the repeat key) sits in a batch or row
   * @param batches whether the partitions hold columnar batches (else rows)
   */
  private record Keyed(
      LongKey[] keys,
      int[] valueInputs,
      int inputs,
      Difference[] derived,
      int[] ordinals,
      boolean batches)
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

    /** {@code n} rows of a family's key. */
    void rows(K holder, int n) {}

    /**
     * Values {@code [from, to)} of an array, of one column of a family's key, leaving out those
     * flagged in {@code none} (null: none is).
     */
    abstract void values(K holder, int column, long[] a, boolean[] none, int from, int to);

    /** Rows {@code [from, to)} of a chunk, all of one key of a family. */
    private void run(K holder, int[] columns, int[] valueInput, Chunk chunk, int from, int to) {
      rows(holder, to - from);
      for (int c : columns) {
        int j = valueInput[c];
        values(holder, c, chunk.in[j], chunk.absent[j], from, to);
      }
    }

    /** Where this pass gathers key hashes, or null. */
    RepeatedHashes.Acc repeats() {
      return null;
    }

    /**
     * The holder of each family's last long key: rows come in time order, so a key usually repeats
     * and the map is asked only when it changes.
     */
    private static final class KeyCache<K> {
      private final long[] last;
      private final boolean[] seen;
      private final Object[] holder;
      private final RowReader<K> reader;

      KeyCache(int families, RowReader<K> reader) {
        last = new long[families];
        seen = new boolean[families];
        holder = new Object[families];
        this.reader = reader;
      }

      @SuppressWarnings("unchecked")
      K get(int family, long key) {
        if (!seen[family] || last[family] != key) {
          last[family] = key;
          seen[family] = true;
          holder[family] = reader.lookup(family, key);
        }
        return (K) holder[family];
      }
    }

    /** Reads a partition: rows with computed keys, or stored columns keyed in Java. */
    @SuppressWarnings("unchecked")
    void readAll(Iterator<Object> items) {
      if (layout.keyed() == null) {
        readRows((Iterator<InternalRow>) (Iterator<?>) items);
      } else {
        readKeyed(items);
      }
    }

    /**
     * Reads stored columns a chunk of rows at a time: each input's values are copied out of the
     * batch (or gathered from rows) into a plain array, each family's keys are computed for the
     * whole chunk by one call, and then the chunk's rows are handed over family by family. The
     * loops are short and monomorphic, which is what the JIT makes fast.
     */
    @SuppressWarnings("unchecked")
    private void readKeyed(Iterator<Object> items) {
      Keyed k = layout.keyed();
      int ni = k.inputs();
      int[] ord = k.ordinals();
      Chunk chunk = new Chunk(ni, k.derived());
      int nf = layout.familyValues().length;
      KeyCache<K> cache = new KeyCache<>(nf, this);
      boolean[] wanted = new boolean[nf];
      for (int f = 0; f < nf; f++) {
        wanted[f] = wants(f);
      }
      RepeatedHashes.Acc repeats = layout.repeatKey() ? repeats() : null;
      boolean hashed = layout.repeatHashed();
      while (items.hasNext()) {
        Object item = items.next();
        if (k.batches()) {
          org.apache.spark.sql.vectorized.ColumnarBatch b =
              (org.apache.spark.sql.vectorized.ColumnarBatch) item;
          int total = b.numRows();
          for (int from = 0; from < total; from += CHUNK) {
            int n = Math.min(CHUNK, total - from);
            for (int j = 0; j < ni; j++) {
              chunk.copy(j, ord[j] < 0 ? null : b.column(ord[j]), from, n);
            }
            if (repeats != null) {
              org.apache.spark.sql.vectorized.ColumnVector rv = b.column(ord[ni]);
              for (int r = from; r < from + n; r++) {
                if (!rv.isNullAt(r)) {
                  repeats.add(
                      hashed ? rv.getLong(r) : XXH64.hashUTF8String(rv.getUTF8String(r), 42L));
                }
              }
            }
            chunk.derive(n);
            process(chunk, n, cache, wanted);
          }
        } else {
          InternalRow row = (InternalRow) item;
          int r = chunk.rows++;
          for (int j = 0; j < ni; j++) {
            boolean none = row.isNullAt(ord[j]);
            chunk.gathered[j][r] = none;
            chunk.in[j][r] = none ? 0 : row.getLong(ord[j]);
          }
          if (repeats != null && !row.isNullAt(ord[ni])) {
            repeats.add(
                hashed
                    ? row.getLong(ord[ni])
                    : XXH64.hashUTF8String(row.getUTF8String(ord[ni]), 42L));
          }
          if (chunk.rows == CHUNK) {
            chunk.useGathered();
            chunk.derive(CHUNK);
            process(chunk, CHUNK, cache, wanted);
            chunk.rows = 0;
          }
        }
      }
      if (chunk.rows > 0) {
        chunk.useGathered();
        chunk.derive(chunk.rows);
        process(chunk, chunk.rows, cache, wanted);
      }
    }

    /** Hands a chunk's rows over, family by family. */
    private void process(Chunk chunk, int n, KeyCache<K> cache, boolean[] wanted) {
      Keyed k = layout.keyed();
      int[][] fv = layout.familyValues();
      int[] valueInput = k.valueInputs();
      long[] keys = chunk.keys;
      for (int f = 0; f < fv.length; f++) {
        if (!wanted[f]) {
          continue;
        }
        k.keys()[f].of(chunk.in, chunk.absent, n, keys);
        int[] columns = fv[f];
        // Rows come in about time order, so a key holds for runs of rows: each run is handed over
        // whole, and its values are summed in one tight loop per column.
        int r = 0;
        while (r < n) {
          long key = keys[r];
          int end = r + 1;
          while (end < n && keys[end] == key) {
            end++;
          }
          if (key != LongKey.NONE) {
            K holder = cache.get(f, key);
            if (holder != null) {
              run(holder, columns, valueInput, chunk, r, end);
            }
          }
          r = end;
        }
      }
      chunk.counted += n;
      if (chunk.counted >= COUNT_EVERY) {
        ROWS_READ.addAndGet(chunk.counted);
        chunk.counted = 0;
      }
    }

    @SuppressWarnings("unchecked")
    private void readRows(Iterator<InternalRow> rows) {
      int nf = layout.familyValues().length;
      int nv = layout.valueCount();
      long[] values = new long[nv];
      boolean[] present = new boolean[nv];
      KeyCache<K> longKeys = new KeyCache<>(nf, this);
      UTF8String[] lastString = new UTF8String[nf];
      Object[] lastHolder = new Object[nf];
      boolean[] wanted = new boolean[nf];
      for (int f = 0; f < nf; f++) {
        wanted[f] = wants(f);
      }
      RepeatedHashes.Acc repeats = layout.repeatKey() ? repeats() : null;
      int repeatAt = nf + nv;
      int uncounted = 0;
      while (rows.hasNext()) {
        InternalRow r = rows.next();
        if (++uncounted == COUNT_EVERY) {
          ROWS_READ.addAndGet(uncounted);
          uncounted = 0;
        }
        if (repeats != null && !r.isNullAt(repeatAt)) {
          UTF8String key = r.getUTF8String(repeatAt);
          // Spark's xxhash64 (seed 42) of the key's bytes, read where they lie.
          repeats.add(XXH64.hashUTF8String(key, 42L));
        }
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
            if (lastString[f] != null && lastString[f].equals(s)) {
              holder = (K) lastHolder[f];
            } else {
              lastString[f] = s.clone();
              holder = lookup(f, s.toString());
              lastHolder[f] = holder;
            }
          } else {
            holder = longKeys.get(f, r.getLong(f));
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
      ROWS_READ.addAndGet(uncounted);
    }
  }

  /** Rows per chunk: the chunk's arrays (8 bytes a row per input) stay in the CPU's caches. */
  private static final int CHUNK = 4096;

  private static final boolean[] ALL_ABSENT = new boolean[CHUNK];

  static {
    java.util.Arrays.fill(ALL_ABSENT, true);
  }

  /** One partition's working arrays for {@link RowReader#readKeyed}. */
  private static final class Chunk {
    final long[][] in;

    /** Per input, which rows have it null (null: none does). */
    final boolean[][] absent;

    /** Per input, the null flags of gathered rows. */
    final boolean[][] gathered;

    final long[] keys = new long[CHUNK];
    int rows;
    long counted;

    /** The inputs computed from others, after those read. */
    final Difference[] derived;

    final int read;

    Chunk(int inputs, Difference[] derived) {
      this.read = inputs;
      this.derived = derived;
      int all = inputs + derived.length;
      in = new long[all][CHUNK];
      absent = new boolean[all][];
      gathered = new boolean[all][CHUNK];
    }

    /** Computes the derived inputs of the chunk's first n rows. */
    void derive(int n) {
      for (int d = 0; d < derived.length; d++) {
        int j = read + d;
        int a = derived[d].of();
        int b = derived[d].minus();
        long[] x = in[a];
        long[] y = in[b];
        long[] out = in[j];
        for (int r = 0; r < n; r++) {
          out[r] = x[r] - y[r];
        }
        boolean[] na = absent[a];
        boolean[] nb = absent[b];
        if (na == null && nb == null) {
          absent[j] = null;
        } else if (na == ALL_ABSENT || nb == ALL_ABSENT) {
          absent[j] = ALL_ABSENT;
        } else {
          boolean[] none = gathered[j];
          for (int r = 0; r < n; r++) {
            none[r] = (na != null && na[r]) || (nb != null && nb[r]);
          }
          absent[j] = none;
        }
      }
    }

    /** Copies rows [from, from + n) of a batch's column; a null column was not read this pass. */
    void copy(int j, org.apache.spark.sql.vectorized.ColumnVector v, int from, int n) {
      long[] a = in[j];
      if (v == null) {
        absent[j] = ALL_ABSENT;
      } else if (!v.hasNull()) {
        absent[j] = null;
        for (int r = 0; r < n; r++) {
          a[r] = v.getLong(from + r);
        }
      } else {
        boolean[] none = gathered[j];
        absent[j] = none;
        for (int r = 0; r < n; r++) {
          none[r] = v.isNullAt(from + r);
          a[r] = none[r] ? 0 : v.getLong(from + r);
        }
      }
    }

    /** Makes the gathered rows' null flags the chunk's. */
    void useGathered() {
      System.arraycopy(gathered, 0, absent, 0, gathered.length);
    }
  }

  private static final class FirstPass implements FlatMapFunction<Iterator<Object>, Found> {
    private static final long serialVersionUID = 1L;
    private final Layout layout;
    private final RepeatedHashes.Acc range;

    FirstPass(Layout layout, RepeatedHashes.Acc range) {
      this.layout = layout;
      this.range = range;
    }

    @Override
    public Iterator<Found> call(Iterator<Object> rows) {
      GroupedSelection.Pass1 acc =
          GroupedSelection.Pass1.empty(layout.familyValues(), layout.valueCount());
      RepeatedHashes.Acc hashes = range == null ? null : range.emptyCopy();
      new RowReader<GroupedSelection.KeyAcc>(layout) {
        private static final long serialVersionUID = 1L;

        @Override
        RepeatedHashes.Acc repeats() {
          return hashes;
        }

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

        @Override
        void rows(GroupedSelection.KeyAcc k, int n) {
          k.rows(n);
        }

        @Override
        void values(
            GroupedSelection.KeyAcc k, int column, long[] a, boolean[] none, int from, int to) {
          k.addAll(column, a, none, from, to);
        }
      }.readAll(rows);
      return List.of(new Found(acc, null, hashes == null ? null : hashes.bucketed())).iterator();
    }
  }

  private static final class NextPass implements FlatMapFunction<Iterator<Object>, Found> {
    private static final long serialVersionUID = 1L;
    private final Layout layout;
    private final Broadcast<GroupedSelection.Plan> plan;
    private final RepeatedHashes.Acc range;

    /**
     * @param plan the selection's plan, or null when only the repeat check needs this pass
     * @param range the repeat check's range, or null
     */
    NextPass(Layout layout, Broadcast<GroupedSelection.Plan> plan, RepeatedHashes.Acc range) {
      this.layout = layout;
      this.plan = plan;
      this.range = range;
    }

    @Override
    public Iterator<Found> call(Iterator<Object> rows) {
      GroupedSelection.Plan p = plan == null ? null : plan.value();
      GroupedSelection.PassAcc acc = p == null ? null : p.newAcc();
      RepeatedHashes.Acc hashes = range == null ? null : range.emptyCopy();
      new RowReader<GroupedSelection.KeyPlan>(layout) {
        private static final long serialVersionUID = 1L;

        @Override
        RepeatedHashes.Acc repeats() {
          return hashes;
        }

        @Override
        boolean wants(int family) {
          return p != null && p.wants(family);
        }

        @Override
        GroupedSelection.KeyPlan lookup(int family, Object key) {
          return p.key(family, key);
        }

        @Override
        void value(GroupedSelection.KeyPlan k, int column, long v) {
          acc.add(k, column, v);
        }

        @Override
        void values(
            GroupedSelection.KeyPlan k, int column, long[] a, boolean[] none, int from, int to) {
          acc.addAll(k, column, a, none, from, to);
        }
      }.readAll(rows);
      return List.of(new Found(null, acc, hashes == null ? null : hashes.bucketed())).iterator();
    }
  }
}
