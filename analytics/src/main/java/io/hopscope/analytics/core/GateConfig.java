package io.hopscope.analytics.core;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Gate limits from the spec's {@code gates} block, with the defaults of the gates contract
 * (DESIGN.md) where a key is absent, so every run is gated the same way unless its spec says
 * otherwise.
 */
public record GateConfig(
    double maxErrorRate,
    double backlogMustDrainSeconds,
    OptionalDouble sloMsP95Hop,
    double maxP95HopRegression,
    double maxKneeRegression,
    double maxP95Drift) {

  public static final String MAX_ERROR_RATE = "max_error_rate";
  public static final double MAX_ERROR_RATE_DEFAULT = 0.001;
  public static final String BACKLOG_MUST_DRAIN_SECONDS = "backlog_must_drain_seconds";
  public static final double BACKLOG_MUST_DRAIN_SECONDS_DEFAULT = 300;
  public static final String SLO_MS_P95_HOP = "slo_ms_p95_hop";
  public static final String MAX_P95_HOP_REGRESSION = "max_p95_hop_regression";
  public static final double MAX_P95_HOP_REGRESSION_DEFAULT = 0.10;
  public static final String MAX_KNEE_REGRESSION = "max_knee_regression";
  public static final double MAX_KNEE_REGRESSION_DEFAULT = 0.10;
  public static final String MAX_P95_DRIFT = "max_p95_drift";
  public static final double MAX_P95_DRIFT_DEFAULT = 0.15;

  /** Plateaus at least this long are checked for drift. */
  public static final double DRIFT_MIN_PLATEAU_SECONDS = 600;

  public static GateConfig defaults() {
    return from(Map.of());
  }

  /**
   * Reads the limits from already type-checked numbers.
   *
   * @param numbers gate key → value, as given in the spec
   */
  public static GateConfig from(Map<String, Double> numbers) {
    return new GateConfig(
        get(numbers, MAX_ERROR_RATE).orElse(MAX_ERROR_RATE_DEFAULT),
        get(numbers, BACKLOG_MUST_DRAIN_SECONDS).orElse(BACKLOG_MUST_DRAIN_SECONDS_DEFAULT),
        get(numbers, SLO_MS_P95_HOP).map(OptionalDouble::of).orElse(OptionalDouble.empty()),
        get(numbers, MAX_P95_HOP_REGRESSION).orElse(MAX_P95_HOP_REGRESSION_DEFAULT),
        get(numbers, MAX_KNEE_REGRESSION).orElse(MAX_KNEE_REGRESSION_DEFAULT),
        get(numbers, MAX_P95_DRIFT).orElse(MAX_P95_DRIFT_DEFAULT));
  }

  private static Optional<Double> get(Map<String, Double> numbers, String key) {
    return Optional.ofNullable(numbers.get(key));
  }
}
