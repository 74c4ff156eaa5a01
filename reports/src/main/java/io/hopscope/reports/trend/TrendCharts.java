package io.hopscope.reports.trend;

import io.hopscope.analytics.core.ChangePoints;
import io.hopscope.analytics.core.Usl;
import io.hopscope.analytics.core.trend.Metric;
import io.hopscope.analytics.core.trend.TrendAnalysis;
import io.hopscope.reports.charts.ChartData;
import io.hopscope.reports.charts.Format;
import io.hopscope.reports.charts.Palette;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/** The charts of the trend page, as data (drawn by the same renderer as the run report). */
public final class TrendCharts {
  private TrendCharts() {}

  /** A history shorter than this is a table, not a chart. */
  public static final int MIN_RUNS_FOR_CHARTS = 3;

  /** What the ids of one fingerprint's charts start with. */
  static String idPrefix(TrendAnalysis.Group g) {
    return "trend-" + g.fingerprint() + "-";
  }

  /** The id of a sweep's scaling chart. */
  static String scalingId(TrendAnalysis.Scaling s) {
    return "scaling-" + s.sweepKey();
  }

  /** The charts of one fingerprint's history, in reading order; none for short histories. */
  public static List<ChartData> of(TrendAnalysis.Group g) {
    if (g.runs().size() < MIN_RUNS_FOR_CHARTS) {
      return List.of();
    }
    String id = idPrefix(g);
    return List.of(
        chart(
            g,
            id + "latency",
            "p95 latency per plateau, run by run",
            "p95 (ms)",
            s -> s.metric() == Metric.P95_MS,
            1),
        chart(
            g,
            id + "throughput",
            "Knee load, peak achieved rate and capacity per worker, run by run",
            "rate (rps)",
            s -> s.unit() == io.hopscope.analytics.core.trend.Unit.RPS,
            1),
        chart(
            g,
            id + "errors",
            "Error rate, run by run",
            "failed requests (%)",
            s -> s.metric() == Metric.ERROR_RATE,
            100),
        chart(
            g,
            id + "drain",
            "Backlog drain time after the load, run by run",
            "drain (s)",
            s -> s.metric() == Metric.DRAIN_S,
            1));
  }

  private static ChartData chart(
      TrendAnalysis.Group g,
      String id,
      String title,
      String yLabel,
      Predicate<TrendAnalysis.Series> which,
      double scale) {
    List<ChartData.Series> series = new ArrayList<>();
    List<ChartData.Marker> markers = new ArrayList<>();
    java.util.Map<Integer, List<String>> shifts = new java.util.TreeMap<>();
    int color = 0;
    for (TrendAnalysis.Series s : g.series()) {
      if (!which.test(s)) {
        continue;
      }
      List<double[]> pts = new ArrayList<>();
      for (int i = 0; i < g.runs().size(); i++) {
        double v = s.points().get(i).value();
        if (!Double.isNaN(v)) {
          pts.add(new double[] {g.runs().get(i).t0Ns() / 1e6, v * scale});
        }
      }
      series.add(
          new ChartData.Series(
              s.label(),
              pts.stream().mapToDouble(p -> p[0]).toArray(),
              pts.stream().mapToDouble(p -> p[1]).toArray(),
              ChartData.Stroke.SOLID,
              color,
              true));
      for (ChangePoints.ChangePoint c : s.changePoints()) {
        shifts
            .computeIfAbsent(c.index(), k -> new ArrayList<>())
            .add(
                String.format(
                    Locale.ROOT,
                    "%s %s%s%%",
                    s.label(),
                    c.relativeChange() >= 0 ? "+" : "",
                    Format.num(c.relativeChange() * 100)));
      }
      color++;
    }
    // One marker per run where a shift began, naming each series that shifted there (two at most
    // in the label: the page's change-point list has them all).
    for (java.util.Map.Entry<Integer, List<String>> e : shifts.entrySet()) {
      List<String> changes = e.getValue();
      String named = String.join(", ", changes.subList(0, Math.min(2, changes.size())));
      String more = changes.size() > 2 ? " and " + (changes.size() - 2) + " more" : "";
      markers.add(
          new ChartData.Marker(
              ChartData.Axis.X,
              g.runs().get(e.getKey()).t0Ns() / 1e6,
              "shift at " + g.runs().get(e.getKey()).runId() + ": " + named + more,
              Palette.BLACK,
              ChartData.Stroke.DASHED));
    }
    // Latencies of light and overloaded plateaus differ by decades: a linear axis would flatten
    // every light plateau onto zero.
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (ChartData.Series cs : series) {
      for (double y : cs.y()) {
        lo = Math.min(lo, y);
        hi = Math.max(hi, y);
      }
    }
    // A log axis cannot show 0 (a run without errors, a drain of 0 s): linear then.
    boolean log = lo > 0 && hi / lo > 30;
    return new ChartData(
        id,
        title,
        "run start (UTC date)",
        log ? yLabel + ", log scale" : yLabel,
        log,
        series,
        markers,
        List.of(),
        "No run of this fingerprint has this measure",
        ChartData.XScale.TIME,
        ChartData.Style.LINES,
        yLabel.startsWith("drain") ? 10 : 0);
  }

  /** Throughput against workers: the measured points, the USL fit and linear scaling. */
  public static ChartData scaling(TrendAnalysis.Scaling s) {
    List<ChartData.Series> series = new ArrayList<>();
    double[] n = s.points().stream().mapToDouble(TrendAnalysis.ScalingPoint::workers).toArray();
    double[] x =
        s.points().stream().mapToDouble(TrendAnalysis.ScalingPoint::throughputRps).toArray();
    series.add(
        new ChartData.Series(
            "measured (peak achieved rate)", n, x, ChartData.Stroke.SOLID, 0, true));
    List<double[]> knees = new ArrayList<>();
    for (TrendAnalysis.ScalingPoint p : s.points()) {
      if (!Double.isNaN(p.kneeRps())) {
        knees.add(new double[] {p.workers(), p.kneeRps()});
      }
    }
    if (!knees.isEmpty()) {
      series.add(
          new ChartData.Series(
              "knee load (offered rate at the knee)",
              knees.stream().mapToDouble(k -> k[0]).toArray(),
              knees.stream().mapToDouble(k -> k[1]).toArray(),
              ChartData.Stroke.DOTTED,
              3,
              true));
    }
    List<ChartData.Marker> markers = new ArrayList<>();
    int maxN = n.length == 0 ? 1 : (int) n[n.length - 1];
    Usl fit = s.fit();
    if (fit != null) {
      // Past the data the curve is an extrapolation: shown up to the peak (when it is near) and
      // never beyond four times the largest sweep point.
      int top = maxN * 2;
      if (fit.peakWorkers().isPresent()) {
        top = (int) Math.max(top, Math.min(fit.peakWorkers().getAsInt() * 1.5, maxN * 4.0));
      }
      double[] cn = new double[top];
      double[] cx = new double[top];
      double[] ln = new double[top];
      double[] lx = new double[top];
      for (int i = 0; i < top; i++) {
        cn[i] = i + 1;
        cx[i] = fit.throughput(i + 1);
        ln[i] = i + 1;
        lx[i] = fit.lambda() * (i + 1);
      }
      series.add(
          new ChartData.Series(
              String.format(
                  Locale.ROOT,
                  "USL fit (σ = %s, κ = %s, R² = %s)",
                  Format.num(fit.sigma()),
                  Format.num(fit.kappa()),
                  Format.num(fit.rSquared())),
              cn,
              cx,
              ChartData.Stroke.DASHED,
              1,
              false));
      // Linear scaling is drawn only up to where it leaves the picture of the measured range.
      int keep = 0;
      double cap = Math.max(maxOf(x), maxOf(cx)) * 1.3;
      while (keep < top && lx[keep] <= cap) {
        keep++;
      }
      series.add(
          new ChartData.Series(
              "linear scaling (λ·N)",
              java.util.Arrays.copyOf(ln, keep),
              java.util.Arrays.copyOf(lx, keep),
              ChartData.Stroke.DOTTED,
              2,
              false));
      if (fit.peakWorkers().isPresent() && fit.peakWorkers().getAsInt() <= top) {
        markers.add(
            new ChartData.Marker(
                ChartData.Axis.X,
                fit.peakWorkers().getAsInt(),
                "peak at " + fit.peakWorkers().getAsInt() + " workers",
                1,
                ChartData.Stroke.DOTTED));
      }
    }
    return new ChartData(
        scalingId(s),
        "Throughput against workers (worker sweep)",
        "workers",
        "throughput (rps)",
        false,
        series,
        markers,
        List.of(),
        "No run of this sweep has a measured plateau",
        ChartData.XScale.COUNT,
        ChartData.Style.LINES,
        0);
  }

  private static double maxOf(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, d);
    }
    return m;
  }
}
