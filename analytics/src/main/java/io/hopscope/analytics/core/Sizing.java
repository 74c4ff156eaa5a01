package io.hopscope.analytics.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Worker sizing by the utilisation rule (DESIGN.md): {@code capacity_per_worker = 1 /
 * mean(service)}, {@code workers_needed(λ, U) = ceil(λ · mean(service) / U)}.
 *
 * @param meanServiceMs mean service time of the measured jobs
 * @param capacityPerWorkerRps jobs per second one busy worker completes
 */
public record Sizing(
    double meanServiceMs,
    double capacityPerWorkerRps,
    List<Recommendation> recommendations,
    TailAware tailAware) {

  /** The utilisations the playbook recommends sizing for (headroom 25–40%). */
  public static final double[] UTILIZATIONS = {0.6, 0.7, 0.75};

  /**
   * Workers for one load at one target utilisation.
   *
   * @param basis which load this is: {@code observed_peak}, {@code knee}, {@code spec_target}
   */
  public record Recommendation(double lambdaRps, double utilization, int workers, String basis) {}

  /** The utilisation of the headline figure (the playbook's "workers at 70%"). */
  public static final double HEADLINE_UTILIZATION = 0.7;

  /**
   * One load of the sizing table: workers at each of {@link #UTILIZATIONS} (in that order), and the
   * tail-aware count for the same load (null without one).
   */
  public record TableRow(
      double lambdaRps, String basis, List<Recommendation> byUtilization, TailCount tail) {
    public TableRow {
      byUtilization = List.copyOf(byUtilization);
    }
  }

  /** The sizing table: one row per load sized for, in the order the loads were given. */
  public List<TableRow> table() {
    java.util.Map<String, List<Recommendation>> byLoad = new java.util.LinkedHashMap<>();
    for (Recommendation r : recommendations) {
      byLoad.computeIfAbsent(r.basis() + "@" + r.lambdaRps(), k -> new ArrayList<>()).add(r);
    }
    List<TableRow> rows = new ArrayList<>();
    for (List<Recommendation> load : byLoad.values()) {
      Recommendation first = load.get(0);
      TailCount tail = null;
      if (tailAware != null) {
        for (TailCount c : tailAware.counts()) {
          if (c.basis().equals(first.basis()) && c.lambdaRps() == first.lambdaRps()) {
            tail = c;
          }
        }
      }
      rows.add(new TableRow(first.lambdaRps(), first.basis(), load, tail));
    }
    return rows;
  }

  /** Workers at {@link #HEADLINE_UTILIZATION} for the largest load sized for. */
  public java.util.Optional<Recommendation> headline() {
    return recommendations.stream()
        .filter(r -> r.utilization() == HEADLINE_UTILIZATION)
        .reduce((x, y) -> y.lambdaRps() > x.lambdaRps() ? y : x);
  }

  /** A load to size for and why. */
  public record Load(double lambdaRps, String basis) {}

  /**
   * Tail-aware counts from Erlang C (M/G/c by Allen–Cunneen): for each load, the smallest number of
   * workers whose predicted p95 queue delay stays within {@code queueLimitMs}.
   *
   * @param serviceCv the measured coefficient of variation of service times
   * @param queueLimitMs the p95 queue-delay budget: the SLO minus the p95 service time when an SLO
   *     is set, else one p95 service time
   * @param limitBasis how the budget was chosen, in words
   */
  public record TailAware(
      double serviceCv, double queueLimitMs, String limitBasis, List<TailCount> counts) {
    public TailAware {
      counts = List.copyOf(counts);
    }
  }

  /** Workers for one load by the tail rule, with the predicted p95 queue delay at that count. */
  public record TailCount(
      double lambdaRps, int workers, double predictedP95QueueMs, String basis) {}

  public Sizing {
    if (!(meanServiceMs > 0)) {
      throw new IllegalArgumentException("mean service time must be > 0");
    }
    recommendations = List.copyOf(recommendations);
  }

  public Sizing(double meanServiceMs, double capacityPerWorkerRps, List<Recommendation> recs) {
    this(meanServiceMs, capacityPerWorkerRps, recs, null);
  }

  /** The utilisation rule and the tail-aware count for the same loads. */
  public static Sizing of(
      double meanServiceMs,
      double serviceCv,
      double queueLimitMs,
      String limitBasis,
      List<Load> loads) {
    Sizing u = of(meanServiceMs, loads);
    List<TailCount> counts = new ArrayList<>();
    double cs = Double.isNaN(serviceCv) ? 1 : serviceCv;
    for (Load load : loads) {
      int c =
          ErlangC.minServers(load.lambdaRps(), meanServiceMs / 1000, cs, 0.95, queueLimitMs / 1000);
      counts.add(
          new TailCount(
              load.lambdaRps(),
              c,
              ErlangC.waitQuantileS(c, load.lambdaRps(), meanServiceMs / 1000, cs, 0.95) * 1000,
              load.basis()));
    }
    return new Sizing(
        meanServiceMs,
        u.capacityPerWorkerRps(),
        u.recommendations(),
        new TailAware(serviceCv, queueLimitMs, limitBasis, counts));
  }

  public static Sizing of(double meanServiceMs, List<Load> loads) {
    List<Recommendation> recs = new ArrayList<>();
    for (Load load : loads) {
      for (double u : UTILIZATIONS) {
        recs.add(
            new Recommendation(
                load.lambdaRps(),
                u,
                workersNeeded(load.lambdaRps(), meanServiceMs, u),
                load.basis()));
      }
    }
    return new Sizing(meanServiceMs, 1000.0 / meanServiceMs, recs);
  }

  /** {@code ceil(λ · mean(service) / U)}, with λ per second and the mean in ms. */
  public static int workersNeeded(double lambdaRps, double meanServiceMs, double utilization) {
    if (!(lambdaRps >= 0) || !(utilization > 0 && utilization <= 1)) {
      throw new IllegalArgumentException("need λ >= 0 and 0 < U <= 1");
    }
    double exact = lambdaRps * meanServiceMs / 1000.0 / utilization;
    // Guard against 4.0000000001 becoming 5 through floating-point noise.
    return (int) Math.ceil(exact - 1e-9);
  }
}
