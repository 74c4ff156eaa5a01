package io.hopscope.analytics.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A burst: a window whose offered load outran the workers (the backlog grew through it) followed by
 * a lighter one, so the backlog had a chance to drain while load went on. Measured recovery beside
 * the fluid prediction {@code Q0 / (cμ − λ)}: the backlog left at the end of the burst over the
 * spare service rate of the load after it, where {@code cμ} is the rate the workers completed jobs
 * at while saturated during the burst.
 *
 * @param serviceRateRps completions per second during the burst (the saturated service rate cμ)
 * @param afterRps offered load of the window after the burst (λ)
 * @param depthBefore the depth the queue is back to when recovered: the largest depth of the window
 *     before the burst (its start depth when the burst is the first window)
 * @param drainSeconds from the end of the burst until the depth is back to {@code depthBefore};
 *     null when it was not back by the end of the window after the burst
 * @param predictedDrainSeconds {@code (depthAtEnd − depthBefore) / (cμ − λ)}; null when {@code cμ ≤
 *     λ} (the backlog cannot drain at that load)
 * @param p99HopMs p99 hop of the jobs that arrived during the burst
 * @param p99HopAfterMs p99 hop of the jobs that arrived in the window after it (they queue behind
 *     the backlog)
 */
public record Burst(
    int windowIndex,
    double offeredRps,
    double serviceRateRps,
    double afterRps,
    long depthBefore,
    long depthAtEnd,
    long peakDepth,
    Double drainSeconds,
    Double predictedDrainSeconds,
    double p99HopMs,
    double p99HopAfterMs) {

  /** The backlog must grow by at least this many jobs through a window to call it a burst. */
  static final long MIN_GROWTH = 10;

  /** The bursts of a run with jobs, in window order. */
  static List<Burst> find(List<PlateauResult> windows, QueueDepth depth) {
    List<Burst> out = new ArrayList<>();
    for (int i = 0; i + 1 < windows.size(); i++) {
      PlateauResult b = windows.get(i);
      PlateauResult next = windows.get(i + 1);
      DepthStats d = b.depth();
      if (d == null
          || !b.hasJobs()
          || next.window().targetRps() >= b.window().targetRps()
          || d.end() - d.start() < MIN_GROWTH
          || !(b.achievedRps() < b.offeredRps())) {
        continue;
      }
      long before =
          i > 0 && windows.get(i - 1).depth() != null
              ? windows.get(i - 1).depth().max()
              : d.start();
      long endNs = b.window().endNs();
      long k = depth.secondAtOrAfter(endNs);
      long atEnd = depth.at(k);
      long peak = d.max();
      Double drain = null;
      // Recovery counts while the lighter load goes on; after the load ends it is the run's drain.
      for (long last = Math.min(depth.lastSecond(), depth.secondAtOrBefore(next.window().endNs()));
          k <= last;
          k++) {
        long v = depth.at(k);
        peak = Math.max(peak, v);
        if (v <= before) {
          drain = Math.max(0, (depth.instantOf(k) - endNs) / 1e9);
          break;
        }
      }
      double mu = b.achievedRps();
      double lambda = next.offeredRps();
      Double predicted = mu > lambda ? Math.max(0, atEnd - before) / (mu - lambda) : null;
      out.add(
          new Burst(
              b.index(),
              b.offeredRps(),
              mu,
              lambda,
              before,
              atEnd,
              peak,
              drain,
              predicted,
              b.hop().p99(),
              next.hasJobs() ? next.hop().p99() : Double.NaN));
    }
    return out;
  }
}
