package io.hopscope.analytics.core;

import io.hopscope.ingest.spec.StageSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The measured windows of a run (DESIGN.md, Definitions): the first window starts at {@code t0 +
 * warmup}; each stage then follows the previous one. A stage with a constant rate is a plateau; a
 * stage whose rate changes is a ramp.
 */
public final class Schedule {
  private final long t0Ns;
  private final long warmupNs;
  private final List<Window> windows;
  private final String inferredFrom;

  private Schedule(long t0Ns, long warmupNs, List<Window> windows, String inferredFrom) {
    this.t0Ns = t0Ns;
    this.warmupNs = warmupNs;
    this.windows = Collections.unmodifiableList(windows);
    this.inferredFrom = inferredFrom;
  }

  /**
   * @param t0Ns the spec's start_ns, else the run's first enqueue
   * @param stages the stages after the warm-up, in order
   */
  public static Schedule of(long t0Ns, double warmupSeconds, List<StageSpec> stages) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one stage");
    }
    long warmupNs = Math.round(warmupSeconds * 1e9);
    List<Window> windows = new ArrayList<>();
    double elapsedS = warmupSeconds;
    long start = t0Ns + warmupNs;
    for (int i = 0; i < stages.size(); i++) {
      StageSpec s = stages.get(i);
      elapsedS += s.durationSeconds();
      // Boundaries from the cumulative sum, so rounding never accumulates across stages.
      long end = t0Ns + Math.round(elapsedS * 1e9);
      windows.add(
          new Window(
              i,
              s.isRamp() ? Window.Kind.RAMP : Window.Kind.PLATEAU,
              start,
              end,
              s.meanRps(),
              s.startRps(),
              s.endRps()));
      start = end;
    }
    return new Schedule(t0Ns, warmupNs, windows, null);
  }

  /** A schedule with given windows (e.g. read back from the warehouse). */
  public static Schedule restore(long t0Ns, long warmupNs, List<Window> windows) {
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("a schedule needs at least one window");
    }
    return new Schedule(t0Ns, warmupNs, List.copyOf(windows), null);
  }

  /**
   * A schedule read back from the warehouse.
   *
   * @param inferredFrom how it was inferred, null when a spec planned it
   */
  public static Schedule restore(
      long t0Ns, long warmupNs, List<Window> windows, String inferredFrom) {
    Schedule s = restore(t0Ns, warmupNs, windows);
    return inferredFrom == null ? s : s.inferred(inferredFrom);
  }

  /**
   * This schedule, marked as found in the data rather than planned ({@link ScheduleInference}).
   *
   * @param basis how it was found, one sentence
   */
  public Schedule inferred(String basis) {
    return new Schedule(t0Ns, warmupNs, windows, java.util.Objects.requireNonNull(basis));
  }

  /** How the schedule was inferred from the data; empty when a spec planned it. */
  public java.util.Optional<String> inferredFrom() {
    return java.util.Optional.ofNullable(inferredFrom);
  }

  /** True when the schedule was found in the data, not given by a spec. */
  public boolean isInferred() {
    return inferredFrom != null;
  }

  public long t0Ns() {
    return t0Ns;
  }

  public long warmupNs() {
    return warmupNs;
  }

  public List<Window> windows() {
    return windows;
  }

  /** When the scheduled load ends: the end of the last window. */
  public long loadEndNs() {
    return windows.get(windows.size() - 1).endNs();
  }

  /** The first window's start: the end of the warm-up. */
  public long measureStartNs() {
    return windows.get(0).startNs();
  }

  /** The window a timestamp falls in, or -1 (warm-up, after the load, before t0). */
  public int indexOf(long ns) {
    if (ns < measureStartNs() || ns >= loadEndNs()) {
      return -1;
    }
    int lo = 0;
    int hi = windows.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (windows.get(mid).startNs() <= ns) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }
}
