package io.hopscope.analytics.core;

import java.util.List;

/**
 * What Prometheus recorded in one window: per series, the mean and peak of gauges and the rate of
 * counters; per classic histogram, quantile <b>estimates</b> from the buckets' increase over the
 * window (PromQL's histogram_quantile), with the bucket each fell in.
 */
public record Telemetry(List<SeriesStat> series, List<HistogramStat> histograms) {
  public Telemetry {
    series = List.copyOf(series);
    histograms = List.copyOf(histograms);
  }

  /**
   * One series in one window.
   *
   * @param series the metric name with its labels, e.g. {@code process_cpu_seconds_total{job="w"}}
   * @param counter true for counters ({@code _total}, {@code _count}, {@code _sum}): {@code
   *     ratePerS} is their increase per second; for gauges it is NaN
   */
  public record SeriesStat(
      String series,
      String metric,
      boolean counter,
      long samples,
      double mean,
      double max,
      double ratePerS) {}

  /**
   * One classic histogram in one window.
   *
   * @param count observations in the window (increase of the +Inf bucket)
   */
  public record HistogramStat(
      String series,
      String metric,
      double count,
      HistogramQuantile.Estimate p50,
      HistogramQuantile.Estimate p95,
      HistogramQuantile.Estimate p99) {}
}
