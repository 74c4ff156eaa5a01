package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hopscope.analytics.core.ChangePoints.ChangePoint;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChangePointsTest {
  /** {@code n} points of N(mean, sd) followed by the next groups, from one seeded Random. */
  private static double[] normal(long seed, double sd, int n, double... means) {
    Random r = new Random(seed);
    double[] z = new double[n * means.length];
    for (int g = 0; g < means.length; g++) {
      for (int i = 0; i < n; i++) {
        z[g * n + i] = means[g] + sd * r.nextGaussian();
      }
    }
    return z;
  }

  @Test
  void statisticByHand() {
    double[] z = {0, 0, 0, 10, 10, 10};
    // tau = 3: X = {0,0,0}, Y = {10,10,10}. Between: 9 pairs * 10 = 90, 2/(3*3) * 90 = 20;
    // within both 0. E = 20, Q = (3*3/6) * 20 = 30.
    assertThat(ChangePoints.q(z, 0, 3, 6)).isCloseTo(30, within(1e-12));
    // tau = 2: X = {0,0}, Y = {0,10,10,10}. Between: 2*1*0 + 2*3*10 = 60, 2/(2*4) * 60 = 15;
    // within X 0; within Y: 3 pairs (0,10) = 30 over C(4,2) = 6 -> 5. E = 15 - 5 = 10,
    // Q = (2*4/6) * 10 = 40/3.
    assertThat(ChangePoints.q(z, 0, 2, 6)).isCloseTo(40.0 / 3, within(1e-12));
    // tau = 1: X = {0}, Y = {0,0,10,10,10}. Between: 3*10 = 30, 2/5 * 30 = 12; X has no pairs;
    // within Y: 6 pairs (0,10) = 60 over C(5,2) = 10 -> 6. E = 12 - 6 = 6, Q = (5/6) * 6 = 5.
    assertThat(ChangePoints.q(z, 0, 1, 6)).isCloseTo(5, within(1e-12));
    // A sub-segment: z[1..5) = {0,0,10,10} split at 3 -> X = {0,0}, Y = {10,10}:
    // between 4*10 = 40, 2/4 * 40 = 20; E = 20, Q = (2*2/4) * 20 = 20.
    assertThat(ChangePoints.q(z, 1, 3, 5)).isCloseTo(20, within(1e-12));
  }

  @Test
  void sixPointsCannotReachFivePercent() {
    // Only tau = 3 is allowed (min size 3). Of the C(6,3) = 20 equally likely arrangements of
    // {0,0,0,10,10,10}, two (000|10 10 10 and its mirror) reach Q = 30, so the exact p is 0.1.
    assertThat(ChangePoints.detect(new double[] {0, 0, 0, 10, 10, 10}, 0.05, 999, 1)).isEmpty();
    List<ChangePoint> lenient =
        ChangePoints.detect(new double[] {0, 0, 0, 10, 10, 10}, 0.2, 999, 1);
    assertThat(lenient).hasSize(1);
    assertThat(lenient.get(0).index()).isEqualTo(3);
    assertThat(lenient.get(0).pValue()).isCloseTo(0.1, within(0.03));
  }

  @Test
  void oneShiftIsFoundWhereItBegins() {
    double[] z = normal(42, 2, 30, 100, 120);
    List<ChangePoint> cps = ChangePoints.detect(z, 0.05, 199, 7);
    assertThat(cps).hasSize(1);
    ChangePoint cp = cps.get(0);
    assertThat(cp.index()).isBetween(29, 31);
    assertThat(cp.pValue()).isLessThan(0.05);
    assertThat(cp.meanBefore()).isCloseTo(100, within(2.0));
    assertThat(cp.meanAfter()).isCloseTo(120, within(2.0));
    assertThat(cp.relativeChange()).isCloseTo(0.2, within(0.03));
  }

  @Test
  void noiseAloneReportsAChangeAtAboutTheSignificanceLevel() {
    // Under no change the first permutation test is exact: a series reports a change with
    // probability 10/200 = 0.05 (199 permutations). Over 10,000 seeds this gave 0.0502. Of 200
    // series, more than 20 would happen with probability 0.0012 (binomial). A bound on a handful
    // of seeds is not robust: seeds 1..20 give 4 reports, probability 0.016 at rate 0.05.
    int reporting = 0;
    for (long seed = 1; seed <= 200; seed++) {
      if (!ChangePoints.detect(normal(seed, 5, 60, 100), 0.05, 199, seed).isEmpty()) {
        reporting++;
      }
    }
    assertThat(reporting).isLessThanOrEqualTo(20);
  }

  @Test
  void twoShiftsAreBothFound() {
    double[] z = normal(3, 2, 20, 100, 130, 100);
    List<ChangePoint> cps = ChangePoints.detect(z, 0.05, 199, 11);
    assertThat(cps).hasSize(2);
    assertThat(cps.get(0).index()).isBetween(19, 21);
    assertThat(cps.get(1).index()).isBetween(39, 41);
    assertThat(cps.get(0).relativeChange()).isCloseTo(0.3, within(0.05));
    assertThat(cps.get(1).relativeChange()).isCloseTo(-0.23, within(0.05));
  }

  @Test
  void tenPercentShiftInOnePercentNoiseOfFifteenRuns() {
    Random r = new Random(5);
    double[] z = new double[15];
    for (int i = 0; i < z.length; i++) {
      z[i] = (i < 7 ? 100 : 110) * (1 + 0.01 * r.nextGaussian());
    }
    List<ChangePoint> cps = ChangePoints.detect(z, 0.05, 199, 5);
    assertThat(cps).hasSize(1);
    assertThat(cps.get(0).index()).isEqualTo(7);
    assertThat(cps.get(0).relativeChange()).isCloseTo(0.1, within(0.02));
  }

  @Test
  void sameSeedSameResult() {
    double[] z = normal(9, 4, 25, 100, 106, 100);
    assertThat(ChangePoints.detect(z, 0.05, 199, 123))
        .isEqualTo(ChangePoints.detect(z.clone(), 0.05, 199, 123));
  }

  @Test
  void shortConstantAndInvalidInput() {
    assertThat(ChangePoints.detect(new double[] {1, 1, 9, 9, 9}, 1)).isEmpty(); // n < 2 * 3
    assertThat(ChangePoints.detect(new double[0], 1)).isEmpty();
    assertThat(ChangePoints.detect(new double[40], 1)).isEmpty();
    double[] flat = new double[40];
    Arrays.fill(flat, 17.5);
    assertThat(ChangePoints.detect(flat, 1)).isEmpty();
    assertThatThrownBy(() -> ChangePoints.detect(new double[] {1, 2, Double.NaN, 4, 5, 6}, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("series[2]");
    assertThatThrownBy(() -> ChangePoints.detect(new double[10], 0.05, 99, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ChangePoints.detect(new double[10], 1.5, 99, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Energy distance is a distance of differences: Q̂ follows scale and ignores offset. */
  @Property(tries = 100)
  void statisticIsAffineEquivariant(
      @ForAll("seeds") long seed,
      @ForAll @IntRange(min = 4, max = 30) int n,
      @ForAll @DoubleRange(min = 0.01, max = 100) double scale,
      @ForAll @DoubleRange(min = -1000, max = 1000) double offset) {
    double[] z = normal(seed, 1, n, 0);
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      w[i] = scale * z[i] + offset;
    }
    int split = 1 + (int) Math.floorMod(seed, (long) (n - 1));
    double expected = scale * ChangePoints.q(z, 0, split, n);
    assertThat(ChangePoints.q(w, 0, split, n))
        .isCloseTo(expected, within(1e-9 * (scale + Math.abs(offset)) * n));
  }

  /** Whatever the series: sorted, segments of at least minSize, each accepted at the level. */
  @Property(tries = 40)
  void resultsAreWellFormed(
      @ForAll("seeds") long seed,
      @ForAll @IntRange(min = 0, max = 50) int n,
      @ForAll @IntRange(min = 2, max = 5) int minSize,
      @ForAll @DoubleRange(min = 0, max = 20) double shift) {
    Random r = new Random(seed);
    double[] z = new double[n];
    for (int i = 0; i < n; i++) {
      z[i] = (i >= n / 2 ? shift : 0) + r.nextGaussian();
    }
    List<ChangePoint> cps = ChangePoints.detect(z, 0.05, 49, minSize, seed);
    int previous = 0;
    for (ChangePoint cp : cps) {
      assertThat(cp.index() - previous).isGreaterThanOrEqualTo(minSize);
      assertThat(cp.pValue()).isLessThanOrEqualTo(0.05);
      previous = cp.index();
    }
    assertThat(n - previous).isGreaterThanOrEqualTo(cps.isEmpty() ? 0 : minSize);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs().between(0, 1_000_000);
  }
}
