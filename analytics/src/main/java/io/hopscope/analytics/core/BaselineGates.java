package io.hopscope.analytics.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gates that compare a run with its baseline (gates contract): p95 hop per plateau and the knee
 * load. A change counts as a regression only when it exceeds both the configured threshold and the
 * run-to-run noise: the 95% confidence intervals of the two p95s (order statistics) must not
 * overlap. The verdict says which of the two held.
 *
 * <p>Its size is the gates judged against a baseline run (regression of p95, knee, throughput,
 * resources), one short method each.
 */
public final class BaselineGates {
  private BaselineGates() {}

  public static Gates.Verdicts evaluate(
      GateConfig config, RunAnalysis current, RunAnalysis baseline) {
    List<GateResult> out = new ArrayList<>();
    List<Gates.Skipped> skipped = new ArrayList<>();
    p95(config, current, baseline, out, skipped);
    knee(config, current, baseline, out, skipped);
    throughput(config, current, baseline, out, skipped);
    resources(config, current, baseline, out, skipped);
    return new Gates.Verdicts(out, skipped);
  }

  /** Prometheus series that measure CPU or memory (by metric name). */
  private static final java.util.regex.Pattern RESOURCE =
      java.util.regex.Pattern.compile(
          "(?i).*(cpu|resident_memory|memory_rss|rss_bytes|working_set|memory_usage"
              + "|heap_(used|size)).*");

  /** Smaller CPU changes than this (cores) are not judged, whatever their ratio. */
  static final double MIN_CPU_CHANGE_CORES = 0.05;

  /** Smaller memory changes than this (bytes) are not judged, whatever their ratio. */
  static final double MIN_MEMORY_CHANGE_BYTES = 16e6;

  /**
   * A CPU or memory series whose growth means more use: not the idle, iowait or steal time of
   * node-level CPU counters (more idle is less use).
   */
  private static boolean isResource(Telemetry.SeriesStat st) {
    String s = st.series();
    return RESOURCE.matcher(st.metric()).matches()
        && !s.contains("mode=\"idle\"")
        && !s.contains("mode=\"iowait\"")
        && !s.contains("mode=\"steal\"");
  }

  /**
   * CPU and memory at the same load: for every Prometheus CPU or memory series both runs have in a
   * plateau of the same rate (a counter's rate, a gauge's mean), the largest increase.
   */
  private static void resources(
      GateConfig config,
      RunAnalysis current,
      RunAnalysis baseline,
      List<GateResult> out,
      List<Gates.Skipped> skipped) {
    double worst = Double.NEGATIVE_INFINITY;
    String worstText = null;
    for (PlateauResult c : current.plateaus()) {
      PlateauResult b = match(baseline, c);
      if (!c.window().isPlateau() || b == null || c.telemetry() == null || b.telemetry() == null) {
        continue;
      }
      java.util.Map<String, Double> base = new java.util.HashMap<>();
      for (Telemetry.SeriesStat st : b.telemetry().series()) {
        if (isResource(st)) {
          base.put(st.series(), st.counter() ? st.ratePerS() : st.mean());
        }
      }
      for (Telemetry.SeriesStat st : c.telemetry().series()) {
        Double bv = base.get(st.series());
        double cv = st.counter() ? st.ratePerS() : st.mean();
        if (bv == null || !(bv > 0) || !Double.isFinite(cv)) {
          continue;
        }
        // Tiny series (a sidecar's 0.001 core) double on noise: a change must also matter.
        boolean cpu = st.metric().toLowerCase(java.util.Locale.ROOT).contains("cpu");
        if (Math.abs(cv - bv) < (cpu ? MIN_CPU_CHANGE_CORES : MIN_MEMORY_CHANGE_BYTES)) {
          continue;
        }
        double change = cv / bv - 1;
        if (change > worst) {
          worst = change;
          worstText =
              String.format(
                  java.util.Locale.ROOT,
                  "%s at plateau %d (%s rps): %.4g vs %.4g in baseline %s",
                  st.series(),
                  c.index(),
                  java.math.BigDecimal.valueOf(c.window().targetRps())
                      .stripTrailingZeros()
                      .toPlainString(),
                  cv,
                  bv,
                  baseline.runId());
        }
      }
    }
    if (worstText == null) {
      skipped.add(
          new Gates.Skipped(
              GateConfig.MAX_RESOURCE_INCREASE,
              "no CPU or memory series from Prometheus in a plateau of both runs"));
      return;
    }
    out.add(
        new GateResult(
            GateConfig.MAX_RESOURCE_INCREASE,
            worst <= config.maxResourceIncrease(),
            worst,
            config.maxResourceIncrease(),
            "largest CPU or memory increase at the same load: " + worstText));
  }

  /**
   * The highest rate achieved in a plateau whose error rate stays within the error budget (every
   * plateau when no source records errors); NaN when none qualifies.
   */
  static double throughputWithinBudget(RunAnalysis a, double budget) {
    double best = Double.NaN;
    for (PlateauResult p : a.plateaus()) {
      if (!p.window().isPlateau() || Double.isNaN(p.achievedRps())) {
        continue;
      }
      if (p.errorRate() != null && p.errorRate() > budget) {
        continue;
      }
      best = Double.isNaN(best) ? p.achievedRps() : Math.max(best, p.achievedRps());
    }
    return best;
  }

  private static void throughput(
      GateConfig config,
      RunAnalysis current,
      RunAnalysis baseline,
      List<GateResult> out,
      List<Gates.Skipped> skipped) {
    double budget = config.maxErrorRate();
    double c = throughputWithinBudget(current, budget);
    double b = throughputWithinBudget(baseline, budget);
    if (Double.isNaN(c) || Double.isNaN(b) || !(b > 0)) {
      skipped.add(
          new Gates.Skipped(
              GateConfig.MAX_THROUGHPUT_DROP,
              "no plateau within the error budget in this run or the baseline"));
      return;
    }
    double drop = 1 - c / b;
    out.add(
        new GateResult(
            GateConfig.MAX_THROUGHPUT_DROP,
            drop <= config.maxThroughputDrop(),
            drop,
            config.maxThroughputDrop(),
            String.format(
                java.util.Locale.ROOT,
                "highest achieved rate within the %s error budget: %.1f rps vs %.1f rps in"
                    + " baseline %s",
                java.math.BigDecimal.valueOf(budget).stripTrailingZeros().toPlainString(),
                c,
                b,
                baseline.runId())));
  }

  private static void p95(
      GateConfig config,
      RunAnalysis current,
      RunAnalysis baseline,
      List<GateResult> out,
      List<Gates.Skipped> skipped) {
    double limit = config.maxP95HopRegression();
    int kneeIndex = current.knee().map(Knee::plateauIndex).orElse(Integer.MAX_VALUE);
    String worstText = null;
    double worst = Double.NEGATIVE_INFINITY;
    boolean failed = false;
    int compared = 0;
    for (PlateauResult c : current.plateaus()) {
      if (!c.window().isPlateau() || c.index() >= kneeIndex) {
        continue;
      }
      PlateauResult b = match(baseline, c);
      LatencyStats cs = latency(c);
      LatencyStats bs = b == null ? null : latency(b);
      if (cs == null || bs == null || !(bs.p95() > 0)) {
        continue;
      }
      compared++;
      double change = cs.p95() / bs.p95() - 1;
      boolean overThreshold = change > limit;
      boolean beyondNoise = beyondNoise(cs, bs);
      if (overThreshold && beyondNoise) {
        failed = true;
      }
      if (change > worst) {
        worst = change;
        worstText =
            String.format(
                Locale.ROOT,
                "plateau %d (%s rps): p95 %.3f ms vs %.3f ms in the baseline (%+.1f%%); %s",
                c.index(),
                fmt(c.window().targetRps()),
                cs.p95(),
                bs.p95(),
                change * 100,
                !overThreshold
                    ? "within the threshold"
                    : beyondNoise
                        ? "beyond the threshold and the run-to-run noise: a regression"
                        : "beyond the threshold but within the run-to-run noise (95% intervals"
                            + " overlap): not counted");
      }
    }
    if (compared == 0) {
      skipped.add(
          new Gates.Skipped(
              GateConfig.MAX_P95_HOP_REGRESSION,
              "no plateau below the knee matches one of the baseline " + baseline.runId()));
      return;
    }
    out.add(
        new GateResult(
            GateConfig.MAX_P95_HOP_REGRESSION,
            !failed,
            worst,
            limit,
            "vs baseline " + baseline.runId() + ", worst " + worstText));
  }

  private static void knee(
      GateConfig config,
      RunAnalysis current,
      RunAnalysis baseline,
      List<GateResult> out,
      List<Gates.Skipped> skipped) {
    double limit = config.maxKneeRegression();
    if (baseline.knee().isEmpty()) {
      skipped.add(
          new Gates.Skipped(
              GateConfig.MAX_KNEE_REGRESSION, "the baseline " + baseline.runId() + " has no knee"));
      return;
    }
    Knee b = baseline.knee().get();
    if (current.knee().isEmpty()) {
      out.add(
          new GateResult(
              GateConfig.MAX_KNEE_REGRESSION,
              true,
              0.0,
              limit,
              "no knee at the loads tested, the baseline "
                  + baseline.runId()
                  + " had one at "
                  + fmt(b.offeredRps())
                  + " rps"));
      return;
    }
    Knee c = current.knee().get();
    double change = c.offeredRps() / b.offeredRps() - 1;
    // The knee can only be placed to a plateau; a move within the same plateau is not a change.
    boolean samePlateau = c.plateauIndex() == b.plateauIndex();
    boolean regressed = -change > limit && !samePlateau;
    out.add(
        new GateResult(
            GateConfig.MAX_KNEE_REGRESSION,
            !regressed,
            -change,
            limit,
            String.format(
                Locale.ROOT,
                "knee at %s rps (plateau %d) vs %s rps (plateau %d) in the baseline %s (%+.1f%%)",
                fmt(c.offeredRps()),
                c.plateauIndex(),
                fmt(b.offeredRps()),
                b.plateauIndex(),
                baseline.runId(),
                change * 100)));
  }

  /** The baseline plateau with the same index and target rate, or null. */
  private static PlateauResult match(RunAnalysis baseline, PlateauResult c) {
    for (PlateauResult b : baseline.plateaus()) {
      if (b.index() == c.index()
          && b.window().kind() == c.window().kind()
          && Math.abs(b.window().targetRps() - c.window().targetRps())
              <= 1e-9 * Math.max(1, c.window().targetRps())) {
        return b;
      }
    }
    return null;
  }

  private static LatencyStats latency(PlateauResult p) {
    return p.hasJobs() ? p.hop() : p.hasHttp() ? p.http().duration() : null;
  }

  /** True when the current p95's interval lies wholly above the baseline's. */
  static boolean beyondNoise(LatencyStats current, LatencyStats baseline) {
    if (current.ci() == null || baseline.ci() == null) {
      return true; // no intervals: the threshold alone decides
    }
    double lo = current.ci().p95Lo();
    double hi = baseline.ci().p95Hi();
    if (Double.isNaN(lo) || Double.isNaN(hi)) {
      return true;
    }
    return lo > hi;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
