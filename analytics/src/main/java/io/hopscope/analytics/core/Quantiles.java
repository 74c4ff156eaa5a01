package io.hopscope.analytics.core;

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
    checkArgs(n, p);
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = (int) Math.ceil(h);
    double frac = h - lo;
    // Interpolate on the difference so that large epoch-scale values keep their precision.
    return sorted[lo] + frac * (double) (sorted[hi] - sorted[lo]);
  }

  /** The p-quantile of values sorted ascending. */
  public static double ofSorted(double[] sorted, int n, double p) {
    checkArgs(n, p);
    double h = (n - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = (int) Math.ceil(h);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  private static void checkArgs(int n, double p) {
    if (n < 1) {
      throw new IllegalArgumentException("quantile of an empty sample");
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be in [0,1], got " + p);
    }
  }
}
