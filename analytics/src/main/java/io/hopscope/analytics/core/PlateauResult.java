package io.hopscope.analytics.core;

import java.util.Objects;

/**
 * Everything measured in one window of the schedule.
 *
 * @param jobs completed jobs that arrived in the window
 * @param offeredRps the load offered in the window: k6 iterations started plus dropped when k6 data
 *     exists (the generator's own account), else jobs enqueued per second
 * @param achievedRps completions per second in the window (k6 2xx responses for k6-only runs)
 * @param jobArrivalRps jobs enqueued per second (completed ones), NaN without jobs
 * @param hop hop latency statistics, null when no job arrived in the window
 * @param errorRate failed requests / requests, null when no source records failures
 * @param depth queue depth over the window, null without jobs
 * @param http what k6 saw in the window, null without k6 data
 * @param telemetry what Prometheus saw in the window, null without Prometheus data
 */
public record PlateauResult(
    Window window,
    long jobs,
    double offeredRps,
    double achievedRps,
    double jobArrivalRps,
    LatencyStats hop,
    LatencyStats queueDelay,
    LatencyStats service,
    Double errorRate,
    DepthStats depth,
    HttpWindow http,
    Telemetry telemetry) {

  public PlateauResult {
    Objects.requireNonNull(window);
    if (jobs < 0) {
      throw new IllegalArgumentException("negative job count");
    }
  }

  public int index() {
    return window.index();
  }

  public boolean hasJobs() {
    return hop != null;
  }

  /** Little's law and gauge cross-checks; null without job data. */
  public QueueCheck queueCheck() {
    return hasJobs() && depth != null ? QueueCheck.of(this, telemetry) : null;
  }

  public boolean hasHttp() {
    return http != null && http.duration() != null;
  }

  /**
   * The latency users feel in this window: p-th percentile of hop when jobs exist, else of the k6
   * request duration; NaN when neither exists.
   */
  public double userLatencyMs(double level) {
    if (hasJobs()) {
      return hop.at(level);
    }
    return hasHttp() ? http.duration().at(level) : Double.NaN;
  }
}
