package io.hopscope.analytics.core;

/**
 * Queue depth over one window, sampled each second: at the window's start and end, the largest
 * sample, the least-squares slope in jobs per second, the mean of the samples, and the two-sided
 * p-value of a Mann–Kendall trend test on block means of the samples (a dozen blocks at most, five
 * samples each at least: per-second depths are strongly autocorrelated, block means much less so);
 * null when the window is too short for five blocks.
 */
public record DepthStats(
    long start, long end, long max, double slopePerS, double mean, Double slopePValue) {
  public DepthStats(long start, long end, long max, double slopePerS) {
    this(start, end, max, slopePerS, Double.NaN, null);
  }

  public DepthStats(long start, long end, long max, double slopePerS, double mean) {
    this(start, end, max, slopePerS, mean, null);
  }

  /** The p-value of the trend of block means of {@code samples}; null with fewer than 5 blocks. */
  static Double blockTrendPValue(long[] samples, int n) {
    int blocks = Math.min(12, n / 5);
    if (blocks < 5) {
      return null;
    }
    double[] x = new double[blocks];
    double[] y = new double[blocks];
    for (int b = 0; b < blocks; b++) {
      int from = (int) ((long) b * n / blocks);
      int to = (int) ((long) (b + 1) * n / blocks);
      double sum = 0;
      for (int i = from; i < to; i++) {
        sum += samples[i];
      }
      x[b] = b;
      y[b] = sum / (to - from);
    }
    return Trend.of(x, y).pValue();
  }
}
