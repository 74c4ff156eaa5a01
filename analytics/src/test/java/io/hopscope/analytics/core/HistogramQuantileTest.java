package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Cases from Prometheus's own tests (promql/promqltest/testdata/histograms.test, "testhistogram"
 * series: buckets 0.1: 50, 0.2: 70, +Inf: 110 for start="positive"), computed by hand here.
 */
class HistogramQuantileTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void interpolatesWithinTheBucket() {
    double[] le = {0.1, 0.2, INF};
    double[] c = {50, 70, 110};
    // rank 0.2*110 = 22 falls in (0, 0.1]: 0 + 0.1 * 22/50 = 0.044
    assertThat(HistogramQuantile.of(0.2, le, c).value()).isCloseTo(0.044, within(1e-12));
    // rank 0.5*110 = 55 falls in (0.1, 0.2]: 0.1 + 0.1 * (55-50)/20 = 0.125
    HistogramQuantile.Estimate e = HistogramQuantile.of(0.5, le, c);
    assertThat(e.value()).isCloseTo(0.125, within(1e-12));
    assertThat(e.lower()).isEqualTo(0.1);
    assertThat(e.upper()).isEqualTo(0.2);
    assertThat(e.count()).isEqualTo(110);
  }

  @Test
  void rankInTheInfBucketReturnsTheHighestFiniteBound() {
    // rank 0.8*110 = 88 > 70: Prometheus returns 0.2
    HistogramQuantile.Estimate e =
        HistogramQuantile.of(0.8, new double[] {0.1, 0.2, INF}, new double[] {50, 70, 110});
    assertThat(e.value()).isEqualTo(0.2);
    assertThat(e.upper()).isEqualTo(INF);
  }

  @Test
  void edgeCases() {
    assertThat(HistogramQuantile.of(0.5, new double[] {0.1, 0.2}, new double[] {1, 2}).value())
        .isNaN();
    assertThat(HistogramQuantile.of(0.5, new double[] {0.1, INF}, new double[] {0, 0}).value())
        .isNaN();
    assertThat(HistogramQuantile.of(-1, new double[] {0.1, INF}, new double[] {1, 2}).value())
        .isEqualTo(Double.NEGATIVE_INFINITY);
    // Unsorted input and a decreasing count (fixed to monotonic).
    assertThat(
            HistogramQuantile.of(0.5, new double[] {INF, 0.2, 0.1}, new double[] {110, 70, 50})
                .value())
        .isCloseTo(0.125, within(1e-12));
    assertThat(
            HistogramQuantile.of(0.5, new double[] {0.1, 0.2, INF}, new double[] {60, 50, 100})
                .value())
        .isCloseTo(0.1 * 50 / 60, within(1e-12)); // {60, 50, 100} -> {60, 60, 100}
  }
}
