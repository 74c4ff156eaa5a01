package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class QuantileCiTest {
  @Test
  void medianOfOneHundred() {
    // Conover's table: for n = 100 the 95% interval of the median is X(40) .. X(61) (1-based).
    assertThat(QuantileCi.ranks(100, 0.5, 0.95)).containsExactly(39, 60);
  }

  @Test
  void coverageIsAtLeastTheConfidence() {
    for (int n : new int[] {20, 57, 100, 1000, 5000}) {
      for (double p : new double[] {0.5, 0.9, 0.95, 0.99}) {
        int[] r = QuantileCi.ranks(n, p, 0.95);
        if (r == null) {
          continue;
        }
        BinomialDistribution b = new BinomialDistribution(null, n, p);
        // P(l <= B <= u - 1) with 1-based l = r[0] + 1, u = r[1] + 1
        double coverage = b.cumulativeProbability(r[1]) - b.cumulativeProbability(r[0]);
        assertThat(coverage).as("n=%d p=%s", n, p).isGreaterThanOrEqualTo(0.95);
      }
    }
  }

  @Test
  void smallSamplesHaveNoTailInterval() {
    assertThat(QuantileCi.ranks(50, 0.99, 0.95)).isNull();
    // The upper bound of a p99 interval exists once P(B <= n - 1) >= 0.975, i.e. 1 - 0.99^n
    // >= 0.975: n >= ln(0.025) / ln(0.99) = 367.0 -> 368.
    assertThat(QuantileCi.minSamples(0.99, 0.95)).isEqualTo(368);
    assertThat(QuantileCi.minSamples(0.999, 0.95)).isEqualTo(3688);
  }

  @Test
  void intervalHoldsTheTrueQuantileMostOfTheTime() {
    Random rnd = new Random(4);
    int hits = 0;
    int trials = 400;
    double trueP95 = -Math.log(0.05); // exponential(1)
    for (int t = 0; t < trials; t++) {
      long[] v = new long[2000];
      for (int i = 0; i < v.length; i++) {
        v[i] = Math.round(-Math.log(1 - rnd.nextDouble()) * 1e6);
      }
      Arrays.sort(v);
      TailCi ci = TailCi.ofSortedNanos(v, v.length);
      if (ci.p95Lo() <= trueP95 && trueP95 <= ci.p95Hi()) {
        hits++;
      }
    }
    assertThat(hits / (double) trials).isBetween(0.92, 1.0);
  }
}
