package io.hopscope.analytics.core;

import java.util.Objects;

/**
 * How many events (k6 iterations or requests, job arrivals) a run started in each second of its
 * data: the series a schedule is inferred from and checked against.
 *
 * @param firstSecondNs the start of the first second, Unix epoch ns (a whole second)
 * @param counts events per second from that second on, consecutive; zeros where none
 * @param unit what was counted, plural, for messages ("k6 iterations", "job arrivals")
 */
public record RateSeries(long firstSecondNs, long[] counts, String unit) {
  private static final long NS_PER_S = 1_000_000_000L;

  public RateSeries {
    Objects.requireNonNull(counts);
    Objects.requireNonNull(unit);
    counts = counts.clone();
  }

  /** A series from sparse (epoch second → count) pairs; empty when there are none. */
  public static RateSeries ofSeconds(java.util.Map<Long, Long> perSecond, String unit) {
    if (perSecond.isEmpty()) {
      return new RateSeries(0, new long[0], unit);
    }
    long min = perSecond.keySet().stream().mapToLong(Long::longValue).min().getAsLong();
    long max = perSecond.keySet().stream().mapToLong(Long::longValue).max().getAsLong();
    long[] c = new long[Math.toIntExact(max - min + 1)];
    perSecond.forEach((s, n) -> c[(int) (s - min)] += n);
    return new RateSeries(Math.multiplyExact(min, NS_PER_S), c, unit);
  }

  public boolean isEmpty() {
    return total() == 0;
  }

  public long total() {
    long t = 0;
    for (long c : counts) {
      t += c;
    }
    return t;
  }

  /** Events in the seconds that start within [fromNs, toNs). */
  public long between(long fromNs, long toNs) {
    long t = 0;
    for (int i = 0; i < counts.length; i++) {
      long s = firstSecondNs + i * NS_PER_S;
      if (s >= fromNs && s < toNs) {
        t += counts[i];
      }
    }
    return t;
  }

  /** The start of the first second with an event; only for a non-empty series. */
  public long dataStartNs() {
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        return firstSecondNs + i * NS_PER_S;
      }
    }
    throw new IllegalStateException("empty series");
  }

  /** The end of the last second with an event; only for a non-empty series. */
  public long dataEndNs() {
    for (int i = counts.length - 1; i >= 0; i--) {
      if (counts[i] > 0) {
        return firstSecondNs + (i + 1) * NS_PER_S;
      }
    }
    throw new IllegalStateException("empty series");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateSeries r
        && r.firstSecondNs == firstSecondNs
        && java.util.Arrays.equals(r.counts, counts)
        && r.unit.equals(unit);
  }

  @Override
  public int hashCode() {
    return Objects.hash(firstSecondNs, java.util.Arrays.hashCode(counts), unit);
  }

  @Override
  public String toString() {
    return "RateSeries[" + unit + " from " + firstSecondNs + ", " + counts.length + " s]";
  }
}
