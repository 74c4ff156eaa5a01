package io.hopscope.reports.charts;

import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.LatencyStats;
import io.hopscope.analytics.core.PlateauResult;
import io.hopscope.analytics.core.QueueDepth;
import io.hopscope.analytics.core.RunAnalysis;
import io.hopscope.analytics.core.TimeBucket;
import io.hopscope.analytics.core.Window;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Builds the data of each chart of the run report from the analysis.
 *
 * <p>Its size is one method per chart of the report (eleven), independent of each other and sharing
 * the palette and axis helpers.
 */
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
            // A window the data ends in has its rates averaged over time without load.
            .filter(p -> !Double.isNaN(p.offeredRps()) && !p.cutShort())
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
    java.util.Optional<io.hopscope.analytics.core.SloCrossing> crossing =
        a.sloCrossing(gates.sloMsP95Hop());
    // When p95 crosses the SLO at the knee itself, one marker says both: two at the same x would
    // print their labels on top of each other.
    boolean crossingAtKnee =
        crossing.isPresent()
            && a.knee().isPresent()
            && crossing.get().plateauIndex() == a.knee().get().plateauIndex();
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
                                Format.num(k.offeredRps()))
                            + (crossingAtKnee ? "; p95 over SLO from here" : ""),
                        Palette.ORANGE,
                        ChartData.Stroke.SOLID)));
    crossing
        .filter(c -> !crossingAtKnee)
        .ifPresent(
            c ->
                markers.add(
                    new ChartData.Marker(
                        ChartData.Axis.X,
                        c.offeredRps(),
                        String.format(
                            Locale.ROOT, " p95 over SLO from %s rps", Format.num(c.offeredRps())),
                        Palette.VERMILLION,
                        ChartData.Stroke.DOTTED)));
    double lo = min(p50);
    double hi = Math.max(max(p99), gates.sloMsP95Hop().orElse(0));
    boolean log = lo > 0 && hi / lo > LOG_SPAN;
    List<PlateauResult> shortOnes = ps.stream().filter(PlateauResult::belowSchedule).toList();
    List<ChartData.Series> series =
        new ArrayList<>(
            List.of(
                new ChartData.Series(
                    "p50 " + what, x, p50, ChartData.Stroke.SOLID, Palette.GREEN, true),
                new ChartData.Series(
                    "p95 " + what, x, p95, ChartData.Stroke.SOLID, Palette.BLUE, true),
                new ChartData.Series(
                    "p99 " + what, x, p99, ChartData.Stroke.DASHED, Palette.VERMILLION, true)));
    if (ps.size() == 1) {
      // One plateau: the point with its 95% interval, so it reads as a measurement, not a line.
      PlateauResult only = ps.get(0);
      io.hopscope.analytics.core.LatencyStats st =
          only.hasJobs() ? only.hop() : only.http().duration();
      if (st.ci() != null) {
        series.add(
            new ChartData.Series(
                "p95 95% interval",
                new double[] {only.offeredRps(), only.offeredRps()},
                new double[] {st.ci().p95Lo(), st.ci().p95Hi()},
                ChartData.Stroke.SOLID,
                Palette.SKY,
                true));
      }
    }
    if (!shortOnes.isEmpty()) {
      // Plateaus whose load fell short of the schedule: measured, but not capacity evidence.
      series.add(
          new ChartData.Series(
              "p95, load short of schedule (not used for the knee)",
              shortOnes.stream().mapToDouble(PlateauResult::offeredRps).toArray(),
              shortOnes.stream().mapToDouble(p -> p.userLatencyMs(0.95)).toArray(),
              ChartData.Stroke.NONE,
              Palette.BLACK,
              true));
    }
    return new ChartData(
        "envelope",
        "Latency envelope: " + what + " latency vs offered load",
        "offered load (rps)",
        what + " latency (ms" + (log ? ", log scale)" : ")"),
        log,
        series,
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
    List<ChartData.Band> bands = new ArrayList<>(windowBands(a));
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

  /**
   * Where the hop goes per plateau: mean service time and mean queue delay stacked (their sum is
   * the mean hop), against offered load.
   */
  public static ChartData decomposition(RunAnalysis a) {
    // Beyond the knee the queue grows without bound and its delay dwarfs everything: those
    // plateaus would flatten the service time to nothing, so the chart stops at the knee.
    int last = a.knee().map(k -> k.plateauIndex()).orElse(Integer.MAX_VALUE);
    long beyond =
        a.plateaus().stream()
            .filter(p -> p.window().isPlateau() && p.hasJobs() && p.index() > last)
            .count();
    List<PlateauResult> ps =
        a.plateaus().stream()
            .filter(p -> p.window().isPlateau() && p.hasJobs() && !Double.isNaN(p.offeredRps()))
            .filter(p -> p.index() <= last)
            .sorted(Comparator.comparingDouble(PlateauResult::offeredRps))
            .toList();
    List<PlateauResult> strict = new ArrayList<>();
    for (PlateauResult p : ps) {
      if (strict.isEmpty() || p.offeredRps() > strict.get(strict.size() - 1).offeredRps()) {
        strict.add(p);
      }
    }
    double[] x = strict.stream().mapToDouble(PlateauResult::offeredRps).toArray();
    double[] svc = strict.stream().mapToDouble(p -> p.service().mean()).toArray();
    double[] queue = strict.stream().mapToDouble(p -> p.queueDelay().mean()).toArray();
    return new ChartData(
        "decomposition",
        "Where the hop goes: mean service time and queue delay per plateau"
            + (beyond > 0 ? " (up to the knee; " + beyond + " overloaded left out)" : ""),
        "offered load (rps)",
        "mean time (ms), stacked",
        false,
        List.of(
            new ChartData.Series(
                "service time", x, svc, ChartData.Stroke.SOLID, Palette.GREEN, false),
            new ChartData.Series(
                "queue delay", x, queue, ChartData.Stroke.SOLID, Palette.ORANGE, false)),
        List.of(),
        List.of(),
        "No job data (k6 only): the hop cannot be split into queueing and service",
        ChartData.XScale.LINEAR,
        ChartData.Style.STACKED,
        0);
  }

  /** Queue depth per plateau (max and end) against offered load: the envelope's second panel. */
  public static ChartData depthVsLoad(RunAnalysis a) {
    List<PlateauResult> ps =
        a.plateaus().stream()
            .filter(
                p -> p.window().isPlateau() && p.depth() != null && !Double.isNaN(p.offeredRps()))
            .sorted(Comparator.comparingDouble(PlateauResult::offeredRps))
            .toList();
    double[] x = ps.stream().mapToDouble(PlateauResult::offeredRps).toArray();
    double[] max = ps.stream().mapToDouble(p -> p.depth().max()).toArray();
    double[] mean = ps.stream().mapToDouble(p -> p.depth().mean()).toArray();
    List<ChartData.Marker> markers = new ArrayList<>();
    a.knee()
        .ifPresent(
            k ->
                markers.add(
                    new ChartData.Marker(
                        ChartData.Axis.X,
                        k.offeredRps(),
                        " knee",
                        Palette.ORANGE,
                        ChartData.Stroke.SOLID)));
    return new ChartData(
        "depth-vs-load",
        "Queue depth vs offered load",
        "offered load (rps)",
        "queue depth (jobs)",
        false,
        List.of(
            new ChartData.Series("max depth", x, max, ChartData.Stroke.SOLID, Palette.BLUE, true),
            new ChartData.Series(
                "mean depth", x, mean, ChartData.Stroke.DASHED, Palette.SKY, true)),
        markers,
        List.of(),
        "No job timestamps (k6 only): no queue depth");
  }

  /**
   * The latency distribution of each plateau as a CDF (log x): hop, service time or k6 request
   * duration.
   */
  public static ChartData cdf(RunAnalysis a, String segment) {
    List<ChartData.Series> series = new ArrayList<>();
    double[] y = new double[LatencyStats.CURVE_LEVELS.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = LatencyStats.CURVE_LEVELS[i] * 100;
    }
    int color = 0;
    for (PlateauResult p : a.plateaus()) {
      LatencyStats s =
          switch (segment) {
            case "hop" -> p.hop();
            case "service" -> p.service();
            default -> p.hasHttp() ? p.http().duration() : null;
          };
      if (s == null || s.curve() == null || !p.window().isPlateau()) {
        continue;
      }
      double[] x = s.curve().stream().mapToDouble(Double::doubleValue).toArray();
      series.add(
          new ChartData.Series(
              "P" + p.index() + " (" + Format.num(p.window().targetRps()) + " rps)",
              x,
              y,
              ChartData.Stroke.SOLID,
              color++,
              false));
    }
    String what =
        segment.equals("http")
            ? "k6 request duration"
            : segment.equals("hop") ? "hop" : "service time";
    return new ChartData(
        "cdf-" + segment,
        "Distribution of " + what + " per plateau",
        what + " (ms, log scale)",
        "share of requests at or below (%)",
        false,
        series,
        List.of(),
        List.of(),
        "No " + what + " samples",
        ChartData.XScale.LOG,
        ChartData.Style.LINES,
        0);
  }

  /** Shaded bands for the warm-up and each window, in seconds since t0. */
  static List<ChartData.Band> windowBands(RunAnalysis a) {
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
    return bands;
  }

  /** p50/p95/p99 latency per time slice, the windows shaded. */
  public static ChartData latencyOverTime(RunAnalysis a, GateConfig gates) {
    List<TimeBucket> bs = a.buckets();
    boolean jobs = bs.stream().anyMatch(b -> b.hop() != null);
    String what = jobs ? "hop" : "k6 request";
    long t0 = a.schedule().t0Ns();
    List<TimeBucket> used = bs.stream().filter(b -> !Double.isNaN(b.userLatencyMs(0.5))).toList();
    double[] x = mid(used, t0);
    double[] p50 = used.stream().mapToDouble(b -> b.userLatencyMs(0.50)).toArray();
    double[] p95 = used.stream().mapToDouble(b -> b.userLatencyMs(0.95)).toArray();
    double[] p99 = used.stream().mapToDouble(b -> b.userLatencyMs(0.99)).toArray();
    double lo = min(p50);
    double hi = max(p99);
    boolean log = lo > 0 && hi / lo > LOG_SPAN;
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
    return new ChartData(
        "latency-over-time",
        jobs ? "Hop latency over time" : "k6 request latency over time",
        "seconds since t0",
        what + " latency (ms" + (log ? ", log scale)" : ")"),
        log,
        List.of(
            new ChartData.Series("p50", x, p50, ChartData.Stroke.SOLID, Palette.GREEN, false),
            new ChartData.Series("p95", x, p95, ChartData.Stroke.SOLID, Palette.BLUE, false),
            new ChartData.Series(
                "p99", x, p99, ChartData.Stroke.DASHED, Palette.VERMILLION, false)),
        markers,
        windowBands(a),
        "No latency samples in the measured period");
  }

  /**
   * Offered against achieved rate per second: job arrivals and completions (from the rebuilt
   * timeline), or k6 requests per time slice for k6-only runs.
   */
  public static ChartData throughputOverTime(RunAnalysis a) {
    long t0 = a.schedule().t0Ns();
    List<ChartData.Series> series = new ArrayList<>();
    if (a.drain().isPresent()) {
      var t = a.timeline();
      long[] arr = t.arrivals();
      long[] done = t.completions();
      int smooth = 5;
      int n = arr.length / smooth;
      double[] x = new double[n];
      double[] in = new double[n];
      double[] out = new double[n];
      for (int i = 0; i < n; i++) {
        long sa = 0;
        long sd = 0;
        for (int k = 0; k < smooth; k++) {
          sa += arr[i * smooth + k];
          sd += done[i * smooth + k];
        }
        x[i] = t.firstSec() + i * smooth + smooth / 2.0;
        in[i] = sa / (double) smooth;
        out[i] = sd / (double) smooth;
      }
      series.add(
          new ChartData.Series(
              "offered (jobs enqueued/s)", x, in, ChartData.Stroke.SOLID, Palette.BLUE, false));
      series.add(
          new ChartData.Series(
              "achieved (jobs completed/s)",
              x,
              out,
              ChartData.Stroke.DASHED,
              Palette.VERMILLION,
              false));
    } else {
      List<TimeBucket> bs = a.buckets().stream().filter(b -> b.http() != null).toList();
      double[] x = mid(bs, t0);
      double[] r =
          bs.stream()
              .mapToDouble(b -> b.http().count() / ((b.endNs() - b.startNs()) / 1e9))
              .toArray();
      double[] ok =
          bs.stream()
              .mapToDouble(
                  b ->
                      (b.requests() > 0
                              ? b.http().count() * (1 - (double) b.failed() / b.requests())
                              : b.http().count())
                          / ((b.endNs() - b.startNs()) / 1e9))
              .toArray();
      series.add(
          new ChartData.Series(
              "offered (k6 requests sent/s)", x, r, ChartData.Stroke.SOLID, Palette.BLUE, false));
      series.add(
          new ChartData.Series(
              "achieved (requests that did not fail/s)",
              x,
              ok,
              ChartData.Stroke.DASHED,
              Palette.VERMILLION,
              false));
    }
    return new ChartData(
        "throughput-over-time",
        "Offered and achieved rate over time",
        "seconds since t0",
        "rate (per second)",
        false,
        series,
        List.of(),
        windowBands(a),
        "No arrivals or requests recorded");
  }

  /**
   * k6's virtual users per time slice: the most active ({@code vus}) and the most allocated ({@code
   * vus_max}, the pool an arrival-rate executor may draw on). Empty without VU samples.
   */
  public static ChartData vusOverTime(RunAnalysis a) {
    long t0 = a.schedule().t0Ns();
    // Analyses stored before VUs were kept read 0 for every slice: no samples, not zero VUs.
    boolean any = a.buckets().stream().anyMatch(b -> b.vus() > 0 || b.vusMax() > 0);
    List<ChartData.Series> series = new ArrayList<>();
    if (any) {
      List<TimeBucket> active = a.buckets().stream().filter(b -> !Double.isNaN(b.vus())).toList();
      List<TimeBucket> pool = a.buckets().stream().filter(b -> !Double.isNaN(b.vusMax())).toList();
      series.add(
          new ChartData.Series(
              "active VUs (most in the slice)",
              mid(active, t0),
              active.stream().mapToDouble(TimeBucket::vus).toArray(),
              ChartData.Stroke.SOLID,
              Palette.BLUE,
              false));
      if (!pool.isEmpty()) {
        series.add(
            new ChartData.Series(
                "allocated VUs (vus_max)",
                mid(pool, t0),
                pool.stream().mapToDouble(TimeBucket::vusMax).toArray(),
                ChartData.Stroke.DASHED,
                Palette.VERMILLION,
                false));
      }
    }
    return new ChartData(
        "vus-over-time",
        "Virtual users over time (k6)",
        "seconds since t0",
        "virtual users",
        false,
        series,
        List.of(),
        windowBands(a),
        "No k6 VU samples in this run");
  }

  /** The middle of each slice, in seconds since t0. */
  private static double[] mid(List<TimeBucket> bs, long t0) {
    return bs.stream().mapToDouble(b -> ((b.startNs() + b.endNs()) / 2 - t0) / 1e9).toArray();
  }

  /** The share of k6 requests that failed, per time slice. */
  public static ChartData errorsOverTime(RunAnalysis a) {
    long t0 = a.schedule().t0Ns();
    List<TimeBucket> bs = a.buckets().stream().filter(b -> b.requests() > 0).toList();
    double[] x = mid(bs, t0);
    double[] y = bs.stream().mapToDouble(b -> 100.0 * b.failed() / b.requests()).toArray();
    return new ChartData(
        "errors-over-time",
        "Failed requests over time (k6)",
        "seconds since t0",
        "failed requests (%)",
        false,
        List.of(
            new ChartData.Series(
                "failed %", x, y, ChartData.Stroke.SOLID, Palette.VERMILLION, false)),
        List.of(),
        windowBands(a),
        "No k6 request outcomes in this run: no error rate over time");
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
