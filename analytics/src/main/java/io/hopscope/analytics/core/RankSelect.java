package io.hopscope.analytics.core;

import java.util.Arrays;

/**
 * The values at several ranks of an unsorted array, as sorting it would place them, without sorting
 * it: a quickselect that splits around a pivot three ways (values below, equal, above; heavy ties
 * end in the middle part at once) and goes on only into the parts holding a wanted rank. It costs
 * about n log k comparisons for k ranks, where a sort costs n log n; a small part is sorted
 * instead, and so is any part reached after 2 log2(n) + 8 splits (which only bad pivots make
 * happen), so that no input makes it quadratic.
 */
public final class RankSelect {
  private static final int SMALL = 48;

  private RankSelect() {}

  /**
   * Reorders the first {@code n} values so that each wanted position holds the value a sort would
   * put there.
   *
   * @param ranks positions in [0, n), ascending (repeats allowed)
   */
  public static void select(long[] a, int n, long[] ranks) {
    if (ranks.length == 0 || n == 0) {
      return;
    }
    if (ranks[0] < 0 || ranks[ranks.length - 1] >= n) {
      throw new IllegalArgumentException("a rank outside [0, " + n + ")");
    }
    int depth = 2 * (32 - Integer.numberOfLeadingZeros(n)) + 8;
    select(a, 0, n, ranks, 0, ranks.length, depth);
  }

  /** Places ranks[rFrom..rTo) (all in [from, to)) in a[from, to). */
  private static void select(
      long[] a, int from, int to, long[] ranks, int rFrom, int rTo, int depth) {
    while (rFrom < rTo) {
      if (to - from <= SMALL || depth-- == 0) {
        Arrays.sort(a, from, to);
        return;
      }
      long pivot = median(a[from], a[(from + to) >>> 1], a[to - 1]);
      // Three-way partition: [from, lt) below, [lt, gt) equal, [gt, to) above.
      int lt = from;
      int i = from;
      int gt = to;
      while (i < gt) {
        long v = a[i];
        if (v < pivot) {
          a[i++] = a[lt];
          a[lt++] = v;
        } else if (v > pivot) {
          a[i] = a[--gt];
          a[gt] = v;
        } else {
          i++;
        }
      }
      int below = rFrom;
      while (below < rTo && ranks[below] < lt) {
        below++;
      }
      int above = below;
      while (above < rTo && ranks[above] < gt) {
        above++;
      }
      // The ranks in [lt, gt) hold the pivot already; recurse into the smaller side, loop on the
      // other.
      if (below - rFrom <= rTo - above) {
        select(a, from, lt, ranks, rFrom, below, depth);
        from = gt;
        rFrom = above;
      } else {
        select(a, gt, to, ranks, above, rTo, depth);
        to = lt;
        rTo = below;
      }
    }
  }

  private static long median(long x, long y, long z) {
    return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
  }
}
