package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.junit.jupiter.api.Test;

class QuantilesTest {
  @Test
  void handComputedValues() {
    long[] x = {15, 20, 35, 40, 50};
    // numpy.percentile(x, [0, 50, 90, 95, 99, 99.9, 100]) = 15, 35, 46, 48, 49.6, 49.96, 50
    assertThat(Quantiles.ofSorted(x, 5, 0)).isEqualTo(15);
    assertThat(Quantiles.ofSorted(x, 5, 0.5)).isEqualTo(35);
    assertThat(Quantiles.ofSorted(x, 5, 0.9)).isCloseTo(46, within(1e-12));
    assertThat(Quantiles.ofSorted(x, 5, 0.95)).isCloseTo(48, within(1e-12));
    assertThat(Quantiles.ofSorted(x, 5, 0.99)).isCloseTo(49.6, within(1e-12));
    assertThat(Quantiles.ofSorted(x, 5, 0.999)).isCloseTo(49.96, within(1e-12));
    assertThat(Quantiles.ofSorted(x, 5, 1)).isEqualTo(50);
  }

  @Test
  void evenCountMedianInterpolates() {
    assertThat(Quantiles.ofSorted(new double[] {1, 2, 3, 4}, 4, 0.5)).isEqualTo(2.5);
    assertThat(Quantiles.ofSorted(new double[] {1, 2, 3, 4}, 4, 0.9)).isCloseTo(3.7, within(1e-12));
  }

  @Test
  void singleValueIsEveryQuantile() {
    assertThat(Quantiles.ofSorted(new long[] {7}, 1, 0.999)).isEqualTo(7);
  }

  @Test
  void hourLongDurationsInNanosecondsKeepSubNanosecondPrecision() {
    long hour = 3_600_000_000_000L;
    assertThat(Quantiles.ofSorted(new long[] {hour, hour + 3}, 2, 0.5) - hour).isEqualTo(1.5);
  }

  @Test
  void refusesEmptyAndOutOfRange() {
    assertThatThrownBy(() -> Quantiles.ofSorted(new long[0], 0, 0.5))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Quantiles.ofSorted(new long[] {1}, 1, 1.5))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Commons Math's R-7 estimator is an independent implementation of the same definition. */
  @Property(tries = 300)
  void agreesWithCommonsMathR7(
      @ForAll @Size(min = 1, max = 400) long[] values,
      @ForAll @DoubleRange(min = 0, max = 1) double p) {
    long[] sorted =
        Arrays.stream(values).map(v -> Math.floorMod(v, 10_000_000_000L)).sorted().toArray();
    double[] d = Arrays.stream(sorted).asDoubleStream().toArray();
    Percentile ref = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    double expected = p == 0 ? d[0] : ref.evaluate(d, p * 100);
    double actual = Quantiles.ofSorted(sorted, sorted.length, p);
    assertThat(actual).isCloseTo(expected, within(Math.max(1e-9, Math.abs(expected) * 1e-12)));
  }

  @Property(tries = 200)
  void isMonotoneInP(
      @ForAll @Size(min = 1, max = 100) long[] values,
      @ForAll @DoubleRange(min = 0, max = 1) double p,
      @ForAll @DoubleRange(min = 0, max = 1) double q,
      @ForAll @LongRange(min = 0, max = 0) long unused) {
    long[] sorted = Arrays.stream(values).map(v -> v / 4).sorted().toArray();
    double lo = Math.min(p, q);
    double hi = Math.max(p, q);
    assertThat(Quantiles.ofSorted(sorted, sorted.length, lo))
        .isLessThanOrEqualTo(Quantiles.ofSorted(sorted, sorted.length, hi));
  }
}
