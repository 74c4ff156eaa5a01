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
 * Only plateaus count, and only those whose load followed the schedule; ramps are skipped.
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

  /**
   * The knee from the queue (backlog growth, queue-delay step) with Kneedle on the p95 latency
   * envelope as a second opinion; for runs without job timestamps (k6 only), Kneedle alone.
   */
  public Optional<Knee> find(List<PlateauResult> all) {
    // A plateau whose load fell short of its schedule says nothing about the scheduled load.
    List<PlateauResult> windows = all.stream().filter(PlateauResult::capacityEvidence).toList();
    Optional<PlateauResult> bend = kneedle(windows);
    Integer second = bend.map(PlateauResult::index).orElse(null);
    Optional<Knee> queue = queueKnee(windows);
    if (queue.isPresent()) {
      Knee k = queue.get();
      String opinion =
          second == null
              ? "Kneedle finds no bend in the p95 envelope"
              : second == k.plateauIndex()
                  ? "Kneedle on the p95 envelope agrees"
                  : "Kneedle on the p95 envelope puts the bend at plateau " + second;
      return Optional.of(
          new Knee(
              k.plateauIndex(), k.offeredRps(), k.reason() + "; " + opinion, k.signals(), second));
    }
    if (bend.isPresent() && windows.stream().noneMatch(PlateauResult::hasJobs)) {
      PlateauResult p = bend.get();
      return Optional.of(
          new Knee(
              p.index(),
              p.offeredRps(),
              String.format(
                  Locale.ROOT,
                  "no queue data (k6 only); Kneedle on the p95 envelope bends at plateau %d"
                      + " (%.1f rps, p95 %.3f ms)",
                  p.index(),
                  p.offeredRps(),
                  p.userLatencyMs(0.95)),
              List.of("kneedle"),
              second));
    }
    return Optional.empty();
  }

  /** Kneedle (S = 1) on p95 latency against offered load, over the plateaus with data. */
  static Optional<PlateauResult> kneedle(List<PlateauResult> windows) {
    List<PlateauResult> ps =
        windows.stream()
            .filter(p -> p.window().isPlateau())
            .filter(p -> !Double.isNaN(p.offeredRps()) && !Double.isNaN(p.userLatencyMs(0.95)))
            .sorted(java.util.Comparator.comparingDouble(PlateauResult::offeredRps))
            .toList();
    List<PlateauResult> strict = new ArrayList<>();
    for (PlateauResult p : ps) {
      if (strict.isEmpty() || p.offeredRps() > strict.get(strict.size() - 1).offeredRps()) {
        strict.add(p);
      }
    }
    double[] x = strict.stream().mapToDouble(PlateauResult::offeredRps).toArray();
    double[] y = strict.stream().mapToDouble(p -> p.userLatencyMs(0.95)).toArray();
    java.util.OptionalInt i = Kneedle.find(x, y, 1.0);
    return i.isPresent() ? Optional.of(strict.get(i.getAsInt())) : Optional.empty();
  }

  private Optional<Knee> queueKnee(List<PlateauResult> windows) {
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
