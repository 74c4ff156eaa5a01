package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrendTest {
  @Test
  void handExample() {
    // x = 1..5, y = 1, 3, 2, 5, 4. Pairwise slopes (10): 2, .5, 4/3, .75, -1, 1, 1/3, 3, 1, -1.
    // Sorted: -1, -1, 1/3, .5, .75, 1, 1, 4/3, 2, 3 -> median (.75 + 1) / 2 = .875.
    // Residuals y - .875x: .125, 1.25, -.625, 1.5, -.375 -> median .125.
    // S: pairs increasing 8, decreasing 2 -> S = 6; var = 5*4*15/18 = 16.667; Z = 5/4.082.
    Trend t = Trend.of(new double[] {1, 2, 3, 4, 5}, new double[] {1, 3, 2, 5, 4});
    assertThat(t.slope()).isCloseTo(0.875, within(1e-12));
    assertThat(t.intercept()).isCloseTo(0.125, within(1e-12));
    assertThat(t.s()).isEqualTo(6);
    assertThat(t.z()).isCloseTo(5 / Math.sqrt(50.0 / 3), within(1e-12));
    assertThat(t.pValue()).isCloseTo(0.2207, within(1e-3));
    assertThat(t.relativePerUnit()).isCloseTo(0.875 / 3, within(1e-12));
  }

  @Test
  void aCleanRiseIsSignificantAndTiesAreCorrected() {
    double[] x = new double[30];
    double[] y = new double[30];
    for (int i = 0; i < 30; i++) {
      x[i] = i;
      y[i] = 100 + 2 * i + ((i * 7) % 5) - 2;
    }
    Trend t = Trend.of(x, y);
    assertThat(t.slope()).isCloseTo(2, within(0.5));
    assertThat(t.significant(0.01)).isTrue();
    Trend flat = Trend.of(new double[] {1, 2, 3, 4, 5, 6}, new double[] {7, 7, 7, 7, 7, 7});
    assertThat(flat.slope()).isZero();
    assertThat(flat.s()).isZero();
    assertThat(flat.pValue()).isEqualTo(1.0);
  }

  @Test
  void outliersDoNotTiltTheSlope() {
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    double[] y = {10, 10, 10, 10, 500, 10, 10, 10, 10, 10};
    assertThat(Trend.of(x, y).slope()).isZero();
  }
}
