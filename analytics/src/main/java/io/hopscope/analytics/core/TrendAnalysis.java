package io.hopscope.analytics.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A scenario's history across runs: per fingerprint, the series a quarterly review reads (p95 and
 * p99 latency per plateau, knee load, capacity per worker, peak throughput, error rate, drain time)
 * with their change points, and "baseline | current | change" rows; across fingerprints that differ
 * only in the worker count, the scaling curve with a Universal Scalability Law fit.
 */
public record TrendAnalysis(String scenario, List<Group> groups, List<Scaling> scaling) {

  /** Which way a series improves. */
  public enum Better {
    LOWER,
    HIGHER
  }

  /** What a change between two runs means. */
  public enum Verdict {
    /** Worse by more than the threshold and beyond run-to-run noise where that is known. */
    REGRESSION,
    /** Better by more than the threshold and beyond noise. */
    IMPROVEMENT,
    /**
     * Beyond the threshold, but the two runs' 95% intervals overlap, or the value lies within the
     * run-to-run spread of the runs up to the earlier one.
     */
    WITHIN_NOISE,
    /** Changed by less than the threshold. */
    WITHIN_THRESHOLD,
    /** One of the runs has no value. */
    NO_DATA;

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  /** How the trends are computed. */
  public record Options(
      double threshold,
      double errorRateThreshold,
      Optional<String> baselineRun,
      List<Double> targetRps,
      long seed,
      int permutations,
      double significance,
      double minShift) {
    public Options {
      Objects.requireNonNull(baselineRun);
      targetRps = List.copyOf(targetRps);
    }

    /**
     * The gates contract's defaults: 10% for latency, knee and throughput; 0.1 percentage points
     * for the error rate; change points at 5% significance from 999 permutations that move the mean
     * by 5% or more (a statistically clear shift of 0.3% is nobody's regression).
     */
    public static Options defaults() {
      return new Options(
          GateConfig.MAX_P95_HOP_REGRESSION_DEFAULT,
          GateConfig.MAX_ERROR_RATE_DEFAULT,
          Optional.empty(),
          List.of(),
          1L,
          999,
          0.05,
          0.05);
    }
  }

  /** One run of a group, in time order. */
  public record Run(
      String runId,
      long t0Ns,
      String gatewaySha,
      String workerSha,
      Integer workers,
      boolean gatesPassed) {}

  /**
   * One run's value of a series, with its 95% interval where the sample gives one (else NaN).
   *
   * @param atLeast for a run without a value, the least the value is known to be (NaN when nothing
   *     is known): a run that never reached its knee has a knee load above its peak achieved rate
   */
  public record Point(double value, double lo, double hi, double atLeast) {
    public Point(double value, double lo, double hi) {
      this(value, lo, hi, Double.NaN);
    }

    /** No value, but known to be at least {@code bound}. */
    public static Point atLeast(double bound) {
      return new Point(Double.NaN, Double.NaN, Double.NaN, bound);
    }

    /** No value, only a lower bound ({@link #atLeast}). */
    public boolean isBound() {
      return Double.isNaN(value) && !isNever() && !Double.isNaN(atLeast);
    }

    public boolean hasInterval() {
      return !Double.isNaN(lo) && !Double.isNaN(hi) && !isNever();
    }

    /**
     * A value that never came: the backlog never drained. It has no number (NaN, so it stays out of
     * trends and charts) but compares as worse than any finite value.
     */
    public static Point never() {
      return new Point(Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    public boolean isNever() {
      return Double.isNaN(value) && lo == Double.POSITIVE_INFINITY;
    }
  }

  /**
   * One metric across the runs of a group, a point per run (NaN where a run has no value).
   *
   * @param absolute the change threshold is absolute (a difference), not relative
   * @param changePoints indexes into the group's runs where a shift began
   */
  public record Series(
      String key,
      String label,
      String unit,
      Better better,
      boolean absolute,
      List<Point> points,
      List<ChangePoints.ChangePoint> changePoints) {

    /**
     * The smallest difference that can matter, whatever the relative change: the resolution of the
     * measure. Drain is counted in whole seconds, so 0 → 1 s is not a 100% regression; latencies
     * and rates are exact, so any relative change beyond the threshold counts.
     */
    public double floor() {
      return unit.equals("s") ? 5 : 0;
    }

    public Series {
      points = List.copyOf(points);
      changePoints = List.copyOf(changePoints);
    }

    public double[] values() {
      return points.stream().mapToDouble(Point::value).toArray();
    }
  }

  /** A series compared between two runs. */
  public record Comparison(
      String key,
      String label,
      String unit,
      String fromRun,
      double from,
      String toRun,
      double to,
      double change,
      Verdict verdict,
      double fromAtLeast,
      double toAtLeast) {

    /** A comparison of two values (neither a bound). */
    public Comparison(
        String key,
        String label,
        String unit,
        String fromRun,
        double from,
        String toRun,
        double to,
        double change,
        Verdict verdict) {
      this(key, label, unit, fromRun, from, toRun, to, change, verdict, Double.NaN, Double.NaN);
    }

    /** The change is against a bound: the true change is at least this large. */
    public boolean againstBound() {
      return !Double.isNaN(change) && (!Double.isNaN(fromAtLeast) || !Double.isNaN(toAtLeast));
    }
  }

  /**
   * The runs of one fingerprint.
   *
   * @param baselineRunId the pinned baseline when it is in the group, else the latest earlier run
   *     of the group whose gates passed; null when there is none
   * @param vsBaseline the latest run against the baseline, a row per series
   * @param vsPrevious the latest run against the one before it
   */
  public record Group(
      String fingerprint,
      String fingerprintJson,
      List<Run> runs,
      List<Series> series,
      String baselineRunId,
      String currentRunId,
      List<Comparison> vsBaseline,
      List<Comparison> vsPrevious) {
    public Group {
      runs = List.copyOf(runs);
      series = List.copyOf(series);
      vsBaseline = List.copyOf(vsBaseline);
      vsPrevious = List.copyOf(vsPrevious);
    }
  }

  /**
   * One worker count of a sweep: the latest run with that count.
   *
   * @param throughputRps the highest achieved rate over the run's plateaus: the capacity when the
   *     run reached its knee, a lower bound of it when it did not ({@code saturated} false)
   * @param kneeRps the load offered in the knee plateau, the first where queueing set in: above the
   *     capacity by definition, so often above {@code throughputRps}
   * @param kneeAchievedRps what that plateau achieved (NaN without a knee)
   * @param p95ServiceMs p95 service time in the plateau of the highest achieved rate
   */
  public record ScalingPoint(
      int workers,
      String runId,
      double throughputRps,
      boolean saturated,
      double kneeRps,
      double kneeAchievedRps,
      double p95ServiceMs,
      double capacityPerWorkerRps) {}

  /** Workers for a target load: from the USL fit, and if scaling were linear. */
  public record Replicas(
      double targetRps, Integer uslWorkers, Integer linearWorkers, String note) {}

  /**
   * Runs of one sweep key at different worker counts.
   *
   * @param fit the USL fit, null with fewer than three worker counts (see {@code notes})
   */
  public record Scaling(
      String sweepKey,
      String fingerprintJson,
      List<ScalingPoint> points,
      Usl fit,
      List<Replicas> replicas,
      List<String> notes) {
    public Scaling {
      points = List.copyOf(points);
      replicas = List.copyOf(replicas);
      notes = List.copyOf(notes);
    }
  }

  public TrendAnalysis {
    groups = List.copyOf(groups);
    scaling = List.copyOf(scaling);
  }

  /** The trends of these runs (any order); they must all be of the one scenario. */
  public static TrendAnalysis of(String scenario, List<TrendInput> runs, Options o) {
    Map<String, List<TrendInput>> byFingerprint = new TreeMap<>();
    Map<String, List<TrendInput>> bySweep = new TreeMap<>();
    for (TrendInput r : sorted(runs)) {
      byFingerprint.computeIfAbsent(r.fingerprint(), k -> new ArrayList<>()).add(r);
      bySweep.computeIfAbsent(r.sweepKey(), k -> new ArrayList<>()).add(r);
    }
    List<Group> groups = new ArrayList<>();
    for (List<TrendInput> g : byFingerprint.values()) {
      groups.add(group(g, o));
    }
    // The longest histories first (they are what a trend is about), then the most recent.
    groups.sort(
        Comparator.comparingInt((Group g) -> -g.runs().size())
            .thenComparingLong(g -> -g.runs().get(g.runs().size() - 1).t0Ns())
            .thenComparing(Group::fingerprint));
    List<Scaling> scaling = new ArrayList<>();
    for (List<TrendInput> s : bySweep.values()) {
      long counts = s.stream().map(TrendInput::workers).filter(Objects::nonNull).distinct().count();
      if (counts >= 2) {
        scaling.add(scaling(s, o));
      }
    }
    return new TrendAnalysis(scenario, groups, scaling);
  }

  private static List<TrendInput> sorted(List<TrendInput> runs) {
    List<TrendInput> s = new ArrayList<>(runs);
    s.sort(Comparator.comparingLong(TrendInput::t0Ns).thenComparing(TrendInput::runId));
    return s;
  }

  private static Group group(List<TrendInput> g, Options o) {
    List<Run> runs = new ArrayList<>();
    for (TrendInput r : g) {
      runs.add(
          new Run(
              r.runId(), r.t0Ns(), r.gatewaySha(), r.workerSha(), r.workers(), r.gatesPassed()));
    }
    List<Series> series = new ArrayList<>();
    for (Series s : rawSeries(g)) {
      series.add(
          new Series(
              s.key(),
              s.label(),
              s.unit(),
              s.better(),
              s.absolute(),
              s.points(),
              changePoints(s.points(), s.absolute(), s.floor(), o)));
    }
    int current = g.size() - 1;
    int baseline = baselineIndex(g, o);
    List<Comparison> vsBaseline = new ArrayList<>();
    List<Comparison> vsPrevious = new ArrayList<>();
    for (Series s : series) {
      if (baseline >= 0) {
        vsBaseline.add(compare(s, g, baseline, current, o));
      }
      if (current > 0) {
        vsPrevious.add(compare(s, g, current - 1, current, o));
      }
    }
    return new Group(
        g.get(0).fingerprint(),
        g.get(0).fingerprintJson(),
        runs,
        series,
        baseline >= 0 ? g.get(baseline).runId() : null,
        g.get(current).runId(),
        vsBaseline,
        vsPrevious);
  }

  /** The pinned baseline when in the group, else the latest earlier passing run; -1 for none. */
  private static int baselineIndex(List<TrendInput> g, Options o) {
    int current = g.size() - 1;
    if (o.baselineRun().isPresent()) {
      for (int i = 0; i < current; i++) {
        if (g.get(i).runId().equals(o.baselineRun().get())) {
          return i;
        }
      }
    }
    for (int i = current - 1; i >= 0; i--) {
      if (g.get(i).gatesPassed()) {
        return i;
      }
    }
    return -1;
  }

  /** The series of a group before change-point detection, in a fixed order. */
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
        String rateText = rateText(rate);
        out.add(
            new Series(
                pct + "_ms@" + rateText,
                pct + " " + what + " at " + rateText + " rps",
                "ms",
                Better.LOWER,
                false,
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
    out.add(new Series("knee_rps", "knee load", "rps", Better.HIGHER, false, knees, List.of()));
    out.add(
        scalar(
            g,
            "capacity_per_worker_rps",
            "capacity per worker",
            "rps",
            Better.HIGHER,
            false,
            a -> a.sizing().map(Sizing::capacityPerWorkerRps).orElse(Double.NaN)));
    out.add(
        scalar(
            g,
            "peak_achieved_rps",
            "peak achieved rate",
            "rps",
            Better.HIGHER,
            false,
            TrendAnalysis::peakAchieved));
    out.add(
        scalar(
            g,
            "error_rate",
            "error rate",
            "ratio",
            Better.LOWER,
            true,
            a -> {
              Double e = a.errorRate();
              return e == null ? Double.NaN : e;
            }));
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
    out.add(new Series("drain_s", "drain time", "s", Better.LOWER, false, drains, List.of()));
    // A series no run has a value for says nothing.
    out.removeIf(s -> s.points().stream().allMatch(p -> Double.isNaN(p.value()) && !p.isNever()));
    return out;
  }

  private static double rate(PlateauResult p) {
    return Math.round(p.window().targetRps() * 10) / 10.0;
  }

  private static Point latencyAt(RunAnalysis a, double rate, double level) {
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

  private static Series scalar(
      List<TrendInput> g,
      String key,
      String label,
      String unit,
      Better better,
      boolean absolute,
      java.util.function.ToDoubleFunction<RunAnalysis> f) {
    List<Point> pts = new ArrayList<>();
    for (TrendInput r : g) {
      pts.add(new Point(f.applyAsDouble(r.analysis()), Double.NaN, Double.NaN));
    }
    return new Series(key, label, unit, better, absolute, pts, List.of());
  }

  /**
   * Change points of a series, over the runs that have a value, mapped back to run indexes; only
   * shifts of at least {@link Options#minShift} (absolute series: the error-rate threshold) and
   * more than the series' {@link Series#floor}.
   */
  private static List<ChangePoints.ChangePoint> changePoints(
      List<Point> pts, boolean absolute, double floor, Options o) {
    int[] at = new int[pts.size()];
    double[] v = new double[pts.size()];
    int n = 0;
    for (int i = 0; i < pts.size(); i++) {
      if (!Double.isNaN(pts.get(i).value())) {
        at[n] = i;
        v[n++] = pts.get(i).value();
      }
    }
    List<ChangePoints.ChangePoint> out = new ArrayList<>();
    for (ChangePoints.ChangePoint c :
        ChangePoints.detect(
            java.util.Arrays.copyOf(v, n), o.significance(), o.permutations(), o.seed())) {
      double diff = Math.abs(c.meanAfter() - c.meanBefore());
      // From a mean of 0 (no drain at all) any shift is relatively infinite.
      double effect =
          absolute
              ? diff
              : c.meanBefore() == 0
                  ? (diff > 0 ? Double.POSITIVE_INFINITY : 0)
                  : Math.abs(c.relativeChange());
      if (!(effect >= (absolute ? o.errorRateThreshold() : o.minShift()))
          || !(Math.abs(c.meanAfter() - c.meanBefore()) > floor)) {
        continue; // significant but too small to matter
      }
      out.add(
          new ChangePoints.ChangePoint(
              at[c.index()], c.pValue(), c.meanBefore(), c.meanAfter(), c.relativeChange()));
    }
    return out;
  }

  static Comparison compare(Series s, List<TrendInput> g, int from, int to, Options o) {
    Point a = s.points().get(from);
    Point b = s.points().get(to);
    String fromRun = g.get(from).runId();
    String toRun = g.get(to).runId();
    if (a.isNever() != b.isNever()
        && (a.isNever() || !Double.isNaN(a.value()))
        && (b.isNever() || !Double.isNaN(b.value()))) {
      // One run never got there (its backlog never drained), the other did.
      boolean worse = b.isNever() == (s.better() == Better.LOWER);
      return new Comparison(
          s.key(),
          s.label(),
          s.unit(),
          fromRun,
          a.isNever() ? Double.POSITIVE_INFINITY : a.value(),
          toRun,
          b.isNever() ? Double.POSITIVE_INFINITY : b.value(),
          b.isNever() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY,
          worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT);
    }
    if (a.isBound() || b.isBound()) {
      return againstBound(s, a, b, fromRun, toRun, o);
    }
    if (Double.isNaN(a.value()) || Double.isNaN(b.value())) {
      return new Comparison(
          s.key(),
          s.label(),
          s.unit(),
          fromRun,
          a.value(),
          toRun,
          b.value(),
          Double.NaN,
          Verdict.NO_DATA);
    }
    double diff = b.value() - a.value();
    double change =
        s.absolute()
            ? diff
            : a.value() == 0 ? (diff == 0 ? 0 : Double.POSITIVE_INFINITY) : diff / a.value();
    double threshold = s.absolute() ? o.errorRateThreshold() : o.threshold();
    Verdict v;
    if (Math.abs(change) <= threshold || Math.abs(diff) <= s.floor()) {
      v = Verdict.WITHIN_THRESHOLD;
    } else if (a.hasInterval() && b.hasInterval() && a.lo() <= b.hi() && b.lo() <= a.hi()) {
      v = Verdict.WITHIN_NOISE;
    } else if (withinHistoryNoise(s, from, b.value())) {
      v = Verdict.WITHIN_NOISE;
    } else {
      boolean worse = (diff > 0) == (s.better() == Better.LOWER);
      v = worse ? Verdict.REGRESSION : Verdict.IMPROVEMENT;
    }
    return new Comparison(
        s.key(), s.label(), s.unit(), fromRun, a.value(), toRun, b.value(), change, v);
  }

  /**
   * A comparison where one run or both have only a lower bound (for a series where higher is
   * better: the knee load). A value below the other run's bound by more than the threshold is a
   * regression, a bound above the other run's value by more than the threshold an improvement;
   * otherwise the runs cannot be told apart (no data), and the bounds still show on the page.
   */
  private static Comparison againstBound(
      Series s, Point a, Point b, String fromRun, String toRun, Options o) {
    double change = Double.NaN;
    Verdict v = Verdict.NO_DATA;
    boolean higherBetter = s.better() == Better.HIGHER;
    if (higherBetter && a.isBound() && !Double.isNaN(b.value()) && a.atLeast() > 0) {
      double c = (b.value() - a.atLeast()) / a.atLeast();
      if (c < -o.threshold()) {
        change = c;
        v = Verdict.REGRESSION;
      }
    } else if (higherBetter && b.isBound() && !Double.isNaN(a.value()) && a.value() > 0) {
      double c = (b.atLeast() - a.value()) / a.value();
      if (c > o.threshold()) {
        change = c;
        v = Verdict.IMPROVEMENT;
      }
    }
    return new Comparison(
        s.key(),
        s.label(),
        s.unit(),
        fromRun,
        a.value(),
        toRun,
        b.value(),
        change,
        v,
        a.atLeast(),
        b.atLeast());
  }

  /**
   * Whether {@code value} lies within the run-to-run noise of the runs up to and including {@code
   * upTo}: within three robust standard deviations (1.4826 · MAD) of their median. A run's own
   * confidence interval does not see this noise: near the knee, p95 moves from run to run far more
   * than the order statistics of one run suggest. Needs four runs with values and some spread.
   */
  static boolean withinHistoryNoise(Series s, int upTo, double value) {
    double[] prior =
        s.points().subList(0, upTo + 1).stream()
            .mapToDouble(Point::value)
            .filter(d -> !Double.isNaN(d))
            .toArray();
    if (prior.length < 4) {
      return false;
    }
    double median = Trend.median(prior.clone());
    double[] dev = new double[prior.length];
    for (int i = 0; i < prior.length; i++) {
      dev[i] = Math.abs(prior[i] - median);
    }
    double sd = 1.4826 * Trend.median(dev);
    return sd > 0 && Math.abs(value - median) <= 3 * sd;
  }

  private static Scaling scaling(List<TrendInput> sweep, Options o) {
    // The latest run at each worker count speaks for it.
    Map<Integer, TrendInput> latest = new TreeMap<>();
    for (TrendInput r : sweep) {
      if (r.workers() != null) {
        latest.put(r.workers(), r);
      }
    }
    List<ScalingPoint> points = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (Map.Entry<Integer, TrendInput> e : latest.entrySet()) {
      RunAnalysis a = e.getValue().analysis();
      PlateauResult peak = null;
      for (PlateauResult p : a.plateaus()) {
        if (p.window().isPlateau()
            && !Double.isNaN(p.achievedRps())
            && (peak == null || p.achievedRps() > peak.achievedRps())) {
          peak = p;
        }
      }
      if (peak == null) {
        notes.add(
            "run "
                + e.getValue().runId()
                + " ("
                + e.getKey()
                + " workers) has no measured plateau");
        continue;
      }
      boolean saturated = a.knee().isPresent();
      if (!saturated) {
        notes.add(
            String.format(
                Locale.ROOT,
                "at %d workers the run %s never reached its knee: %s rps is a lower bound of the"
                    + " capacity",
                e.getKey(),
                e.getValue().runId(),
                rateText(peak.achievedRps())));
      }
      points.add(
          new ScalingPoint(
              e.getKey(),
              e.getValue().runId(),
              peak.achievedRps(),
              saturated,
              a.knee().map(Knee::offeredRps).orElse(Double.NaN),
              a.knee()
                  .flatMap(k -> plateau(a, k.plateauIndex()))
                  .map(PlateauResult::achievedRps)
                  .orElse(Double.NaN),
              peak.service() == null ? Double.NaN : peak.service().p95(),
              a.sizing().map(Sizing::capacityPerWorkerRps).orElse(Double.NaN)));
    }
    Usl fit = null;
    if (points.size() >= 3) {
      double[] n = points.stream().mapToDouble(ScalingPoint::workers).toArray();
      double[] x = points.stream().mapToDouble(ScalingPoint::throughputRps).toArray();
      fit = Usl.fit(n, x);
      if (!fit.isDetermined()) {
        notes.add(
            String.format(
                Locale.ROOT,
                "the Universal Scalability Law has %d parameters (λ, σ, κ) and this sweep %d worker"
                    + " counts: the curve passes through every point, so its R² says nothing and"
                    + " σ, κ and the peak are not yet estimates; add runs at more worker counts"
                    + " (5 or more give a fit that can be judged)",
                Usl.PARAMETERS,
                fit.points()));
      }
    } else {
      notes.add(
          "a Universal Scalability Law fit needs runs at three or more worker counts; this sweep"
              + " has "
              + points.size());
    }
    List<Replicas> replicas = new ArrayList<>();
    if (!points.isEmpty()) {
      ScalingPoint smallest = points.get(0);
      double perWorker = smallest.throughputRps() / smallest.workers();
      for (double target : o.targetRps()) {
        Integer linear = perWorker > 0 ? (int) Math.ceil(target / perWorker - 1e-9) : null;
        Integer usl = null;
        String note = "";
        if (fit != null) {
          java.util.OptionalInt w = fit.workersFor(target);
          if (w.isPresent()) {
            usl = w.getAsInt();
          } else {
            note =
                String.format(
                    Locale.ROOT,
                    "above the fitted peak of %s rps: adding workers does not get there",
                    rateText(fit.peakThroughput()));
          }
        }
        replicas.add(new Replicas(target, usl, linear, note));
      }
    }
    return new Scaling(
        sweep.get(0).sweepKey(), sweep.get(0).fingerprintJson(), points, fit, replicas, notes);
  }

  /** The plateau of a run with a window index. */
  private static Optional<PlateauResult> plateau(RunAnalysis a, int index) {
    return a.plateaus().stream().filter(p -> p.index() == index).findFirst();
  }

  /** A rate as people write it: 400, 12.5. */
  static String rateText(double rps) {
    return rps == Math.rint(rps)
        ? String.format(Locale.ROOT, "%.0f", rps)
        : String.format(Locale.ROOT, "%.1f", rps);
  }

  /** The series of a group by key, in order. */
  public static Map<String, Series> byKey(Group g) {
    Map<String, Series> m = new LinkedHashMap<>();
    g.series().forEach(s -> m.put(s.key(), s));
    return m;
  }
}
