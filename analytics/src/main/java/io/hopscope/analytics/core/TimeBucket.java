package io.hopscope.analytics.core;

/**
 * Latency in one slice of the measured period (for charts over time and drift): hop and service of
 * the jobs that arrived in it, k6 request duration of the requests that ended in it, k6's failure
 * count and the most virtual users k6 had active. Any may be absent (null / 0 / NaN).
 *
 * @param vus the largest k6 {@code vus} sample in the slice; NaN when none (0 in analyses stored
 *     before this field existed)
 * @param vusMax the largest k6 {@code vus_max} sample (the VUs k6 had allocated); NaN when none
 */
public record TimeBucket(
    long startNs,
    long endNs,
    LatencyStats hop,
    LatencyStats service,
    LatencyStats http,
    long requests,
    long failed,
    double vus,
    double vusMax) {

  /** The user-facing p-quantile: hop when there is one, else the k6 request duration. */
  public double userLatencyMs(double level) {
    return hop != null ? hop.at(level) : http != null ? http.at(level) : Double.NaN;
  }
}
