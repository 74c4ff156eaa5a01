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
    double meanServiceMs, double capacityPerWorkerRps, List<Recommendation> recommendations) {

  /** The utilisations the playbook recommends sizing for (headroom 25–40%). */
  public static final double[] UTILIZATIONS = {0.6, 0.7, 0.75};

  /**
   * Workers for one load at one target utilisation.
   *
   * @param basis which load this is: {@code observed_peak}, {@code knee}, {@code spec_target}
   */
  public record Recommendation(double lambdaRps, double utilization, int workers, String basis) {}

  /** A load to size for and why. */
  public record Load(double lambdaRps, String basis) {}

  public Sizing {
    if (!(meanServiceMs > 0)) {
      throw new IllegalArgumentException("mean service time must be > 0");
    }
    recommendations = List.copyOf(recommendations);
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
