package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Adding a run of values at once gives what adding them one by one gives. */
class BulkAddTest {
  @Property(tries = 200)
  void bulkEqualsOneByOne(
      @ForAll @IntRange(min = 0, max = 3_000) int n,
      @ForAll @IntRange(min = 0, max = 4) int kind,
      @ForAll boolean withNulls,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    long[] a = new long[n];
    boolean[] none = withNulls ? new boolean[n] : null;
    for (int i = 0; i < n; i++) {
      a[i] =
          switch (kind) {
            case 0 -> rnd.nextLong(); // overflows the 64-bit sum and square
            case 1 -> rnd.nextInt(200) - 100; // small, both signs
            case 2 -> Long.MAX_VALUE - rnd.nextInt(3);
            case 3 -> Long.MIN_VALUE + rnd.nextInt(3);
            default -> 2_000_000L + rnd.nextInt(50_000); // latencies in ns
          };
      if (none != null) {
        none[i] = rnd.nextInt(5) == 0;
      }
    }
    int from = n == 0 ? 0 : rnd.nextInt(n);
    int to = from + (n == from ? 0 : rnd.nextInt(n - from + 1));
    ExactSums bulk = new ExactSums();
    ExactSums one = new ExactSums();
    LogHistogram bulkH = new LogHistogram();
    LogHistogram oneH = new LogHistogram();
    bulk.add(17); // what was there before stays
    one.add(17);
    bulkH.add(17);
    oneH.add(17);
    bulk.addAll(a, none, from, to);
    bulkH.addAll(a, none, from, to);
    for (int i = from; i < to; i++) {
      if (none == null || !none[i]) {
        one.add(a[i]);
        oneH.add(a[i]);
      }
    }
    assertThat(bulk.count()).isEqualTo(one.count());
    assertThat(bulk.sum()).isEqualTo(one.sum());
    assertThat(bulk.sumOfSquares()).isEqualTo(one.sumOfSquares());
    assertThat(bulk.max()).isEqualTo(one.max());
    assertThat(buckets(bulkH)).isEqualTo(buckets(oneH));
  }

  private static List<List<Long>> buckets(LogHistogram h) {
    List<List<Long>> out = new ArrayList<>();
    h.forEachAscending((lo, hi, count) -> out.add(List.of(lo, hi, count)));
    return out;
  }
}
