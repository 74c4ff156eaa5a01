package io.hopscope.ingest.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KeyRepeatsTest {
  /** The repeats of {@code keys} counted the plain way: a map of occurrences. */
  private static KeyRepeats.Found reference(long[] keys) {
    Map<Long, Long> seen = new HashMap<>();
    for (long k : keys) {
      seen.merge(k, 1L, Long::sum);
    }
    long repeated = 0;
    long extra = 0;
    long most = 0;
    for (long c : seen.values()) {
      if (c > 1) {
        repeated++;
        extra += c - 1;
        most = Math.max(most, c);
      }
    }
    return new KeyRepeats.Found(keys.length, repeated, extra, most);
  }

  private static KeyRepeats.Found counted(long[] keys) {
    KeyRepeats r = new KeyRepeats(new AtomicLong(Long.MAX_VALUE / 2));
    for (long k : keys) {
      r.add(k);
    }
    return r.finish().orElseThrow();
  }

  @Test
  void countsEqualAPlainCountOnRandomKeysWithRepeats() {
    SplittableRandom random = new SplittableRandom(42);
    for (int trial = 0; trial < 200; trial++) {
      int n = trial < 20 ? trial : random.nextInt(1, 50_000);
      long[] keys = new long[n];
      // Hashes spread over all 64 bits (negative ones too), some repeated many times, some pairs,
      // or every key the same.
      int kind = random.nextInt(4);
      long[] pool = new long[1 + random.nextInt(1, Math.max(2, n))];
      for (int i = 0; i < pool.length; i++) {
        pool[i] = random.nextLong();
      }
      for (int i = 0; i < n; i++) {
        keys[i] =
            switch (kind) {
              case 0 -> random.nextLong();
              case 1 -> pool[random.nextInt(pool.length)];
              case 2 -> pool[0];
              default -> i % 97 == 0 && i > 0 ? keys[i - 1] : random.nextLong();
            };
      }
      assertThat(counted(keys))
          .as("trial %d, %d keys, kind %d", trial, n, kind)
          .isEqualTo(reference(keys));
    }
  }

  @Test
  void keysThatShareTheirLeadingBitsAreTold() {
    // Keys in one ordering bucket, differing only in their low bits, and the extremes.
    long[] keys = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, 2, 1, Long.MIN_VALUE, -1, -1};
    assertThat(counted(keys)).isEqualTo(new KeyRepeats.Found(10, 3, 4, 3));
    assertThat(counted(new long[0])).isEqualTo(new KeyRepeats.Found(0, 0, 0, 0));
    assertThat(counted(new long[] {7})).isEqualTo(new KeyRepeats.Found(1, 0, 0, 0));
  }

  @Test
  void keysBeyondTheBudgetRecordNothingAndGiveTheMemoryBack() {
    AtomicLong pool = new AtomicLong(100_000); // 6,250 keys at 16 bytes
    KeyRepeats small = new KeyRepeats(pool);
    for (int i = 0; i < 4_000; i++) {
      small.add(i);
    }
    assertThat(pool.get()).isLessThan(100_000);
    KeyRepeats large = new KeyRepeats(pool);
    for (int i = 0; i < 10_000; i++) {
      large.add(i);
    }
    assertThat(large.finish()).isEmpty();
    assertThat(small.finish()).contains(new KeyRepeats.Found(4_000, 0, 0, 0));
    assertThat(pool.get()).isEqualTo(100_000);
    // Given back when a write is abandoned, and only once.
    KeyRepeats abandoned = new KeyRepeats(pool);
    abandoned.add(1);
    abandoned.release();
    abandoned.release();
    assertThat(pool.get()).isEqualTo(100_000);
  }

  @Test
  void theRecordedTextRoundTripsAndAnythingElseIsRefused() {
    assertThat(KeyRepeats.Found.parse("corr_hash:keys=4,repeated=2,extra=2,most=2", "corr_hash"))
        .contains(new KeyRepeats.Found(4, 2, 2, 2));
    assertThat(KeyRepeats.Found.parse("corr_hash:keys=0,repeated=0,extra=0,most=0", "corr_hash"))
        .contains(new KeyRepeats.Found(0, 0, 0, 0));
    KeyRepeats.Found f = new KeyRepeats.Found(10_012_075, 2, 3, 3);
    String text = f.format("corr_hash");
    assertThat(text).isEqualTo("corr_hash:keys=10012075,repeated=2,extra=3,most=3");
    assertThat(KeyRepeats.Found.parse(text, "corr_hash")).contains(f);
    assertThat(KeyRepeats.Found.parse(text, "other")).isEmpty();
    for (String bad :
        List.of(
            "",
            "corr_hash:",
            "corr_hash:keys=1,repeated=0,extra=0",
            "corr_hash:keys=1,repeated=0,extra=0,most=0,more=2",
            "corr_hash:keys=x,repeated=0,extra=0,most=0",
            "corr_hash:keys=-1,repeated=0,extra=0,most=0",
            "corr_hash:keys=+1,repeated=0,extra=0,most=0",
            "corr_hash:keys=1 ,repeated=0,extra=0,most=0",
            "corr_hash:repeated=0,keys=1,extra=0,most=0",
            // Figures no set of keys has.
            "corr_hash:keys=1,repeated=0,extra=0,most=1",
            "corr_hash:keys=9,repeated=0,extra=5,most=3",
            "corr_hash:keys=9,repeated=2,extra=0,most=0",
            "corr_hash:keys=9,repeated=1,extra=1,most=3",
            "corr_hash:keys=9,repeated=2,extra=2,most=3",
            "corr_hash:keys=3,repeated=2,extra=2,most=2",
            "corr_hash:keys=9,repeated=1,extra=5,most=3",
            "corr_hash:keys=1,repeated=2,extra=0,most=1")) {
      assertThat(KeyRepeats.Found.parse(bad, "corr_hash")).as(bad).isEmpty();
    }
    assertThat(KeyRepeats.Found.parse(null, "corr_hash")).isEqualTo(Optional.empty());
  }
}
