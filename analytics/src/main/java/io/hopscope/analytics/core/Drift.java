package io.hopscope.analytics.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Drift at constant load (soak tests): Theil–Sen trends with Mann–Kendall significance of p95
 * latency and p95 service time per time bucket, as a fraction per hour of their median, within the
 * longest plateau of the run. Across plateaus latency moves with the load, which is not drift.
 *
 * @param latency p95 hop (or k6 request duration) per bucket; null with fewer than 3 buckets
 * @param service p95 service time per bucket; null without jobs
 * @param windowIndex the plateau the trends were taken in; null when no plateau holds 3 buckets
 */
public record Drift(Trend latency, Trend service, Integer windowIndex) {
  /** Significance level of the trend tests. */
  public static final double ALPHA = 0.05;

  static Drift of(List<TimeBucket> buckets, Schedule schedule) {
    Window longest = null;
    for (Window w : schedule.windows()) {
      if (w.isPlateau() && (longest == null || w.durationS() > longest.durationS())) {
        longest = w;
      }
    }
    if (longest == null) {
      return new Drift(null, null, null);
    }
    List<double[]> lat = new ArrayList<>();
    List<double[]> svc = new ArrayList<>();
    for (TimeBucket b : buckets) {
      if (b.startNs() < longest.startNs() || b.endNs() > longest.endNs()) {
        continue;
      }
      double hours = b.startNs() / 3.6e12;
      double l = b.userLatencyMs(0.95);
      if (!Double.isNaN(l)) {
        lat.add(new double[] {hours, l});
      }
      if (b.service() != null) {
        svc.add(new double[] {hours, b.service().p95()});
      }
    }
    Trend l = trend(lat);
    Trend s = trend(svc);
    return new Drift(l, s, l == null && s == null ? null : longest.index());
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
