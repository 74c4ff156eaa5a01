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
public record Drift(Trend latency, Trend service, Integer windowIndex, List<MemoryTrend> memory) {
  /** Significance level of the trend tests. */
  public static final double ALPHA = 0.05;

  public Drift {
    memory = memory == null ? List.of() : List.copyOf(memory);
  }

  public Drift(Trend latency, Trend service, Integer windowIndex) {
    this(latency, service, windowIndex, List.of());
  }

  /**
   * A memory series' trend within the plateau (Theil–Sen slope per hour, Mann–Kendall).
   *
   * @param growth the fitted growth over the whole plateau relative to the series' median: slope ×
   *     plateau hours / median
   */
  public record MemoryTrend(String series, Trend trend, double growth) {
    /** True when memory grows significantly by more than {@code limit} over the plateau. */
    public boolean runaway(double limit) {
      return trend.significant(ALPHA) && growth > limit;
    }
  }

  static Drift of(
      List<TimeBucket> buckets, Schedule schedule, java.util.Map<String, double[][]> memory) {
    Drift d = of(buckets, schedule);
    Window w =
        schedule.windows().stream()
            .filter(x -> d.windowIndex() != null && x.index() == d.windowIndex())
            .findFirst()
            .orElse(longest(schedule));
    if (w == null) {
      return d;
    }
    List<MemoryTrend> out = new ArrayList<>();
    for (java.util.Map.Entry<String, double[][]> e : new java.util.TreeMap<>(memory).entrySet()) {
      double[][] pts = e.getValue();
      if (pts.length < 3) {
        continue;
      }
      double[] x = new double[pts.length];
      double[] y = new double[pts.length];
      for (int i = 0; i < pts.length; i++) {
        x[i] = pts[i][0];
        y[i] = pts[i][1];
      }
      Trend t = Trend.of(x, y);
      double growth = t.relativePerUnit() * (w.durationS() / 3600.0);
      out.add(new MemoryTrend(e.getKey(), t, growth));
    }
    return new Drift(d.latency(), d.service(), d.windowIndex(), out);
  }

  /** The longest plateau of the schedule: where drift is measured. Null without plateaus. */
  public static Window longest(Schedule schedule) {
    Window longest = null;
    for (Window w : schedule.windows()) {
      if (w.isPlateau() && (longest == null || w.durationS() > longest.durationS())) {
        longest = w;
      }
    }
    return longest;
  }

  static Drift of(List<TimeBucket> buckets, Schedule schedule) {
    Window longest = longest(schedule);
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
