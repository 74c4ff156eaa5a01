package io.hopscope.reports.charts;

import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.QueueDepth;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Builds the data of each chart of the run report from the analysis. */
public final class Charts {
  /** Use a log scale once the plotted values span more than this factor. */
  static final double LOG_SPAN = 20;

  private Charts() {}

  /**
   * The latency envelope: offered load (x) vs p50/p95/p99 hop latency, p99 dashed, the SLO line and
   * the knee marked. Plateaus only: a ramp has no single offered load.
   */
  public static ChartData envelope(RunAnalysis a, GateConfig gates) {
    boolean jobs = a.plateaus().stream().anyMatch(PlateauResult::hasJobs);
    String what = jobs ? "hop" : "k6 request";
    List<PlateauResult> ps =
        a.plateaus().stream()
            .filter(p -> p.window().isPlateau() && (jobs ? p.hasJobs() : p.hasHttp()))
            .filter(p -> !Double.isNaN(p.offeredRps()))
            .sorted(Comparator.comparingDouble(PlateauResult::offeredRps))
            .toList();
    double[] x = ps.stream().mapToDouble(PlateauResult::offeredRps).toArray();
    double[] p50 = ps.stream().mapToDouble(p -> p.userLatencyMs(0.50)).toArray();
    double[] p95 = ps.stream().mapToDouble(p -> p.userLatencyMs(0.95)).toArray();
    double[] p99 = ps.stream().mapToDouble(p -> p.userLatencyMs(0.99)).toArray();
    List<ChartData.Marker> markers = new ArrayList<>();
    gates
        .sloMsP95Hop()
        .ifPresent(
            slo ->
                markers.add(
                    new ChartData.Marker(
                        ChartData.Axis.Y,
                        slo,
                        String.format(Locale.ROOT, "SLO p95 %s ms", Format.num(slo)),
                        Palette.BLACK,
                        ChartData.Stroke.DOTTED)));
    a.knee()
        .ifPresent(
            k ->
                markers.add(
                    new ChartData.Marker(
                        ChartData.Axis.X,
                        k.offeredRps(),
                        String.format(
                            Locale.ROOT,
                            " knee: plateau %d, %s rps",
                            k.plateauIndex(),
                            Format.num(k.offeredRps())),
                        Palette.ORANGE,
                        ChartData.Stroke.SOLID)));
    double lo = min(p50);
    double hi = Math.max(max(p99), gates.sloMsP95Hop().orElse(0));
    boolean log = lo > 0 && hi / lo > LOG_SPAN;
    return new ChartData(
        "envelope",
        "Latency envelope: " + what + " latency vs offered load",
        "offered load (rps)",
        what + " latency (ms" + (log ? ", log scale)" : ")"),
        log,
        List.of(
            new ChartData.Series(
                "p50 " + what, x, p50, ChartData.Stroke.SOLID, Palette.GREEN, true),
            new ChartData.Series("p95 " + what, x, p95, ChartData.Stroke.SOLID, Palette.BLUE, true),
            new ChartData.Series(
                "p99 " + what, x, p99, ChartData.Stroke.DASHED, Palette.VERMILLION, true)),
        markers,
        List.of(),
        "No plateau with completed jobs or k6 requests: nothing to plot");
  }

  /**
   * Queue depth over the run, one sample per second, with the windows shaded and the drain after
   * the load marked.
   */
  public static ChartData depthOverTime(RunAnalysis a) {
    if (a.drain().isEmpty()) {
      return new ChartData(
          "depth-over-time",
          "Queue depth over time",
          "seconds since t0",
          "queue depth (jobs)",
          false,
          List.of(),
          List.of(),
          List.of(),
          "No job timestamps in this run (k6 only): the queue cannot be rebuilt");
    }
    QueueDepth depth = a.timeline().queueDepth();
    long first = depth.firstSecond();
    long last = depth.lastSecond();
    int n = (int) (last - first + 1);
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = first + i;
      y[i] = depth.at(first + i);
    }
    long t0 = a.schedule().t0Ns();
    List<ChartData.Band> bands = new ArrayList<>();
    if (a.schedule().warmupNs() > 0) {
      bands.add(new ChartData.Band(0, a.schedule().warmupNs() / 1e9, "warm-up", Palette.BLACK));
    }
    for (Window w : a.schedule().windows()) {
      bands.add(
          new ChartData.Band(
              (w.startNs() - t0) / 1e9,
              (w.endNs() - t0) / 1e9,
              (w.isPlateau() ? "P" : "R") + w.index(),
              w.index() % 2 == 0 ? Palette.SKY : Palette.GREEN));
    }
    List<ChartData.Marker> markers = new ArrayList<>();
    double loadEnd = (a.schedule().loadEndNs() - t0) / 1e9;
    markers.add(
        new ChartData.Marker(
            ChartData.Axis.X, loadEnd, " load ends", Palette.BLACK, ChartData.Stroke.DASHED));
    Double drain = a.drain().get().drainSeconds();
    if (drain != null && drain > 0) {
      bands.add(
          new ChartData.Band(
              loadEnd,
              loadEnd + drain,
              String.format(Locale.ROOT, "drain %s s", Format.num(drain)),
              Palette.VERMILLION,
              true));
    }
    return new ChartData(
        "depth-over-time",
        "Queue depth over time",
        "seconds since t0",
        "queue depth (jobs)",
        false,
        List.of(
            new ChartData.Series("queue depth", x, y, ChartData.Stroke.SOLID, Palette.BLUE, false)),
        markers,
        bands,
        "No jobs: no queue depth to plot");
  }

  private static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double d : v) {
      m = Math.min(m, d);
    }
    return v.length == 0 ? 0 : m;
  }

  private static double max(double[] v) {
    double m = 0;
    for (double d : v) {
      m = Math.max(m, d);
    }
    return m;
  }
}
