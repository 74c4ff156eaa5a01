package io.hopscope.analytics.spark;

import io.hopscope.analytics.core.Window;
import java.util.List;

/**
 * The keys the analysis groups jobs by, computed in Java from the stored timestamps (for {@link
 * ExactStats#runOnColumns}) a chunk of rows at a time; each gives what the equivalent Spark
 * expression gave.
 */
final class JobKeys {
  private static final long NS_PER_S = 1_000_000_000L;

  private JobKeys() {}

  /** The index of the first window (in schedule order) holding the timestamp. */
  static ExactStats.LongKey window(int input, List<Window> windows) {
    long[] start = new long[windows.size()];
    long[] end = new long[windows.size()];
    long[] index = new long[windows.size()];
    for (int i = 0; i < start.length; i++) {
      start[i] = windows.get(i).startNs();
      end[i] = windows.get(i).endNs();
      index[i] = windows.get(i).index();
    }
    return ranges(input, start, end, index);
  }

  /**
   * The key of the first range (in the order given) holding the timestamp; ranges are half open,
   * [start, end).
   */
  static ExactStats.LongKey ranges(int input, long[] start, long[] end, long[] key) {
    if (disjoint(start, end)) {
      // At most one range holds a timestamp, and rows come in about time order: the range that
      // held the last row is asked first.
      return (in, absent, n, out) -> {
        long[] t = in[input];
        boolean[] none = absent[input];
        int last = 0;
        for (int r = 0; r < n; r++) {
          long k = ExactStats.LongKey.NONE;
          if (none == null || !none[r]) {
            long v = t[r];
            if (last < start.length && v >= start[last] && v < end[last]) {
              k = key[last];
            } else {
              for (int i = 0; i < start.length; i++) {
                if (v >= start[i] && v < end[i]) {
                  k = key[i];
                  last = i;
                  break;
                }
              }
            }
          }
          out[r] = k;
        }
      };
    }
    return (in, absent, n, out) -> {
      long[] t = in[input];
      boolean[] none = absent[input];
      for (int r = 0; r < n; r++) {
        long k = ExactStats.LongKey.NONE;
        if (none == null || !none[r]) {
          long v = t[r];
          for (int i = 0; i < start.length; i++) {
            if (v >= start[i] && v < end[i]) {
              k = key[i];
              break;
            }
          }
        }
        out[r] = k;
      }
    };
  }

  /** Whether no timestamp lies in two of the ranges (empty ones hold none). */
  static boolean disjoint(long[] start, long[] end) {
    for (int i = 0; i < start.length; i++) {
      for (int j = i + 1; j < start.length; j++) {
        if (Math.max(start[i], start[j]) < Math.min(end[i], end[j])) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whole seconds since the origin, rounded down (negative before it). */
  static ExactStats.LongKey second(int input, long originNs) {
    return (in, absent, n, out) -> {
      long[] t = in[input];
      boolean[] none = absent[input];
      for (int r = 0; r < n; r++) {
        out[r] =
            none != null && none[r]
                ? ExactStats.LongKey.NONE
                : Math.floorDiv(t[r] - originNs, NS_PER_S);
      }
    };
  }

  /**
   * The slice of width {@code widthNs} from {@code startNs} holding the timestamp, within [start,
   * end); the quotient is taken in double and truncated, as the SQL expression did.
   */
  static ExactStats.LongKey slice(int input, long startNs, long endNs, long widthNs) {
    return (in, absent, n, out) -> {
      long[] t = in[input];
      boolean[] none = absent[input];
      for (int r = 0; r < n; r++) {
        long v = t[r];
        out[r] =
            (none != null && none[r]) || v < startNs || v >= endNs
                ? ExactStats.LongKey.NONE
                : (long) ((double) (v - startNs) / (double) widthNs);
      }
    };
  }

  /**
   * The drift key: 3w in the first third of long plateau w, 3w + 2 in its last third, in schedule
   * order.
   */
  static ExactStats.LongKey driftThirds(int input, List<Window> longOnes) {
    int n = longOnes.size();
    long[] start = new long[2 * n];
    long[] end = new long[2 * n];
    long[] key = new long[2 * n];
    for (int i = 0; i < n; i++) {
      Window w = longOnes.get(i);
      long third = (w.endNs() - w.startNs()) / 3;
      start[2 * i] = w.startNs();
      end[2 * i] = w.startNs() + third;
      key[2 * i] = w.index() * 3L;
      start[2 * i + 1] = w.endNs() - third;
      end[2 * i + 1] = w.endNs();
      key[2 * i + 1] = w.index() * 3L + 2;
    }
    return ranges(input, start, end, key);
  }
}
