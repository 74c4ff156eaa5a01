package io.hopscope.analytics.core;

import java.util.List;
import java.util.Map;

/**
 * What k6 recorded in one window of the schedule.
 *
 * @param duration {@code http_req_duration} of every request in the window (failed ones too, as
 *     k6's own summary counts them), ms; null when there was none
 * @param requests {@code http_reqs}
 * @param failed requests k6 marked failed ({@code http_req_failed} = 1)
 * @param failedChecked requests with an {@code http_req_failed} sample (the rate's denominator)
 * @param accepted requests answered 2xx
 * @param iterations {@code iterations} started
 * @param dropped {@code dropped_iterations}: arrivals the executor could not start (the load
 *     generator fell behind)
 * @param byStatus requests per HTTP status ("0" is a network-level failure)
 * @param byErrorCode requests per k6 {@code error_code}
 * @param maxVus largest {@code vus} sample; NaN when none
 * @param maxVusMax largest {@code vus_max} sample; NaN when none
 */
public record HttpWindow(
    LatencyStats duration,
    long requests,
    long failed,
    long failedChecked,
    long accepted,
    long iterations,
    long dropped,
    Map<String, Long> byStatus,
    Map<String, Long> byErrorCode,
    List<RouteStats> routes,
    double maxVus,
    double maxVusMax) {

  public HttpWindow {
    // Sorted, so every rendering of a window lists statuses and codes in the same order.
    byStatus = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byStatus));
    byErrorCode = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(byErrorCode));
    routes = List.copyOf(routes);
  }

  /** Failed / requests, from http_req_failed when k6 recorded it, else non-2xx responses. */
  public Double errorRate() {
    if (failedChecked > 0) {
      return (double) failed / failedChecked;
    }
    return requests == 0 ? null : (double) (requests - accepted) / requests;
  }

  /** True when k6 sent nothing and measured nothing in the window. */
  public boolean isEmpty() {
    return requests == 0 && iterations == 0 && dropped == 0 && duration == null;
  }
}
