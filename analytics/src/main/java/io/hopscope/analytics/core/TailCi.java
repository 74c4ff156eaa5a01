package io.hopscope.analytics.core;

/**
 * 95% confidence intervals of the tail percentiles of one sample ({@link QuantileCi}), in ms; NaN
 * bounds where the sample is too small for an interval.
 */
public record TailCi(double p95Lo, double p95Hi, double p99Lo, double p99Hi) {
  /** The confidence of the intervals. */
  public static final double CONFIDENCE = 0.95;

  /** Intervals from a sample of durations in ns, already sorted ascending. */
  public static TailCi ofSortedNanos(long[] sorted, int n) {
    int[] a = QuantileCi.ranks(n, 0.95, CONFIDENCE);
    int[] b = QuantileCi.ranks(n, 0.99, CONFIDENCE);
    return new TailCi(
        a == null ? Double.NaN : sorted[a[0]] / 1e6,
        a == null ? Double.NaN : sorted[a[1]] / 1e6,
        b == null ? Double.NaN : sorted[b[0]] / 1e6,
        b == null ? Double.NaN : sorted[b[1]] / 1e6);
  }
}
