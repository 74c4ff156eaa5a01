package io.hopscope.analytics.core.trend;

import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Sizing;
import io.hopscope.analytics.core.TailCi;
import io.hopscope.analytics.core.TrendInput;
import io.hopscope.analytics.core.trend.TrendAnalysis.*;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Series extraction: the values a trend follows, taken from each run's analysis. */
final class TrendSeries {
  private TrendSeries() {}

  static List<Series> rawSeries(List<TrendInput> g) {
    // Plateaus are matched across runs by their scheduled rate: the same workload may be cut into
    // different stages in different runs, the rate is what makes two plateaus comparable.
    TreeSet<Double> rates = new TreeSet<>();
    boolean anyJobs = false;
    for (TrendInput r : g) {
      for (PlateauResult p : r.analysis().plateaus()) {
        if (p.window().isPlateau() && !Double.isNaN(p.userLatencyMs(0.95))) {
          rates.add(rate(p));
          anyJobs |= p.hasJobs();
        }
      }
    }
    String what = anyJobs ? "hop" : "http_req_duration";
    List<Series> out = new ArrayList<>();
    for (double rate : rates) {
      for (double level : new double[] {0.95, 0.99}) {
        List<Point> pts = new ArrayList<>();
        for (TrendInput r : g) {
          pts.add(latencyAt(r.analysis(), rate, level));
        }
        String pct = level == 0.95 ? "p95" : "p99";
        String rateText = TrendAnalysis.rateText(rate);
        out.add(
            new Series(
                level == 0.95 ? Metric.P95_MS : Metric.P99_MS,
                rate,
                pct + " " + what + " at " + rateText + " rps",
                pts,
                List.of()));
      }
    }
    // A run that never reached its knee has it above everything it achieved: a bound that still
    // tells a knee appearing at a lower load (a capacity regression) from one out of reach before.
    List<Point> knees = new ArrayList<>();
    for (TrendInput r : g) {
      RunAnalysis a = r.analysis();
      double peak = peakAchieved(a);
      knees.add(
          a.knee().isPresent()
              ? new Point(a.knee().get().offeredRps(), Double.NaN, Double.NaN)
              : Double.isNaN(peak) || peak <= 0
                  ? new Point(Double.NaN, Double.NaN, Double.NaN)
                  : Point.atLeast(peak));
    }
    out.add(new Series(Metric.KNEE_RPS, Double.NaN, "knee load", knees, List.of()));
    out.add(
        scalar(
            g,
            Metric.CAPACITY_PER_WORKER_RPS,
            "capacity per worker",
            a -> a.sizing().map(Sizing::capacityPerWorkerRps).orElse(Double.NaN)));
    out.add(scalar(g, Metric.PEAK_ACHIEVED_RPS, "peak achieved rate", TrendSeries::peakAchieved));
    out.add(scalar(g, Metric.ERROR_RATE, "error rate", a -> a.errorRate().orElse(Double.NaN)));
    List<Point> drains = new ArrayList<>();
    for (TrendInput r : g) {
      drains.add(
          r.analysis()
              .drain()
              .map(
                  d ->
                      d.drainSeconds() == null
                          ? Point.never()
                          : new Point(d.drainSeconds(), Double.NaN, Double.NaN))
              .orElse(new Point(Double.NaN, Double.NaN, Double.NaN)));
    }
    out.add(new Series(Metric.DRAIN_S, Double.NaN, "drain time", drains, List.of()));
    // A series no run has a value for says nothing.
    out.removeIf(s -> s.points().stream().allMatch(p -> Double.isNaN(p.value()) && !p.isNever()));
    return out;
  }

  static double rate(PlateauResult p) {
    return Math.round(p.window().targetRps() * 10) / 10.0;
  }

  static Point latencyAt(RunAnalysis a, double rate, double level) {
    for (PlateauResult p : a.plateaus()) {
      if (p.window().isPlateau() && rate(p) == rate) {
        double v = p.userLatencyMs(level);
        LatencyStats s = p.hasJobs() ? p.hop() : p.hasHttp() ? p.http().duration() : null;
        TailCi ci = s == null ? null : s.ci();
        if (ci == null) {
          return new Point(v, Double.NaN, Double.NaN);
        }
        return level == 0.95
            ? new Point(v, ci.p95Lo(), ci.p95Hi())
            : new Point(v, ci.p99Lo(), ci.p99Hi());
      }
    }
    return new Point(Double.NaN, Double.NaN, Double.NaN);
  }

  static double peakAchieved(RunAnalysis a) {
    double best = Double.NaN;
    for (PlateauResult p : a.plateaus()) {
      if (p.window().isPlateau() && !Double.isNaN(p.achievedRps())) {
        best = Double.isNaN(best) ? p.achievedRps() : Math.max(best, p.achievedRps());
      }
    }
    return best;
  }

  static Series scalar(
      List<TrendInput> g,
      Metric metric,
      String label,
      java.util.function.ToDoubleFunction<RunAnalysis> f) {
    List<Point> pts = new ArrayList<>();
    for (TrendInput r : g) {
      pts.add(new Point(f.applyAsDouble(r.analysis()), Double.NaN, Double.NaN));
    }
    return new Series(metric, Double.NaN, label, pts, List.of());
  }

  /**
   * Change points of a series, over the runs that have a value, mapped back to run indexes; only
   * shifts of at least {@link Options#minShift} (absolute series: the error-rate threshold) and
   * more than the series' {@link Series#floor}.
   */
}
