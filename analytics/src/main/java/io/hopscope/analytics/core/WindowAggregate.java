package io.hopscope.analytics.core;

/**
 * What the scans return for one window: the jobs that arrived in it, the completions inside it, the
 * statistics of the three job segments, and what k6 saw.
 *
 * @param hop null when no job arrived in the window (then so are queueDelay and service)
 * @param http null when the run has no k6 data in the window
 * @param telemetry null when the run has no Prometheus data in the window
 */
public record WindowAggregate(
    int index,
    long jobs,
    long completions,
    LatencyStats hop,
    LatencyStats queueDelay,
    LatencyStats service,
    HttpWindow http,
    Telemetry telemetry) {

  /** A window without Prometheus data. */
  public WindowAggregate(
      int index,
      long jobs,
      long completions,
      LatencyStats hop,
      LatencyStats queueDelay,
      LatencyStats service,
      HttpWindow http) {
    this(index, jobs, completions, hop, queueDelay, service, http, null);
  }

  /** A window without k6 data. */
  public WindowAggregate(
      int index,
      long jobs,
      long completions,
      LatencyStats hop,
      LatencyStats queueDelay,
      LatencyStats service) {
    this(index, jobs, completions, hop, queueDelay, service, null, null);
  }
}
