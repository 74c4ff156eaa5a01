package io.hopscope.analytics.core;

import java.util.List;
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
    double maxP95Drift,
    OptionalDouble max5xxRate,
    OptionalDouble max429503Rate,
    double maxThroughputDrop,
    double maxResourceIncrease,
    double maxMemoryGrowth,
    List<RouteGate> routes) {

  public GateConfig {
    routes = List.copyOf(routes);
  }

  public static final String MAX_5XX_RATE = "max_5xx_rate";
  public static final String MAX_429_503_RATE = "max_429_503_rate";
  public static final String MAX_THROUGHPUT_DROP = "max_throughput_drop";
  public static final double MAX_THROUGHPUT_DROP_DEFAULT = 0.10;
  public static final String MAX_RESOURCE_INCREASE = "max_resource_increase";
  public static final double MAX_RESOURCE_INCREASE_DEFAULT = 0.15;
  public static final String MAX_MEMORY_GROWTH = "max_memory_growth";
  public static final double MAX_MEMORY_GROWTH_DEFAULT = 0.15;

  /** The key of the per-route gates in the spec's {@code gates} block. */
  public static final String ROUTES = "routes";

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
    return from(numbers, List.of());
  }

  /** Limits and per-route gates. */
  public static GateConfig from(Map<String, Double> numbers, List<RouteGate> routes) {
    return new GateConfig(
        get(numbers, MAX_ERROR_RATE).orElse(MAX_ERROR_RATE_DEFAULT),
        get(numbers, BACKLOG_MUST_DRAIN_SECONDS).orElse(BACKLOG_MUST_DRAIN_SECONDS_DEFAULT),
        get(numbers, SLO_MS_P95_HOP).map(OptionalDouble::of).orElse(OptionalDouble.empty()),
        get(numbers, MAX_P95_HOP_REGRESSION).orElse(MAX_P95_HOP_REGRESSION_DEFAULT),
        get(numbers, MAX_KNEE_REGRESSION).orElse(MAX_KNEE_REGRESSION_DEFAULT),
        get(numbers, MAX_P95_DRIFT).orElse(MAX_P95_DRIFT_DEFAULT),
        optional(numbers, MAX_5XX_RATE),
        optional(numbers, MAX_429_503_RATE),
        get(numbers, MAX_THROUGHPUT_DROP).orElse(MAX_THROUGHPUT_DROP_DEFAULT),
        get(numbers, MAX_RESOURCE_INCREASE).orElse(MAX_RESOURCE_INCREASE_DEFAULT),
        get(numbers, MAX_MEMORY_GROWTH).orElse(MAX_MEMORY_GROWTH_DEFAULT),
        routes);
  }

  private static OptionalDouble optional(Map<String, Double> numbers, String key) {
    return get(numbers, key).map(OptionalDouble::of).orElse(OptionalDouble.empty());
  }

  private static Optional<Double> get(Map<String, Double> numbers, String key) {
    return Optional.ofNullable(numbers.get(key));
  }
}
