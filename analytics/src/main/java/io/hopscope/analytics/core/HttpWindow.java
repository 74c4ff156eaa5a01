package io.hopscope.analytics.core;

import java.util.List;
import java.util.Map;

/**
 * What k6 recorded in one window of the schedule.
 *
 * @param duration {@code http_req_duration} of every request in the window (failed ones too, as
 *     k6's own summary counts them), ms; null when there was none
 * @param requests {@code http_reqs}
 * @param failed failed requests, by the run's one definition (DESIGN.md, Definitions): {@code
 *     http_req_failed} = 1 when the run recorded that metric (k6 0.31+), else a status outside
 *     200-399 (none, 0, 4xx, 5xx)
 * @param failedChecked the requests that definition judged (the error rate's denominator)
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

  /**
   * Failed / judged requests. (Analyses stored before the definition was unified may have no judged
   * requests: then non-2xx responses.)
   */
  public Double errorRate() {
    if (failedChecked > 0) {
      return (double) failed / failedChecked;
    }
    return requests == 0 ? null : (double) (requests - accepted) / requests;
  }

  /**
   * Requests k6 sent plus those its dropped iterations would have sent (at this window's requests
   * per iteration, one when no iteration finished): the load offered, in requests.
   */
  public double offeredRequests() {
    double perIteration = iterations > 0 && requests > 0 ? (double) requests / iterations : 1;
    return requests + dropped * perIteration;
  }

  /** Requests that did not fail (by the run's one definition): the load achieved, in requests. */
  public double succeeded() {
    Double rate = errorRate();
    return rate == null ? requests : requests * (1 - rate);
  }

  /** True when k6 sent nothing and measured nothing in the window. */
  public boolean isEmpty() {
    return requests == 0 && iterations == 0 && dropped == 0 && duration == null;
  }
}
