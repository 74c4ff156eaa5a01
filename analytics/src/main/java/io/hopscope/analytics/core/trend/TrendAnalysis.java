package io.hopscope.analytics.core.trend;

import io.hopscope.analytics.core.ChangePoints;
import io.hopscope.analytics.core.GateConfig;
import io.hopscope.analytics.core.TrendInput;
import io.hopscope.analytics.core.Usl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A scenario's history across runs: per fingerprint, the series a quarterly review reads (p95 and
 * p99 latency per plateau, knee load, capacity per worker, peak throughput, error rate, drain time)
 * with their change points, and "baseline | current | change" rows; across fingerprints that differ
 * only in the worker count, the scaling curve with a Universal Scalability Law fit.
 *
 * <p>Its size is the trend's result types (records, each short) and the grouping of runs; the
 * algorithms are the package's other classes.
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

    /** These options sizing the sweep for other target loads. */
    public Options withTargetRps(List<Double> targets) {
      return new Options(
          threshold,
          errorRateThreshold,
          baselineRun,
          targets,
          seed,
          permutations,
          significance,
          minShift);
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
   * @param rate the scheduled rate of a per-rate metric, else NaN
   * @param changePoints indexes into the group's runs where a shift began
   */
  public record Series(
      Metric metric,
      double rate,
      String label,
      List<Point> points,
      List<ChangePoints.ChangePoint> changePoints) {

    /** The series' name in trend.json and trend.csv, e.g. "p95_ms@300" or "knee_rps". */
    public String key() {
      return metric.key(rate);
    }

    public Unit unit() {
      return metric.unit();
    }

    public Better better() {
      return metric.better();
    }

    /** Whether the change threshold is absolute (a difference), not relative. */
    public boolean absolute() {
      return metric.absolute();
    }

    /**
     * The smallest difference that can matter, whatever the relative change: the resolution of the
     * measure. Drain is counted in whole seconds, so 0 → 1 s is not a 100% regression; latencies
     * and rates are exact, so any relative change beyond the threshold counts.
     */
    public double floor() {
      return metric.unit().floor();
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
      Unit unit,
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
        Unit unit,
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
        scaling.add(ScalingSweep.scaling(s, o));
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
    for (Series s : TrendSeries.rawSeries(g)) {
      series.add(
          new Series(
              s.metric(),
              s.rate(),
              s.label(),
              s.points(),
              ChangePointFilter.changePoints(s.points(), s.absolute(), s.floor(), o)));
    }
    int current = g.size() - 1;
    int baseline = baselineIndex(g, o);
    List<Comparison> vsBaseline = new ArrayList<>();
    List<Comparison> vsPrevious = new ArrayList<>();
    for (Series s : series) {
      if (baseline >= 0) {
        vsBaseline.add(Verdicts.compare(s, g, baseline, current, o));
      }
      if (current > 0) {
        vsPrevious.add(Verdicts.compare(s, g, current - 1, current, o));
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
