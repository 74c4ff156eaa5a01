package io.hopscope.analytics.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongUnaryOperator;
import java.util.stream.IntStream;

/**
 * Exact {@link LatencyStats} of grouped samples of any size, in a few passes over data that is
 * split into partitions, with memory bounded by buckets and candidates, never by group size.
 *
 * <p>The data is grouped by several families of keys at once (e.g. plateaus, time slices, drift
 * windows, seconds), each summarising some of the value columns or only counting rows. Every step
 * merges, so each partition is summarised on its own and the summaries are added up:
 *
 * <ol>
 *   <li>Pass 1 keeps, per key and column, the exact sums ({@link ExactSums}) and a {@link
 *       LogHistogram}. The ranks {@link LatencyStats#ranks} needs are then located in the
 *       histogram's buckets; a bucket holding a single value answers its ranks at once.
 *   <li>Each further pass looks only at the values inside the buckets that hold a wanted rank. A
 *       bucket the candidate budget has room for is settled in that pass: it sends its values,
 *       whose ranks are picked by {@link RankSelect}, or, when it holds more values than it is wide
 *       (heavy ties), it is counted value by value. A bucket beyond the budget is counted again in
 *       {@value #FANOUT} equal sub-ranges (radix style on the long value), and the sub-ranges
 *       holding the ranks become the next pass's buckets. Widths shrink {@value #FANOUT}-fold a
 *       pass, so even a 2^63-wide range is down to single values in eight passes; in practice it is
 *       one or two.
 * </ol>
 *
 * The result equals sorting each group and reading it ({@link LatencyStats#ofNanos}) bit for bit,
 * whatever the partitioning, because every order statistic is found exactly and the sums are exact
 * integers.
 *
 * <p>Its size is one algorithm: the nested types (Pass1, KeyAcc, Range, RangeSet, Plan, PassAcc)
 * are the passes' shared, private state, each small; split apart, the ranges' invariants (inside
 * one bucket, widths powers of two) would have to be public.
 */
public final class GroupedSelection {
  /** The most longs (gathered values, per-value counts) one pass holds: 32 MB. */
  public static final long DEFAULT_BUDGET = 4_000_000;

  static final int FANOUT = 256;

  /** The widest range counted value by value (one long per value of the range). */
  static final int MAX_EXACT_SLOTS = 1 << 16;

  private final int[][] familyValues;
  private final boolean[] full;
  private final int valueCount;
  private final long budget;
  private final List<Map<Object, KeyState>> keys = new ArrayList<>();
  private Plan plan;
  private int passes;

  /**
   * @param familyValues per family, the value columns (0-based) it summarises; empty to only count
   *     rows
   * @param valueCount the number of value columns
   * @param budget the most longs (gathered values and per-value counts) one pass holds
   */
  public GroupedSelection(int[][] familyValues, int valueCount, long budget) {
    this(familyValues, allFull(familyValues.length), valueCount, budget);
  }

  private static boolean[] allFull(int n) {
    boolean[] b = new boolean[n];
    java.util.Arrays.fill(b, true);
    return b;
  }

  /**
   * @param full per family, whether its statistics are full (curve and confidence intervals) or
   *     only the reported levels ({@link LatencyStats#of(ExactSums, LongUnaryOperator, boolean)})
   */
  public GroupedSelection(int[][] familyValues, boolean[] full, int valueCount, long budget) {
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be positive");
    }
    this.full = full.clone();
    this.familyValues = familyValues.clone();
    this.valueCount = valueCount;
    this.budget = budget;
  }

  /** An empty first-pass summary, for one partition. */
  public Pass1 pass1() {
    return new Pass1(familyValues, valueCount);
  }

  /** The first-pass summary of one partition: per family and key, rows, sums and histograms. */
  public static final class Pass1 implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int[][] familyValues;
    private final int valueCount;
    private final List<HashMap<Object, KeyAcc>> keys = new ArrayList<>();

    /** An empty summary, made where the partition is (an executor) from the families alone. */
    public static Pass1 empty(int[][] familyValues, int valueCount) {
      return new Pass1(familyValues, valueCount);
    }

    Pass1(int[][] familyValues, int valueCount) {
      this.familyValues = familyValues;
      this.valueCount = valueCount;
      for (int i = 0; i < familyValues.length; i++) {
        keys.add(new HashMap<>());
      }
    }

    /** The accumulator of one key of a family (a Long or a String), created when first seen. */
    public KeyAcc key(int family, Object key) {
      return keys.get(family)
          .computeIfAbsent(key, k -> new KeyAcc(familyValues[family], valueCount));
    }

    /** Adds another partition's summary into this one. */
    public Pass1 merge(Pass1 o) {
      for (int f = 0; f < keys.size(); f++) {
        HashMap<Object, KeyAcc> into = keys.get(f);
        o.keys.get(f).forEach((k, acc) -> into.merge(k, acc, KeyAcc::merge));
      }
      return this;
    }
  }

  /** Rows, and per summarised value column the exact sums and histogram, of one key. */
  public static final class KeyAcc implements Serializable {
    private static final long serialVersionUID = 1L;
    private long rows;
    private final ExactSums[] sums;
    private final LogHistogram[] hist;

    KeyAcc(int[] columns, int valueCount) {
      sums = new ExactSums[valueCount];
      hist = new LogHistogram[valueCount];
      for (int c : columns) {
        sums[c] = new ExactSums();
        hist[c] = new LogHistogram();
      }
    }

    /** Counts one row of the key. */
    public void row() {
      rows++;
    }

    /** Adds one value of a column the family summarises. */
    public void add(int column, long v) {
      sums[column].add(v);
      hist[column].add(v);
    }

    /** Counts rows of the key. */
    public void rows(int n) {
      rows += n;
    }

    /**
     * Adds values {@code [from, to)} of an array to a column the family summarises, leaving out
     * those flagged in {@code none} (null: none is).
     */
    public void addAll(int column, long[] a, boolean[] none, int from, int to) {
      sums[column].addAll(a, none, from, to);
      hist[column].addAll(a, none, from, to);
    }

    KeyAcc merge(KeyAcc o) {
      rows += o.rows;
      for (int c = 0; c < sums.length; c++) {
        if (sums[c] != null) {
          sums[c].merge(o.sums[c]);
          hist[c].merge(o.hist[c]);
        }
      }
      return this;
    }
  }

  /** One key's rows and statistics per value column (null where it had no value). */
  public record Cell(long rows, LatencyStats[] columns) {}

  private static final class KeyState {
    final long rows;
    final ColumnState[] columns;

    KeyState(long rows, int valueCount) {
      this.rows = rows;
      this.columns = new ColumnState[valueCount];
    }
  }

  private static final class ColumnState {
    final ExactSums sums;
    final boolean full;
    final Map<Long, Long> values = new HashMap<>();

    ColumnState(ExactSums sums, boolean full) {
      this.sums = sums;
      this.full = full;
    }
  }

  /** A closed range of values holding some wanted ranks, {@code base} values lying below it. */
  private static final class Range {
    final ColumnState owner;
    final long lo;
    final long hi;
    final long base;
    final long count;
    final long[] ranks;
    int id;
    boolean collect;
    long width;
    int slots;

    Range(ColumnState owner, long lo, long hi, long base, long count, long[] ranks) {
      this.owner = owner;
      this.lo = lo;
      this.hi = hi;
      this.base = base;
      this.count = count;
      this.ranks = ranks;
    }
  }

  /** Takes the merged first pass: locates every wanted rank in its bucket. */
  public void finishPass1(Pass1 merged) {
    passes = 1;
    List<Range> open = new ArrayList<>();
    for (int f = 0; f < familyValues.length; f++) {
      Map<Object, KeyState> states = new HashMap<>();
      keys.add(states);
      for (var e : merged.keys.get(f).entrySet()) {
        KeyAcc acc = e.getValue();
        KeyState ks = new KeyState(acc.rows, valueCount);
        states.put(e.getKey(), ks);
        for (int c : familyValues[f]) {
          if (acc.sums[c].count() == 0) {
            continue;
          }
          ColumnState cs = new ColumnState(acc.sums[c], full[f]);
          ks.columns[c] = cs;
          long[] ranks = LatencyStats.ranks(cs.sums.count(), cs.full);
          locate(cs, acc.hist[c], ranks, open);
        }
      }
    }
    plan(open);
  }

  private static void locate(ColumnState cs, LogHistogram h, long[] ranks, List<Range> open) {
    long[] seen = {0};
    int[] next = {0};
    h.forEachAscending(
        (lo, hi, count) -> {
          long base = seen[0];
          seen[0] += count;
          int from = next[0];
          while (next[0] < ranks.length && ranks[next[0]] < seen[0]) {
            next[0]++;
          }
          if (next[0] > from) {
            found(cs, lo, hi, base, count, Arrays.copyOfRange(ranks, from, next[0]), open);
          }
        });
  }

  private static void found(
      ColumnState cs, long lo, long hi, long base, long count, long[] ranks, List<Range> open) {
    if (lo == hi) {
      for (long r : ranks) {
        cs.values.put(r, lo);
      }
    } else {
      open.add(new Range(cs, lo, hi, base, count, ranks));
    }
  }

  /**
   * What settling a range in one pass costs, in longs held: its values, or a count per value of its
   * width when that is fewer (and no more than {@link #MAX_EXACT_SLOTS}).
   */
  private static long settleCost(Range r) {
    long w = r.hi - r.lo + 1;
    return w < r.count && w <= MAX_EXACT_SLOTS ? w : r.count;
  }

  /** Whether another pass over the data is needed. */
  public boolean done() {
    return plan == null;
  }

  /** The passes made so far. */
  public int passes() {
    return passes;
  }

  private void plan(List<Range> open) {
    if (open.isEmpty()) {
      plan = null;
      return;
    }
    // Each range is settled in the next pass when the budget allows, the cheaper way: its values
    // gathered and selected, or (when it is no wider than it holds values) counted value by value.
    // Ranges beyond the budget are counted in up to FANOUT sub-ranges and narrowed again.
    List<Range> byCost = new ArrayList<>(open);
    byCost.sort(Comparator.comparingLong(GroupedSelection::settleCost));
    long used = 0;
    for (Range r : byCost) {
      long w = r.hi - r.lo + 1; // one bucket or sub-range: never wider than 2^53
      long cost = settleCost(r);
      if (used + cost <= budget) {
        used += cost;
        if (cost < r.count) {
          r.width = 1;
          r.slots = (int) w;
        } else {
          r.collect = true;
        }
      } else {
        // A power of two (at most FANOUT sub-ranges still cover the range), so that a value's
        // sub-range is a shift away, not a 64-bit division: buckets are powers of two wide
        // already, and only a range cut short by its bucket's end is rounded up.
        r.width = Long.highestOneBit(Math.max(1, (w + FANOUT - 1) / FANOUT));
        if (r.width * FANOUT < w) {
          r.width <<= 1;
        }
        r.slots = (int) ((w - 1) / r.width + 1);
      }
    }
    plan = new Plan(open, familyValues.length, valueCount, keys);
  }

  /** What the next pass looks for: per family and key, the ranges of each column. */
  public Plan plan() {
    if (plan == null) {
      throw new IllegalStateException("no pass left to make");
    }
    return plan;
  }

  /** The ranges a pass looks at; sent to every partition. */
  public static final class Plan implements Serializable {
    private static final long serialVersionUID = 1L;
    private final List<HashMap<Object, KeyPlan>> families = new ArrayList<>();
    private final int ranges;
    private final long[] lo;
    private final int[] slots;
    private final boolean[] perValue;
    private final transient List<Range> open;

    Plan(List<Range> open, int familyCount, int valueCount, List<Map<Object, KeyState>> keys) {
      this.open = open;
      this.ranges = open.size();
      this.lo = new long[ranges];
      this.slots = new int[ranges];
      this.perValue = new boolean[ranges];
      Map<ColumnState, List<Range>> byColumn = new HashMap<>();
      for (int i = 0; i < open.size(); i++) {
        Range r = open.get(i);
        r.id = i;
        lo[i] = r.lo;
        slots[i] = r.slots;
        perValue[i] = !r.collect && r.width == 1;
        byColumn.computeIfAbsent(r.owner, x -> new ArrayList<>()).add(r);
      }
      for (int f = 0; f < familyCount; f++) {
        HashMap<Object, KeyPlan> plans = new HashMap<>();
        families.add(plans);
        for (var e : keys.get(f).entrySet()) {
          RangeSet[] cols = new RangeSet[valueCount];
          boolean any = false;
          for (int c = 0; c < valueCount; c++) {
            ColumnState cs = e.getValue().columns[c];
            List<Range> rs = cs == null ? null : byColumn.get(cs);
            if (rs != null) {
              cols[c] = new RangeSet(rs);
              any = true;
            }
          }
          if (any) {
            plans.put(e.getKey(), new KeyPlan(cols));
          }
        }
      }
    }

    /** An empty accumulator of this pass, for one partition. */
    public PassAcc newAcc() {
      return new PassAcc(this);
    }

    /** The ranges of one key of a family, or null when the pass has nothing to find there. */
    public KeyPlan key(int family, Object key) {
      return families.get(family).get(key);
    }

    /** Whether a family has anything to find in this pass. */
    public boolean wants(int family) {
      return !families.get(family).isEmpty();
    }
  }

  /** The ranges of one key, per value column (null where nothing is wanted). */
  public static final class KeyPlan implements Serializable {
    private static final long serialVersionUID = 1L;
    private final RangeSet[] columns;

    KeyPlan(RangeSet[] columns) {
      this.columns = columns;
    }
  }

  /**
   * The ranges of one key's column, sorted. Every range lies inside one bucket of the first pass's
   * histogram (it is that bucket, or a sub-range of it), so a value's candidates are found from its
   * bucket by two array reads instead of a binary search over all ranges: most values are in no
   * range, and this is asked of every value of every pass after the first.
   */
  private static final class RangeSet implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] lo;
    final long[] hi;
    final int[] id;
    final long[] width; // 0: gather the values
    final int[] shift; // log2 of the width

    /** The highest value of any range. */
    final long highest;

    /** The bucket of the lowest range. */
    private final int firstBucket;

    /**
     * Per bucket from {@link #firstBucket}, the position of its first range; one more entry ends
     * the last bucket's.
     */
    private final char[] at;

    RangeSet(List<Range> ranges) {
      List<Range> sorted = new ArrayList<>(ranges);
      sorted.sort(Comparator.comparingLong(r -> r.lo));
      int n = sorted.size();
      lo = new long[n];
      hi = new long[n];
      id = new int[n];
      width = new long[n];
      shift = new int[n];
      for (int i = 0; i < n; i++) {
        Range r = sorted.get(i);
        lo[i] = r.lo;
        hi[i] = r.hi;
        id[i] = r.id;
        width[i] = r.collect ? 0 : r.width;
        shift[i] = Long.numberOfTrailingZeros(r.width);
        if (bucket(r.lo) != bucket(r.hi)) {
          throw new IllegalStateException("a range crosses a bucket: [" + r.lo + ", " + r.hi + "]");
        }
      }
      if (n > Character.MAX_VALUE) {
        throw new IllegalStateException(n + " ranges in one column");
      }
      highest = Arrays.stream(hi).max().orElseThrow();
      firstBucket = bucket(lo[0]);
      int span = bucket(lo[n - 1]) - firstBucket + 1;
      at = new char[span + 1];
      int p = 0;
      for (int k = 0; k <= span; k++) {
        while (p < n && bucket(lo[p]) - firstBucket < k) {
          p++;
        }
        at[k] = (char) p;
      }
    }

    /** A value's histogram bucket as one ordered int: negative values below the others. */
    private static int bucket(long v) {
      return v >= 0 ? LogHistogram.index(v) : -1 - LogHistogram.index(~v);
    }

    /** The position of the range holding v, or -1. */
    int find(long v) {
      int k = bucket(v) - firstBucket;
      if (k < 0 || k >= at.length - 1) {
        return -1;
      }
      for (int p = at[k], end = at[k + 1]; p < end; p++) {
        if (v <= hi[p]) {
          return v >= lo[p] ? p : -1;
        }
      }
      return -1;
    }
  }

  /** One partition's findings in a pass: sub-range counts and gathered values, per range. */
  public static final class PassAcc implements Serializable {
    private static final long serialVersionUID = 2L;
    // Written by writeObject: the counts, and only the gathered part of each values array.
    private transient long[][] counts;
    private transient long[][] values;
    private final int[] sizes;
    // Per range: its lowest value, the sub-ranges it counts, and whether it counts every value.
    private final long[] lo;
    private final int[] slots;
    private final boolean[] perValue;

    PassAcc(Plan plan) {
      this.counts = new long[plan.ranges][];
      this.values = new long[plan.ranges][];
      this.sizes = new int[plan.ranges];
      this.lo = plan.lo;
      this.slots = plan.slots;
      this.perValue = plan.perValue;
    }

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
      out.defaultWriteObject();
      for (int id = 0; id < sizes.length; id++) {
        LongBlocks.write(out, counts[id], counts[id] == null ? 0 : counts[id].length);
        LongBlocks.write(out, values[id], sizes[id]);
      }
    }

    private void readObject(java.io.ObjectInputStream in)
        throws java.io.IOException, ClassNotFoundException {
      in.defaultReadObject();
      counts = new long[sizes.length][];
      values = new long[sizes.length][];
      for (int id = 0; id < sizes.length; id++) {
        counts[id] = LongBlocks.read(in);
        values[id] = LongBlocks.read(in);
      }
    }

    /** Looks at one value of a column of a key (the key's plan, from {@link Plan#key}). */
    public void add(KeyPlan key, int column, long v) {
      RangeSet rs = key.columns[column];
      if (rs == null) {
        return;
      }
      int i = rs.find(v);
      if (i >= 0) {
        found(rs, i, v);
      }
    }

    /** Takes a value that lies in range {@code i} of a key's column. */
    private void found(RangeSet rs, int i, long v) {
      int id = rs.id[i];
      long w = rs.width[i];
      if (w == 0 || (w == 1 && counts[id] == null)) {
        // Gathered; a range counted per value is gathered too until it has seen half as many
        // values as it is wide, so a partition that sees little of it sends little.
        long[] a = values[id];
        if (a == null) {
          a = values[id] = new long[16];
        } else if (sizes[id] == a.length) {
          a = values[id] = Arrays.copyOf(a, a.length * 2);
        }
        a[sizes[id]++] = v;
        if (w == 1 && sizes[id] >= slots[id] >> 1) {
          toCounts(id);
        }
      } else {
        long[] c = counts[id];
        if (c == null) {
          c = counts[id] = new long[slots[id]];
        }
        c[(int) ((v - rs.lo[i]) >>> rs.shift[i])]++;
      }
    }

    /**
     * Looks at values {@code [from, to)} of an array, of one column of a key, leaving out those
     * flagged in {@code none} (null: none is).
     */
    public void addAll(KeyPlan key, int column, long[] a, boolean[] none, int from, int to) {
      RangeSet rs = key.columns[column];
      if (rs == null) {
        return;
      }
      // find(v), inlined in this loop: it runs for every value of every pass after the first.
      long[] lo = rs.lo;
      long[] hi = rs.hi;
      char[] at = rs.at;
      int first = rs.firstBucket;
      long lowest = lo[0];
      long highest = rs.highest;
      for (int k = from; k < to; k++) {
        long v = a[k];
        // Most values lie outside every range of a key's column.
        if ((none != null && none[k]) || v < lowest || v > highest) {
          continue;
        }
        int b = RangeSet.bucket(v) - first; // within at[]: v lies between two ranges' bounds
        for (int p = at[b], end = at[b + 1]; p < end; p++) {
          if (v <= hi[p]) {
            if (v >= lo[p]) {
              found(rs, p, v);
            }
            break;
          }
        }
      }
    }

    /** Turns a per-value range's gathered values into counts. */
    private void toCounts(int id) {
      long[] c = counts[id] == null ? new long[slots[id]] : counts[id];
      long[] a = values[id];
      long base = lo[id];
      for (int k = 0; k < sizes[id]; k++) {
        c[(int) (a[k] - base)]++;
      }
      counts[id] = c;
      values[id] = null;
      sizes[id] = 0;
    }

    /** Adds another partition's findings into this one. */
    public PassAcc merge(PassAcc o) {
      for (int id = 0; id < counts.length; id++) {
        if (o.counts[id] != null) {
          if (counts[id] == null) {
            counts[id] = o.counts[id];
          } else {
            long[] into = counts[id];
            long[] from = o.counts[id];
            for (int j = 0; j < into.length; j++) {
              into[j] += from[j];
            }
          }
        }
        if (o.sizes[id] > 0) {
          long[] a = values[id] == null ? new long[0] : values[id];
          int need = sizes[id] + o.sizes[id];
          if (a.length < need) {
            // Grown by half at least, so merging many partitions copies each value a few times.
            a = Arrays.copyOf(a, Math.max(need, sizes[id] + (sizes[id] >> 1)));
          }
          System.arraycopy(o.values[id], 0, a, sizes[id], o.sizes[id]);
          values[id] = a;
          sizes[id] = need;
        }
        // A per-value range holds counts or values, never both.
        if (perValue[id] && sizes[id] > 0 && (counts[id] != null || sizes[id] >= slots[id] >> 1)) {
          toCounts(id);
        }
      }
      return this;
    }
  }

  /**
   * Takes the merged findings of a pass: reads the ranks from gathered values and narrows the other
   * ranges to the sub-ranges holding their ranks.
   *
   * @throws IllegalStateException when the data changed between passes
   */
  public void finishPass(PassAcc merged) {
    Plan p = plan();
    passes++;
    List<Range> open = new ArrayList<>();
    List<Range> gathered = new ArrayList<>();
    for (Range r : p.open) {
      if (r.collect || (r.width == 1 && merged.counts[r.id] == null)) {
        changed(merged.sizes[r.id], r);
        gathered.add(r);
      } else {
        narrow(r, merged.counts[r.id] == null ? new long[r.slots] : merged.counts[r.id], open);
      }
    }
    // The ranks of each range of gathered values, selected (not sorted), ranges on every core.
    long[][] picked = new long[gathered.size()][];
    IntStream.range(0, gathered.size())
        .parallel()
        .forEach(
            i -> {
              Range r = gathered.get(i);
              long[] v = merged.values[r.id] == null ? new long[0] : merged.values[r.id];
              long[] at = new long[r.ranks.length];
              for (int k = 0; k < at.length; k++) {
                at[k] = r.ranks[k] - r.base;
              }
              RankSelect.select(v, merged.sizes[r.id], at);
              for (int k = 0; k < at.length; k++) {
                at[k] = v[(int) at[k]];
              }
              picked[i] = at;
            });
    for (int i = 0; i < picked.length; i++) {
      Range r = gathered.get(i);
      for (int k = 0; k < r.ranks.length; k++) {
        r.owner.values.put(r.ranks[k], picked[i][k]);
      }
    }
    plan(open);
  }

  /** Narrows a counted range to the sub-ranges (or values) holding its ranks. */
  private static void narrow(Range r, long[] c, List<Range> open) {
    changed(Arrays.stream(c).sum(), r);
    long seen = r.base;
    int next = 0;
    for (int j = 0; j < c.length && next < r.ranks.length; j++) {
      long base = seen;
      seen += c[j];
      int from = next;
      while (next < r.ranks.length && r.ranks[next] < seen) {
        next++;
      }
      if (next > from) {
        long lo = r.lo + j * r.width;
        long hi = r.hi - lo < r.width ? r.hi : lo + r.width - 1;
        found(r.owner, lo, hi, base, c[j], Arrays.copyOfRange(r.ranks, from, next), open);
      }
    }
  }

  private static void changed(long seen, Range r) {
    if (seen != r.count) {
      throw new IllegalStateException(
          "a pass saw "
              + seen
              + " values in ["
              + r.lo
              + ", "
              + r.hi
              + "] where the first saw "
              + r.count
              + ": the data changed between passes");
    }
  }

  /** The result of one family: per key, its rows and statistics. Needs every pass made. */
  public Map<Object, Cell> result(int family) {
    if (plan != null) {
      throw new IllegalStateException("passes remain");
    }
    Map<Object, Cell> out = new HashMap<>();
    keys.get(family)
        .forEach(
            (k, ks) -> {
              LatencyStats[] cols = new LatencyStats[valueCount];
              for (int c = 0; c < valueCount; c++) {
                ColumnState cs = ks.columns[c];
                if (cs != null) {
                  cols[c] = LatencyStats.of(cs.sums, r -> cs.values.get(r), cs.full);
                }
              }
              out.put(k, new Cell(ks.rows, cols));
            });
    return out;
  }
}
