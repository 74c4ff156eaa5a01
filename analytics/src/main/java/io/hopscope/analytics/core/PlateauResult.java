package io.hopscope.analytics.core;

import java.util.Objects;

/**
 * Everything measured in one window of the schedule.
 *
 * @param jobs completed jobs that arrived in the window
 * @param offeredRps the load offered in the window: with jobs, k6 iterations started plus dropped
 *     when k6 ran (the generator's own account), else jobs enqueued per second; k6 only, requests
 *     sent plus those the dropped iterations would have sent, per second
 * @param achievedRps with jobs, completions per second in the window; k6 only, requests that did
 *     not fail per second (the same unit as offered, never above it)
 * @param jobArrivalRps jobs enqueued per second (completed ones), NaN without jobs
 * @param hop hop latency statistics, null when no job arrived in the window
 * @param errorRate failed requests / requests, null when no source records failures
 * @param depth queue depth over the window, null without jobs
 * @param http what k6 saw in the window, null without k6 data
 * @param telemetry what Prometheus saw in the window, null without Prometheus data
 * @param belowSchedule the load started in this plateau ({@link #startedRps}) fell more than 10%
 *     short of the spec's rate: the generator or the gateway could not offer it, so the plateau is
 *     left out of capacity conclusions (knee, SLO crossing, sizing)
 * @param cutShort the data ends inside this window (the test stopped early): its rates are averaged
 *     over the whole window, so it is neither drawn on the envelope nor capacity evidence
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
    Telemetry telemetry,
    boolean belowSchedule,
    boolean cutShort) {

  /** The share of its scheduled rate a plateau's started load may fall short by. */
  public static final double SCHEDULE_TOLERANCE = 0.10;

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

  /**
   * The load started in the window in the schedule's own unit: jobs enqueued per second when jobs
   * exist, else k6 iterations started per second (requests when k6 recorded no iteration); NaN
   * without data.
   */
  public double startedRps() {
    if (!Double.isNaN(jobArrivalRps)) {
      return jobArrivalRps;
    }
    if (http == null) {
      return Double.NaN;
    }
    long started = http.iterations() > 0 ? http.iterations() : http.requests();
    return started / window.durationS();
  }

  /** True when the plateau may inform the knee, the SLO crossing and sizing. */
  public boolean capacityEvidence() {
    return !belowSchedule && !cutShort;
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
