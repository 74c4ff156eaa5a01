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

  /** The radix sort orders as Arrays.sort does, whatever the values' spread. */
  @Test
  void radixSortOrdersAsArraysSort() {
    Random rnd = new Random(11);
    int[] sizes = {0, 1, 4095, 4096, 4097, 70_000};
    for (int size : sizes) {
      for (int kind = 0; kind < 6; kind++) {
        long[] a = new long[size];
        for (int i = 0; i < size; i++) {
          a[i] =
              switch (kind) {
                case 0 -> rnd.nextLong(); // hashes: both signs, every digit varies
                case 1 -> rnd.nextInt(1000); // one digit varies: the others are skipped
                case 2 -> -rnd.nextInt(1 << 20); // negatives only
                case 3 -> rnd.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE; // extremes
                case 4 -> 42L; // one value
                default -> (rnd.nextLong() >> rnd.nextInt(64)) ^ (1L << 47); // every scale
              };
        }
        long[] expected = a.clone();
        java.util.Arrays.sort(expected);
        long[] sorted = java.util.Arrays.copyOf(a, size + 5); // only the first n are sorted
        RepeatedHashes.radixSort(sorted, size);
        assertThat(java.util.Arrays.copyOf(sorted, size))
            .as("size %d, kind %d", size, kind)
            .containsExactly(expected);
      }
    }
  }
}
