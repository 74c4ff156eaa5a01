package io.hopscope.analytics.core;

import java.util.Objects;

/**
 * Everything measured in one window of the schedule.
 *
 * @param jobs completed jobs that arrived in the window
 * @param offeredRps arrivals per second in the window (jobs enqueued, as completed)
 * @param achievedRps completions per second in the window
 * @param hop hop latency statistics, null when no job arrived in the window
 * @param errorRate failed requests / requests, null when no source records failures
 */
public record PlateauResult(
    Window window,
    long jobs,
    double offeredRps,
    double achievedRps,
    LatencyStats hop,
    LatencyStats queueDelay,
    LatencyStats service,
    Double errorRate,
    DepthStats depth) {

  public PlateauResult {
    Objects.requireNonNull(window);
    Objects.requireNonNull(depth);
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
}
