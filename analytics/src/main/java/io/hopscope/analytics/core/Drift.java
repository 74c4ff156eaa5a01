package io.hopscope.analytics.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Drift across the measured period (soak tests): Theil–Sen trends with Mann–Kendall significance of
 * p95 latency and p95 service time per time bucket, as a fraction per hour of their median.
 *
 * @param latency p95 hop (or k6 request duration) per bucket; null with fewer than 3 buckets
 * @param service p95 service time per bucket; null without jobs
 */
public record Drift(Trend latency, Trend service) {
  /** Significance level of the trend tests. */
  public static final double ALPHA = 0.05;

  static Drift of(List<TimeBucket> buckets) {
    List<double[]> lat = new ArrayList<>();
    List<double[]> svc = new ArrayList<>();
    for (TimeBucket b : buckets) {
      double hours = b.startNs() / 3.6e12;
      double l = b.userLatencyMs(0.95);
      if (!Double.isNaN(l)) {
        lat.add(new double[] {hours, l});
      }
      if (b.service() != null) {
        svc.add(new double[] {hours, b.service().p95()});
      }
    }
    return new Drift(trend(lat), trend(svc));
  }

  private static Trend trend(List<double[]> points) {
    if (points.size() < 3) {
      return null;
    }
    double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
    double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
    return Trend.of(x, y);
  }
}
