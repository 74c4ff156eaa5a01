package io.hopscope.analytics.core.trend;

import io.hopscope.analytics.core.trend.TrendAnalysis.Better;

/**
 * What a trend series follows: its unit, which way is better, and how a change in it is measured.
 * The pages choose series by metric, never by parsing keys; the key is only the name trend.json and
 * trend.csv give a series.
 */
public enum Metric {
  /** The p95 user latency of the plateaus at one scheduled rate. */
  P95_MS("p95_ms", Unit.MS, Better.LOWER, false, true),
  /** The p99 user latency of the plateaus at one scheduled rate. */
  P99_MS("p99_ms", Unit.MS, Better.LOWER, false, true),
  /** The offered load at the knee (a lower bound when the run never reached it). */
  KNEE_RPS("knee_rps", Unit.RPS, Better.HIGHER, false, false),
  /** One worker's capacity: 1 / mean service time. */
  CAPACITY_PER_WORKER_RPS("capacity_per_worker_rps", Unit.RPS, Better.HIGHER, false, false),
  /** The highest rate a plateau achieved. */
  PEAK_ACHIEVED_RPS("peak_achieved_rps", Unit.RPS, Better.HIGHER, false, false),
  /** The share of k6 requests that failed: changes are differences, not ratios. */
  ERROR_RATE("error_rate", Unit.RATIO, Better.LOWER, true, false),
  /** How long the backlog took to drain after the load. */
  DRAIN_S("drain_s", Unit.SECONDS, Better.LOWER, false, false);

  private final String id;
  private final Unit unit;
  private final Better better;
  private final boolean absolute;
  private final boolean perRate;

  Metric(String id, Unit unit, Better better, boolean absolute, boolean perRate) {
    this.id = id;
    this.unit = unit;
    this.better = better;
    this.absolute = absolute;
    this.perRate = perRate;
  }

  public Unit unit() {
    return unit;
  }

  public Better better() {
    return better;
  }

  /** Whether the change threshold is absolute (a difference), not relative. */
  public boolean absolute() {
    return absolute;
  }

  /** Whether there is a series per scheduled rate. */
  public boolean perRate() {
    return perRate;
  }

  /** A series' key: the metric's id, with the rate for per-rate metrics (e.g. "p95_ms@300"). */
  public String key(double rate) {
    return perRate ? id + "@" + TrendAnalysis.rateText(rate) : id;
  }
}
