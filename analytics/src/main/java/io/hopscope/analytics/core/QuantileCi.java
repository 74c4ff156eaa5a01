package io.hopscope.analytics.core;

import org.apache.commons.math3.distribution.BinomialDistribution;

/**
 * Distribution-free confidence intervals for quantiles from order statistics (Conover, Practical
 * Nonparametric Statistics, 3rd ed., §3.2): with {@code B ~ Binomial(n, p)} the number of
 * observations below the p-quantile, {@code P(X(l) ≤ ξp ≤ X(u)) = P(l ≤ B ≤ u − 1)}; the ranks are
 * chosen so that each tail holds at most {@code (1 − confidence) / 2}. No interval exists when the
 * sample is too small for the tail asked for (p99.9 needs thousands of samples).
 */
public final class QuantileCi {
  private QuantileCi() {}

  /**
   * The 0-based indexes into the sorted sample of the interval's bounds, or null when {@code n} is
   * too small for a two-sided interval at this confidence.
   */
  public static int[] ranks(int n, double p, double confidence) {
    if (n < 1 || !(p > 0 && p < 1) || !(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("need n >= 1, 0 < p < 1, 0 < confidence < 1");
    }
    double tail = (1 - confidence) / 2;
    BinomialDistribution b = new BinomialDistribution(null, n, p);
    int k = b.inverseCumulativeProbability(tail);
    int lower = b.cumulativeProbability(k) > tail ? k - 1 : k; // largest k with F(k) <= tail
    int upper = b.inverseCumulativeProbability(1 - tail); // smallest k with F(k) >= 1 - tail
    if (lower < 0 || upper > n - 1) {
      return null;
    }
    return new int[] {lower, upper};
  }

  /**
   * {@link #ranks(int, double, double)} for any sample size. Beyond {@code Integer.MAX_VALUE}
   * values (where the binomial is exactly normal to far below one rank) the bounds come from the
   * normal approximation with continuity correction.
   */
  public static long[] ranks(long n, double p, double confidence) {
    if (n <= Integer.MAX_VALUE) {
      int[] r = ranks((int) n, p, confidence);
      return r == null ? null : new long[] {r[0], r[1]};
    }
    if (!(p > 0 && p < 1) || !(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("need 0 < p < 1, 0 < confidence < 1");
    }
    double z =
        new org.apache.commons.math3.distribution.NormalDistribution(null, 0, 1)
            .inverseCumulativeProbability(1 - (1 - confidence) / 2);
    double mu = n * p;
    double sd = Math.sqrt(n * p * (1 - p));
    long lower = (long) Math.floor(mu - z * sd - 0.5);
    long upper = (long) Math.ceil(mu + z * sd + 0.5);
    return new long[] {Math.max(0, lower), Math.min(n - 1, upper)};
  }

  /** The smallest sample with a two-sided interval for the p-quantile at this confidence. */
  public static int minSamples(double p, double confidence) {
    int n = 1;
    while (ranks(n, p, confidence) == null) {
      n = n < 64 ? n + 1 : (int) Math.ceil(n * 1.01);
    }
    int lo = Math.max(1, (int) (n / 1.01) - 1);
    for (int m = lo; m <= n; m++) {
      if (ranks(m, p, confidence) != null) {
        return m;
      }
    }
    return n;
  }
}
