package io.hopscope.analytics.core;

import java.util.Objects;

/**
 * A service-level gate on one route (k6 request name, optionally within one scenario), as teams
 * write them: a p95 or p99 latency limit or an error-rate budget, plain or tiered.
 *
 * @param scenario the k6 scenario, null for every scenario
 * @param name the k6 {@code name} tag (the URL or its template)
 * @param metric {@code p95_ms}, {@code p99_ms} or {@code error_rate}
 */
public record RouteGate(String scenario, String name, String metric, Tiers tiers) {
  public static final String P95_MS = "p95_ms";
  public static final String P99_MS = "p99_ms";
  public static final String ERROR_RATE = "error_rate";

  public RouteGate {
    Objects.requireNonNull(name);
    Objects.requireNonNull(metric);
    Objects.requireNonNull(tiers);
  }

  /** The gate's name in results: {@code route:p95_ms:POST /orders}. */
  public String gateName() {
    return "route:" + metric + ":" + (scenario == null ? "" : scenario + "/") + name;
  }

  /**
   * Tiered targets (target / acceptable / critical), lower is better. The gate passes at or below
   * {@code acceptable}; a plain limit is a tier of its own.
   *
   * @param target the goal, null when not tiered
   * @param critical beyond this the result is an incident, null when not tiered
   */
  public record Tiers(Double target, double acceptable, Double critical) {
    public Tiers {
      if (!(acceptable >= 0)
          || (target != null && !(target <= acceptable))
          || (critical != null && !(critical >= acceptable))) {
        throw new IllegalArgumentException("need target <= acceptable <= critical, all >= 0");
      }
    }

    public static Tiers plain(double limit) {
      return new Tiers(null, limit, null);
    }

    public boolean tiered() {
      return target != null || critical != null;
    }

    /** The tier a value meets: target, acceptable, critical or beyond critical. */
    public String tierOf(double v) {
      if (target != null && v <= target) {
        return "target";
      }
      if (v <= acceptable) {
        return tiered() ? "acceptable" : "within limit";
      }
      if (critical == null) {
        return "over limit";
      }
      return v <= critical ? "critical" : "beyond critical";
    }
  }
}
