package io.hopscope.analytics.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the knee with the playbook's two rules, made robust:
 *
 * <ul>
 *   <li><b>backlog growth</b>: the queue depth grows within the plateau: positive slope and a rise
 *       from start to end of at least {@code max(minGrowth, growthShare × jobs)}, so the random ups
 *       and downs of a stable queue do not count;
 *   <li><b>queue-delay step</b>: p95 queue delay rises by more than {@code step} (default 50%) from
 *       the previous plateau <i>and</i> queueing is a real share of the hop: the median job waits
 *       at least as long as it is served (p50 queue delay ≥ p50 service time). A jump from 1 ms to
 *       6 ms of queueing is noise, not a knee; and tail waits grow early and smoothly as
 *       utilisation rises, so the tail alone would call the knee too soon.
 * </ul>
 *
 * Only plateaus count; ramps are skipped.
 */
public final class KneeDetector {
  /** The playbook's default queue-delay step. */
  public static final double STEP_DEFAULT = 0.5;

  private final double step;
  private final long minGrowth;
  private final double growthShare;

  public KneeDetector(double step, long minGrowth, double growthShare) {
    if (!(step > 0) || minGrowth < 1 || !(growthShare > 0)) {
      throw new IllegalArgumentException("bad knee thresholds");
    }
    this.step = step;
    this.minGrowth = minGrowth;
    this.growthShare = growthShare;
  }

  public static KneeDetector defaults() {
    return new KneeDetector(STEP_DEFAULT, 10, 0.05);
  }

  public Optional<Knee> find(List<PlateauResult> windows) {
    PlateauResult previous = null;
    for (PlateauResult p : windows) {
      if (!p.window().isPlateau() || !p.hasJobs()) {
        continue;
      }
      List<String> signals = new ArrayList<>();
      List<String> reasons = new ArrayList<>();
      long growth = p.depth().end() - p.depth().start();
      double needed = Math.max(minGrowth, growthShare * p.jobs());
      if (p.depth().slopePerS() > 0 && growth >= needed) {
        signals.add("backlog_growth");
        reasons.add(
            String.format(
                Locale.ROOT,
                "the backlog grew by %d jobs within the plateau (%.2f jobs/s)",
                growth,
                p.depth().slopePerS()));
      }
      if (previous != null) {
        double before = previous.queueDelay().p95();
        double now = p.queueDelay().p95();
        boolean realShare = p.queueDelay().p50() >= p.service().p50();
        if (now > before * (1 + step) && realShare) {
          signals.add("queue_delay_step");
          reasons.add(
              String.format(
                  Locale.ROOT,
                  "p95 queue delay rose %s from plateau %d (%.3f → %.3f ms) and the median job"
                      + " waits %.3f ms, as long as it is served (p50 service %.3f ms)",
                  before > 0
                      ? String.format(Locale.ROOT, "%.0f%%", (now / before - 1) * 100)
                      : "from zero",
                  previous.index(),
                  before,
                  now,
                  p.queueDelay().p50(),
                  p.service().p50()));
        }
      }
      if (!signals.isEmpty()) {
        return Optional.of(
            new Knee(p.index(), p.offeredRps(), String.join("; ", reasons), signals));
      }
      previous = p;
    }
    return Optional.empty();
  }
}
