package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RankSelectTest {
  /** The selected positions hold what Arrays.sort puts there, whatever the data's shape. */
  @Property(tries = 400)
  void placesWhatASortPlaces(
      @ForAll @IntRange(min = 1, max = 5_000) int n,
      @ForAll @IntRange(min = 0, max = 5) int kind,
      @ForAll @IntRange(min = 1, max = 40) int k,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    long[] a = new long[n + 3]; // only the first n count
    for (int i = 0; i < a.length; i++) {
      a[i] =
          switch (kind) {
            case 0 -> rnd.nextLong(); // anything
            case 1 -> rnd.nextInt(3); // heavy ties
            case 2 -> 7; // one value
            case 3 -> i; // sorted
            case 4 -> n - i; // reversed
            default ->
                (i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE)
                    + rnd.nextInt(2) * (i % 2 == 0 ? 1 : -1);
          };
    }
    long[] tail = Arrays.copyOfRange(a, n, a.length);
    long[] sorted = Arrays.copyOf(a, n);
    Arrays.sort(sorted);
    TreeSet<Long> chosen = new TreeSet<>();
    for (int i = 0; i < k; i++) {
      chosen.add((long) rnd.nextInt(n));
    }
    chosen.add(0L);
    chosen.add((long) n - 1);
    long[] ranks = chosen.stream().mapToLong(Long::longValue).toArray();
    RankSelect.select(a, n, ranks);
    for (long r : ranks) {
      assertThat(a[(int) r]).as("rank %d of %d, kind %d", r, n, kind).isEqualTo(sorted[(int) r]);
    }
    long[] after = Arrays.copyOf(a, n);
    Arrays.sort(after);
    assertThat(after).as("the same values, reordered").containsExactly(sorted);
    assertThat(Arrays.copyOfRange(a, n, a.length)).containsExactly(tail);
  }

  /** A repeated rank, and data that makes a naive pivot choice go quadratic, still select. */
  @Test
  void repeatedRanksAndAdversarialOrder() {
    int n = 200_000;
    long[] a = new long[n];
    for (int i = 0; i < n; i++) {
      a[i] = (i % 2 == 0) ? i : n - i; // organ pipe: median-of-three picks badly
    }
    long[] sorted = a.clone();
    Arrays.sort(sorted);
    long[] ranks = {5, 5, n / 2, n / 2, n - 1};
    RankSelect.select(a, n, ranks);
    for (long r : ranks) {
      assertThat(a[(int) r]).isEqualTo(sorted[(int) r]);
    }
  }
}
