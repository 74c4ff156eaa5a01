package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RepeatedHashesTest {
  /** Runs every range over {@code parts} partitions of the hashes. */
  private static RepeatedHashes run(long[] hashes, int parts, long budget) {
    RepeatedHashes r = new RepeatedHashes(hashes.length, budget);
    while (!r.done()) {
      RepeatedHashes.Acc merged = null;
      for (int p = 0; p < parts; p++) {
        RepeatedHashes.Acc acc = r.nextAcc();
        for (int i = p; i < hashes.length; i += parts) {
          acc.add(hashes[i]);
        }
        // Every other partition's hashes travel as a task result does, bucketed or not.
        if (p % 2 == 0) {
          acc = Serialized.roundTrip(p % 4 == 0 ? acc.bucketed() : acc);
        }
        merged = merged == null ? acc : merged.merge(acc);
      }
      r.finish(merged);
    }
    return r;
  }

  @Test
  void findsEveryRepeatAcrossRangesAndPartitions() {
    Random rnd = new Random(3);
    long[] h = new long[100_000];
    for (int i = 0; i < h.length; i++) {
      h[i] = rnd.nextLong();
    }
    h[10] = h[99_000]; // across partitions
    h[11] = h[12] = h[13] = -1L; // the top of the unsigned range, three times
    h[20] = h[21] = 0L; // the bottom
    h[30] = h[31] = Long.MIN_VALUE; // the middle (a range boundary when there are two ranges)
    Map<Long, Integer> counts = new HashMap<>();
    for (long x : h) {
      counts.merge(x, 1, Integer::sum);
    }
    long repeated = counts.values().stream().filter(c -> c > 1).count();
    long extra = counts.values().stream().mapToLong(c -> c - 1).sum();
    for (long budget : new long[] {7_000, 50_000, 1_000_000}) {
      RepeatedHashes r = run(h, 3, budget);
      assertThat(r.ranges()).isEqualTo((int) Math.max(1, (h.length + budget - 1) / budget));
      assertThat(r.repeated()).as("budget %d", budget).isEqualTo(repeated).isEqualTo(4);
      assertThat(r.extra()).isEqualTo(extra).isEqualTo(5);
      assertThat(r.most()).isEqualTo(3);
    }
  }

  @Test
  void noRepeatsInDistinctHashes() {
    long[] h = new long[10_000];
    for (int i = 0; i < h.length; i++) {
      h[i] = i * 0x9E3779B97F4A7C15L;
    }
    RepeatedHashes r = run(h, 4, 1000);
    assertThat(r.repeated()).isZero();
    assertThat(r.extra()).isZero();
  }

  /**
   * Hashes crowded into few buckets (the same leading bits), or spread over both halves of a range,
   * are compared as well as uniform ones; partitions that gathered nothing merge too.
   */
  @Test
  void crowdedBucketsAndEmptyPartitions() {
    Random rnd = new Random(11);
    for (int kind = 0; kind < 5; kind++) {
      long[] h = new long[30_000];
      for (int i = 0; i < h.length; i++) {
        h[i] =
            switch (kind) {
              case 0 -> rnd.nextInt(20_000); // small values: one bucket, many repeats
              case 1 -> -1L - rnd.nextInt(20_000); // the top of the unsigned range
              case 2 -> rnd.nextBoolean() ? Long.MIN_VALUE + rnd.nextInt(50) : rnd.nextInt(50);
              case 3 -> 42L; // one id, every time: one slot, however many occurrences
              default -> rnd.nextLong() >> rnd.nextInt(64); // every scale
            };
      }
      Map<Long, Integer> counts = new HashMap<>();
      for (long x : h) {
        counts.merge(x, 1, Integer::sum);
      }
      for (long budget : new long[] {5_000, 1_000_000}) {
        for (int parts : new int[] {1, 7, 40_000}) {
          RepeatedHashes r = run(h, parts, budget);
          String as = "kind " + kind + ", budget " + budget + ", parts " + parts;
          assertThat(r.repeated())
              .as(as)
              .isEqualTo(counts.values().stream().filter(c -> c > 1).count());
          assertThat(r.extra())
              .as(as)
              .isEqualTo(counts.values().stream().mapToLong(c -> c - 1).sum());
          assertThat(r.most())
              .as(as)
              .isEqualTo(counts.values().stream().mapToLong(c -> c).max().orElseThrow());
        }
      }
    }
  }
}
