package io.hopscope.analytics.core;

import java.util.Objects;

/**
 * One row of the measured-baseline table teams fill by hand after a run: exact latency percentiles
 * over a whole run, of one metric ({@code http_req_duration} per k6 scenario, or the hop).
 *
 * @param scenario the k6 scenario, {@code (all)} for every scenario together, "" for requests
 *     without one (setup, teardown)
 * @param errorRate failed / all requests for k6 rows, NaN where unknown or not applicable
 */
public record MeasuredBaseline(
    String runId, String metric, String scenario, LatencyStats stats, double errorRate) {
  public MeasuredBaseline {
    Objects.requireNonNull(runId);
    Objects.requireNonNull(metric);
    Objects.requireNonNull(scenario);
    Objects.requireNonNull(stats);
  }
}
