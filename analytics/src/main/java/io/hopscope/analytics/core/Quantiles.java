package io.hopscope.analytics.core;

import java.util.function.LongUnaryOperator;

/**
 * Exact quantiles with linear interpolation between closest ranks (DESIGN.md): for sorted {@code
 * x[0..n-1]} and {@code p} in [0,1], {@code h = (n-1)p}, the result is {@code x[floor h] + (h -
 * floor h)(x[ceil h] - x[floor h])}. This is Hyndman–Fan type 7: Spark SQL {@code percentile},
 * DuckDB {@code quantile_cont} and numpy's default.
 */
public final class Quantiles {
  private Quantiles() {}

  /** The p-quantile of values sorted ascending. */
  public static double ofSorted(long[] sorted, int n, double p) {
    return of(n, p, r -> sorted[(int) r]);
  }

  /**
   * The p-quantile of {@code n} values, given the value at each 0-based rank of their ascending
   * order: only the ranks {@link #ranks} names are asked for. This lets a distributed selection
   * that finds those order statistics give exactly the result of sorting everything.
   */
  public static double of(long n, double p, LongUnaryOperator valueAtRank) {
    checkArgs(n, p);
    double h = (n - 1) * p;
    long lo = (long) Math.floor(h);
    long hi = (long) Math.ceil(h);
    double frac = h - lo;
    long a = valueAtRank.applyAsLong(lo);
    long b = hi == lo ? a : valueAtRank.applyAsLong(hi);
    // Interpolate on the difference so that large epoch-scale values keep their precision.
    return a + frac * (double) (b - a);
  }

  /** The 0-based ranks whose values the p-quantile of {@code n} values interpolates between. */
  public static long[] ranks(long n, double p) {
    checkArgs(n, p);
    double h = (n - 1) * p;
    long lo = (long) Math.floor(h);
    long hi = (long) Math.ceil(h);
    return lo == hi ? new long[] {lo} : new long[] {lo, hi};
  }

  /** The p-quantile of values sorted ascending. */
  public static double ofSorted(double[] sorted, int n, double p) {
    checkArgs(n, p);
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = (int) Math.ceil(h);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static void checkArgs(long n, double p) {
    if (n < 1) {
      throw new IllegalArgumentException("quantile of an empty sample");
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be in [0,1], got " + p);
    }
  }
}
