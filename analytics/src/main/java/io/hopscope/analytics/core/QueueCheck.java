package io.hopscope.analytics.core;

/**
 * Cross-checks of the queue in one window. Little's law: the mean number waiting equals the arrival
 * rate times the mean wait, {@code L = λ · W}; the reconstructed depth should agree with it, and
 * with the queue-depth gauge Prometheus scraped when there is one. Large gaps point at clock skew,
 * lost jobs, or a gauge measuring something else.
 *
 * @param meanDepth mean reconstructed queue depth (1 s samples)
 * @param littleDepth λ (job arrivals per second) × W (mean queue delay, s)
 * @param gaugeMean mean of the {@code queue_depth} gauge, NaN when none was scraped
 */
public record QueueCheck(double meanDepth, double littleDepth, double gaugeMean) {
  /** Reconstructed / Little's-law depth − 1; NaN when either is zero. */
  public double littleGap() {
    return littleDepth > 0 && meanDepth > 0 ? meanDepth / littleDepth - 1 : Double.NaN;
  }

  /** Gauge / reconstructed depth − 1; NaN without a gauge or with an empty queue. */
  public double gaugeGap() {
    return !Double.isNaN(gaugeMean) && meanDepth > 0 ? gaugeMean / meanDepth - 1 : Double.NaN;
  }

  static QueueCheck of(PlateauResult p, Telemetry telemetry) {
    double gauge = Double.NaN;
    if (telemetry != null) {
      for (Telemetry.SeriesStat s : telemetry.series()) {
        if (s.metric().equals("queue_depth")) {
          gauge = s.mean();
          break;
        }
      }
    }
    double little = p.jobArrivalRps() * p.queueDelay().mean() / 1000.0;
    return new QueueCheck(p.depth().mean(), little, gauge);
  }
}
