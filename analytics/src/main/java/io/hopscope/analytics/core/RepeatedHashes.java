package io.hopscope.analytics.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Whether any 64-bit hash occurs more than once among a data set's keys, found where the data is
 * without a shuffle and with memory bounded by a budget: the hash space is cut into ranges expected
 * to hold about {@code budget} hashes each, and each pass over the data gathers one range's hashes
 * from every partition, which are then compared on the driver. No hash repeating means no key
 * repeats; a repeated hash (a repeated key, or a collision, about one in 2^64 / n²) calls for an
 * exact count on the keys themselves.
 *
 * <p>Each partition orders its hashes by their leading bits within the range (a bucket: one
 * counting pass and one scatter, where sorting took eight of each), and the driver compares one
 * bucket at a time across the partitions, in a table that stays in the CPU's cache for hashes
 * spread evenly (as hashes are) and grows by distinct hashes, not by occurrences, buckets on all
 * the driver's cores. Nothing is sorted.
 */
public final class RepeatedHashes {
  /** Hashes per bucket aimed at: a bucket's table (12 bytes a slot, half full) stays in L2. */
  private static final long PER_BUCKET = 2048;

  private static final int MAX_BUCKET_BITS = 16;

  private final int ranges;
  private final int bucketBits;
  private int next;
  private long repeated;
  private long extra;
  private long most;

  /**
   * @param rows the number of keys expected (a count from table metadata)
   * @param budget about the most hashes gathered in one pass
   */
  public RepeatedHashes(long rows, long budget) {
    this.ranges = (int) Math.max(1, Math.min(1 << 20, (rows + budget - 1) / budget));
    long perRange = Math.max(1, rows / ranges);
    // At least one bit: a shift by the whole width of a long would shift by nothing.
    this.bucketBits =
        Math.max(
            1,
            Math.min(MAX_BUCKET_BITS, 64 - Long.numberOfLeadingZeros((perRange - 1) / PER_BUCKET)));
  }

  /** Whether every range has been looked at. */
  public boolean done() {
    return next >= ranges;
  }

  /** The passes (ranges) needed. */
  public int ranges() {
    return ranges;
  }

  /** An empty gatherer of the next range, for one partition. */
  public Acc nextAcc() {
    if (done()) {
      throw new IllegalStateException("every range was gathered");
    }
    long step = Long.divideUnsigned(-1L, ranges) + 1; // 0 stands for 2^64 (one range)
    long lo = step * next;
    long hi = next == ranges - 1 ? -1L : lo + step - 1;
    // A hash's bucket is its offset in the range shifted right: the range is at most 2^64 / ranges
    // wide, so the offset has at most this many significant bits.
    int rangeBits = 64 - Long.numberOfLeadingZeros(step - 1);
    int shift = Math.max(0, rangeBits - bucketBits);
    int buckets = 1 << Math.min(bucketBits, rangeBits);
    return new Acc(lo, hi, shift, buckets);
  }

  /**
   * Hashes inside one range (bounds unsigned, inclusive): one partition's while it gathers them,
   * then, on the driver, every partition's (kept as they came, each ordered by bucket).
   */
  public static final class Acc implements Serializable {
    private static final long serialVersionUID = 4L;
    private final long lo;
    private final long hi;
    private final int shift;
    private final int buckets;
    // Written by writeObject, in blocks (and only the gathered part of the buffer).
    private transient long[] hashes = new long[0];
    private int n;

    /**
     * Gathered hashes ordered by bucket, one array per partition that gathered any (the driver
     * finds where each bucket starts by a binary search: no per-partition bounds are kept).
     */
    private transient List<long[]> parts = new ArrayList<>();

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
      out.defaultWriteObject();
      LongBlocks.write(out, hashes, n);
      out.writeInt(parts.size());
      for (long[] p : parts) {
        LongBlocks.write(out, p, p.length);
      }
    }

    private void readObject(java.io.ObjectInputStream in)
        throws java.io.IOException, ClassNotFoundException {
      in.defaultReadObject();
      hashes = LongBlocks.read(in);
      int count = in.readInt();
      parts = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        parts.add(LongBlocks.read(in));
      }
    }

    Acc(long lo, long hi, int shift, int buckets) {
      this.lo = lo;
      this.hi = hi;
      this.shift = shift;
      this.buckets = buckets;
    }

    /** An empty gatherer of the same range (one per partition). */
    public Acc emptyCopy() {
      return new Acc(lo, hi, shift, buckets);
    }

    /** Keeps a hash when it falls in this range. */
    public void add(long h) {
      if (Long.compareUnsigned(h - lo, hi - lo) > 0) {
        return;
      }
      if (n == hashes.length) {
        hashes = Arrays.copyOf(hashes, Math.max(16, n * 2));
      }
      hashes[n++] = h;
    }

    private int bucket(long h) {
      return (int) ((h - lo) >>> shift);
    }

    /** The first position of a part (ordered by bucket) whose bucket is at least {@code b}. */
    int firstAtOrAfter(long[] part, int b) {
      int low = 0;
      int high = part.length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (bucket(part[mid]) < b) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low;
    }

    /**
     * Orders this partition's hashes by bucket where the partition is (a counting sort on the
     * bucket), so that the driver reads each bucket's hashes from every partition directly.
     */
    public Acc bucketed() {
      if (n == 0) {
        return this;
      }
      int[] at = new int[buckets + 1];
      for (int i = 0; i < n; i++) {
        at[bucket(hashes[i]) + 1]++;
      }
      for (int b = 0; b < buckets; b++) {
        at[b + 1] += at[b];
      }
      long[] out = new long[n];
      int[] fill = Arrays.copyOf(at, buckets);
      for (int i = 0; i < n; i++) {
        long h = hashes[i];
        out[fill[bucket(h)]++] = h;
      }
      parts.add(out);
      hashes = new long[0];
      n = 0;
      return this;
    }

    /** Adds another partition's hashes of the same range. */
    public Acc merge(Acc o) {
      if (n > 0) {
        bucketed();
      }
      if (o.n > 0) {
        o.bucketed();
      }
      parts.addAll(o.parts);
      return this;
    }
  }

  /** Takes the merged hashes of the current range. */
  public void finish(Acc merged) {
    if (merged.n > 0) {
      merged.bucketed();
    }
    int buckets = merged.buckets;
    // Buckets are independent: a task per slice of them, on the driver's cores.
    int tasks = Math.min(buckets, 8 * ForkJoinPool.commonPool().getParallelism());
    List<ForkJoinTask<long[]>> running = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      int from = (int) ((long) buckets * t / tasks);
      int to = (int) ((long) buckets * (t + 1) / tasks);
      running.add(ForkJoinPool.commonPool().submit(() -> compare(merged, from, to)));
    }
    for (ForkJoinTask<long[]> task : running) {
      long[] found = task.join();
      repeated += found[0];
      extra += found[1];
      most = Math.max(most, found[2]);
    }
    next++;
  }

  /** Counts the repeats in buckets [from, to): {repeated, extra, most}. */
  private static long[] compare(Acc merged, int from, int to) {
    long[] found = new long[3];
    List<long[]> parts = merged.parts;
    int np = parts.size();
    // Per partition, where its next bucket starts.
    int[] at = new int[np];
    for (int p = 0; p < np; p++) {
      at[p] = merged.firstAtOrAfter(parts.get(p), from);
    }
    Table table = new Table();
    for (int b = from; b < to; b++) {
      for (int p = 0; p < np; p++) {
        long[] h = parts.get(p);
        int i = at[p];
        while (i < h.length && merged.bucket(h[i]) == b) {
          table.add(h[i++]);
        }
        at[p] = i;
      }
      table.drain(found);
    }
    return found;
  }

  /**
   * Occurrences per distinct hash of one bucket: open addressing, grown by distinct hashes (not by
   * occurrences: a hash repeated millions of times takes one slot), emptied slot by slot.
   */
  private static final class Table {
    private long[] keys = new long[1024];
    private int[] counts = new int[1024];
    private int[] used = new int[1024];
    private int distinct;

    void add(long v) {
      int mask = keys.length - 1;
      int s = (int) (v ^ (v >>> 32)) & mask;
      while (counts[s] != 0 && keys[s] != v) {
        s = (s + 1) & mask;
      }
      if (counts[s] == 0) {
        keys[s] = v;
        used[distinct++] = s;
        if (2 * distinct > keys.length) {
          counts[s] = 1;
          grow();
          return;
        }
      }
      counts[s]++;
    }

    private void grow() {
      long[] oldKeys = keys;
      int[] oldCounts = counts;
      int[] oldUsed = used;
      int n = distinct;
      keys = new long[oldKeys.length * 2];
      counts = new int[oldKeys.length * 2];
      used = new int[keys.length];
      distinct = 0;
      int mask = keys.length - 1;
      for (int k = 0; k < n; k++) {
        long v = oldKeys[oldUsed[k]];
        int s = (int) (v ^ (v >>> 32)) & mask;
        while (counts[s] != 0) {
          s = (s + 1) & mask;
        }
        keys[s] = v;
        counts[s] = oldCounts[oldUsed[k]];
        used[distinct++] = s;
      }
    }

    /** Adds this bucket's repeats to {repeated, extra, most} and empties the table. */
    void drain(long[] found) {
      for (int k = 0; k < distinct; k++) {
        int s = used[k];
        int c = counts[s];
        if (c > 1) {
          found[0]++;
          found[1] += c - 1;
          found[2] = Math.max(found[2], c);
        }
        counts[s] = 0;
      }
      distinct = 0;
    }
  }

  /** Distinct hashes seen more than once. */
  public long repeated() {
    return repeated;
  }

  /** Occurrences beyond the first, summed over the repeated hashes. */
  public long extra() {
    return extra;
  }

  /** The most occurrences of one hash. */
  public long most() {
    return most;
  }
}
