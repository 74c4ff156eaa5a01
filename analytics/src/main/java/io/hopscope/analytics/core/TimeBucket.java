package io.hopscope.analytics.core;

/**
 * Latency in one slice of the measured period (for charts over time and drift): hop and service of
 * the jobs that arrived in it, k6 request duration of the requests that ended in it, and k6's
 * failure count. Any may be absent (null / 0).
 */
public record TimeBucket(
    long startNs,
    long endNs,
    LatencyStats hop,
    LatencyStats service,
    LatencyStats http,
    long requests,
    long failed) {

  /** The user-facing p-quantile: hop when there is one, else the k6 request duration. */
  public double userLatencyMs(double level) {
    return hop != null ? hop.at(level) : http != null ? http.at(level) : Double.NaN;
  }
}
