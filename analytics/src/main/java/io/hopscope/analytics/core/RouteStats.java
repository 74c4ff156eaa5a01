package io.hopscope.analytics.core;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * k6 HTTP results of one scenario × request name (the route) in one window.
 *
 * @param scenario the k6 scenario tag, "" when absent (setup, teardown)
 * @param name the k6 {@code name} tag (the URL or its template)
 * @param duration {@code http_req_duration} statistics, ms
 * @param failures the failed requests by status and k6 error code, most first (empty in analyses
 *     stored before they were kept)
 */
public record RouteStats(
    String scenario,
    String name,
    LatencyStats duration,
    long requests,
    long failed,
    List<Failure> failures) {
  public RouteStats {
    Objects.requireNonNull(scenario);
    Objects.requireNonNull(name);
    Objects.requireNonNull(duration);
    failures =
        failures == null
            ? List.of()
            : failures.stream()
                .sorted(
                    Comparator.comparingLong(Failure::count)
                        .reversed()
                        .thenComparing(Failure::status)
                        .thenComparing(Failure::errorCode)
                        .thenComparing(Failure::message))
                .toList();
  }

  /**
   * Failed requests of one kind.
   *
   * @param status the HTTP status, "" when the sample had none
   * @param errorCode k6's {@code error_code} tag, "" when none
   * @param message k6's {@code error} tag (the error's text), "" when none
   */
  public record Failure(String status, String errorCode, String message, long count) {
    public Failure {
      status = status == null ? "" : status;
      errorCode = errorCode == null ? "" : errorCode;
      message = message == null ? "" : message;
    }
  }

  /** The most failure kinds a route keeps; the rest are summed into one "other kinds" row. */
  public static final int MAX_FAILURE_KINDS = 5;

  public double errorRate() {
    return requests == 0 ? 0 : (double) failed / requests;
  }
}
