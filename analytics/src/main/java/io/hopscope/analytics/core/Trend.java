package io.hopscope.analytics.core;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * A robust trend of a series: the Theil–Sen slope (Sen 1968: the median of the slopes of all pairs
 * of points) with its intercept (median of {@code y − slope·x}), and the Mann–Kendall test (Mann
 * 1945, Kendall 1975) for a monotonic trend: {@code S = Σ sign(y_j − y_i)} over pairs {@code i <
 * j}, its variance with the tie correction {@code (n(n−1)(2n+5) − Σ t(t−1)(2t+5)) / 18}, the
 * continuity-corrected {@code Z} and its two-sided p-value.
 *
 * @param relativePerUnit the slope relative to the series' median (a fraction per x unit)
 */
public record Trend(
    int n,
    double slope,
    double intercept,
    double relativePerUnit,
    long s,
    double z,
    double pValue) {

  /** The trend of {@code y(x)}; at least three points. */
  public static Trend of(double[] x, double[] y) {
    int n = x.length;
    if (n != y.length || n < 3) {
      throw new IllegalArgumentException("need at least 3 points, as many x as y");
    }
    double[] slopes = new double[n * (n - 1) / 2];
    int m = 0;
    long s = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (x[j] != x[i]) {
          slopes[m++] = (y[j] - y[i]) / (x[j] - x[i]);
        }
        s += (long) Math.signum(y[j] - y[i]);
      }
    }
    double slope = median(Arrays.copyOf(slopes, m));
    double[] resid = new double[n];
    for (int i = 0; i < n; i++) {
      resid[i] = y[i] - slope * x[i];
    }
    double intercept = median(resid);
    double var = variance(y);
    double z = s > 0 ? (s - 1) / Math.sqrt(var) : s < 0 ? (s + 1) / Math.sqrt(var) : 0;
    double p =
        var > 0
            ? 2 * (1 - new NormalDistribution(null, 0, 1).cumulativeProbability(Math.abs(z)))
            : 1;
    double level = median(y.clone());
    return new Trend(n, slope, intercept, level != 0 ? slope / level : Double.NaN, s, z, p);
  }

  /** True when the trend is significant at the given level (two-sided). */
  public boolean significant(double alpha) {
    return pValue < alpha;
  }

  /** Mann–Kendall's variance of S with the correction for tied groups. */
  private static double variance(double[] y) {
    int n = y.length;
    double v = n * (n - 1.0) * (2 * n + 5);
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && sorted[j + 1] == sorted[i]) {
        j++;
      }
      int t = j - i + 1;
      if (t > 1) {
        v -= t * (t - 1.0) * (2 * t + 5);
      }
      i = j + 1;
    }
    return v / 18;
  }

  /** The median; sorts {@code v} in place. */
  public static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    int k = v.length / 2;
    return v.length % 2 == 1 ? v[k] : (v[k - 1] + v[k]) / 2;
  }
}
