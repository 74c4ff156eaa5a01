package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The histogram's buckets, and its counts written as varints (a task result) and read back. */
class LogHistogramTest {
  @Property(tries = 100)
  void aSerializedHistogramHasTheSameBuckets(
      @ForAll @IntRange(min = 0, max = 20_000) int n,
      @ForAll @IntRange(min = 0, max = 3) int kind,
      @ForAll long seed) {
    Random rnd = new Random(seed);
    LogHistogram h = new LogHistogram();
    for (int i = 0; i < n; i++) {
      h.add(
          switch (kind) {
            case 0 -> rnd.nextLong(); // every chunk, both signs
            case 1 -> rnd.nextInt(1_000) - 500; // buckets of one value
            case 2 -> rnd.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE; // the last buckets
            default -> 2_000_000L + rnd.nextInt(50_000); // latencies in ns: a few chunks
          });
    }
    assertThat(buckets(Serialized.roundTrip(h))).isEqualTo(buckets(h));
  }

  @Test
  void countsOfEverySizeSurviveTheVarints() {
    LogHistogram big = new LogHistogram();
    LogHistogram many = new LogHistogram();
    // A count needs up to ten varint bytes: merging doubles a bucket's count 62 times.
    big.add(7);
    for (int i = 0; i < 62; i++) {
      big.merge(Serialized.roundTrip(big));
    }
    assertThat(buckets(big)).containsExactly(List.of(7L, 7L, 1L << 62));
    for (long v = 0; v < 300; v++) {
      for (long k = 0; k <= v; k++) {
        many.add(v); // counts 1 to 300: one and two varint bytes
      }
    }
    assertThat(buckets(Serialized.roundTrip(many))).isEqualTo(buckets(many));
  }

  @Test
  void aDamagedCountBlockIsRefused() throws IOException {
    // Counts 1 and 2, then a byte that says more follows, and nothing does.
    assertThatThrownBy(() -> LongBlocks.readCounts(stream(3, 1, 2, 0x80), 3))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ends inside count 2 of 3");
    assertThatThrownBy(() -> LongBlocks.readCounts(stream(2, 1, 2), 3))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot take 2 bytes");
    assertThatThrownBy(() -> LongBlocks.readCounts(stream(4, 1, 2, 3, 4), 3))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("1 bytes beyond");
    assertThat(LongBlocks.readCounts(stream(4, 1, 0x81, 0x01, 0), 3)).containsExactly(1, 129, 0);
  }

  /** An object stream holding a block's length and its bytes. */
  private static ObjectInputStream stream(int length, int... bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(out)) {
      o.writeInt(length);
      for (int b : bytes) {
        o.writeByte(b);
      }
    }
    return new ObjectInputStream(new ByteArrayInputStream(out.toByteArray()));
  }

  @Test
  void bucketsAreContiguousAndHoldTheirValues() {
    Random rnd = new Random(11);
    for (int i = 0; i < 100_000; i++) {
      long v = rnd.nextLong() >> rnd.nextInt(64);
      LogHistogram h = new LogHistogram();
      h.add(v);
      List<List<Long>> got = buckets(h);
      assertThat(got).hasSize(1);
      assertThat(got.get(0).get(0)).isLessThanOrEqualTo(v);
      assertThat(got.get(0).get(1)).isGreaterThanOrEqualTo(v);
      // At most a 512th of the bucket's values wide (one value below 512).
      long lo = got.get(0).get(0);
      long hi = got.get(0).get(1);
      long mag = Math.max(Math.abs(lo == Long.MIN_VALUE ? Long.MAX_VALUE : lo), Math.abs(hi));
      assertThat(hi - lo + 1).isLessThanOrEqualTo(Math.max(1, mag / 512 + 1));
    }
    for (int index = 1; index < LogHistogram.CHUNKS * LogHistogram.SUB; index++) {
      assertThat(LogHistogram.lowOf(index)).isEqualTo(LogHistogram.highOf(index - 1) + 1);
    }
    assertThat(LogHistogram.highOf(LogHistogram.CHUNKS * LogHistogram.SUB - 1))
        .isEqualTo(Long.MAX_VALUE);
  }

  /** The non-empty buckets as [lo, hi, count], ascending. */
  private static List<List<Long>> buckets(LogHistogram h) {
    List<List<Long>> out = new ArrayList<>();
    h.forEachAscending((lo, hi, count) -> out.add(List.of(lo, hi, count)));
    return out;
  }
}
