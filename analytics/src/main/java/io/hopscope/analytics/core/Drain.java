package io.hopscope.analytics.core;

/**
 * How long the backlog took to drain once the scheduled load ended: the time from the end of the
 * last window until the queue depth is back to its baseline (the depth when measurement began).
 *
 * @param drainSeconds null when the depth never returned to the baseline in the recorded data
 * @param depthAtLoadEnd the backlog left when the load stopped
 */
public record Drain(long loadEndNs, Double drainSeconds, long baselineDepth, long depthAtLoadEnd) {

  public static Drain of(QueueDepth depth, Schedule schedule) {
    long baseline = depth.at(depth.secondAtOrAfter(schedule.measureStartNs()));
    long loadEnd = schedule.loadEndNs();
    long k = depth.secondAtOrAfter(loadEnd);
    long atEnd = depth.at(k);
    for (long last = Math.max(k, depth.lastSecond()); k <= last; k++) {
      if (depth.at(k) <= baseline) {
        double s = Math.max(0, (depth.instantOf(k) - loadEnd) / 1e9);
        return new Drain(loadEnd, s, baseline, atEnd);
      }
    }
    return new Drain(loadEnd, null, baseline, atEnd);
  }
}
