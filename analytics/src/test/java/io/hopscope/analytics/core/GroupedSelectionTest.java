package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The distributed selection equals sorting each group, bit for bit, for any partitioning and any
 * candidate budget (a budget of 1 forces the radix refinement on every range).
 */
class GroupedSelectionTest {

  /** Rows of (key, value); the selection runs over {@code parts} partitions. */
  private static Map<Object, GroupedSelection.Cell> select(
      long[] keys, long[] values, int parts, long budget, int[] passes) {
    GroupedSelection sel = new GroupedSelection(new int[][] {{0}}, 1, budget);
    List<GroupedSelection.Pass1> firsts = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      GroupedSelection.Pass1 acc = sel.pass1();
      for (int i = p; i < keys.length; i += parts) {
        GroupedSelection.KeyAcc k = acc.key(0, keys[i]);
        k.row();
        k.add(0, values[i]);
      }
      firsts.add(acc);
    }
    sel.finishPass1(firsts.stream().reduce(GroupedSelection.Pass1::merge).orElseThrow());
    while (!sel.done()) {
      GroupedSelection.Plan plan = sel.plan();
      GroupedSelection.PassAcc merged = null;
      for (int p = parts - 1; p >= 0; p--) { // merge in another order than pass 1
        GroupedSelection.PassAcc acc = plan.newAcc();
        for (int i = p; i < keys.length; i += parts) {
          GroupedSelection.KeyPlan kp = plan.key(0, keys[i]);
          if (kp != null) {
            if (p % 3 == 1) {
              // The bulk path a scan takes: a run of one value here, the row before absent.
              acc.addAll(kp, 0, new long[] {-1, values[i]}, new boolean[] {true, false}, 0, 2);
            } else {
              acc.add(kp, 0, values[i]);
            }
          }
        }
        // Every other partition's findings travel as a task result does.
        acc = p % 2 == 0 ? Serialized.roundTrip(acc) : acc;
        merged = merged == null ? acc : merged.merge(acc);
      }
      sel.finishPass(merged);
    }
    passes[0] = sel.passes();
    return sel.result(0);
  }

  private static void assertEqualsSorting(long[] keys, long[] values, int parts, long budget) {
    Map<Long, List<Long>> groups = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      groups.computeIfAbsent(keys[i], k -> new ArrayList<>()).add(values[i]);
    }
    int[] passes = new int[1];
    Map<Object, GroupedSelection.Cell> got = select(keys, values, parts, budget, passes);
    assertThat(got.keySet()).containsExactlyInAnyOrderElementsOf(groups.keySet());
    groups.forEach(
        (k, v) -> {
          long[] a = v.stream().mapToLong(Long::longValue).toArray();
          GroupedSelection.Cell c = got.get(k);
          assertThat(c.rows()).isEqualTo(a.length);
          assertThat(c.columns()[0]).as("key %d", k).isEqualTo(LatencyStats.ofNanos(a, a.length));
        });
  }

  @Test
  void lognormalGroupsOfEverySizeAcrossPartitionsAndBudgets() {
    Random rnd = new Random(5);
    int[] sizes = {1, 2, 3, 7, 100, 1000, 60_000};
    int total = Arrays.stream(sizes).sum();
    long[] keys = new long[total];
    long[] values = new long[total];
    int i = 0;
    for (int k = 0; k < sizes.length; k++) {
      for (int j = 0; j < sizes[k]; j++) {
        keys[i] = k;
        values[i++] = (long) (Math.exp(rnd.nextGaussian() * 1.5) * 2e7);
      }
    }
    for (long budget : new long[] {1, 1000, GroupedSelection.DEFAULT_BUDGET}) {
      assertEqualsSorting(keys, values, 5, budget);
    }
  }

  @Test
  void aBudgetOfOneStillEndsAndTakesMorePasses() {
    Random rnd = new Random(2);
    long[] keys = new long[20_000];
    long[] values = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      values[i] = rnd.nextLong(100_000_000L); // a 10^8-wide range
    }
    int[] few = new int[1];
    int[] many = new int[1];
    select(keys, values, 3, GroupedSelection.DEFAULT_BUDGET, few);
    select(keys, values, 3, 1, many);
    assertThat(few[0]).isEqualTo(2);
    assertThat(many[0]).isGreaterThan(few[0]).isLessThanOrEqualTo(9);
    assertEqualsSorting(keys, values, 3, 1);
  }

  @Test
  void heavyTiesAndASingleValueNeedOnePass() {
    long[] keys = new long[50_000];
    long[] values = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i % 2;
      values[i] = keys[i] == 0 ? 20_000_000L : (i % 7 == 0 ? 5_000_000L : 7_000_000_000L);
    }
    int[] passes = new int[1];
    select(keys, values, 4, 1, passes);
    // Values this large sit in wide buckets: ties are found by refining down to one value.
    assertEqualsSorting(keys, values, 4, 1);
    long[] small = new long[1000];
    long[] smallKeys = new long[1000];
    Arrays.fill(small, 42);
    select(smallKeys, small, 2, 1, passes);
    assertThat(passes[0]).as("a value below 512 has a bucket of its own").isEqualTo(1);
  }

  @Test
  void aNarrowRangeHoldingMoreValuesThanItIsWideIsCountedValueByValue() {
    // Most values tied at a few nanoseconds apart (a fixed claim delay): their bucket is 512 wide
    // and holds 100,000 values, more than the budget gathers, so it is counted per value at once.
    Random rnd = new Random(3);
    long[] keys = new long[100_000];
    long[] values = new long[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = i % 2;
      values[i] = i % 50 == 0 ? rnd.nextLong(10_000_000L) : 300_000L + rnd.nextInt(8);
    }
    int[] passes = new int[1];
    select(keys, values, 4, 20_000, passes);
    assertThat(passes[0]).isEqualTo(2);
    assertEqualsSorting(keys, values, 4, 20_000);
    // Without the room to count it (a budget below its 512 slots), it is narrowed by sub-ranges
    // first: more passes, same result.
    select(keys, values, 4, 300, passes);
    assertThat(passes[0]).isGreaterThan(2);
    assertEqualsSorting(keys, values, 4, 300);
  }

  @Test
  void extremesNegativesAndZero() {
    long[] values = {
      Long.MIN_VALUE,
      Long.MIN_VALUE + 1,
      -1,
      0,
      0,
      1,
      127,
      128,
      129,
      Long.MAX_VALUE - 1,
      -(1L << 40)
    };
    long[] keys = new long[values.length];
    // The exact sums take Long.MAX_VALUE² without overflowing; ofNanos's sum must fit a long, so
    // compare the ranks through the sorted values instead.
    int[] passes = new int[1];
    Map<Object, GroupedSelection.Cell> got = select(keys, values, 3, 2, passes);
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    LatencyStats s = got.get(0L).columns()[0];
    assertThat(s.max()).isEqualTo((Long.MAX_VALUE - 1) / 1e6);
    assertThat(s.p50()).isEqualTo(Quantiles.ofSorted(sorted, sorted.length, 0.5) / 1e6);
    assertThat(s.curve().get(0)).isEqualTo(Long.MIN_VALUE / 1e6);
  }

  @Test
  void exactSumsMatchBigIntegerWhateverTheOrder() {
    Random rnd = new Random(9);
    ExactSums a = new ExactSums();
    ExactSums b = new ExactSums();
    ExactSums whole = new ExactSums();
    BigInteger sum = BigInteger.ZERO;
    BigInteger sq = BigInteger.ZERO;
    for (int i = 0; i < 10_000; i++) {
      long v = rnd.nextLong();
      (i % 3 == 0 ? a : b).add(v);
      whole.add(v);
      sum = sum.add(BigInteger.valueOf(v));
      sq = sq.add(BigInteger.valueOf(v).multiply(BigInteger.valueOf(v)));
    }
    assertThat(whole.sum()).isEqualTo(sum);
    assertThat(whole.sumOfSquares()).isEqualTo(sq);
    ExactSums merged = new ExactSums();
    merged.merge(b);
    merged.merge(a);
    assertThat(merged.sum()).isEqualTo(sum);
    assertThat(merged.sumOfSquares()).isEqualTo(sq);
    assertThat(merged.mean()).isEqualTo(whole.mean());
    assertThat(merged.std()).isEqualTo(whole.std());
  }

  @Test
  void stdFromExactSumsIsTheTextbookValue() {
    ExactSums s = new ExactSums();
    for (long v : new long[] {2, 4, 4, 4, 5, 5, 7, 9}) {
      s.add(v);
    }
    assertThat(s.mean()).isEqualTo(5.0);
    assertThat(s.std()).isCloseTo(Math.sqrt(32.0 / 7), org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void dataThatChangesBetweenPassesIsAnError() {
    GroupedSelection sel = new GroupedSelection(new int[][] {{0}}, 1, 10);
    GroupedSelection.Pass1 first = sel.pass1();
    for (int i = 0; i < 1000; i++) {
      GroupedSelection.KeyAcc k = first.key(0, 0L);
      k.row();
      k.add(0, 1_000_000L + i * 1000L);
    }
    sel.finishPass1(first);
    GroupedSelection.PassAcc acc = sel.plan().newAcc(); // sees nothing
    assertThatThrownBy(() -> sel.finishPass(acc))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("changed between passes");
  }

  @Property(tries = 60)
  void anyGroupsAnyPartitioningEqualsSorting(
      @ForAll("samples") long[][] rows,
      @ForAll @IntRange(min = 1, max = 6) int parts,
      @ForAll @IntRange(min = 1, max = 4096) int budget) {
    assertEqualsSorting(rows[0], rows[1], parts, budget);
  }

  @Provide
  Arbitrary<long[][]> samples() {
    Arbitrary<Long> value =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 200),
            Arbitraries.longs().between(0, 100_000_000L),
            Arbitraries.longs().between(8192, 8300), // buckets 16 wide: counted per value
            Arbitraries.longs().between(300_000, 300_007), // a bucket 512 wide
            Arbitraries.longs().between(-1_000_000L, 1_000_000_000_000L),
            Arbitraries.of(0L, 20_000_000L, 20_000_001L, 1L << 40));
    Arbitrary<long[]> pair =
        Combinators.combine(Arbitraries.longs().between(0, 3), value)
            .as((k, v) -> new long[] {k, v});
    return pair.list()
        .ofMinSize(1)
        .ofMaxSize(400)
        .map(
            l -> {
              long[][] out = new long[2][l.size()];
              for (int i = 0; i < l.size(); i++) {
                out[0][i] = l.get(i)[0];
                out[1][i] = l.get(i)[1];
              }
              return out;
            });
  }
}
