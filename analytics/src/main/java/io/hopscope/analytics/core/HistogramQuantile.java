package io.hopscope.analytics.core;

import java.util.Arrays;

/**
 * Quantile estimate from a Prometheus classic histogram, as PromQL's {@code histogram_quantile}
 * computes it ({@code promql/quantile.go}, bucketQuantile): buckets sorted by upper bound {@code
 * le}, counts cumulative; the rank {@code q · total} is located and linearly interpolated within
 * its bucket, the lowest bucket starting at 0 (when its bound is positive); a rank in the {@code
 * +Inf} bucket returns the highest finite bound. Counts that decrease are raised to keep the
 * cumulative series monotonic, as Prometheus does. It is an <b>estimate</b>: the result carries the
 * bounds of the bucket it fell in.
 */
public final class HistogramQuantile {
  private HistogramQuantile() {}

  /**
   * An estimate and the bucket it came from.
   *
   * @param lower the bucket's lower bound
   * @param upper the bucket's upper bound ({@code +Inf} when the rank fell in the last bucket)
   * @param count total observations (the +Inf bucket)
   */
  public record Estimate(double value, double lower, double upper, double count) {}

  /**
   * @param upperBounds bucket bounds ({@code le}), any order, +Inf included
   * @param cumulativeCounts count of observations ≤ each bound
   * @return NaN value when there are fewer than two buckets, no +Inf bucket or no observation
   */
  public static Estimate of(double q, double[] upperBounds, double[] cumulativeCounts) {
    int n = upperBounds.length;
    if (n != cumulativeCounts.length) {
      throw new IllegalArgumentException("bounds and counts differ in length");
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(upperBounds[a], upperBounds[b]));
    double[] le = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      le[i] = upperBounds[order[i]];
      c[i] = cumulativeCounts[order[i]];
    }
    if (q < 0) {
      return new Estimate(Double.NEGATIVE_INFINITY, Double.NaN, Double.NaN, Double.NaN);
    }
    if (q > 1) {
      return new Estimate(Double.POSITIVE_INFINITY, Double.NaN, Double.NaN, Double.NaN);
    }
    if (n < 2 || le[n - 1] != Double.POSITIVE_INFINITY) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    for (int i = 1; i < n; i++) {
      if (c[i] < c[i - 1]) {
        c[i] = c[i - 1]; // monotonicity fix
      }
    }
    double total = c[n - 1];
    if (!(total > 0)) {
      return new Estimate(Double.NaN, Double.NaN, Double.NaN, total);
    }
    double rank = q * total;
    int b = 0;
    while (b < n - 1 && c[b] < rank) {
      b++;
    }
    if (b == n - 1) {
      return new Estimate(le[n - 2], le[n - 2], Double.POSITIVE_INFINITY, total);
    }
    if (b == 0 && le[0] <= 0) {
      return new Estimate(le[0], Double.NEGATIVE_INFINITY, le[0], total);
    }
    double start = b == 0 ? 0 : le[b - 1];
    double end = le[b];
    double below = b == 0 ? 0 : c[b - 1];
    double inBucket = c[b] - below;
    double r = rank - below;
    double value = inBucket == 0 ? end : start + (end - start) * (r / inBucket);
    return new Estimate(value, start, end, total);
  }
}
