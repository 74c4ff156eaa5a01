package io.hopscope.analytics.core;

/**
 * Queue depth over one window, sampled each second: at the window's start and end, the largest
 * sample, the least-squares slope in jobs per second, and the mean of the samples.
 */
public record DepthStats(long start, long end, long max, double slopePerS, double mean) {
  public DepthStats(long start, long end, long max, double slopePerS) {
    this(start, end, max, slopePerS, Double.NaN);
  }
}
