package io.hopscope.analytics.core;

import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * The reported statistics of one latency sample, in milliseconds: exact p50, p90, p95, p99, p99.9
 * ({@link Quantiles}), mean, max, the sample size, and 95% confidence intervals of the tail
 * percentiles ({@link TailCi}; null when not computed) and the standard deviation (NaN when not
 * computed).
 */
public record LatencyStats(
    double p50,
    double p90,
    double p95,
    double p99,
    double p999,
    double mean,
    double max,
    long count,
    TailCi ci,
    double std,
    List<Double> curve) {

  /**
   * The quantile levels of {@link #curve}: every percent, then the far tail (99.5, 99.9, 99.95,
   * 99.99, 100).
   */
  public static final double[] CURVE_LEVELS = curveLevels();

  private static double[] curveLevels() {
    double[] l = new double[105];
    for (int i = 0; i < 100; i++) {
      l[i] = i / 100.0;
    }
    l[100] = 0.995;
    l[101] = 0.999;
    l[102] = 0.9995;
    l[103] = 0.9999;
    l[104] = 1.0;
    return l;
  }

  /** Statistics with intervals and a standard deviation, without a curve. */
  public LatencyStats(
      double p50,
      double p90,
      double p95,
      double p99,
      double p999,
      double mean,
      double max,
      long count,
      TailCi ci,
      double std) {
    this(p50, p90, p95, p99, p999, mean, max, count, ci, std, null);
  }

  /** Statistics without confidence intervals. */
  public LatencyStats(
      double p50,
      double p90,
      double p95,
      double p99,
      double p999,
      double mean,
      double max,
      long count) {
    this(p50, p90, p95, p99, p999, mean, max, count, null, Double.NaN);
  }

  /** Statistics with intervals, without a standard deviation. */
  public LatencyStats(
      double p50,
      double p90,
      double p95,
      double p99,
      double p999,
      double mean,
      double max,
      long count,
      TailCi ci) {
    this(p50, p90, p95, p99, p999, mean, max, count, ci, Double.NaN);
  }

  /** The coefficient of variation (std / mean); NaN when unknown. */
  public double cv() {
    return mean > 0 ? std / mean : Double.NaN;
  }

  /** The reported quantile levels, in the order of the record's components. */
  public static final double[] LEVELS = {0.50, 0.90, 0.95, 0.99, 0.999};

  public LatencyStats {
    if (count < 1) {
      throw new IllegalArgumentException("statistics of an empty sample");
    }
    // NaN is a level the source did not report (a k6 summary without p(99)); the rest must rise.
    double[] q = {p50, p90, p95, p99, p999, max};
    double last = Double.NEGATIVE_INFINITY;
    boolean rising = true;
    for (double v : q) {
      if (!Double.isNaN(v)) {
        rising &= v >= last;
        last = v;
      }
    }
    if (!rising) {
      throw new IllegalArgumentException("quantiles must not decrease: " + p50 + " … " + max);
    }
  }

  /**
   * Statistics of {@code n} durations in nanoseconds, reported in milliseconds. Sorts the first
   * {@code n} values of the array in place.
   */
  public static LatencyStats ofNanos(long[] ns, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("statistics of an empty sample");
    }
    Arrays.sort(ns, 0, n);
    ExactSums sums = new ExactSums();
    for (int i = 0; i < n; i++) {
      sums.add(ns[i]);
    }
    return of(sums, r -> ns[(int) r]);
  }

  /**
   * Statistics of a sample known by its exact sums and the values at the ranks {@link #ranks}
   * names: a distributed selection that finds those order statistics gives exactly what sorting the
   * whole sample gives.
   *
   * @param valueAtRank the value at a 0-based rank of the ascending order, in ns
   */
  public static LatencyStats of(ExactSums sums, LongUnaryOperator valueAtRank) {
    return of(sums, valueAtRank, true);
  }

  /**
   * {@link #of(ExactSums, LongUnaryOperator)}, or with {@code full} false only the reported levels,
   * mean, max, count and standard deviation (no confidence intervals, no curve): what a time slice
   * or a drift window shows.
   */
  public static LatencyStats of(ExactSums sums, LongUnaryOperator valueAtRank, boolean full) {
    long n = sums.count();
    if (n < 1) {
      throw new IllegalArgumentException("statistics of an empty sample");
    }
    double[] q = new double[LEVELS.length];
    for (int i = 0; i < LEVELS.length; i++) {
      q[i] = Quantiles.of(n, LEVELS[i], valueAtRank) / 1e6;
    }
    List<Double> curve = null;
    if (full) {
      Double[] c = new Double[CURVE_LEVELS.length];
      for (int i = 0; i < c.length; i++) {
        c[i] = Quantiles.of(n, CURVE_LEVELS[i], valueAtRank) / 1e6;
      }
      curve = List.of(c);
    }
    return new LatencyStats(
        q[0],
        q[1],
        q[2],
        q[3],
        q[4],
        sums.mean() / 1e6,
        sums.max() / 1e6,
        n,
        full ? TailCi.of(n, valueAtRank) : null,
        sums.std() / 1e6,
        curve);
  }

  /**
   * The 0-based ranks (ascending, distinct) whose values {@link #of} reads for a sample of {@code
   * n}: the reported levels, the curve and the confidence bounds.
   */
  public static long[] ranks(long n) {
    return ranks(n, true);
  }

  /** The ranks {@link #of(ExactSums, LongUnaryOperator, boolean)} reads. */
  public static long[] ranks(long n, boolean full) {
    java.util.TreeSet<Long> r = new java.util.TreeSet<>();
    for (double l : LEVELS) {
      for (long x : Quantiles.ranks(n, l)) {
        r.add(x);
      }
    }
    if (!full) {
      return r.stream().mapToLong(Long::longValue).toArray();
    }
    for (double l : CURVE_LEVELS) {
      for (long x : Quantiles.ranks(n, l)) {
        r.add(x);
      }
    }
    for (long x : TailCi.ranks(n)) {
      r.add(x);
    }
    return r.stream().mapToLong(Long::longValue).toArray();
  }

  /** The quantile at one of {@link #LEVELS}. */
  public double at(double level) {
    for (int i = 0; i < LEVELS.length; i++) {
      if (LEVELS[i] == level) {
        return switch (i) {
          case 0 -> p50;
          case 1 -> p90;
          case 2 -> p95;
          case 3 -> p99;
          default -> p999;
        };
      }
    }
    throw new IllegalArgumentException("not a reported level: " + level);
  }
}
