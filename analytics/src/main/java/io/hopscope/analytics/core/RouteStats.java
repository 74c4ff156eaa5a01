package io.hopscope.analytics.core;

import java.util.Objects;

/**
 * k6 HTTP results of one scenario × request name (the route) in one window.
 *
 * @param scenario the k6 scenario tag, "" when absent (setup, teardown)
 * @param name the k6 {@code name} tag (the URL or its template)
 * @param duration {@code http_req_duration} statistics, ms
 */
public record RouteStats(
    String scenario, String name, LatencyStats duration, long requests, long failed) {
  public RouteStats {
    Objects.requireNonNull(scenario);
    Objects.requireNonNull(name);
    Objects.requireNonNull(duration);
  }

  public double errorRate() {
    return requests == 0 ? 0 : (double) failed / requests;
  }
}
