package io.hopscope.analytics.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class KneedleTest {
  @Test
  void handComputedExample() {
    // x = 1..10, y doubles from x = 6 on. Normalised difference curve d = x_n - y_n:
    // 0, .108, .216, .324, .428, .523, .570, .552, .405, 0 -> local maximum at index 6 (x = 7);
    // threshold .570 - 1 * (1/9) = .459; d[8] = .405 falls below it, so the knee is confirmed.
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] y = {1, 1.1, 1.2, 1.3, 1.5, 2, 4, 8, 16, 32};
    assertThat(Kneedle.find(x, y, 1.0)).hasValue(6);
  }

  @Test
  void hockeyStickBendsWhereItBends() {
    for (int k = 3; k <= 7; k++) {
      double[] x = new double[10];
      double[] y = new double[10];
      for (int i = 0; i < 10; i++) {
        x[i] = 10 + 5 * i;
        y[i] = i <= k ? 100 + i : 100 + k + 200 * (i - k);
      }
      assertThat(Kneedle.find(x, y, 1.0)).as("bend at %d", k).hasValue(k);
    }
  }

  @Test
  void aStraightLineHasNoKnee() {
    double[] x = {1, 2, 3, 4, 5};
    assertThat(Kneedle.find(x, new double[] {2, 4, 6, 8, 10}, 1.0)).isEqualTo(OptionalInt.empty());
    assertThat(Kneedle.find(x, new double[] {3, 3, 3, 3, 3}, 1.0)).isEmpty();
    assertThat(Kneedle.find(new double[] {1, 2}, new double[] {1, 5}, 1.0)).isEmpty();
  }

  @Test
  void higherSensitivityIsMoreConservative() {
    double[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    double[] y = {1, 1.1, 1.2, 1.3, 1.5, 2, 4, 8, 16, 32};
    // With S = 2 the threshold is .570 - .222 = .348; d never falls below it before the end
    // except at the last point (0), which still confirms the knee.
    assertThat(Kneedle.find(x, y, 2.0)).hasValue(6);
    assertThat(Kneedle.find(x, y, 6.0)).isEmpty();
  }
}
