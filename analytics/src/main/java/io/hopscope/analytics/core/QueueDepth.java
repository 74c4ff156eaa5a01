package io.hopscope.analytics.core;

/**
 * Queue depth over time, reconstructed exactly from the jobs' enqueue and claim timestamps at a
 * resolution of one second: the depth at {@code origin + k s} is the number of jobs enqueued before
 * that instant minus the number claimed before it. Built from per-second counts, so it needs memory
 * per second of run, not per job.
 */
public final class QueueDepth {
  private final long originNs;
  private final long firstSec;
  private final long[] depth; // depth[i] = depth at boundary firstSec + i, i in [0, n]

  /**
   * @param originNs the time second 0 starts (t0 of the run)
   * @param firstSec the second of {@code arrivals[0]} and {@code claims[0]} relative to origin
   * @param arrivals jobs enqueued in each second {@code [origin + k s, origin + (k+1) s)}
   * @param claims jobs claimed in each second
   */
  public QueueDepth(long originNs, long firstSec, long[] arrivals, long[] claims) {
    if (arrivals.length != claims.length) {
      throw new IllegalArgumentException("arrivals and claims must cover the same seconds");
    }
    this.originNs = originNs;
    this.firstSec = firstSec;
    this.depth = new long[arrivals.length + 1];
    for (int i = 0; i < arrivals.length; i++) {
      depth[i + 1] = depth[i] + arrivals[i] - claims[i];
    }
  }

  public long originNs() {
    return originNs;
  }

  /** The first second boundary with a sample. */
  public long firstSecond() {
    return firstSec;
  }

  /** The last second boundary with a sample. */
  public long lastSecond() {
    return firstSec + depth.length - 1;
  }

  /** Depth at the boundary {@code origin + sec s}. */
  public long at(long sec) {
    if (sec <= firstSec) {
      return 0;
    }
    long i = sec - firstSec;
    return i >= depth.length ? depth[depth.length - 1] : depth[(int) i];
  }

  /** The boundary second at or after an instant. */
  public long secondAtOrAfter(long ns) {
    return Math.floorDiv(ns - originNs - 1, 1_000_000_000L) + 1;
  }

  /** The boundary second at or before an instant. */
  public long secondAtOrBefore(long ns) {
    return Math.floorDiv(ns - originNs, 1_000_000_000L);
  }

  /** The instant of a boundary second. */
  public long instantOf(long sec) {
    return originNs + sec * 1_000_000_000L;
  }

  /** Depth over a window: the boundaries within {@code [start, end]}. */
  public DepthStats over(Window w) {
    long a = secondAtOrAfter(w.startNs());
    long b = Math.max(a, secondAtOrBefore(w.endNs()));
    long max = 0;
    int n = 0;
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    long[] samples = new long[(int) (b - a + 1)];
    for (long k = a; k <= b; k++) {
      long d = at(k);
      samples[(int) (k - a)] = d;
      max = Math.max(max, d);
      double x = k - a;
      n++;
      sx += x;
      sy += d;
      sxx += x * x;
      sxy += x * d;
    }
    double den = n * sxx - sx * sx;
    double slope = n < 2 || den == 0 ? 0 : (n * sxy - sx * sy) / den;
    return new DepthStats(
        at(a), at(b), max, slope, sy / n, DepthStats.blockTrendPValue(samples, n));
  }
}
