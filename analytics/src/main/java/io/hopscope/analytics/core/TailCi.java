package io.hopscope.analytics.core;

import java.util.function.LongUnaryOperator;

/**
 * 95% confidence intervals of the tail percentiles of one sample ({@link QuantileCi}), in ms; NaN
 * bounds where the sample is too small for an interval.
 */
public record TailCi(double p95Lo, double p95Hi, double p99Lo, double p99Hi) {
  /** The confidence of the intervals. */
  public static final double CONFIDENCE = 0.95;

  /** Intervals from a sample of durations in ns, already sorted ascending. */
  public static TailCi ofSortedNanos(long[] sorted, int n) {
    return of(n, r -> sorted[(int) r]);
  }

  /** Intervals of {@code n} durations in ns, given the value at each rank {@link #ranks} names. */
  public static TailCi of(long n, LongUnaryOperator valueAtRank) {
    long[] a = QuantileCi.ranks(n, 0.95, CONFIDENCE);
    long[] b = QuantileCi.ranks(n, 0.99, CONFIDENCE);
    return new TailCi(
        a == null ? Double.NaN : valueAtRank.applyAsLong(a[0]) / 1e6,
        a == null ? Double.NaN : valueAtRank.applyAsLong(a[1]) / 1e6,
        b == null ? Double.NaN : valueAtRank.applyAsLong(b[0]) / 1e6,
        b == null ? Double.NaN : valueAtRank.applyAsLong(b[1]) / 1e6);
  }

  /** The 0-based ranks the intervals of {@code n} values are read at. */
  public static long[] ranks(long n) {
    long[] a = QuantileCi.ranks(n, 0.95, CONFIDENCE);
    long[] b = QuantileCi.ranks(n, 0.99, CONFIDENCE);
    if (a == null && b == null) {
      return new long[0];
    }
    if (b == null) {
      return a;
    }
    return a == null ? b : new long[] {a[0], a[1], b[0], b[1]};
  }
}
