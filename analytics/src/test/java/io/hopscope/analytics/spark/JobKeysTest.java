package io.hopscope.analytics.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The range key gives the first range (in the order given) holding each timestamp. */
class JobKeysTest {
  @Property(tries = 300)
  void firstRangeHoldingEachTimestamp(
      @ForAll @IntRange(min = 0, max = 12) int ranges,
      @ForAll boolean overlapping,
      @ForAll boolean sortedRows,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    long[] start = new long[ranges];
    long[] end = new long[ranges];
    long[] key = new long[ranges];
    long at = rnd.nextInt(100);
    for (int i = 0; i < ranges; i++) {
      start[i] = overlapping ? rnd.nextInt(1_000) : at;
      end[i] = start[i] + rnd.nextInt(overlapping ? 400 : 150); // empty ones too
      at = end[i] + rnd.nextInt(3);
      key[i] = 100 + rnd.nextInt(5); // keys may repeat
    }
    if (!overlapping && ranges > 1 && rnd.nextBoolean()) {
      // disjoint, given out of time order
      int i = rnd.nextInt(ranges);
      int j = rnd.nextInt(ranges);
      long s = start[i];
      long e = end[i];
      start[i] = start[j];
      end[i] = end[j];
      start[j] = s;
      end[j] = e;
    }
    int n = 500;
    long[] t = new long[n];
    boolean[] none = new boolean[n];
    for (int r = 0; r < n; r++) {
      t[r] = sortedRows ? r * 3L - 50 : rnd.nextInt(2_000) - 100;
      none[r] = rnd.nextInt(10) == 0;
    }
    long[] out = new long[n];
    JobKeys.ranges(0, start, end, key).of(new long[][] {t}, new boolean[][] {none}, n, out);
    for (int r = 0; r < n; r++) {
      long expected = ExactStats.LongKey.NONE;
      if (!none[r]) {
        for (int i = 0; i < ranges; i++) {
          if (t[r] >= start[i] && t[r] < end[i]) {
            expected = key[i];
            break;
          }
        }
      }
      assertThat(out[r]).as("row %d at %d", r, t[r]).isEqualTo(expected);
    }
  }
}
